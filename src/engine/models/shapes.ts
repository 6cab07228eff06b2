// The shapes a `derivcheck: shapes W=3x2 x=2 A=nxd` directive declares for the leaves of a
// document's own model: sizes are numbers or size names sampled per point.
import { parseChain } from '../parse/parser';
import { symbolKey } from '../semantics/scope';
import { labelledSymbol, superscriptLabel } from '../semantics/superscript-labels';
import { subscriptName } from './symbol-uses';

/** A size in a shape: a number, or a size name (`n`, `k`) sampled per point unless pinned. */
export type Size = number | string;

export interface ShapeSpec {
  readonly rows: Size;
  readonly cols: Size;
  /** The symbol as the directive wrote it (`W_1`, `\hat{y}`), for messages. */
  readonly name?: string;
}

const SIZE = /^(?:[1-9]\d?|[A-Za-wyz])$/;

/** `3` (a column), `3x2`, `3×2`, `1x3` (a row), `n`, `nxd`, `k×1`: a shape, or undefined when malformed. */
export function parseShapeSpec(text: string): ShapeSpec | undefined {
  const parts = text.split(/[x×*]/);
  if (parts.length > 2 || !parts.every((p) => SIZE.test(p))) return undefined;
  const size = (p: string): Size => (/^\d+$/.test(p) ? Number(p) : p);
  if (parts.some((p) => /^\d+$/.test(p) && Number(p) > 50)) return undefined;
  return { rows: size(parts[0]), cols: parts.length === 2 ? size(parts[1]) : 1 };
}

export function shapeText(shape: ShapeSpec): string {
  return `${shape.rows}×${shape.cols}`;
}

/** The key a symbol written in a `shapes` directive names (`W`, `W_1`, `\hat{y}`, `\beta`), or undefined. */
export function shapeKeyOf(name: string): string | undefined {
  const parsed = parseChain(name);
  if (!parsed.ok || parsed.chain.members.length !== 1) return undefined;
  const written = parsed.chain.members[0];
  // `W^{(1)}`: a layer's own symbol (semantics/superscript-labels.ts).
  const label = superscriptLabel(written);
  const node = label?.label.kind === 'num' ? labelledSymbol(label) : written;
  if (node.kind !== 'sym' || node.primes) return undefined;
  if (node.sub?.kind === 'indices') return subscriptName(node);
  return symbolKey(node);
}

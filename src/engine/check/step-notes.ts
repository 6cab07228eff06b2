// What a finding says besides its verdict when the document's own model lacks a shape: a note on a
// shape mismatch, the reason a step or a definition cannot be decided, and the leaves' shapes at a point.
import { isProduct } from '../parse/nodes';
import type { Node } from '../parse/ast';
import type { SamplePoint } from '../semantics/model';
import { describe } from '../semantics/describe';
import { some } from '../semantics/walk';
import { DefinedModel, undeclaredMatrixUses } from '../models/defined';
import { symbolUses } from '../models/symbol-uses';
import { summaryOf } from './finding';
import { unknownShapesMessage } from '../semantics/shape-guard';
import type { Model } from '../semantics/model';
import type { Link } from './links';
import type { Evidence } from './evidence';

/** A note after a message's summary, before its example. */
export function withNote(message: string, note: string): string {
  if (!note) return message;
  const summary = summaryOf(message);
  return `${summary} (${note})${message.slice(summary.length)}`;
}

/** A shape mismatch of a derivative with respect to a leaf read as a scalar for want of a declared shape: say so. */
export function shapelessNote(link: Link, model: Model | null, evidence: Evidence): string {
  if (!(model instanceof DefinedModel) || evidence.diagnosis !== 'shape') return '';
  const names = new Set<string>();
  for (const node of [link.left.node, link.right.node]) {
    some(node, (n) => {
      const key = n.kind === 'deriv' && n.wrt.kind === 'sym' ? model.resolveSymbol(n.wrt) : undefined;
      if (key && model.isUndeclaredScalar(key)) names.add(model.nodes.get(key)?.display ?? key);
      return false;
    });
  }
  if (names.size === 0) return '';
  const list = [...names].join(', ');
  return `no shape is declared for ${list}, so ${names.size > 1 ? 'they are' : 'it is'} read as ${names.size > 1 ? 'scalars' : 'a scalar'}`;
}

/** A claim in the document's model that treats a shapeless leaf as a matrix or vector cannot be decided. */
export function undeclaredShapes(link: Link, model: DefinedModel): string | undefined {
  const found = [...undeclaredMatrixUses(link.left.node, model), ...undeclaredMatrixUses(link.right.node, model)];
  const unique = [...new Map(found.map((s) => [describe(s), s])).values()];
  if (unique.length > 0) return undeclaredMessage(unique);
  const algebra = [...new Set([...matrixAlgebraOn(link.left.node, model), ...matrixAlgebraOn(link.right.node, model)])];
  return algebra.length > 0 ? unknownShapesMessage(algebra) : undefined;
}

/**
 * Capital leaves with no declared shape that a claim inverts, multiplies by another such leaf, or
 * writes in bold (issue 13): read as scalars they commute, and `WV = VW` would be verified.
 */
function matrixAlgebraOn(node: Node, model: DefinedModel): string[] {
  const shapeless = (n: Node) =>
    symbolUses(n)
      .map(({ sym }) => ({ sym, key: model.resolveSymbol(sym) }))
      .filter(({ key }) => key !== undefined && model.isUndeclaredScalar(key))
      .map(({ sym, key }) => ({ sym, display: model.nodes.get(key!)?.display ?? describe(sym) }));
  const capitals = (n: Node) => [...new Set(shapeless(n).map((s) => s.display).filter((d) => /^[A-Z]/.test(d)))];
  const found: string[] = [];
  some(node, (n) => {
    if (n.kind === 'pow' && ((n.exp.kind === 'neg' && n.exp.arg.kind === 'num') || (n.exp.kind === 'num' && n.exp.value < 0))) found.push(...capitals(n.base));
    if (isProduct(n)) {
      const [left, right] = [capitals(n.left), capitals(n.right)];
      if (left.length > 0 && right.length > 0 && new Set([...left, ...right]).size > 1) found.push(...left, ...right);
    }
    if (n.kind === 'sym' && n.font === 'bf') found.push(...shapeless(n).map((s) => s.display));
    return false;
  });
  return found;
}

export function undeclaredMessage(symbols: readonly Node[], defining?: string): string {
  const names = symbols.map((s) => describe(s));
  const example = names.map((n, i) => `${n.replace(/[^A-Za-z0-9_]/g, '') || 'v'}=${i === 0 ? 3 : 2}`).join(' ');
  const where = defining ? `the definition of ${defining}` : 'this step';
  const many = names.length > 1;
  return `not checked: ${where} treats ${names.join(', ')} as ${many ? 'vectors or matrices' : 'a vector or matrix'} (transposed, ⊙ or a norm), but no shape is declared, so ${many ? 'they would be scalars' : 'it would be a scalar'}; declare ${many ? 'their shapes' : 'its shape'}, e.g. <!-- derivcheck: shapes ${example} -->`;
}

/** `W is 3×2, x is 2×1`: the shapes of the leaves a definition uses, at a point. */
export function leafShapesIn(model: DefinedModel, key: string, point: SamplePoint): string {
  const definition = model.definitionOf.get(key);
  if (!definition) return '';
  const seen = new Set<string>();
  const parts: string[] = [];
  some(definition.body, (n) => {
    if (n.kind !== 'sym') return false;
    const leafKey = model.resolveSymbol(n);
    const value = leafKey ? point.leaves.get(leafKey) : undefined;
    if (leafKey && value && !seen.has(leafKey)) {
      seen.add(leafKey);
      parts.push(`${model.nodes.get(leafKey)?.display ?? leafKey} is ${value.shapeText()}`);
    }
    return false;
  });
  return parts.join(', ');
}

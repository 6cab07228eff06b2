// `a_1 + a_2 + \dots + a_n`, `x_0 w_0 + x_1 w_1 + \cdots + x_n w_n + b`, `1 + 2 + \ldots + n`: a sum
// written out with an ellipsis is the sum over an index that runs from the first term that follows
// the pattern to the term after the ellipsis. The pattern is read from the terms on either side of the
// ellipsis: they must differ only where the one before has a whole number and the one after an
// expression in its place (the same number and the same expression everywhere); the terms before
// that follow it at one less, two less… set where the index starts. Anything else is not guessed.
import type { Node, NumNode, SumNode, SymNode } from './ast';
import type { SourceRange } from '../source/location';
import { at, bin } from './nodes';
import { show } from './print';

export interface SignedTerm {
  readonly sign: '+' | '-';
  readonly node: Node;
}

/** Index names tried for the sum, the first one no term uses. */
const INDEX_NAMES = ['i', 'j', 'k', 'l', 'm', 'r', 's', 'q'];

/**
 * The sum `terms` write, with an ellipsis between `terms[gap - 1]` and `terms[gap]`, or a reason why
 * the pattern cannot be read.
 */
export function sumOverEllipsis(terms: readonly SignedTerm[], gap: number, ellipsis: SourceRange): Node | { readonly unclear: string } {
  const [before, after] = [terms[gap - 1], terms[gap]];
  if (!before || !after) return { unclear: 'an ellipsis needs a term on each side' };
  if (before.sign !== after.sign) return { unclear: 'the terms around the ellipsis have different signs' };
  const name = INDEX_NAMES.find((n) => !terms.some((t) => usesName(t.node, n)));
  if (!name) return { unclear: 'no free letter is left to name the index' };
  const index: SymNode = { kind: 'sym', name, loc: ellipsis };
  const pattern = patternOf(before.node, after.node, index);
  if (!pattern) return { unclear: 'the terms on either side of the ellipsis do not differ by one index that runs' };
  // Earlier terms that follow the pattern one step down each time: the index starts at the first.
  let first = gap - 1;
  let lower = pattern.at;
  while (first > 0 && terms[first - 1].sign === before.sign && followsAt(terms[first - 1].node, after.node, index, pattern, lower - 1)) {
    first--;
    lower--;
  }
  const sum: SumNode = {
    kind: 'sum',
    index: name,
    indexLoc: ellipsis,
    lower: { kind: 'num', value: lower, decimals: 0, loc: ellipsis } satisfies NumNode,
    upper: pattern.upper,
    body: pattern.body,
    loc: at(terms[first].node.loc.start, after.node.loc.end),
  };
  const parts: SignedTerm[] = [...terms.slice(0, first), { sign: before.sign, node: sum }, ...terms.slice(gap + 1)];
  return parts.slice(1).reduce<Node>(
    (left, t) => bin(t.sign, left, t.node, at(left.loc.start, t.node.loc.end)),
    parts[0].sign === '-' ? { kind: 'neg', arg: parts[0].node, loc: parts[0].node.loc } : parts[0].node,
  );
}

interface Pattern {
  /** The term after the ellipsis with the index in place of what varies. */
  readonly body: Node;
  /** The index's value in the term before the ellipsis. */
  readonly at: number;
  /** Its value in the term after. */
  readonly upper: Node;
}

/** How `after` generalises `before`: one whole number of `before`, wherever it varies, is `index`. */
function patternOf(before: Node, after: Node, index: SymNode): Pattern | undefined {
  const varying: { value: number; written: Node }[] = [];
  const body = generalise(before, after, index, varying);
  if (body === undefined || varying.length === 0) return undefined;
  const [{ value, written }] = varying;
  if (!varying.every((v) => v.value === value && show(v.written) === show(written))) return undefined;
  if (written.kind === 'num' && written.value <= value) return undefined;
  return { body: body as Node, at: value, upper: written };
}

/** Whether `term` is the pattern's term at `value`: it generalises to the same body, with `value` where the index is. */
function followsAt(term: Node, after: Node, index: SymNode, pattern: Pattern, value: number): boolean {
  const varying: { value: number; written: Node }[] = [];
  const body = generalise(term, after, index, varying);
  return body !== undefined && show(body as Node) === show(pattern.body) && varying.length > 0 && varying.every((v) => v.value === value && show(v.written) === show(pattern.upper));
}

const FAIL = Symbol('differs');
const isLocation = (key: string) => key === 'loc' || key.endsWith('Loc');

/**
 * `after` with `index` where `before` has a whole number and `after` something else there (each such
 * place recorded in `varying`); undefined where the two differ otherwise.
 */
function generalise(before: unknown, after: unknown, index: SymNode, varying: { value: number; written: Node }[]): unknown {
  const result = walk(before, after);
  return result === FAIL ? undefined : result;

  function walk(a: unknown, b: unknown): unknown {
    if (isNode(a) && isNode(b) && a.kind === 'num' && Number.isInteger(a.value) && !(b.kind === 'num' && b.value === a.value)) {
      varying.push({ value: a.value, written: b });
      return { ...index, loc: b.loc };
    }
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return FAIL;
      const items = a.map((x, i) => walk(x, b[i]));
      return items.includes(FAIL) ? FAIL : items;
    }
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !isLocation(k)));
      const out: Record<string, unknown> = { ...(b as Record<string, unknown>) };
      for (const key of keys) {
        const value = walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
        if (value === FAIL) return FAIL;
        out[key] = value;
      }
      return out;
    }
    return a === b ? b : FAIL;
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && 'loc' in value;
}

/** Whether a symbol of `node` is named `name` (so the index cannot be). */
function usesName(node: Node, name: string): boolean {
  return JSON.stringify(node, (key, value: unknown) => (isLocation(key) ? undefined : value)).includes(`"name":"${name}"`);
}

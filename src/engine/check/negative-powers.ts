// `(1 - -0.08438^2)` in a worked example means 1 − (−0.08438)²: a negative number written before a power
// is squared whole by many who compute by hand (and by spreadsheets), while the usual reading, which the
// checker takes, squares the number first. A claim that fails as written and holds with every such
// negative number powered whole is not decided.
import type { Node } from '../parse/ast';
import type { OtherReading } from './reread';

/** `-0.08438^2`: the negation of a number to a power. */
function isNegatedPower(node: Node): boolean {
  return node.kind === 'neg' && node.arg.kind === 'pow' && node.arg.base.kind === 'num';
}

/** `node` with every `-a^n` of a number a read as `(-a)^n`. */
function poweredWhole(node: Node): Node {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const n = value as Node;
    if (isNegatedPower(n) && n.kind === 'neg' && n.arg.kind === 'pow') {
      return { ...n.arg, base: { kind: 'neg', arg: n.arg.base, loc: n.arg.base.loc }, exp: rewrite(n.arg.exp) };
    }
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, key === 'loc' ? field : rewrite(field)]));
  };
  return rewrite(node) as Node;
}

/** Negative numbers before a power, raised whole. */
export const POWERED_WHOLE: OtherReading = {
  applies: isNegatedPower,
  rewrite: poweredWhole,
  message: 'not decided: this holds with a negative number before a power raised whole, (−a)², as hand computations often mean; as written, −a² squares the number first',
  reason: 'negative power',
};

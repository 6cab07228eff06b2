// `\sum_{i=1}^n (x_i - \bar x) x_i = \sum_{i=1}^n (x_i - \bar x)^2`: beside the entries x_i of a sum,
// x̄ that nothing defines is their mean, as statistics writes it. The identity holds only then; read
// as a free variable of its own, it would be a false alarm. So, where every sum over x_i in the claim
// runs over the same range, and the claim uses no definition of the text (which reads x̄ as written)
// and does not define x̄ itself, x̄ is read as (1/count) Σ x_i over it; otherwise as it is.
import type { Node, SumNode, SymNode } from '../parse/ast';
import { show } from '../parse/print';
import { definitionOf } from '../semantics/scope';
import { some } from '../semantics/walk';
import type { Scope } from '../semantics/scope';
import { hasFreeValues } from './free-values';
import type { StepOutcome, StepRequest } from './step-io';
import { describe } from '../semantics/describe';

/** The request with x̄ read as the mean; or, where x̄ may be the mean but cannot be read so, the step not decided. */
export function withMeansRead(request: StepRequest): StepRequest | StepOutcome {
  const { scope } = request;
  if (!hasFreeValues(scope.model)) return request;
  const sides = [request.expected, request.claimed];
  // `\bar x = \frac{1}{n}\sum x_i` defines the mean: read so, it would verify itself.
  if (sides.some((side) => side.kind === 'sym' && side.accent === 'bar')) return request;
  const bars = new Map<string, SymNode>();
  for (const side of sides) some(side, (n) => (n.kind === 'sym' && isFreeBar(n, scope) && bars.set(n.name, n), false));
  const means = [...bars].filter(([name]) => sides.some((side) => some(side, (n) => n.kind === 'sum' && hasEntriesOf(n, name))));
  if (means.length === 0) return request;
  // A definition the sides use reads its own x̄ as written, and the claim must read it the same way.
  const ranges = means.map(([name]) => commonRange(sides, name));
  if (usesDefinitions(sides, scope) || ranges.some((r) => r === undefined)) {
    const written = means.map(([, bar]) => describe(bar)).join(', ');
    return {
      verdict: 'unsupported',
      message: `not decided: ${written} beside the entries of a sum may be their mean, which the text does not define here, or a variable of its own`,
      evidence: { reason: 'mean or variable' },
    };
  }
  let [expected, claimed] = sides;
  means.forEach(([name, bar], k) => {
    const mean = meanOf(name, ranges[k]!, bar);
    [expected, claimed] = [expected, claimed].map((side) => replaceBar(side, name, mean));
  });
  return { ...request, expected, claimed };
}

/** Whether the sides use a definition of the text: a defined name or function, or a node of the text's own model. */
function usesDefinitions(sides: readonly Node[], scope: Scope): boolean {
  const model = scope.model;
  const isNode = (sym: SymNode) => {
    const key = model?.bodyOf ? model.resolveSymbol(sym) : undefined;
    return key !== undefined && model?.bodyOf?.(key) !== undefined;
  };
  return sides.some((side) => some(side, (n) => (n.kind === 'sym' && (definitionOf(scope, n) !== undefined || isNode(n))) || (n.kind === 'call' && scope.definitions.has(n.fn))));
}

/** `\bar x` (or `\overline{x}`), with no index, that the text does not define. */
function isFreeBar(n: SymNode, scope: Scope): boolean {
  return n.accent === 'bar' && !n.sub && !n.primes && !n.star && !n.font && !definitionOf(scope, n);
}

/** The bounds of every sum of the sides whose body has the entries `name_i` of its index: one range, or undefined. */
function commonRange(sides: readonly Node[], name: string): { lower: Node; upper: Node } | undefined {
  const ranges: { lower: Node; upper: Node }[] = [];
  let unbounded = false;
  for (const side of sides) {
    some(side, (n) => {
      if (n.kind !== 'sum' || !hasEntriesOf(n, name)) return false;
      if (!n.lower || !n.upper) unbounded = true;
      else ranges.push({ lower: n.lower, upper: n.upper });
      return false;
    });
  }
  if (unbounded || ranges.length === 0) return undefined;
  const [first] = ranges;
  return ranges.every((r) => show(r.lower) === show(first.lower) && show(r.upper) === show(first.upper)) ? first : undefined;
}

function hasEntriesOf(sum: SumNode, name: string): boolean {
  return some(sum.body, (n) => n.kind === 'sym' && n.name === name && !n.accent && n.sub?.kind === 'indices' && n.sub.items.length === 1 && n.sub.items[0].kind === 'sym' && n.sub.items[0].name === sum.index);
}

/** (1/count) Σ_{k=lower}^{upper} x_k, written where x̄ is. */
function meanOf(name: string, range: { lower: Node; upper: Node }, bar: SymNode): Node {
  const loc = bar.loc;
  const index = 'ϰ';
  const entry: SymNode = { kind: 'sym', name, sub: { kind: 'indices', items: [{ kind: 'sym', name: index, loc }], loc }, loc };
  const sum: SumNode = { kind: 'sum', index, indexLoc: loc, lower: range.lower, upper: range.upper, body: entry, loc };
  const one = (value: number): Node => ({ kind: 'num', value, decimals: 0, loc });
  const fromOne = range.lower.kind === 'num' && range.lower.value === 1;
  const count: Node = fromOne ? range.upper : { kind: 'bin', op: '+', left: { kind: 'bin', op: '-', left: range.upper, right: range.lower, loc }, right: one(1), loc };
  return { kind: 'bin', op: '/', left: sum, right: count, loc };
}

function replaceBar(node: Node, name: string, mean: Node): Node {
  return replaceNodes(node, (n) => (n.kind === 'sym' && n.accent === 'bar' && n.name === name && !n.sub ? mean : undefined));
}

/** `node` with every subtree `replace` gives a replacement for replaced (a structural copy, locations kept). */
function replaceNodes(node: Node, replace: (n: Node) => Node | undefined): Node {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    if ('kind' in value && 'loc' in value) {
      const replaced = replace(value as Node);
      if (replaced) return replaced;
    }
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, key === 'loc' || key.endsWith('Loc') ? v : walk(v)]));
  };
  return walk(node) as Node;
}

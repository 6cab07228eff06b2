// `\sum_{i=1}^{n} x_i` with an n nothing defines: n is a count, so it is sampled as one, a whole number
// from 2 to 5 at each point, wherever the claim or a definition it uses writes it (`\frac{1}{n}\sum_{i=1}^{n} x_i`, `n(n+1)/2`).
// As any real, the sum's range would not exist and the claim would not be decided.
import type { Node, SymNode } from '../parse/ast';
import { isPlainSym } from '../parse/nodes';
import { definitionOf, symbolKey, visitThroughDefinitions } from '../semantics/scope';
import { some } from '../semantics/walk';
import type { SamplePoint } from '../semantics/model';
import { hasFreeValues, withFreeValues } from './free-values';
import type { StepRequest } from './step-io';

/** The counts a free bound takes (as free-shapes.ts's sizes). */
const COUNTS = [2, 3, 4, 5];

export function atWholeBounds(request: StepRequest): StepRequest {
  const { scope } = request;
  if (!hasFreeValues(scope.model)) return request;
  const keys = new Set<string>();
  const collect = (n: Node) => {
    if (n.kind === 'sum') for (const bound of [n.lower, n.upper]) if (bound && isFreeCount(bound, request)) keys.add(symbolKey(bound));
  };
  const sides = [request.expected, request.claimed];
  // In the sides, and in free variables in the definitions they use (`p_j = e^{z_j}/\sum_{k=1}^{K} e^{z_k}`):
  // the document's own model sizes its quantities itself.
  if (scope.model === null) visitThroughDefinitions(scope, sides, collect);
  else for (const side of sides) some(side, (n) => (collect(n), false));
  if (keys.size === 0) return request;
  return { ...request, points: request.points.map((p) => wholeAt(p, keys)) };
}

function isFreeCount(bound: Node, request: StepRequest): bound is SymNode {
  // ∞ is no count: a series is not decided by sampling.
  if (!isPlainSym(bound) || bound.name === 'infty' || bound.font) return false;
  return !definitionOf(request.scope, bound) && request.scope.model?.resolveSymbol(bound) === undefined;
}

function wholeAt(point: SamplePoint, keys: ReadonlySet<string>): SamplePoint {
  return withFreeValues(point, `whole-bounds:${[...keys].sort().join(',')}`, keys, (_, value) => COUNTS[Math.floor(Math.abs(value) * 1e6) % COUNTS.length]);
}

// Claims about functions the text names but never defines: (fg)' = f'g + fg', f(x + ε) ≈ f(x) + εf'(x),
// \frac{d}{dx} f(g(x)) = f'(g(x))g'(x). Checked again with a stand-in for each such function, a
// different smooth function at each sample point (evaluate/generic-functions.ts). Holding for all of
// them, the claim holds whatever f is: verified. Failing for some, it may still hold for the f the text
// means (a linear f, one defined in words or in a figure): not decided, never a mismatch.
import type { Node } from '../parse/ast';
import { visitThroughDefinitions, type Scope } from '../semantics/scope';
import { STAND_IN_LETTERS } from '../semantics/compile-calls';
import type { StepOutcome, StepRequest } from './step-io';
import { isDerivativeNotation } from './derivative-notation';
import { firstClause } from './diagnosis';

/** The verdict with stand-ins, where the step was not decided only because of undefined functions. */
export function withStandIns(request: StepRequest, outcome: StepOutcome, decide: (request: StepRequest) => StepOutcome): StepOutcome | undefined {
  if (outcome.verdict !== 'unsupported' || request.scope.genericFunctions) return undefined;
  const names = undefinedFunctions([request.expected, request.claimed], request.scope);
  if (names.length === 0) return undefined;
  // `f'(x) = \frac{d}{dx} f(x)`: of an undefined function as of a defined one (derivative-notation.ts).
  if (isDerivativeNotation(request.expected, request.claimed, (name) => names.includes(name))) {
    return { verdict: 'unsupported', message: `not checked: both sides write the same derivative of ${names.join(' and ')}, in two notations: notation, not a claim`, evidence: { reason: 'notation' } };
  }
  const again = decide({ ...request, scope: { ...request.scope, genericFunctions: true } });
  const list = names.join(' and ');
  if (again.verdict === 'verified') {
    return {
      verdict: 'verified',
      message: `verified for any ${list}: the text does not define ${list}, and the claim holds with ${names.length > 1 ? 'each' : list} replaced by a different smooth function at each sample point; ${again.message}`,
      evidence: { ...again.evidence, standIns: names },
    };
  }
  if (again.verdict === 'mismatch') {
    return {
      verdict: 'unsupported',
      message: `not decided: the text does not define ${list}, and the claim does not hold for every smooth ${list} (${firstClause(again.message)}); it may hold for the one meant`,
      evidence: { reason: 'undefined function', checked: again.evidence },
    };
  }
  return undefined;
}

/** The stand-in letters the nodes apply (directly or through the definitions they use) that nothing defines, sorted. */
function undefinedFunctions(nodes: readonly Node[], scope: Scope): string[] {
  const names = new Set<string>();
  visitThroughDefinitions(scope, nodes, (node) => {
    if (node.kind === 'call' && STAND_IN_LETTERS.has(node.fn) && !scope.definitions.has(node.fn)) names.add(node.fn);
  });
  return [...names].sort();
}

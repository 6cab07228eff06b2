// `0 = \sum_i w_i y_i`, `2x - 2 = 0`, `\frac{d}{dx}(x^2 - 2x) = 0`: in free variables, an expression set
// to zero that does not vanish for every value is an equation the text solves or imposes (a
// constraint, an optimality condition, the step that finds a minimum), not an identity that fails.
import type { Node } from '../parse/ast';
import { describe } from '../semantics/describe';
import { hasFreeValues } from './free-values';
import type { StepOutcome, StepRequest } from './step-io';

export function asZeroCondition(outcome: StepOutcome, request: StepRequest): StepOutcome {
  if (outcome.verdict !== 'mismatch' || request.op !== '=' || !hasFreeValues(request.scope.model)) return outcome;
  const side = isZero(request.expected) ? request.claimed : isZero(request.claimed) ? request.expected : undefined;
  if (!side || isZero(side)) return outcome;
  return {
    verdict: 'unsupported',
    message: `not decided: ${describe(side)} = 0 does not hold for every value, so it reads as a condition (an equation to solve, a constraint, the step that finds an optimum), not as an identity`,
    evidence: { reason: 'condition', checked: outcome.evidence },
  };
}

function isZero(node: Node): boolean {
  return node.kind === 'num' && node.value === 0;
}

// Claims about functions of a vector the text never defines, written with their gradients and Hessians
// at points (∇f(x)ᵀ(−t∇f(x)) = −t‖∇f(x)‖², f(x) + ∇f(x)ᵀ(y − x) + ½(y − x)ᵀ∇²f(x)(y − x)): checked again
// with each value, gradient and Hessian at a point written read as an unknown of its own
// (semantics/opaque-functions.ts). Holding for all of them, the claim holds whatever f is: verified.
// Failing, it may still hold for the f meant (the unknowns are not independent for an actual f):
// not decided, never a mismatch.
import type { Node } from '../parse/ast';
import type { Scope } from '../semantics/scope';
import { opaqueDerivative } from '../semantics/opaque-functions';
import { children } from '../semantics/walk';
import type { StepOutcome, StepRequest } from './step-io';
import { firstClause } from './diagnosis';

/** The verdict with the unknown functions' values and gradients as unknowns, where the step was not decided for them. */
export function withOpaqueFunctions(request: StepRequest, outcome: StepOutcome, decide: (request: StepRequest) => StepOutcome): StepOutcome | undefined {
  const scope = request.scope;
  if (outcome.verdict !== 'unsupported' || scope.opaqueFunctions || scope.genericFunctions) return undefined;
  const sides = [request.expected, request.claimed];
  const names = opaqueFunctionsIn(sides, scope);
  if (names.length === 0) return undefined;
  const again = decide({ ...request, scope: { ...scope, opaqueFunctions: true } });
  const list = names.join(' and ');
  if (again.verdict === 'verified') {
    return {
      verdict: 'verified',
      message: `verified for any ${list}: the text does not define ${list}, and the claim holds with its values, gradients and Hessians at the points written taken as unknowns; ${again.message}`,
      evidence: { ...again.evidence, standIns: names },
    };
  }
  if (again.verdict === 'mismatch') {
    return {
      verdict: 'unsupported',
      message: `not decided: the text does not define ${list}, and the claim does not hold for any values and gradients of ${list} (${firstClause(again.message)}); it may hold for the ${list} meant`,
      evidence: { reason: 'undefined function', checked: again.evidence },
    };
  }
  return undefined;
}

/**
 * The undefined functions whose gradients (∇f(p), ∇²f(p)) the sides take, sorted; none when another
 * derivative is taken too (it would differentiate through the unknowns) or one is taken inside a sum
 * (where one written point stands for many).
 */
function opaqueFunctionsIn(sides: readonly Node[], scope: Scope): string[] {
  const names = new Set<string>();
  let other = false;
  const visit = (node: Node, inSum: boolean): void => {
    if (node.kind === 'deriv') {
      if (!opaqueDerivative(scope, node) || inSum) other = true;
      else if (node.of.kind === 'call') names.add(node.of.fn);
      return;
    }
    if (node.kind === 'sum') return visit(node.body, true);
    children(node).forEach((child) => visit(child, inSum));
  };
  sides.forEach((side) => visit(side, false));
  return other ? [] : [...names].sort();
}

// `\frac{\partial \hat x_i}{\partial x_i} = \frac{1}{\sqrt{\sigma_B^2 + \epsilon}}`: the derivative of a
// node other than the model's output, written as the local partial (what the model knows as a slip,
// holding μ and σ² fixed), in a document that also takes derivatives by μ and σ²: a computational
// graph, which adds the paths through them afterwards. Two readings, and the claim is one of them:
// not decided. ∂L/∂x_i written so, or ∂y/∂x = γI where nothing is taken by μ, stays the slip.
import type { Node } from '../parse/ast';
import type { Model } from '../semantics/model';
import { describe } from '../semantics/describe';
import type { StepOutcome } from './step-io';

/** The outcome as not decided, when it is a local partial the document's graph reads; else as it is. */
export function asLocalPartial(outcome: StepOutcome, left: Node, model: Model | null, takesDerivativeBy: (model: Model, keys: readonly string[]) => boolean): StepOutcome {
  const evidence = outcome.evidence;
  if (outcome.verdict !== 'mismatch' || evidence.diagnosis !== 'slip' || left.kind !== 'deriv' || left.of.kind !== 'sym' || !model) return outcome;
  const local = model.slips?.find((slip) => slip.name === evidence.slip)?.localPartial;
  const of = model.resolveSymbol(left.of);
  if (!local || of === undefined || model.nodes.get(of)?.role === 'output' || !takesDerivativeBy(model, local.held)) return outcome;
  const message = `not decided: this is ${describe(left)} as a local partial (${local.phrase}), as the derivation's computational graph takes it before adding the paths through them; the total derivative differs`;
  return { verdict: 'unsupported', message, evidence: { reason: 'local partial', checked: evidence } };
}

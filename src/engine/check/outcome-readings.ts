// Readings of a step's outcome that say what the text may mean by it, each for one way notes are written:
// a special case at size 1, a size rounded down, backprop's names for gradients, a vector and its entries
// read as scalars, σ set to another activation. Each turns a verdict into `unsupported` with its reason,
// never the other way; claim-step.ts applies them in order.
import { DefinedModel } from '../models/defined';
import { formatNumber } from '../semantics/describe';
import { numberLiteral } from '../semantics/literal';
import type { Scope } from '../semantics/scope';
import { some } from '../semantics/walk';
import type { CheckContext } from './context';
import { hasFreeValues } from './free-values';
import type { Link } from './links';
import { vectorWithEntries } from './non-identities';
import { checkStep } from './step';
import type { StepOutcome, StepRequest } from './step-io';

/**
 * `\hat y + e = b + w_1x_1 + e` under "Linear Prediction with n=1", for `\hat y = b + \sum_{j=1}^n w_jx_j`:
 * a claim in the document's own model that writes entry 1 and fails for the sizes sampled, but holds
 * when the size is 1, is that special case (which the text may set in words), not a mistake.
 */
export function asSpecialCase(outcome: StepOutcome, request: StepRequest, ctx: CheckContext, link: Link): StepOutcome {
  const model = request.scope.model;
  if (outcome.verdict !== 'mismatch' || !(model instanceof DefinedModel)) return outcome;
  const size = model.defaultDim;
  const firstEntry = [link.left.node, link.right.node].some((side) => some(side, (n) => n.kind === 'sym' && n.sub?.kind === 'indices' && n.sub.items.length === 1 && n.sub.items[0].kind === 'num' && n.sub.items[0].value === 1));
  if (!firstEntry || !model.sizeNames.includes(size) || ctx.settings.values.dims[size] !== undefined) return outcome;
  const special = checkStep({ ...request, points: ctx.points.of(request.scope, { [size]: 1 }) });
  if (special.verdict !== 'verified') return outcome;
  return { verdict: 'unsupported', message: `not decided: this holds when ${size} = 1 (a special case, which the text may set in words), and not for larger ${size}`, evidence: { reason: 'special case', checked: outcome.evidence } };
}

/**
 * `\tanh(z) = 2\sigma(2z) - 1` after `\sigma(z) = \tanh(z)` in a list of activations: a claim that writes both
 * σ and the function σ was set to, and fails with σ that function, may relate it to another σ (the
 * sigmoid): not decided. (`\sigma'(z) = 1 - \tanh^2(z)` holds with σ = tanh and stays verified.)
 */
export function asSigmaDoubted(ctx: CheckContext, link: Link, outcome: StepOutcome): StepOutcome {
  const setTo = ctx.settings.sigmaFromDirective ? undefined : ctx.settings.sigmaOverride;
  if (outcome.verdict !== 'mismatch' || !setTo || setTo.name === 'sigmoid') return outcome;
  const writes = (fn: string) => [link.left.node, link.right.node].some((side) => some(side, (n) => n.kind === 'call' && n.fn === fn));
  if (!writes('sigma') || !writes(setTo.name)) return outcome;
  return { verdict: 'unsupported', message: `not decided: σ was set to ${setTo.display} above, and this claim writes both σ and ${setTo.display}, so σ may mean another function here (the sigmoid?)`, evidence: { reason: 'doubted reading', checked: outcome.evidence } };
}

/**
 * `w_k^\top x = \sum_i w_{ki} x_i` in free variables with no shape declared: x and its entries x_i are then
 * read as scalars, and the sum over as many terms as the sampling gives, so that holding says nothing.
 */
export function asEntriesOfUndeclared(outcome: StepOutcome, link: Link, scope: Scope): StepOutcome {
  if (outcome.verdict !== 'verified' || !hasFreeValues(scope.model)) return outcome;
  const name = vectorWithEntries([link.left.node, link.right.node], true);
  if (name === undefined || scope.freeShapes?.has(name)) return outcome;
  return { verdict: 'unsupported', message: `not decided: ${name} and its entries are both written, and the length of ${name} is not given, so it holds read with scalars only (declare it with a shapes directive)`, evidence: { reason: 'shapes uncertain', checked: outcome.evidence } };
}

/**
 * `(32 - 3 + 2)/2 + 1 = 16`: the size a convolution or a pooling gives, (W − F + 2P)/S + 1, is the floor
 * of that number when the stride does not divide evenly; a whole answer that is the left side rounded down
 * is that size, not a slip.
 */
export function asRoundedDownSize(outcome: StepOutcome, link: Link): StepOutcome {
  const example = outcome.evidence.counterexample;
  if (outcome.verdict !== 'mismatch' || outcome.evidence.diagnosis !== 'value' || !example || example.expected.length !== 1 || example.claimed.length !== 1) return outcome;
  const [expected, claimed] = [example.expected[0], example.claimed[0]];
  const left = link.left.node;
  const sizeFormula = left.kind === 'bin' && left.op === '+' && numberLiteral(left.right) === 1 && some(left.left, (n) => n.kind === 'bin' && n.op === '/');
  if (!sizeFormula || !Number.isInteger(claimed) || Number.isInteger(expected) || Math.floor(expected) !== claimed) return outcome;
  return { verdict: 'unsupported', message: `not decided: ${claimed} is the left side (${formatNumber(expected)}) rounded down, as a convolution's or a pooling's output size is`, evidence: { reason: 'rounded down', checked: outcome.evidence } };
}

/**
 * `dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]})`, decided with d read as a number times Z: backprop's names for
 * gradients (as in code) or differentials, neither defined, so no verdict.
 */
export function asGradientNames(outcome: StepOutcome, names: string | undefined): StepOutcome {
  if (names === undefined || (outcome.verdict !== 'verified' && outcome.verdict !== 'mismatch')) return outcome;
  const message = `not checked: ${names} read as backprop's names for gradients (dW for ∂L/∂W, as in code) or as differentials, and the claim takes no derivative to tell them by; neither is defined here`;
  return { verdict: 'unsupported', message, evidence: { reason: 'gradient names', checked: outcome.evidence } };
}

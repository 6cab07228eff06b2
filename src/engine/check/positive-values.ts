// `\sqrt{\tau^2 + \alpha^2}\sqrt{\frac{\alpha^2\tau^2}{\tau^2+\alpha^2}} = \alpha\tau`, where τ and α are
// standard deviations: notes leave unsaid that a scale, a rate or a length is positive, and write
// `\sqrt{\tau^2} = \tau`. A claim in free variables that fails at random reals but holds with every one
// of them positive is not decided: the text may mean them positive (and if it does not, the claim is
// wrong only for negative values, which the message says).
import { symbolKey, type AllowedValues } from '../semantics/scope';
import { describe } from '../semantics/describe';
import { CONSTANT_NAMES, symbolUses } from '../models/symbol-uses';
import type { StepOutcome, StepRequest } from './step-io';
import { hasFreeValues } from './free-values';
import { pointsOnValueSets } from './value-sets';

/** A mismatch in free variables checked again with them all positive; not decided when it holds then. */
export function onPositiveValues(outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  if (outcome.verdict !== 'mismatch' || outcome.evidence.diagnosis === 'shape' || !hasFreeValues(request.scope.model)) return outcome;
  const uses = [request.expected, request.claimed].flatMap((side) => symbolUses(side).map(({ sym }) => sym)).filter((sym) => sym.sub || !CONSTANT_NAMES.has(sym.name));
  const names = new Map(uses.map((sym) => [symbolKey(sym), describe(sym)]));
  if (names.size === 0) return outcome;
  const sets: Record<string, AllowedValues> = Object.fromEntries([...names.keys()].map((key) => [key, 'positive']));
  const points = pointsOnValueSets(request.points, [...names.keys()], sets);
  if (!points || check({ ...request, points }).verdict !== 'verified') return outcome;
  return {
    verdict: 'unsupported',
    message: `not decided: this holds when ${[...names.values()].join(', ')} ${names.size === 1 ? 'is' : 'are'} positive, but not for every value; the text may mean ${names.size === 1 ? 'it' : 'them'} positive (a scale, a length), and does not say`,
    evidence: { reason: 'sign', checked: outcome.evidence },
  };
}

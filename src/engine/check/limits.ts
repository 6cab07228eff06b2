// `m = \frac{(x + h)^2 - x^2}{h} = 2x + h = 2x`, "since h → 0": a derivation the text takes to a limit
// holds there, not at h ≠ 0. When the prose around the math (or the math itself, `\lim_{h \to 0}`) sends
// a variable to 0, a step of that math that fails at random values of it, but whose sides come together
// as the variable shrinks, is not decided: it holds in the limit the text takes.
import type { SamplePoint } from '../semantics/model';
import { shapeKeyOf } from '../models/shapes';
import type { StepOutcome, StepRequest } from './step-io';
import { hasFreeValues, withFreeValues } from './free-values';

/** A variable sent to 0: `h \to 0`, `h -> 0`, `h → 0`, "h approaches 0", "as h goes to zero". */
const TO_ZERO = /(?<![A-Za-z\\])(\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]\}?)?)\s*(?:\\to|\\rightarrow|->|→|approaches|goes to|tends to|tending to)\s*(?:0|zero)\b/g;

/** The keys of the variables the prose `around` a span, or its math `latex`, sends to 0. */
export function limitVariables(around: string, latex: string): string[] {
  const keys = new Set<string>();
  for (const text of [around, latex]) {
    for (const match of text.matchAll(TO_ZERO)) {
      const name = match[1];
      // A word before "approaches" (`error approaches 0`) is no variable.
      if (!name.startsWith('\\') && name.replace(/_.*$/, '').length > 1) continue;
      const key = shapeKeyOf(name);
      if (key) keys.add(key);
    }
  }
  return [...keys];
}

/** Scales at which the sides are compared as the variables shrink. */
const NEAR = 1e-3;
const NEARER = 1e-6;

/** The points with the variables `keys` at `scale` times their values. */
function shrunk(points: readonly SamplePoint[], keys: readonly string[], scale: number): SamplePoint[] {
  const near = new Set(keys);
  return points.map((point) => withFreeValues(point, `limit:${keys.join(',')}:${scale}`, near, (_, value) => value * scale));
}

/** The outcome as not decided when it fails at random values but holds as the variables the text sends to 0 shrink; else as it is. */
export function inTheLimit(outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  const keys = request.scope.limits;
  const error = outcome.evidence.maxError;
  if (outcome.verdict !== 'mismatch' || !keys || keys.length === 0 || !hasFreeValues(request.scope.model) || !error || outcome.evidence.diagnosis === 'shape') return outcome;
  const near = check({ ...request, points: shrunk(request.points, keys, NEAR) });
  const nearer = check({ ...request, points: shrunk(request.points, keys, NEARER) });
  const gap = (o: StepOutcome) => (o.verdict === 'verified' ? 0 : o.verdict === 'mismatch' ? (o.evidence.maxError ?? Infinity) : Infinity);
  // The gap closes with the variable (to first order or faster), not by chance at one scale.
  if (!(gap(near) <= error * NEAR * 10 && gap(nearer) <= gap(near) * NEAR * 10)) return outcome;
  const variables = keys.join(', ');
  return {
    verdict: 'unsupported',
    message: `not decided: this holds in the limit ${variables} → 0 that the text takes, not for ${variables} ≠ 0`,
    evidence: { reason: 'limit', checked: outcome.evidence },
  };
}

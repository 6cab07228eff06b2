// A claim about a small constant ε that fails only by about ε²: `(a + bε)^n = a^n + n a^{n−1} b ε`
// holds where ε² = 0 (dual numbers, infinitesimals) and fails for ε a small number, so which ε the
// document means decides it. Sampled small and positive (semantics/small-constants.ts), ε is tried
// again at a tenth of its value: a difference that shrinks a hundredfold is of second order, and the
// claim is not decided; one that shrinks tenfold (√σ² + ε² for √(σ² + ε)) stays a mismatch.
import type { Node } from '../parse/ast';
import type { SamplePoint } from '../semantics/model';
import * as T from '../evaluate/tensor';
import { derivedPoint } from '../semantics/env';
import { symbolKey } from '../semantics/scope';
import { isSmallConstant } from '../semantics/small-constants';
import { some } from '../semantics/walk';
import type { StepOutcome, StepRequest } from './step-io';

const SCALE = 0.1;
/** A difference below this share of the first (a second-order one shrinks to SCALE², a first-order one to SCALE). */
const SECOND_ORDER = SCALE / 3;

export function firstOrderOnly(request: StepRequest, outcome: StepOutcome, check: (request: StepRequest) => StepOutcome): StepOutcome | undefined {
  if (outcome.verdict !== 'mismatch' || outcome.evidence.diagnosis === 'shape' || !writesSmallConstant(request)) return undefined;
  const error = outcome.evidence.maxError;
  if (!error) return undefined;
  const smaller = check({ ...request, points: request.points.map(scaled) });
  if (smaller.verdict !== 'mismatch' && smaller.verdict !== 'verified') return undefined;
  const smallerError = smaller.evidence.maxError ?? 0;
  if (smallerError > error * SECOND_ORDER) return undefined;
  return {
    verdict: 'unsupported',
    message: 'not decided: the two sides agree to first order in ε and differ by about ε², so they are equal where ε² = 0 (dual numbers, infinitesimals) and differ for a small number ε',
    evidence: { reason: 'first order in ε', numeric: outcome.message },
  };
}

function writesSmallConstant(request: StepRequest): boolean {
  const small = (n: Node) => n.kind === 'sym' && isSmallConstant(symbolKey(n));
  return some(request.expected, small) || some(request.claimed, small);
}

/** The point with every small constant (a free ε, a model's ε in place) at a tenth of its value. */
function scaled(point: SamplePoint): SamplePoint {
  return derivedPoint(point, 'small-constants-scaled', () => {
    const leaves = new Map(point.leaves);
    for (const key of point.smallConstants?.keys() ?? []) {
      const leaf = leaves.get(key);
      if (leaf) leaves.set(key, T.map(leaf, (x) => x * SCALE, () => SCALE));
    }
    return { ...point, leaves, free: (name: string) => (isSmallConstant(name) ? point.free(name) * SCALE : point.free(name)) };
  });
}

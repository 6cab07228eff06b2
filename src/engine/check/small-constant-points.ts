// The points a step that writes a small constant is evaluated at. A model leaf such as batchnorm's ε
// that the document did not give is 0 at the sample points, since a document may state batchnorm
// without it; a claim that writes ε (or uses a definition that does) is evaluated with ε small and
// positive instead, so that dropping ε, squaring it or moving it out of the root is not verified
// (issue 13). The model says which leaves are such constants, and their values (SamplePoint.smallConstants).
import type { SamplePoint } from '../semantics/model';
import { derivedPoint } from '../semantics/env';
import { mentions } from './readings';
import type { StepRequest } from './step-io';

export function atSmallConstants(request: StepRequest): StepRequest {
  const keys = new Set(request.points.flatMap((p) => [...(p.smallConstants?.keys() ?? [])]));
  if (keys.size === 0) return request;
  const { expected, claimed, scope } = request;
  if (!mentions(expected, scope, keys) && !mentions(claimed, scope, keys)) return request;
  return { ...request, points: request.points.map(withSmallConstants) };
}

/** The point with its small constants in place of the leaves' own values (made once per point). */
export function withSmallConstants(point: SamplePoint): SamplePoint {
  const values = point.smallConstants;
  if (!values || values.size === 0) return point;
  return derivedPoint(point, 'small-constants', () => ({ ...point, leaves: new Map([...point.leaves, ...values]) }));
}

// Whether an equation holds at the sample points of a scope, as a yes or no: for the choices made
// before a claim is checked (does a restatement hold in this model? is this a new definition?).
import type { Node } from '../parse/ast';
import type { SamplePoint } from '../semantics/model';
import type { Scope } from '../semantics/scope';
import { compileStep, sampleStep, type SampleRecord } from './evaluate-step';

/** `left = right` at each point, or undefined when it cannot be evaluated there. */
function records(left: Node, right: Node, scope: Scope, points: readonly SamplePoint[], rtol: number): SampleRecord[] | undefined {
  try {
    return sampleStep(compileStep(left, right, scope), scope, points, { rtol, atol: 1e-12 });
  } catch {
    return undefined;
  }
}

/** True when `left = right` holds at every sample point (false when it cannot be evaluated). */
export function holdsAt(left: Node, right: Node, scope: Scope, points: readonly SamplePoint[], rtol: number): boolean {
  const found = records(left, right, scope, points, rtol);
  return found !== undefined && found.length > 0 && found.every((r) => r.agrees);
}

/** True when `left = right` can be evaluated and fails at some sample point (false when it cannot be evaluated). */
export function differsAt(left: Node, right: Node, scope: Scope, points: readonly SamplePoint[], rtol: number): boolean {
  const found = records(left, right, scope, points, rtol);
  return found !== undefined && found.some((r) => !r.agrees);
}

/** True when `node` takes more than one value over the sample points (false when it cannot be evaluated). */
export function varies(node: Node, scope: Scope, points: readonly SamplePoint[], rtol: number): boolean {
  const found = records(node, node, scope, points, rtol);
  if (!found || found.length < 2) return false;
  const first = found[0].expected.v;
  return found.some(({ expected }) => expected.v.length !== first.length || Array.from(expected.v).some((v, i) => Math.abs(v - first[i]) > rtol * Math.max(1, Math.abs(first[i]))));
}

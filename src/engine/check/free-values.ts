// A sample point with some free variables set otherwise: the free variables of an identity (point.free)
// and the scalar leaves of the document's own model, which it samples as leaves. Value sets put them on
// the values the text gives (value-sets.ts); limits shrink them toward 0 (limits.ts).
import * as T from '../evaluate/tensor';
import { derivedPoint } from '../semantics/env';
import type { Model, SamplePoint } from '../semantics/model';
import { DefinedModel } from '../models/defined';

/** Whether a step's variables are free ones, which withFreeValues sets: no model, or the document's own (a built-in model samples its quantities itself). */
export function hasFreeValues(model: Model | null): boolean {
  return model === null || model instanceof DefinedModel;
}

/** The point with each variable of `keys` at `valueOf(key, its value at the point)` (made once per point and `tag`). */
export function withFreeValues(point: SamplePoint, tag: string, keys: ReadonlySet<string>, valueOf: (key: string, value: number) => number): SamplePoint {
  return derivedPoint(point, tag, () => ({
    ...point,
    leaves: new Map([...point.leaves].map(([key, leaf]) => [key, keys.has(key) && leaf.isScalar ? T.scalar(valueOf(key, leaf.v[0])) : leaf])),
    free: (name: string) => (keys.has(name) ? valueOf(name, point.free(name)) : point.free(name)),
  }));
}

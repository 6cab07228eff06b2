// Free variables with a declared shape (`<!-- derivcheck: model=none shapes A=2x2 x=n -->`): an
// identity in free variables samples them as random matrices and vectors of that shape, so that
// `AB = BA` is decided as a matrix identity, not one in commuting scalars (issue 13).
import * as T from '../evaluate/tensor';
import type { SamplePoint } from './model';
import type { FreeShape } from './scope';

/** Sizes a size name (`n`) takes at a point when no directive pins it. */
const SIZES = [2, 3, 4, 5];

/** The value of the free variable `key` of this shape at the point: entries drawn like free scalars, stable per point and name. */
export function freeTensor(point: SamplePoint, key: string, shape: FreeShape, pinned: Readonly<Record<string, number>> = {}): T.Tensor {
  const rows = sizeOf(point, shape.rows, pinned);
  const cols = sizeOf(point, shape.cols, pinned);
  // A symmetric matrix takes the entries above its diagonal for those below.
  const entry = (r: number, c: number) => (shape.symmetric && r > c ? [c, r] : [r, c]);
  const values = Array.from({ length: rows * cols }, (_, i) => {
    const [r, c] = entry(Math.floor(i / cols), i % cols);
    return point.free(`${key}[${r + 1},${c + 1}]`);
  });
  return T.fromValues(rows, cols, values);
}

function sizeOf(point: SamplePoint, size: number | string, pinned: Readonly<Record<string, number>>): number {
  if (typeof size === 'number') return size;
  const given = pinned[size] ?? point.dims[size];
  if (given !== undefined) return given;
  // A size name no directive pins: one of SIZES per point, from the point's stream of free values.
  return SIZES[Math.floor(Math.abs(point.free(`size:${size}`)) * 1e6) % SIZES.length];
}

// Functions of a whole vector, as dual numbers: softmax and log-sum-exp, computed stably (the largest
// entry subtracted first). Tangents: d softmax(z) = p ⊙ (dz − pᵀdz), d LSE(z) = pᵀdz, with p = softmax(z).
import { scalar, ShapeError, Tensor } from './tensor';

/** softmax(z)_i = e^{z_i} / Σ_j e^{z_j}, of a vector. */
export function softmax(z: Tensor): Tensor {
  const { p, slope } = weights(vector(z, 'softmax'));
  return new Tensor(z.rows, z.cols, p, p.map((pi, i) => pi * (z.d[i] - slope)));
}

/** log Σ_j e^{z_j}. */
export function logSumExp(z: Tensor): Tensor {
  const { max, total, slope } = weights(vector(z, 'log-sum-exp'));
  return scalar(max + Math.log(total), slope);
}

/** Of one number these are 1 and the number: read so, a vector whose length is not known would pass as a number. */
function vector(z: Tensor, name: string): Tensor {
  if (!z.isVector) throw new ShapeError(`${name} is taken of a vector, not ${z.shapeText()}`);
  return z;
}

/** p = softmax(z), pᵀż, and the largest entry and Σ_j e^{z_j − max} they are computed with. */
function weights(z: Tensor): { p: number[]; slope: number; max: number; total: number } {
  const max = Math.max(...z.v);
  const e = z.v.map((x) => Math.exp(x - max));
  const total = e.reduce((a, b) => a + b, 0);
  const p = e.map((x) => x / total);
  return { p, slope: p.reduce((sum, pi, i) => sum + pi * z.d[i], 0), max, total };
}

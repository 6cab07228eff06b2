// Scalar functions of a matrix, as dual numbers: the trace, the determinant and its log, the spectral
// norm. Tangents: d tr(A) = tr(dA); d det(A) = det(A)·tr(A⁻¹dA) (Jacobi's formula); d log det(A) =
// tr(A⁻¹dA); d‖A‖₂ = u₁ᵀ dA v₁ (the top singular vectors, where σ₁ is simple).
import { LuDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { inverse, scalar, ShapeError, SingularMatrixError, type Tensor } from './tensor';

function square(a: Tensor, what: string): number {
  if (a.rows !== a.cols) throw new ShapeError(`${what} needs a square matrix, not ${a.shapeText()}`);
  return a.rows;
}

/** tr(A) = Σ A_ii. */
export function trace(a: Tensor): Tensor {
  const n = square(a, 'the trace');
  let v = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    v += a.v[i * n + i];
    d += a.d[i * n + i];
  }
  return scalar(v, d);
}

/** tr(A⁻¹ dA), the tangent of log det A; NaN where A is singular (the point is then outside the domain). */
function logDetTangent(a: Tensor): number {
  if (a.d.every((x) => x === 0)) return 0;
  let inv: Tensor;
  try {
    inv = inverse(a);
  } catch (error) {
    if (error instanceof SingularMatrixError) return NaN;
    throw error;
  }
  const n = a.rows;
  let t = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) t += inv.v[i * n + k] * a.d[k * n + i];
  return t;
}

function detValue(a: Tensor): number {
  return new LuDecomposition(Matrix.from1DArray(a.rows, a.cols, a.v)).determinant;
}

/** det(A). */
export function determinant(a: Tensor): Tensor {
  square(a, 'the determinant');
  if (a.isScalar) return scalar(a.v[0], a.d[0]);
  const v = detValue(a);
  return scalar(v, v * logDetTangent(a));
}

/** log det(A): NaN where det A ≤ 0. */
export function logDeterminant(a: Tensor): Tensor {
  square(a, 'log det');
  const det = a.isScalar ? a.v[0] : detValue(a);
  return scalar(Math.log(det), det > 0 ? (a.isScalar ? a.d[0] / a.v[0] : logDetTangent(a)) : NaN);
}

/** ‖A‖₂, the largest singular value (ml-matrix's SVD). */
export function spectralNorm(a: Tensor): Tensor {
  const svd = new SingularValueDecomposition(Matrix.from1DArray(a.rows, a.cols, a.v), { autoTranspose: true });
  const u = svd.leftSingularVectors.getColumn(0);
  const v = svd.rightSingularVectors.getColumn(0);
  let d = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) d += u[i] * a.d[i * a.cols + j] * v[j];
  return scalar(svd.diagonal[0], d);
}

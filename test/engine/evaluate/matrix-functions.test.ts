// The trace, determinant and log-determinant as dual numbers: values against hand-computed ones,
// tangents against Jacobi's formula by central differences, and the shapes they refuse.
import * as assert from 'node:assert/strict';
import { determinant, logDeterminant, spectralNorm, trace } from '../../../src/engine/evaluate/matrix-functions';
import { ShapeError, Tensor } from '../../../src/engine/evaluate/tensor';
import { logSumExp, softmax } from '../../../src/engine/evaluate/vector-functions';

const A = [2, 1, 0.5, 3];
const DIRECTION = [0.3, -0.7, 1.1, 0.2];

/** The value of f at A + h·D, for a central difference of its tangent along D. */
function along(f: (a: Tensor) => Tensor, h: number): number {
  return f(new Tensor(2, 2, A.map((a, i) => a + h * DIRECTION[i]), [0, 0, 0, 0])).v[0];
}

function tangentMatches(f: (a: Tensor) => Tensor): void {
  const exact = f(new Tensor(2, 2, A, DIRECTION)).d[0];
  const h = 1e-6;
  const numeric = (along(f, h) - along(f, -h)) / (2 * h);
  assert.ok(Math.abs(exact - numeric) < 1e-6, `${exact} vs ${numeric}`);
}

describe('matrix functions', () => {
  it('computes tr, det and log det of a square matrix', () => {
    const a = new Tensor(2, 2, A, [0, 0, 0, 0]);
    assert.equal(trace(a).v[0], 5);
    assert.ok(Math.abs(determinant(a).v[0] - 5.5) < 1e-12);
    assert.ok(Math.abs(logDeterminant(a).v[0] - Math.log(5.5)) < 1e-12);
  });

  it('carries tangents: d tr A = tr dA, d det A = det A tr(A⁻¹dA), d log det A = tr(A⁻¹dA)', () => {
    tangentMatches(trace);
    tangentMatches(determinant);
    tangentMatches(logDeterminant);
  });

  it('reads a scalar as a 1×1 matrix, and refuses other shapes', () => {
    assert.equal(determinant(new Tensor(1, 1, [3], [1])).d[0], 1);
    assert.equal(logDeterminant(new Tensor(1, 1, [4], [2])).d[0], 0.5);
    assert.throws(() => trace(new Tensor(2, 1, [1, 2], [0, 0])), (e: unknown) => e instanceof ShapeError && /square/.test(e.message));
  });

  it('has no log det, and no tangent of det, where the matrix is singular or its determinant negative', () => {
    assert.ok(Number.isNaN(logDeterminant(new Tensor(2, 2, [0, 1, 1, 0], [0, 0, 0, 0])).v[0]));
    assert.ok(Number.isNaN(determinant(new Tensor(2, 2, [1, 2, 2, 4], [1, 0, 0, 0])).d[0]));
  });
});

describe('the spectral norm', () => {
  it('is the largest singular value, tall or wide, with the tangent u₁ᵀ dA v₁', () => {
    // diag(3, 2) padded: ‖A‖₂ = 3, and only the (1,1) entry moves it.
    const tall = new Tensor(3, 2, [3, 0, 0, 2, 0, 0], [1, 0, 0, 0, 0, 0]);
    const wide = new Tensor(2, 3, [3, 0, 0, 0, 2, 0], [1, 0, 0, 1, 0, 0]);
    for (const a of [tall, wide]) {
      const n = spectralNorm(a);
      assert.ok(Math.abs(n.v[0] - 3) < 1e-12, `${n.v[0]}`);
      assert.ok(Math.abs(n.d[0] - 1) < 1e-9, `${n.d[0]}`);
    }
  });
});

describe('softmax and log-sum-exp', () => {
  it('compute stably, with the tangents p ⊙ (dz − pᵀdz) and pᵀdz', () => {
    const z = new Tensor(3, 1, [1000, 1001, 999], [1, 0, 0]);
    const p = softmax(z);
    const e = [Math.exp(-1), 1, Math.exp(-2)];
    const total = e[0] + e[1] + e[2];
    p.v.forEach((pi, i) => assert.ok(Math.abs(pi - e[i] / total) < 1e-12));
    const slope = p.v[0];
    p.d.forEach((di, i) => assert.ok(Math.abs(di - p.v[i] * ((i === 0 ? 1 : 0) - slope)) < 1e-12));
    const lse = logSumExp(z);
    assert.ok(Math.abs(lse.v[0] - (1001 + Math.log(total))) < 1e-9);
    assert.ok(Math.abs(lse.d[0] - slope) < 1e-12);
  });

  it('are not taken of a single number, which would pass for a vector of unknown length', () => {
    assert.throws(() => softmax(new Tensor(1, 1, [2], [0])), (e: unknown) => e instanceof ShapeError && /softmax is taken of a vector/.test(e.message));
    assert.throws(() => logSumExp(new Tensor(1, 1, [2], [0])), ShapeError);
  });
});

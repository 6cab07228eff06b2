// The trace, determinant and log-determinant as dual numbers: values against hand-computed ones,
// tangents against Jacobi's formula by central differences, and the shapes they refuse.
import * as assert from 'node:assert/strict';
import { determinant, logDeterminant, trace } from '../../../src/engine/evaluate/matrix-functions';
import { ShapeError, Tensor } from '../../../src/engine/evaluate/tensor';

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

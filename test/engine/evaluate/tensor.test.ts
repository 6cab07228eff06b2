// The dual-number tensors on their own: values and tangents against hand-computed matrices and
// derivatives, the kinds (a context-sized identity, a gradient of either orientation) and the shape
// errors a student's claim can run into, with their messages.
import * as assert from 'node:assert/strict';
import * as T from '../../../src/engine/evaluate/tensor';
import { ShapeError, SingularMatrixError, Tensor } from '../../../src/engine/evaluate/tensor';

/** A tensor with the given values and tangents (row-major). */
function dual(rows: number, cols: number, v: number[], d: number[]): Tensor {
  return new Tensor(rows, cols, v, d);
}

function gradient(rows: number, cols: number, v: number[]): Tensor {
  return T.withKind(T.fromValues(rows, cols, v), 'gradient');
}

/** Shape, kind, values and tangents, exactly (arrays compared whole: no entry beyond the shape). */
function assertTensor(t: Tensor, rows: number, cols: number, v: number[], d: number[], kind: Tensor['kind'] = 'plain'): void {
  assert.deepEqual([t.rows, t.cols, t.kind], [rows, cols, kind]);
  assert.deepStrictEqual(t.v, v);
  assert.deepStrictEqual(t.d, d);
}

function close(actual: number, expected: number, tol = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} is not ${expected}`);
}

function throwsShape(f: () => unknown, message: string): void {
  assert.throws(f, (e: unknown) => e instanceof ShapeError && e.message === message);
}

describe('tensors (dual numbers)', () => {
  describe('shape texts', () => {
    it('names a scalar "a scalar" and anything else rows×cols', () => {
      assert.equal(T.scalar(3).shapeText(), 'a scalar');
      assert.equal(T.zeros(2, 3).shapeText(), '2×3');
      assert.equal(T.zeros(1, 4).shapeText(), '1×4');
    });
  });

  describe('seeded', () => {
    it('sets the tangent of one entry to 1', () => {
      assertTensor(T.seeded(T.fromValues(3, 1, [4, 5, 6]), 2), 3, 1, [4, 5, 6], [0, 0, 1]);
      assertTensor(T.seeded(T.fromValues(3, 1, [4, 5, 6]), 0), 3, 1, [4, 5, 6], [1, 0, 0]);
    });

    it('seeds nothing at an index outside the tensor or not an integer', () => {
      for (const index of [-1, 3, 4, 1.5, NaN]) {
        assertTensor(T.seeded(T.fromValues(3, 1, [4, 5, 6]), index), 3, 1, [4, 5, 6], [0, 0, 0]);
      }
    });
  });

  describe('column', () => {
    const m = dual(3, 2, [1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60]);

    it('takes column j (1-based) of a matrix, with its tangents', () => {
      assertTensor(T.column(m, 1), 3, 1, [1, 3, 5], [10, 30, 50]);
      assertTensor(T.column(m, 2), 3, 1, [2, 4, 6], [20, 40, 60]);
    });

    it('refuses a column out of range or not an integer', () => {
      throwsShape(() => T.column(m, 0), 'column 0 is out of range 1..2');
      throwsShape(() => T.column(m, 3), 'column 3 is out of range 1..2');
      throwsShape(() => T.column(m, 1.5), 'column 1.5 is out of range 1..2');
    });
  });

  describe('identities', () => {
    it('I is a 1×1 identity of value 1 and tangent 0', () => {
      assertTensor(T.identity(), 1, 1, [1], [0], 'identity');
    });

    it('I_n is the n×n identity', () => {
      assertTensor(T.eye(3), 3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    });

    it('A + λI adds λ (and its tangent) on the diagonal of a k×k matrix', () => {
      const a = dual(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 0, 0, 0, 0, 0, 0, 0, 0]);
      const lambdaI = T.product(T.scalar(0.5, 1), T.identity());
      assert.equal(lambdaI.kind, 'identity');
      assertTensor(T.add(a, lambdaI), 3, 3, [1.5, 2, 3, 4, 5.5, 6, 7, 8, 9.5], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
      assertTensor(T.sub(lambdaI, a), 3, 3, [-0.5, -2, -3, -4, -4.5, -6, -7, -8, -8.5], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    });

    it('I cannot meet a matrix that is not square', () => {
      throwsShape(() => T.add(T.zeros(2, 3), T.identity()), 'I is square, but it meets 2×3');
      throwsShape(() => T.add(T.identity(), T.zeros(3, 1)), 'I is square, but it meets 3×1');
    });

    it('stays an identity when scaled, divided by a scalar, summed with another identity or transposed', () => {
      assert.equal(T.hadamard(T.identity(), T.scalar(2)).kind, 'identity');
      assert.equal(T.hadamard(T.identity(), T.identity()).kind, 'plain');
      assert.equal(T.divide(T.identity(), T.scalar(2)).kind, 'identity');
      assert.equal(T.divide(T.identity(), T.identity()).kind, 'plain');
      assert.equal(T.divide(T.scalar(2), T.identity()).kind, 'plain');
      assert.equal(T.add(T.identity(), T.identity()).kind, 'identity');
      assert.equal(T.sub(T.identity(), T.identity()).kind, 'identity');
      assert.equal(T.add(T.identity(), T.scalar(1)).kind, 'plain');
      assertTensor(T.transpose(T.identity()), 1, 1, [1], [0], 'identity');
    });

    it('2I/4 expands to 0.5 on the diagonal of the matrix it meets', () => {
      const half = T.divide(T.product(T.scalar(2), T.identity()), T.scalar(4));
      assertTensor(T.add(T.zeros(2, 2), half), 2, 2, [0.5, 0, 0, 0.5], [0, 0, 0, 0]);
    });
  });

  describe('transpose', () => {
    it('transposes a matrix entry by entry, tangents too', () => {
      assertTensor(T.transpose(dual(2, 3, [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1])), 3, 2, [1, 4, 2, 5, 3, 6], [6, 3, 5, 2, 4, 1]);
    });

    it('turns a vector over and keeps its kind', () => {
      assertTensor(T.transpose(gradient(3, 1, [1, 2, 3])), 1, 3, [1, 2, 3], [0, 0, 0], 'gradient');
      assertTensor(T.transpose(gradient(1, 3, [1, 2, 3])), 3, 1, [1, 2, 3], [0, 0, 0], 'gradient');
      assertTensor(T.transpose(dual(1, 2, [1, 2], [3, 4])), 2, 1, [1, 2], [3, 4]);
    });
  });

  describe('elementwise operations', () => {
    it('name both shapes when they do not fit', () => {
      const col = T.zeros(2, 1);
      const row = T.zeros(1, 2);
      const square = T.zeros(2, 2);
      throwsShape(() => T.add(col, row), 'cannot add 2×1 and 1×2');
      throwsShape(() => T.add(col, square), 'cannot add 2×1 and 2×2');
      throwsShape(() => T.add(row, square), 'cannot add 1×2 and 2×2');
      throwsShape(() => T.sub(square, T.zeros(2, 3)), 'cannot subtract 2×2 and 2×3');
      throwsShape(() => T.hadamard(col, row), 'cannot multiply elementwise 2×1 and 1×2');
      throwsShape(() => T.divide(col, row), 'cannot divide 2×1 and 1×2');
      throwsShape(() => T.power(col, row), 'cannot raise 2×1 and 1×2');
    });

    it('broadcast a scalar against a matrix on either side', () => {
      assertTensor(T.sub(T.scalar(10, 1), dual(1, 2, [1, 2], [0, 1])), 1, 2, [9, 8], [1, 0]);
      assertTensor(T.divide(dual(2, 1, [3, 6], [1, 0]), T.scalar(3)), 2, 1, [1, 2], [1 / 3, 0]);
    });

    it('a gradient meets a vector of the other orientation as that vector', () => {
      // ∇_b L (a column) + a row: the gradient's orientation is a convention, so it takes the row's.
      assertTensor(T.add(gradient(3, 1, [1, 2, 3]), T.fromValues(1, 3, [10, 20, 30])), 1, 3, [11, 22, 33], [0, 0, 0]);
      assertTensor(T.add(T.fromValues(1, 3, [10, 20, 30]), gradient(3, 1, [1, 2, 3])), 1, 3, [11, 22, 33], [0, 0, 0]);
      // Plain vectors keep theirs, and a gradient of another size does not fit either.
      throwsShape(() => T.add(T.fromValues(3, 1, [1, 2, 3]), T.fromValues(1, 3, [1, 2, 3])), 'cannot add 3×1 and 1×3');
      throwsShape(() => T.add(gradient(3, 1, [1, 2, 3]), T.fromValues(1, 2, [1, 2])), 'cannot add 3×1 and 1×2');
    });

    it('keep a gradient a gradient when scaled or combined with gradients only', () => {
      const g = gradient(2, 1, [1, 2]);
      const plain = T.fromValues(2, 1, [3, 4]);
      assert.equal(T.add(g, g).kind, 'gradient');
      assert.equal(T.add(g, plain).kind, 'plain');
      assert.equal(T.add(plain, g).kind, 'plain');
      assert.equal(T.hadamard(T.scalar(2), g).kind, 'gradient');
      assert.equal(T.hadamard(g, T.scalar(2)).kind, 'gradient');
      assert.equal(T.hadamard(plain, T.scalar(2)).kind, 'plain');
      assert.equal(T.hadamard(T.scalar(2), plain).kind, 'plain');
      assert.equal(T.product(T.scalar(2), g).kind, 'gradient');
    });

    it('keep a Jacobian a Jacobian when scaled, negated or multiplied by a Jacobian (the chain rule), and only then (issue 13)', () => {
      const j = T.withKind(T.fromValues(2, 2, [1, 0, 0, 2]), 'jacobian');
      const plain = T.fromValues(2, 2, [1, 0, 0, 2]);
      assert.equal(T.product(T.scalar(3), j).kind, 'jacobian');
      assert.equal(T.hadamard(j, T.scalar(3)).kind, 'jacobian');
      assert.equal(T.neg(j).kind, 'jacobian');
      assertTensor(T.product(j, j), 2, 2, [1, 0, 0, 4], [0, 0, 0, 0], 'jacobian');
      assert.equal(T.product(j, plain).kind, 'plain');
      assert.equal(T.add(j, plain).kind, 'plain');
      assert.equal(T.product(j, T.fromValues(2, 1, [1, 1])).kind, 'plain');
    });

    it('differentiate quotients by the quotient rule', () => {
      // (x/y)' = (x'y − xy')/y² at x = 3, y = 2, x' = 1, y' = 4: (2 − 12)/4.
      assertTensor(T.divide(T.scalar(3, 1), T.scalar(2, 4)), 1, 1, [1.5], [-2.5]);
    });
  });

  describe('powers', () => {
    it('differentiates a^b in the base and in the exponent', () => {
      // d(a^b) = b a^(b−1) da + a^b ln(a) db, at a = 2, b = 3.
      const both = T.power(T.scalar(2, 1), T.scalar(3, 2));
      close(both.v[0], 8);
      close(both.d[0], 3 * 4 * 1 + 8 * Math.log(2) * 2);
      const exponentOnly = T.power(T.scalar(2), T.scalar(3, 0.5));
      close(exponentOnly.d[0], 8 * Math.log(2) * 0.5);
    });

    it('has no tangent from a base whose tangent is zero, even where a^(b−1) is infinite', () => {
      // 0^0.5 with a constant base and exponent: the value 0, the tangent 0 (not 0·∞).
      assertTensor(T.power(T.scalar(0), T.scalar(0.5)), 1, 1, [0], [0]);
    });

    it('a^0 is constant in a, even at a = 0', () => {
      assertTensor(T.power(T.scalar(0, 1), T.scalar(0)), 1, 1, [1], [0]);
    });
  });

  describe('map', () => {
    it('leaves the tangent 0 where the input has none, even where the derivative is infinite', () => {
      // √ at 0 with a constant input: f′(0) = ∞, but nothing moves.
      assertTensor(T.map(T.scalar(0), Math.sqrt, (x) => 0.5 / Math.sqrt(x)), 1, 1, [0], [0]);
      assertTensor(T.map(dual(1, 2, [4, 9], [1, 0]), Math.sqrt, (x) => 0.5 / Math.sqrt(x)), 1, 2, [2, 3], [0.25, 0]);
    });
  });

  describe('matmul and product', () => {
    it('matmul refuses inner sizes that differ', () => {
      throwsShape(() => T.matmul(T.zeros(2, 3), T.zeros(2, 3)), 'cannot multiply 2×3 by 2×3');
    });

    it('multiplies two vectors of the same shape elementwise (σ(z)(1 − σ(z)))', () => {
      assertTensor(T.product(dual(3, 1, [1, 2, 3], [1, 0, 0]), T.fromValues(3, 1, [4, 5, 6])), 3, 1, [4, 10, 18], [4, 0, 0]);
      assertTensor(T.product(T.fromValues(1, 3, [1, 2, 3]), T.fromValues(1, 3, [4, 5, 6])), 1, 3, [4, 10, 18], [0, 0, 0]);
    });

    it('a row times a column is their inner product; a column times a row their outer product', () => {
      assertTensor(T.product(T.fromValues(1, 2, [1, 2]), T.fromValues(2, 1, [3, 4])), 1, 1, [11], [0]);
      assertTensor(T.product(T.fromValues(2, 1, [1, 2]), T.fromValues(1, 2, [3, 4])), 2, 2, [3, 4, 6, 8], [0, 0, 0, 0]);
    });

    it('refuses matrices whose shapes fit no product, naming them', () => {
      throwsShape(() => T.product(T.zeros(2, 2), T.zeros(3, 3)), 'cannot multiply 2×2 by 3×3');
      throwsShape(() => T.product(T.zeros(2, 3), T.zeros(2, 3)), 'cannot multiply 2×3 by 2×3');
      throwsShape(() => T.product(T.zeros(3, 1), T.zeros(3, 2)), 'cannot multiply 3×1 by 3×2');
      throwsShape(() => T.product(T.zeros(3, 1), T.zeros(2, 1)), 'cannot multiply 3×1 by 2×1');
    });

    it('multiplies a gradient written in the other orientation as the product needs', () => {
      // gᵀB for a column gradient g that must be a row to multiply B (3×2).
      const g = gradient(3, 1, [1, 2, 3]);
      const b = T.fromValues(3, 2, [1, 0, 0, 1, 1, 1]);
      assertTensor(T.product(g, b), 1, 2, [4, 5], [0, 0]);
      throwsShape(() => T.product(g, T.zeros(2, 2)), 'cannot multiply 3×1 by 2×2');
      // A g for a row gradient g on the right.
      const a = T.fromValues(2, 3, [1, 0, 0, 1, 1, 1]);
      assertTensor(T.product(a, gradient(1, 3, [1, 2, 3])), 2, 1, [1, 6], [0, 0]);
      throwsShape(() => T.product(T.zeros(2, 2), gradient(1, 3, [1, 2, 3])), 'cannot multiply 2×2 by 1×3');
    });
  });

  describe('inverse', () => {
    it('inverts a 2×2 matrix with the tangent −A⁻¹ȦA⁻¹', () => {
      // A = [[2, 1], [1, 1]], A⁻¹ = [[1, −1], [−1, 2]]; Ȧ = E₁₁: −A⁻¹E₁₁A⁻¹ = −[[1, −1], [−1, 1]].
      const inv = T.inverse(dual(2, 2, [2, 1, 1, 1], [1, 0, 0, 0]));
      [1, -1, -1, 2].forEach((x, i) => close(inv.v[i], x));
      [-1, 1, 1, -1].forEach((x, i) => close(inv.d[i], x));
    });

    it('the inverse of a scalar is its reciprocal, 1/0 = ∞ included', () => {
      assertTensor(T.inverse(T.scalar(4, 1)), 1, 1, [0.25], [-1 / 16]);
      assert.equal(T.inverse(T.scalar(0)).v[0], Infinity);
    });

    it('refuses a matrix that is not square', () => {
      throwsShape(() => T.inverse(T.zeros(2, 3)), 'cannot invert 2×3 (not square)');
    });

    it('refuses a singular or numerically singular matrix', () => {
      const singular = (e: unknown) => e instanceof SingularMatrixError && e.message === 'the 2×2 matrix is singular (not invertible)';
      assert.throws(() => T.inverse(T.fromValues(2, 2, [1, 2, 2, 4])), singular);
      assert.throws(() => T.inverse(T.fromValues(2, 2, [1, 1, 1, 1 + 1e-15])), singular);
    });
  });
});

// The compiler's dispatch and the operator, sum and derivative families (semantics/compile.ts,
// compile-operators.ts, compile-calculus.ts): values at a point the test chose against numbers
// computed by hand (Sherman–Morrison for (I + bC)⁻¹, sums written out), derivatives against the
// chain rule by hand, and the refusals with their messages.
import * as assert from 'node:assert/strict';
import type { Node } from '../../../src/engine/parse/ast';
import * as T from '../../../src/engine/evaluate/tensor';
import { ShapeError } from '../../../src/engine/evaluate/tensor';
import { CompileError, Compiler, matrixPower } from '../../../src/engine/semantics/compile';
import { binary } from '../../../src/engine/semantics/compile-operators';
import { Env } from '../../../src/engine/semantics/env';
import { EvaluationError } from '../../../src/engine/semantics/rules';
import { MLP } from '../../../src/engine/models/mlp';
import { compiled, expr, freePoint, mlpByHand, mlpPoint, MLP_VALUES, mlpValue, near, nearTensor, scopeWith, valueOf } from '../../support/compiled';

const compileError = (message: string) => (e: unknown) => e instanceof CompileError && e.message === message;
const shapeError = (message: string) => (e: unknown) => e instanceof ShapeError && e.message === message;
const evaluationError = (message: string) => (e: unknown) => e instanceof EvaluationError && e.message === message;
const { z, h, yhat } = mlpByHand();
const { x, y, A, b, C } = MLP_VALUES;
const loc = { start: 0, end: 1 };
const sum = (v: readonly number[]) => v.reduce((s, e) => s + e, 0);

/** Row-major product of two square matrices of size n. */
function times(p: number[], q: number[], n: number): number[] {
  return Array.from({ length: n * n }, (_, k) => sum(Array.from({ length: n }, (_, j) => p[Math.floor(k / n) * n + j] * q[j * n + (k % n)])));
}
/** I + bC and its inverse by Sherman–Morrison: I − bC/(1 + Cb). */
const eyePlusBC = Array.from({ length: 9 }, (_, k) => (k % 4 === 0 ? 1 : 0) + b[Math.floor(k / 3)] * C[k % 3]);
const cb = sum(b.map((bi, i) => bi * C[i]));
const inverseOfEyePlusBC = Array.from({ length: 9 }, (_, k) => (k % 4 === 0 ? 1 : 0) - (b[Math.floor(k / 3)] * C[k % 3]) / (1 + cb));

describe('compiling expressions', () => {
  describe('products, quotients and powers', () => {
    it('(I + bC)⁻¹ is Sherman–Morrison’s inverse; its square, cube and negative powers follow', () => {
      nearTensor(mlpValue('(b C + I)^{-1}'), 3, 3, inverseOfEyePlusBC);
      nearTensor(mlpValue('(I + b C)^{-2}'), 3, 3, times(inverseOfEyePlusBC, inverseOfEyePlusBC, 3));
      nearTensor(mlpValue('(I + b C)^{2}'), 3, 3, times(eyePlusBC, eyePlusBC, 3));
      nearTensor(mlpValue('(I + b C)^{3}'), 3, 3, times(times(eyePlusBC, eyePlusBC, 3), eyePlusBC, 3));
      nearTensor(mlpValue('(I + b C)^{1}'), 3, 3, eyePlusBC);
    });

    it('matrixPower multiplies out M^k for any k ≥ 1', () => {
      const m = T.fromValues(2, 2, [1, 1, 0, 1]);
      for (const k of [1, 2, 5, 6, 7]) nearTensor(matrixPower(m, k), 2, 2, [1, k, 0, 1]);
    });

    it('powers of scalars and vectors are elementwise, x^{−1} the reciprocal', () => {
      near(mlpValue('x^{-1}').v[0], 1 / x);
      nearTensor(mlpValue('b^2'), 3, 1, b.map((e) => e * e));
      nearTensor(mlpValue('b^{-1}'), 3, 1, b.map((e) => 1 / e));
      near(mlpValue('\\frac{\\partial x^{3}}{\\partial x}').v[0], 3 * x * x);
    });

    it('a power −1 written as one number inverts a matrix and takes reciprocals of the rest', () => {
      const minusOne = (base: string): Node => ({ kind: 'pow', base: expr(base), exp: { kind: 'num', value: -1, decimals: 0, loc }, loc });
      const run = (base: string) => new Compiler(scopeWith(MLP), false).compile(minusOne(base)).run(new Env(MLP, mlpPoint(), new Map()));
      nearTensor(run('b C + I'), 3, 3, inverseOfEyePlusBC);
      nearTensor(run('b'), 3, 1, b.map((e) => 1 / e));
      near(run('x').v[0], 1 / x);
    });

    it('refuses matrix powers that are not nonzero integers and exponents that are not scalars', () => {
      assert.throws(() => mlpValue('(b C)^{0.5}'), shapeError('cannot raise a 3×3 matrix to 0.5'));
      assert.throws(() => mlpValue('(b C)^{0}'), shapeError('cannot raise a 3×3 matrix to 0'));
      assert.throws(() => mlpValue('x^{b}'), shapeError('an exponent must be a scalar, not 3×1'));
    });

    it('divides by scalars and vectors elementwise, never by a matrix', () => {
      nearTensor(mlpValue('b / x'), 3, 1, b.map((e) => e / x));
      nearTensor(mlpValue('x / b'), 3, 1, b.map((e) => x / e));
      nearTensor(mlpValue('b / b'), 3, 1, [1, 1, 1]);
      assert.throws(() => mlpValue('x / (b C)'), shapeError('cannot divide by 3×3'));
    });

    it('multiplies as the shapes say: ⊙ and · elementwise, Cb an inner product, bC an outer one', () => {
      nearTensor(mlpValue('b \\odot A'), 3, 1, b.map((e, i) => e * A[i]));
      nearTensor(mlpValue('\\sigma(z) \\cdot (1 - \\sigma(z))'), 3, 1, h.map((e) => e * (1 - e)));
      near(mlpValue('C b').v[0], cb);
      near(mlpValue('C \\times b').v[0], cb);
      near(mlpValue('C * b').v[0], cb);
      nearTensor(mlpValue('b C'), 3, 3, eyePlusBC.map((e, k) => e - (k % 4 === 0 ? 1 : 0)));
      nearTensor(mlpValue('-b'), 3, 1, b.map((e) => -e));
      nearTensor(mlpValue('C^\\top'), 3, 1, C);
    });

    it('an operator it does not know is a compile error', () => {
      const c = new Compiler(scopeWith(null), true);
      const one = c.compile(expr('1'));
      assert.throws(() => binary(c, 'pm', one, one, loc), compileError('unsupported operator pm'));
    });

    it('a time step only applies to a model’s symbol', () => {
      assert.throws(() => new Compiler(scopeWith(null), false).compile(expr('a^{t}')), compileError('unknown symbol a'));
      assert.throws(() => compiled('w^{t+1}', scopeWith(MLP)), compileError('unknown symbol w'));
    });
  });

  describe('literal vectors and norms', () => {
    it('a literal vector holds scalars, with their tangents', () => {
      nearTensor(mlpValue('(x, 2, d)'), 3, 1, [x, 2, MLP_VALUES.d]);
      nearTensor(mlpValue('\\frac{\\partial}{\\partial x}(x, 2x, 1)'), 3, 1, [1, 2, 0]);
      assert.throws(() => mlpValue('(b, 1)'), shapeError('a literal vector must hold scalars'));
      assert.throws(() => mlpValue('(b, b)'), shapeError('a literal vector must hold scalars'));
    });

    it('a matrix with rows of different lengths is refused; no rows is an empty matrix', () => {
      const num = (value: number): Node => ({ kind: 'num', value, decimals: 0, loc });
      const c = new Compiler(scopeWith(null), true);
      assert.throws(() => c.compile({ kind: 'tuple', rows: [[num(1)], [num(2), num(3)]], delim: 'matrix', loc } as Node), compileError('the rows of this matrix have different lengths'));
      const empty = c.compile({ kind: 'tuple', rows: [], delim: 'matrix', loc } as Node).run(new Env(null, freePoint({}), new Map()));
      assert.deepEqual([empty.rows, empty.cols], [0, 0]);
      const matrix = c.compile({ kind: 'tuple', rows: [[num(1), num(2)], [num(3), num(4)]], delim: 'matrix', loc } as Node).run(new Env(null, freePoint({}), new Map()));
      nearTensor(matrix, 2, 2, [1, 2, 3, 4]);
    });

    it('‖v‖ is the Euclidean norm, |s| the absolute value, with their derivatives; |v| of a vector is ambiguous', () => {
      const norm = Math.sqrt(sum(b.map((e) => e * e)));
      near(mlpValue('\\|b\\|').v[0], norm);
      near(mlpValue('\\|b\\|^2').v[0], norm * norm);
      near(mlpValue('\\frac{\\partial \\|b\\|}{\\partial b_1}').v[0], b[0] / norm);
      near(mlpValue('|x - 1|').v[0], 1 - x);
      near(mlpValue('\\frac{\\partial |x - 1|}{\\partial x}').v[0], -1);
      // |b| of a vector may be its number of entries as well as its length: neither is assumed.
      assert.throws(() => mlpValue('|b|'), evaluationError('|b| of the 3×1 b is ambiguous (its number of entries, or its length ‖·‖)'));
    });

    it('the norm of a matrix is ambiguous', () => {
      assert.throws(() => mlpValue('\\|b C\\|'), evaluationError('the norm of the 3×3 matrix bC is ambiguous (spectral ‖·‖₂ or Frobenius ‖·‖_F)'));
    });

    it('counts the decimals written, for the precision of a numeric answer', () => {
      assert.equal(compiled('1.25 + 0.5', scopeWith(null)).compiler.info.decimals, 2);
      assert.equal(compiled('1.25 + 0.5', scopeWith(null)).compiler.info.constant, true);
      assert.equal(compiled('-1.667', scopeWith(null)).compiler.info.decimals, 3);
    });
  });

  describe('sums', () => {
    it('range over the bounds written, or over what the body indexes, or over the model’s size', () => {
      near(mlpValue('\\sum_{j=1}^{k} C_j').v[0], sum(C));
      near(mlpValue('\\sum_j C_j').v[0], sum(C));
      near(mlpValue('\\sum_{j=2}^{3} C_j').v[0], C[1] + C[2]);
      near(mlpValue('\\sum_{j=3}^{2} C_j').v[0], 0);
      assert.equal(mlpValue('\\sum_{j=1}^{3} j').v[0], 6);
      assert.equal(mlpValue('\\sum_j 1').v[0], 3);
      near(mlpValue('\\sum_j C_{1j}').v[0], sum(C));
    });

    it('take the smallest range of what the body indexes', () => {
      // (1, 2) has two entries, b three: j runs over 1..2.
      near(mlpValue('\\sum_j (1, 2)_j b_j').v[0], b[0] + 2 * b[1]);
    });

    it('nest, the inner body using the outer index', () => {
      near(mlpValue('\\sum_{i=1}^{2} \\sum_j i\\, b_j').v[0], 3 * sum(b));
      near(mlpValue('\\sum_i \\sum_j C_i b_j').v[0], sum(C) * sum(b));
    });

    it('bind their index inside only: outside it is free again, and an outer value is restored', () => {
      const { compiler, run } = compiled('\\sum_j C_j + b_j', scopeWith(MLP));
      assert.deepEqual([...compiler.info.freeIndices.keys()], ['j']);
      assert.deepEqual(compiler.bound, []);
      const env = new Env(MLP, mlpPoint(), new Map([['j', 2]]));
      near(run(env).v[0], sum(C) + b[1]);
      assert.deepEqual([...env.indices], [['j', 2]]);
      const unbound = new Env(MLP, mlpPoint(), new Map());
      compiled('\\sum_j C_j', scopeWith(MLP)).run(unbound);
      assert.deepEqual([...unbound.indices], []);
    });

    it('without bounds, a model or anything indexed, the range is unknown', () => {
      assert.throws(() => valueOf('\\sum_j 1', scopeWith(null), freePoint({})), evaluationError('cannot tell the range of j'));
    });
  });

  describe('derivatives', () => {
    const dLdyhat = -2 * (y - yhat);

    it('differentiate with respect to an entry, a whole vector, a scalar and an intermediate', () => {
      near(mlpValue('\\frac{\\partial L}{\\partial b_2}').v[0], dLdyhat * C[1] * h[1] * (1 - h[1]));
      const gradient = mlpValue('\\nabla_b L');
      assert.equal(gradient.kind, 'gradient');
      nearTensor(gradient, 3, 1, b.map((_, i) => dLdyhat * C[i] * h[i] * (1 - h[i])));
      near(mlpValue('\\frac{\\partial L}{\\partial x}').v[0], dLdyhat * sum(C.map((c, i) => c * h[i] * (1 - h[i]) * A[i])));
      near(mlpValue('\\frac{\\partial L}{\\partial \\hat y}').v[0], dLdyhat);
      near(mlpValue('\\frac{\\partial L}{\\partial z_i}', { i: 3 }).v[0], dLdyhat * C[2] * h[2] * (1 - h[2]));
      near(mlpValue('\\frac{d}{dz}\\sigma(z)', {}).v.length, 9);
      near(mlpValue('\\frac{d\\sigma}{dz_1}').v[0], h[0] * (1 - h[0]));
    });

    it('say so in the compile info, and show the derivative, not what it differentiates, in counterexamples', () => {
      const { compiler } = compiled('\\frac{\\partial L}{\\partial d} + x', scopeWith(MLP));
      assert.equal(compiler.info.hasDerivative, true);
      assert.equal(compiler.info.constant, false);
      assert.deepEqual([...compiler.info.mentions.keys()], ['∂L/∂d', 'x']);
      assert.equal(compiled('L', scopeWith(MLP)).compiler.info.hasDerivative, false);
    });

    it('differentiate a user quantity written in the operand by seeding it', () => {
      // s = r² with r = y − ŷ: ∂s/∂r = 2r, whatever else s depends on.
      const r = y - yhat;
      near(mlpValue('\\frac{\\partial (r^2 + x)}{\\partial r}', {}, ['r = y - \\hat y']).v[0], 2 * r);
      // g(1) = r + x mentions r through g's definition.
      near(mlpValue('\\frac{\\partial g(1)}{\\partial r}', {}, ['r = y - \\hat y', 'g(u) = u r + x']).v[0], 1);
      // An entry of a defined vector: ∂(q_2²)/∂q_2 = 2q_2, ∂(q_1 q_2)/∂q_2 = q_1.
      near(mlpValue('\\frac{\\partial (q_2^2)}{\\partial q_2}', {}, ['q = 2b']).v[0], 4 * b[1]);
      near(mlpValue('\\frac{\\partial (q_1 q_2)}{\\partial q_2}', {}, ['q = 2b']).v[0], 2 * b[0]);
    });

    it('in a pure identity, differentiate with respect to a free variable', () => {
      near(valueOf('\\frac{d}{da} (a^2 c)', scopeWith(null), freePoint({ a: 1.5, c: 2 })).v[0], 6);
    });

    it('refuse second derivatives, derivatives inside derivatives, and what is not a variable', () => {
      const scope = scopeWith(MLP);
      assert.throws(() => compiled('\\frac{\\partial^3 L}{\\partial x^3}', scope), compileError('derivatives of order 3 or more are not supported yet'));
      assert.throws(() => compiled('\\frac{\\partial}{\\partial x}\\frac{\\partial L}{\\partial d}', scope), compileError('a derivative inside a derivative is not supported yet'));
      assert.throws(() => compiled('\\frac{\\partial L}{\\partial k}', scope), compileError('cannot differentiate with respect to k: it is not a variable or a quantity of the model'));
    });
  });

  it('z and σ(z) at the point are what the test computed', () => {
    nearTensor(mlpValue('A x + b'), 3, 1, z);
    nearTensor(mlpValue('\\sigma(z)'), 3, 1, h);
  });
});

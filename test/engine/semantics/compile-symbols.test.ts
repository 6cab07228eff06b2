// Symbols as the compiler reads them (semantics/compile-symbols.ts): a model's quantity (whole, an
// entry, a column, at a time step, pinned by an evaluation bar), sizes, constants, the learning rate,
// δ_ij, I, the document's definitions and families, free variables, the sides of an indicator.
import * as assert from 'node:assert/strict';
import * as T from '../../../src/engine/evaluate/tensor';
import { Random } from '../../../src/engine/evaluate/random';
import { SIGMOID } from '../../../src/engine/evaluate/activations';
import { CompileError, Compiler } from '../../../src/engine/semantics/compile';
import { Env } from '../../../src/engine/semantics/env';
import { EvaluationError } from '../../../src/engine/semantics/rules';
import type { SamplePoint } from '../../../src/engine/semantics/model';
import { MLP } from '../../../src/engine/models/mlp';
import { RIDGE } from '../../../src/engine/models/ridge';
import { BATCHNORM } from '../../../src/engine/models/batchnorm';
import { compiled, expr, freePoint, mlpByHand, mlpPoint, MLP_VALUES, mlpValue, near, nearTensor, scopeWith, valueOf } from '../../support/compiled';

const compileError = (message: string) => (e: unknown) => e instanceof CompileError && e.message === message;
const evaluationError = (message: string) => (e: unknown) => e instanceof EvaluationError && e.message === message;
const { z, h, yhat, loss } = mlpByHand();
const { x, y, b, C } = MLP_VALUES;

/** ∂L/∂b_i at MLP_VALUES, by hand. */
const gradientB = b.map((_, i) => -2 * (y - yhat) * C[i] * h[i] * (1 - h[i]));

/** The MLP's loss at other leaves (by hand). */
function lossAt(changes: Partial<typeof MLP_VALUES>): number {
  return mlpByHand({ ...MLP_VALUES, ...changes }).loss;
}

describe('compiling symbols', () => {
  describe('model quantities', () => {
    it('reads whole quantities, entries and labelled names', () => {
      nearTensor(mlpValue('z'), 3, 1, z);
      near(mlpValue('z_2').v[0], z[1]);
      near(mlpValue('C_i', { i: 3 }).v[0], C[2]);
      near(mlpValue('C_{1,2}').v[0], C[1]);
      near(mlpValue('y_{pred}').v[0], yhat);
      near(mlpValue('L').v[0], loss);
      near(mlpValue('x^2').v[0], x * x);
      near(mlpValue('\\hat y^2').v[0], yhat * yhat);
    });

    it('reads index expressions i+1 and i−1, and refuses others', () => {
      near(mlpValue('C_{i+1}', { i: 1 }).v[0], C[1]);
      near(mlpValue('C_{i-1}', { i: 3 }).v[0], C[1]);
      near(mlpValue('C_{i+j}', { i: 1, j: 2 }).v[0], C[2]);
      const scope = scopeWith(MLP);
      assert.throws(() => compiled('C_{\\hat i}', scope), compileError('unsupported index i\u0302'));
      assert.throws(() => compiled('C_{i_1}', scope), compileError('unsupported index i_1'));
      assert.throws(() => compiled('C_{i \\cdot 2}', scope), compileError('unsupported index i·2'));
      assert.throws(() => mlpValue('C_i'), evaluationError('index i is unbound'));
    });

    it('records a free index with the range of what it indexes', () => {
      const { compiler } = compiled('C_i + b_j', scopeWith(MLP));
      assert.deepEqual([...compiler.info.freeIndices.keys()], ['i', 'j']);
      const env = new Env(MLP, mlpPoint(), new Map());
      assert.deepEqual(compiler.info.freeIndices.get('i')!.map((hint) => hint(env)), [3]);
    });

    it('reads the model’s sizes as numbers, only as bare names', () => {
      assert.equal(mlpValue('k').v[0], 3);
      assert.equal(mlpValue('2k + 1').v[0], 7);
      assert.throws(() => compiled('k_1', scopeWith(MLP)), compileError('unknown symbol k_1'));
      assert.throws(() => valueOf('k', scopeWith(MLP), { ...mlpPoint(), dims: {} }), evaluationError('size k is unknown'));
    });

    it('reads constants: π, e, and α and η as the learning rate', () => {
      near(mlpValue('\\pi').v[0], Math.PI);
      near(mlpValue('e').v[0], Math.E);
      near(mlpValue('e^{x}').v[0], Math.exp(x));
      assert.equal(mlpValue('\\alpha').v[0], 0.25);
      assert.equal(mlpValue('\\eta').v[0], 0.25);
      const { compiler } = compiled('\\alpha C', scopeWith(MLP));
      assert.equal(compiler.info.mentions.get('α')!.read(new Env(MLP, mlpPoint(), new Map())), 0.25);
      assert.throws(() => compiled('w', scopeWith(MLP)), compileError('unknown symbol w'));
    });

    it('δ_ij is 1 on the diagonal only; δ with one index is a symbol like any other', () => {
      assert.equal(mlpValue('\\delta_{ij}', { i: 2, j: 2 }).v[0], 1);
      assert.equal(mlpValue('\\delta_{ij}', { i: 2, j: 3 }).v[0], 0);
      assert.equal(mlpValue('\\delta_{i,i+1}', { i: 1 }).v[0], 0);
      assert.throws(() => compiled('\\delta_i', scopeWith(MLP)), compileError('unknown symbol δ_i'));
    });

    it('I is the identity sized by what it meets, I_n the n×n identity', () => {
      const point: SamplePoint = { ...freePoint({}), dims: { n: 2, d: 3, r: 2 }, leaves: new Map() };
      assert.equal(valueOf('I', scopeWith(MLP), mlpPoint()).kind, 'identity');
      nearTensor(valueOf('I_k', scopeWith(MLP), mlpPoint()), 3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
      assert.equal(valueOf('I_{k \\times k}', scopeWith(MLP), mlpPoint()).kind, 'identity');
      assert.equal(valueOf('I_{pred}', scopeWith(MLP), mlpPoint()).kind, 'identity');
      nearTensor(valueOf('I_n', scopeWith(RIDGE), point), 2, 2, [1, 0, 0, 1]);
      nearTensor(valueOf('I_d', scopeWith(RIDGE), point), 3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
      assert.equal(valueOf('n + d + r', scopeWith(RIDGE), point).v[0], 7);
      assert.throws(() => compiled('\\hat I', scopeWith(MLP)), compileError('unknown symbol I\u0302'));
    });
  });

  describe('time steps of gradient descent', () => {
    it('b_{t+1} is b − α∇_b L; b_t and b^{(t)} are b', () => {
      nearTensor(mlpValue('b_{t+1}'), 3, 1, b.map((bi, i) => bi - 0.25 * gradientB[i]));
      nearTensor(mlpValue('b^{(t+1)}'), 3, 1, b.map((bi, i) => bi - 0.25 * gradientB[i]));
      near(mlpValue('b_{i}^{(t+1)}', { i: 2 }).v[0], b[1] - 0.25 * gradientB[1]);
      near(mlpValue('b_{2,t+1}').v[0], b[1] - 0.25 * gradientB[1]);
      nearTensor(mlpValue('b_t'), 3, 1, b);
      nearTensor(mlpValue('b^{(t)}'), 3, 1, b);
      nearTensor(mlpValue('\\frac{\\partial L}{\\partial b_t}'), 3, 1, gradientB);
    });

    it('says the claim has a time step', () => {
      assert.equal(compiled('b_{t+1} - b', scopeWith(MLP)).compiler.info.hasTimeStep, true);
      assert.equal(compiled('b^{(t)}', scopeWith(MLP)).compiler.info.constant, false);
      assert.equal(compiled('b', scopeWith(MLP)).compiler.info.hasTimeStep, false);
    });

    it('supports one step forward only, and only for parameters', () => {
      const scope = scopeWith(MLP);
      for (const latex of ['b_{t-1}', 'b_{t+2}', 'b^{(t-1)}']) {
        assert.throws(() => compiled(latex, scope), compileError('only one step of gradient descent (t+1) is supported'), latex);
      }
      assert.throws(() => compiled('x_{t+1}', scope), compileError('x_{t+1}: only parameters have time steps'));
      assert.throws(() => compiled('z^{(t+1)}', scope), compileError('z: only parameters have time steps'));
      // w is no parameter: w^{(t+1)} is the symbol w labelled t+1 (superscript-labels.ts), unknown here.
      assert.throws(() => compiled('w^{(t+1)}', scope), compileError('unknown symbol w^(t+1)'));
    });
  });

  describe('evaluation bars X|_{v=…}', () => {
    it('pin a quantity for the expression before the bar', () => {
      near(mlpValue('L|_{d=0}').v[0], lossAt({ d: 0 }));
      near(mlpValue('L|_{d=x}').v[0], lossAt({ d: x }));
      near(mlpValue('\\left. L \\right|_{d=1, x=0}').v[0], lossAt({ d: 1, x: 0 }));
      near(mlpValue('L|_{b=b_1}').v[0], lossAt({ b: [b[0], b[0], b[0]] }));
      near(mlpValue('r|_{d=0}', {}, ['r = y - \\hat y']).v[0], y - mlpByHand({ ...MLP_VALUES, d: 0 }).yhat);
      near(valueOf('(a + c)|_{a=1}', scopeWith(null), freePoint({ a: 5, c: 2 })).v[0], 3);
    });

    it('a bar at the current point (|_{b=b_t}, |_{d=d}) changes nothing', () => {
      near(mlpValue('L|_{d=d}').v[0], loss);
      near(mlpValue('L|_{b=b_t}').v[0], loss);
    });

    it('refuses what is not a variable or a whole quantity', () => {
      const scope = scopeWith(MLP);
      assert.throws(() => compiled('L|_{b_1=0}', scope), compileError('cannot evaluate at b_1 = …: it is not a variable or a quantity of the model'));
      assert.throws(() => compiled('L|_{2=0}', scope), compileError('cannot evaluate at 2 = …: it is not a variable or a quantity of the model'));
    });
  });

  describe('the document’s definitions', () => {
    it('a definition is its body’s value, a family’s entries each their own', () => {
      near(mlpValue('r', {}, ['r = y - \\hat y']).v[0], y - yhat);
      near(mlpValue('a_1 + 10 a_2', {}, ['a_i = b_i^2']).v[0], b[0] ** 2 + 10 * b[1] ** 2);
      near(mlpValue('a_{j}', { j: 3 }, ['a_i = b_i^2']).v[0], b[2] ** 2);
      near(mlpValue('\\sum_j a_j', {}, ['a_i = b_i^2']).v[0], b.reduce((s, bi) => s + bi * bi, 0));
    });

    it('shows a family’s entry in counterexamples and leaves its index free', () => {
      const { compiler } = compiled('a_j', scopeWith(MLP, ['a_i = b_i^2']));
      assert.deepEqual([...compiler.info.freeIndices.keys()], ['j']);
      const read = compiler.info.mentions.get('a_j')!.read;
      near(read(new Env(MLP, mlpPoint(), new Map([['j', 2]])))!, b[1] ** 2);
      assert.deepEqual([...compiled('\\sum_j a_j', scopeWith(MLP, ['a_i = b_i^2'])).compiler.info.freeIndices.keys()], []);
    });

    it('an alias of a whole quantity is that quantity, so its entries are the quantity’s', () => {
      const scope = scopeWith(MLP, ['q = \\sigma(z)']);
      const whole = compiled('q', scope);
      assert.equal(whole.ref?.key, 'node:h');
      assert.equal(whole.ref?.display, 'σ(z)');
      near(valueOf('q_2', scope, mlpPoint()).v[0], h[1]);
      assert.equal(compiled('q_2', scope).ref?.key, 'node:h');
      // ∂L/∂q_i is the model's ∂L/∂σ(z_i).
      near(valueOf('\\frac{\\partial L}{\\partial q_2}', scope, mlpPoint()).v[0], -2 * (y - yhat) * C[1]);
    });

    it('a function’s name alone is the function at its own variables (`\\frac{dy}{dx} = 2y` of y(x) = e^{2x})', () => {
      assert.equal(valueOf('f', scopeWith(null, ['f(u) = u^2']), freePoint({ u: 3 })).v[0], 9);
    });

    it('a definition in terms of itself is an error, and a failed definition fails the same way again', () => {
      const cyclic = scopeWith(null, ['p = q + 1', 'q = 2p']);
      assert.throws(() => compiled('p', cyclic), compileError('p is defined in terms of itself'));
      const broken = scopeWith(MLP, ['s = w + x']);
      assert.throws(() => compiled('s', broken), compileError('unknown symbol w'));
      assert.throws(() => compiled('s', broken), compileError('unknown symbol w'));
    });

    it('a parameter or a bound index read where none is bound is an error', () => {
      const scope = scopeWith(null);
      const env = new Env(null, freePoint({}), new Map());
      assert.throws(() => new Compiler(scope, true, [], ['u']).compile(expr('u')).run(env), evaluationError('parameter u is unbound'));
      assert.throws(() => new Compiler(scope, true, ['i']).compile(expr('i')).run(env), evaluationError('index i is unbound'));
    });
  });

  describe('free variables of a pure identity', () => {
    it('are the point’s values; e is e; an indexed name is unknown', () => {
      assert.equal(valueOf('a b', scopeWith(null), freePoint({ a: 2, b: 3 })).v[0], 6);
      near(valueOf('e', scopeWith(null), freePoint({})).v[0], Math.E);
      assert.throws(() => compiled('a_i', scopeWith(null)), compileError('unknown symbol a_i'));
    });
  });

  describe('entries of expressions (…)_i', () => {
    it('read one entry; only an entry of a whole quantity can be differentiated with respect to', () => {
      const scope = scopeWith(MLP);
      near(valueOf('(\\nabla_b L)_2', scope, mlpPoint()).v[0], gradientB[1]);
      assert.equal(compiled('(\\nabla_b L)_2', scope).ref, undefined);
      const entry = compiled('(\\sigma(z))_2', scope);
      assert.equal(entry.ref?.key, 'node:h');
      near(entry.run(new Env(MLP, mlpPoint(), new Map())).v[0], h[1]);
      assert.equal(compiled('(\\sigma(z_2))_1', scope).ref, undefined);
    });
  });

  describe('the sides of an indicator 𝟙[…]', () => {
    it('compares values, entry by entry for a vector, either way round', () => {
      nearTensor(mlpValue('\\mathbb{1}[z > 0]'), 3, 1, [1, 0, 1]);
      nearTensor(mlpValue('\\mathbb{1}[0 < z]'), 3, 1, [1, 0, 1]);
      nearTensor(mlpValue('\\mathbb{1}[z \\le z]'), 3, 1, [1, 1, 1]);
      assert.equal(mlpValue('\\mathbb{1}[x \\geq 0.7]').v[0], 1);
      assert.equal(mlpValue('\\mathbb{1}[x \\ne 0.7]').v[0], 0);
      assert.equal(mlpValue('\\mathbb{1}[\\eta > 0.1]').v[0], 1);
      assert.equal(mlpValue('\\mathbb{1}[\\pi > 3]').v[0], 1);
      assert.equal(mlpValue('\\mathbb{1}[k = 3]').v[0], 1);
    });

    it('a free index letter is its value, as in δ_ij, and is recorded as free', () => {
      assert.equal(mlpValue('\\mathbb{1}[i = j]', { i: 2, j: 2 }).v[0], 1);
      assert.equal(mlpValue('\\mathbb{1}[i = j]', { i: 2, j: 3 }).v[0], 0);
      assert.equal(mlpValue('\\mathbb{1}[i < 2]', { i: 1 }).v[0], 1);
      assert.equal(mlpValue('\\sum_i \\mathbb{1}[i = 2]').v[0], 1);
      const { compiler } = compiled('\\mathbb{1}[i = j] C_j', scopeWith(MLP));
      assert.deepEqual([...compiler.info.freeIndices.keys()].sort(), ['i', 'j']);
    });

    it('a letter the document defined is its definition', () => {
      assert.equal(mlpValue('\\mathbb{1}[a > 0]', {}, ['a = x - 1']).v[0], 0);
      assert.equal(mlpValue('\\mathbb{1}[a < 0]', {}, ['a = x - 1']).v[0], 1);
    });

    it('a symbol with a subscript, accent, prime or star is not an index letter', () => {
      const scope = scopeWith(MLP);
      assert.throws(() => compiled('\\mathbb{1}[i_2 = 1]', scope), compileError('unknown symbol i_2'));
      assert.throws(() => compiled('\\mathbb{1}[\\hat i = 1]', scope), compileError('unknown symbol i\u0302'));
      assert.throws(() => compiled("\\mathbb{1}[i' = 1]", scope), compileError('unknown symbol i′'));
      assert.throws(() => compiled('\\mathbb{1}[i^* = 1]', scope), compileError('unknown symbol i*'));
    });

    it('in a pure identity the sides are free variables', () => {
      assert.equal(valueOf('\\mathbb{1}[a < c]', scopeWith(null), freePoint({ a: 1, c: 2 })).v[0], 1);
      assert.equal(valueOf('\\mathbb{1}[a < c]', scopeWith(MLP), freePoint({ a: 3, c: 2 }), {}, true).v[0], 0);
    });
  });

  describe('columns and labels (ridge, batchnorm)', () => {
    // A wide A = [[1, 0, 0], [0, 2, 0]]: n = 2, d = 3, r = 2; the thin U is 2×2.
    const wide: SamplePoint = {
      ...freePoint({}),
      dims: { n: 2, d: 3, r: 2 },
      leaves: new Map([
        ['A', T.fromValues(2, 3, [1, 0, 0, 0, 2, 0])],
        ['b', T.fromValues(2, 1, [0.3, -0.8])],
        ['x', T.fromValues(3, 1, [1, 1, 1])],
        ['lambda', T.scalar(0.5)],
      ]),
    };

    it('u_i is column i of U, its index ranging over U’s columns', () => {
      const scope = scopeWith(RIDGE);
      nearTensor(valueOf('\\sum_i \\sigma_i u_i v_i^\\top', scope, wide), 2, 3, [1, 0, 0, 0, 2, 0]);
      nearTensor(valueOf('\\sum_i u_i u_i^\\top b', scope, wide), 2, 1, [0.3, -0.8]);
      const u2 = valueOf('u_2', scope, wide);
      assert.deepEqual([u2.rows, u2.cols, Math.abs(u2.v[0]), Math.abs(u2.v[1])], [2, 1, 1, 0]);
      nearTensor(valueOf('b_2', scope, wide), 1, 1, [-0.8]);
      const { compiler } = compiled('u_i', scope);
      assert.deepEqual(compiler.info.freeIndices.get('i')!.map((hint) => hint(new Env(RIDGE, wide, new Map()))), [2]);
      assert.deepEqual([...compiled('u_2', scope).compiler.info.freeIndices.keys()], []);
      assert.deepEqual([...compiled('\\sum_i u_i', scope).compiler.info.freeIndices.keys()], []);
    });

    it('a batch label (μ_B, σ_B²) names the quantity; σ² is the variance node, σ_i² is not', () => {
      const point = BATCHNORM.samplePoint(new Random(1), 0, { seed: 1, count: 1, dims: {}, sigmas: [SIGMOID], given: { x: [1, 7, 7, 9], gamma: [2], beta: [0.5], eps: [0] } });
      const scope = scopeWith(BATCHNORM);
      const value = (latex: string, indices: Record<string, number> = {}) => valueOf(latex, scope, point, indices).v[0];
      assert.equal(value('\\mu_B'), 6);
      assert.equal(value('\\sigma_B^2'), 9);
      assert.equal(value('\\sigma^2'), 9);
      assert.equal(value('\\sigma^3'), 27);
      assert.equal(value('(\\sigma + 1)^2'), 16);
      assert.equal(value('\\sum_{B=1}^{2} x_B'), 8);
      assert.equal(compiled('\\sigma^2', scope).ref?.key, 'node:var');
      assert.equal(compiled('\\sigma^2', scope).compiler.info.constant, false);
      assert.equal(compiled('\\sigma_i^2', scope).ref, undefined);
      assert.equal(value('\\sigma_i^2', { i: 1 }), 9);
    });
  });
});

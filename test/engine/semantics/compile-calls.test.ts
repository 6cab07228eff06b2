// Function calls as the compiler reads them (semantics/compile-calls.ts): σ and the activations, the
// elementary functions and their derivatives through model quantities, max and min, diag, the
// document's own functions, the model's output at another point, and `x(…)` read as a product.
// Values are compared with numbers computed by hand at a point the test chose.
import * as assert from 'node:assert/strict';
import * as T from '../../../src/engine/evaluate/tensor';
import { ShapeError } from '../../../src/engine/evaluate/tensor';
import { SIGMOID } from '../../../src/engine/evaluate/activations';
import { CompileError } from '../../../src/engine/semantics/compile';
import { Env } from '../../../src/engine/semantics/env';
import type { SamplePoint } from '../../../src/engine/semantics/model';
import { MLP } from '../../../src/engine/models/mlp';
import { RIDGE } from '../../../src/engine/models/ridge';
import { compiled, freePoint, mlpByHand, mlpPoint, MLP_VALUES, mlpValue, near, nearTensor, scopeWith, valueOf } from '../../support/compiled';

const compileError = (message: string) => (e: unknown) => e instanceof CompileError && e.message === message;
const sig = (x: number) => 1 / (1 + Math.exp(-x));
const { z, h, yhat } = mlpByHand();

/** A pure identity's value at free values. */
function pure(latex: string, values: Record<string, number>, definitions: string[] = []): T.Tensor {
  return valueOf(latex, scopeWith(null, definitions), freePoint(values));
}

describe('compiling calls', () => {
  describe('elementary functions of a model quantity, and their derivatives', () => {
    it('differentiates log, ln, √, exp, sin and cos of ŷ by the chain rule', () => {
      const cases: [string, number][] = [
        ['\\log(\\hat y)', 1 / yhat],
        ['\\ln(\\hat y)', 1 / yhat],
        ['\\sqrt{\\hat y}', 0.5 / Math.sqrt(yhat)],
        ['\\exp(\\hat y)', Math.exp(yhat)],
        ['\\sin(\\hat y)', Math.cos(yhat)],
        ['\\cos(\\hat y)', -Math.sin(yhat)],
        ["\\log'(\\hat y)", -1 / yhat ** 2],
        ["\\sin'(\\hat y)", -Math.sin(yhat)],
        ["\\cos'(\\hat y)", -Math.cos(yhat)],
        ['\\log(\\hat y^2)', 2 / yhat],
      ];
      for (const [f, derivative] of cases) {
        near(mlpValue(`\\frac{\\partial}{\\partial d} ${f}`).v[0], derivative, 1e-9, f);
      }
      near(mlpValue("\\log'(\\hat y)").v[0], 1 / yhat);
      near(mlpValue("\\cos'(\\hat y)").v[0], -Math.sin(yhat));
    });

    it('differentiates an elementary function of a vector entry by entry', () => {
      const gradient = mlpValue('\\frac{\\partial}{\\partial b_2} \\sin(z)');
      nearTensor(gradient, 3, 1, [0, Math.cos(z[1]), 0]);
    });

    it('refuses a second argument, an order it has no rule for, and an unknown function', () => {
      const scope = scopeWith(MLP);
      assert.throws(() => compiled('\\log(x, y)', scope), compileError('log takes one argument'));
      assert.throws(() => compiled("\\log''(x)", scope), compileError("log'' is not supported"));
      assert.throws(() => compiled("\\exp'(x)", scope), compileError("exp' is not supported"));
      assert.throws(() => compiled('\\operatorname{foo}(x)', scope), compileError('unknown function foo'));
    });
  });

  describe('σ and the activations', () => {
    it('σ of a model quantity that is not z is σ applied to it; σ(z_i) is the model’s node', () => {
      near(mlpValue('\\sigma(x)').v[0], sig(MLP_VALUES.x));
      near(mlpValue('\\sigma(z_2)').v[0], h[1]);
      const { compiler, ref } = compiled('\\sigma(z_2)', scopeWith(MLP));
      assert.equal(ref?.key, 'node:h');
      assert.deepEqual([...compiler.info.mentions.keys()], ['σ(z_2)', 'z_2']);
    });

    it('has σ′ and σ″ and refuses σ‴ (the sigmoid is defined to order 3 only)', () => {
      const s = sig(MLP_VALUES.x);
      near(mlpValue("\\sigma'(x)").v[0], s * (1 - s));
      near(mlpValue("\\sigma''(x)").v[0], s * (1 - s) * (1 - 2 * s));
      assert.throws(() => mlpValue("\\sigma'''(x)"), compileError('derivatives of the sigmoid beyond order 2 are not supported'));
    });

    it('named activations keep their meaning whatever σ is', () => {
      const t = Math.tanh(MLP_VALUES.x);
      near(mlpValue('\\tanh(x)').v[0], t);
      near(mlpValue("\\tanh''(x)").v[0], -2 * t * (1 - t * t));
      near(mlpValue('\\operatorname{relu}(x - 1)').v[0], 0);
      near(mlpValue('\\operatorname{relu}(x)').v[0], MLP_VALUES.x);
    });

    it('refuses a second argument', () => {
      const scope = scopeWith(MLP);
      assert.throws(() => compiled('\\sigma(z, x)', scope), compileError('σ takes one argument'));
      assert.throws(() => compiled('\\tanh(x, y)', scope), compileError('tanh takes one argument'));
    });

    it('evaluated with σ and σ′ swapped (to diagnose a swap), swaps σ and σ′ only', () => {
      const s = sig(MLP_VALUES.x);
      const swapped = (latex: string) => compiled(latex, scopeWith(MLP)).run(new Env(MLP, mlpPoint(), new Map(), null, true)).v[0];
      near(swapped('\\sigma(x)'), s * (1 - s));
      near(swapped("\\sigma'(x)"), s);
      near(swapped("\\sigma''(x)"), s * (1 - s) * (1 - 2 * s));
      near(swapped('\\sigma(z_1)'), h[0] * (1 - h[0]));
      near(swapped('\\tanh(x)'), Math.tanh(MLP_VALUES.x));
    });
  });

  describe('max and min', () => {
    it('pick the larger or smaller value', () => {
      assert.equal(pure('\\max(a, b)', { a: 1, b: 2 }).v[0], 2);
      assert.equal(pure('\\min(a, b)', { a: 1, b: 2 }).v[0], 1);
    });

    it('differentiate through the argument they pick, the first one on a tie', () => {
      const derivative = (f: string, a: number) => pure(`\\frac{d}{da} ${f}`, { a }).v[0];
      assert.equal(derivative('\\max(a, a^2)', 2), 4);
      assert.equal(derivative('\\max(a, a^2)', 1), 1);
      near(derivative('\\min(a, a^2)', 0.3), 0.6);
      assert.equal(derivative('\\min(a, a^2)', 1), 1);
      assert.equal(derivative('\\max(-a, -2)', 1), -1);
      assert.equal(derivative('\\min(3a, 2)', 0.5), 3);
    });

    it('compare a vector with a scalar entry by entry, either way round', () => {
      nearTensor(mlpValue('\\max(z, 0)'), 3, 1, [z[0], 0, z[2]]);
      nearTensor(mlpValue('\\max(0, z)'), 3, 1, [z[0], 0, z[2]]);
      nearTensor(mlpValue('\\min(z, 0)'), 3, 1, [0, z[1], 0]);
      // The derivative of ReLU written as max(z, 0), through the model.
      nearTensor(mlpValue('\\frac{\\partial \\max(z, 0)}{\\partial b_1}'), 3, 1, [1, 0, 0]);
      nearTensor(mlpValue('\\frac{\\partial \\max(z, 0)}{\\partial b_2}'), 3, 1, [0, 0, 0]);
    });

    it('take exactly two arguments', () => {
      const scope = scopeWith(MLP);
      assert.throws(() => compiled('\\max(x)', scope), compileError('max takes two arguments'));
      assert.throws(() => compiled('\\min(x, d, y)', scope), compileError('min takes two arguments'));
    });
  });

  describe('diag', () => {
    it('puts a vector on the diagonal, tangents too', () => {
      const b = MLP_VALUES.b;
      nearTensor(mlpValue('\\mathrm{diag}(b)'), 3, 3, [b[0], 0, 0, 0, b[1], 0, 0, 0, b[2]]);
      nearTensor(mlpValue('\\frac{\\partial\\, \\mathrm{diag}(b)}{\\partial b_2}'), 3, 3, [0, 0, 0, 0, 1, 0, 0, 0, 0]);
      nearTensor(mlpValue('\\mathrm{diag}(x)'), 1, 1, [MLP_VALUES.x]);
    });

    it('lists an entry with one free index over the index’s range', () => {
      const { b, C } = MLP_VALUES;
      nearTensor(mlpValue('\\mathrm{diag}(b_i)'), 3, 3, [b[0], 0, 0, 0, b[1], 0, 0, 0, b[2]]);
      nearTensor(mlpValue('\\mathrm{diag}(b_i C_i)'), 3, 3, [b[0] * C[0], 0, 0, 0, b[1] * C[1], 0, 0, 0, b[2] * C[2]]);
      nearTensor(mlpValue('\\frac{\\partial\\, \\mathrm{diag}(2 b_i)}{\\partial b_3}'), 3, 3, [0, 0, 0, 0, 0, 0, 0, 0, 2]);
    });

    it('leaves the index free outside diag(…)', () => {
      const { compiler } = compiled('\\mathrm{diag}(b_i) + A_i', scopeWith(MLP));
      assert.deepEqual([...compiler.info.freeIndices.keys()], ['i']);
      assert.deepEqual(compiler.bound, []);
    });

    it('refuses a matrix, entries that are not scalars, and several arguments that are not scalars', () => {
      assert.throws(() => mlpValue('\\mathrm{diag}(b C)'), (e: unknown) => e instanceof ShapeError && e.message === 'diag needs a vector, not 3×3');
      assert.throws(() => mlpValue('\\mathrm{diag}(b_i C)'), (e: unknown) => e instanceof ShapeError && e.message === 'diag(b_iC) needs scalar entries');
      // diag(3, 4) lists the diagonal (operators.test.ts); its entries must be scalars.
      assert.throws(() => mlpValue('\\mathrm{diag}(b, b)'), (e: unknown) => e instanceof ShapeError && e.message === 'a literal vector must hold scalars');
      assert.throws(() => compiled('\\mathrm{diag}(w_i)', scopeWith(MLP)), compileError('unknown symbol w_i'));
    });
  });

  describe('the document’s own functions', () => {
    it('call f(x) = x² with an expression for x', () => {
      const f = ['f(x) = x^2'];
      assert.equal(pure('f(3)', {}, f).v[0], 9);
      assert.equal(pure('f(a + b)', { a: 1, b: 2 }, f).v[0], 9);
      assert.equal(pure('f(3)^2', {}, f).v[0], 81);
      assert.equal(pure('f(f(2))', {}, f).v[0], 16);
    });

    it('bind several parameters in order, and a parameter hides a free variable of the same name', () => {
      const g = ['g(u, v) = u - 2v'];
      assert.equal(pure('g(5, 1)', {}, g).v[0], 3);
      assert.equal(pure('g(v, u)', { u: 1, v: 5 }, g).v[0], 3);
    });

    it('a function of the model computes with the model’s values', () => {
      const scope = scopeWith(MLP, ['g(u) = u \\hat y']);
      near(valueOf('g(2)', scope, mlpPoint()).v[0], 2 * yhat);
      assert.equal(compiled('g(2)', scope).compiler.info.constant, false);
      assert.equal(compiled('f(2)', scopeWith(null, ['f(x) = x^2'])).compiler.info.constant, true);
    });

    it('refuses another number of arguments, and derivatives of order 2 or of several variables', () => {
      const scope = scopeWith(null, ['f(x) = x^2', 'g(x, y) = xy']);
      assert.throws(() => compiled('f(1, 2)', scope), compileError('f(x) takes 1 argument(s)'));
      assert.throws(() => compiled("f'''(2)", scope), compileError('f′′′(2): derivatives of order 3 or more of a function the document defines are not supported yet'));
      assert.throws(() => compiled("g'(1, 2)", scope), compileError('g′(1, 2): g(x, y) has several variables: write a partial derivative'));
    });

    it("computes f'(x) of a function of one variable by forward mode, at a number or an expression", () => {
      const scope = scopeWith(null, ['f(x) = x^3 + \\sin x']);
      near(valueOf("f'(2)", scope, freePoint({})).v[0], 12 + Math.cos(2));
      near(valueOf("f'(2a)", scope, freePoint({ a: 0.5 })).v[0], 3 + Math.cos(1));
    });
  });

  describe('x(…) and L(…)', () => {
    it('reads an unknown name before brackets as a product, a power on the bracket alone', () => {
      assert.equal(pure('a(b + c)', { a: 2, b: 1, c: 3 }).v[0], 8);
      assert.equal(pure('a(b + c)^2', { a: 2, b: 1, c: 3 }).v[0], 32);
      near(mlpValue('x(y - \\hat y)').v[0], MLP_VALUES.x * (MLP_VALUES.y - yhat));
    });

    it('reads the model’s output with arguments as the output', () => {
      const { loss } = mlpByHand();
      near(mlpValue('L(\\hat y)').v[0], loss);
      near(mlpValue('L(y, \\hat y)').v[0], loss);
      // In a pure identity a name is a free variable, even the model's.
      assert.throws(() => compiled('L(a, b)', scopeWith(MLP), true), compileError('unknown function L'));
      assert.equal(valueOf('c(a + b)^2', scopeWith(RIDGE), freePoint({ c: 2, a: 3, b: 0 }), {}, true).v[0], 18);
      // f(a) of an f nothing defines is a function, not a product: not computed at all.
      assert.throws(() => compiled('f(a)^2', scopeWith(RIDGE), true), compileError('f(a) reads as a function f applied to a, and f is not defined here'));
    });
  });

  describe('the model’s output at another point (ridge: f(0), f(x*))', () => {
    // A = diag(1, 2), b = (1, 1), λ = 1: x* = (AᵀA + λI)⁻¹Aᵀb = (1/2, 2/5).
    const point: SamplePoint = {
      ...freePoint({}),
      dims: { n: 2, d: 2, r: 2 },
      leaves: new Map([
        ['A', T.fromValues(2, 2, [1, 0, 0, 2])],
        ['b', T.fromValues(2, 1, [1, 1])],
        ['x', T.fromValues(2, 1, [1, 1])],
        ['lambda', T.scalar(1)],
      ]),
    };
    const ridge = (latex: string, at: SamplePoint = point) => valueOf(latex, scopeWith(RIDGE), at).v[0];

    it('evaluates f at the argument: f(0) = ‖b‖², f(x*) below f(x)', () => {
      near(ridge('f(x)'), 0 + 1 + 2);
      near(ridge('f(0)'), 2);
      near(ridge('f((0, 1))'), 1 + 1 + 1);
      near(ridge('f(2x)'), 1 + 9 + 8);
      near(ridge('f(x^*)'), 0.25 + 0.04 + 0.25 + 0.16);
      near(ridge('f(x)^2'), 9);
      assert.equal(compiled('f(0)', scopeWith(RIDGE)).compiler.info.constant, false);
    });

    it('a scalar argument is the variable’s value when the variable is a scalar', () => {
      const narrow: SamplePoint = {
        ...point,
        dims: { n: 2, d: 1, r: 1 },
        leaves: new Map([
          ['A', T.fromValues(2, 1, [1, 2])],
          ['b', T.fromValues(2, 1, [1, 1])],
          ['x', T.fromValues(1, 1, [0.5])],
          ['lambda', T.scalar(1)],
        ]),
      };
      near(ridge('f(2)', narrow), 1 + 9 + 4);
      near(ridge('f(0)', narrow), 2);
    });

    it('refuses a derivative of f away from x', () => {
      assert.throws(
        () => compiled('\\frac{\\partial f(x^*)}{\\partial \\lambda}', scopeWith(RIDGE)),
        compileError('a derivative of f(x*) (the output away from x) is not supported'),
      );
    });
  });

  it('σ is the point’s σ', () => {
    const tanhPoint = { ...mlpPoint(), sigma: { ...SIGMOID, derivative: (n: number, x: number) => (n === 0 ? Math.tanh(x) : 1 - Math.tanh(x) ** 2) } };
    near(valueOf('\\sigma(x)', scopeWith(MLP), tanhPoint).v[0], Math.tanh(MLP_VALUES.x));
  });
});

// The evaluation rules the compiler's closures share (semantics/rules.ts), on their own: indices and
// their ranges, time steps, comparisons, the elementary functions' derivatives, gradients, and the
// derivative through a quantity the student defined.
import * as assert from 'node:assert/strict';
import * as T from '../../../src/engine/evaluate/tensor';
import { ShapeError } from '../../../src/engine/evaluate/tensor';
import { Env } from '../../../src/engine/semantics/env';
import {
  axisLength,
  COMPARE,
  ELEMENTARY,
  EvaluationError,
  flatIndex,
  gradientOf,
  isBuiltinFunction,
  isTimeExpr,
  splitIndices,
  timeOffset,
  withIndices,
} from '../../../src/engine/semantics/rules';
import { MLP } from '../../../src/engine/models/mlp';
import { describe as describeNode } from '../../../src/engine/semantics/describe';
import { expr, finiteDifference, mlpByHand, mlpPoint, MLP_VALUES, near, scopeWith, valueOf } from '../../support/compiled';

const shapeError = (message: string) => (e: unknown) => e instanceof ShapeError && e.message === message;
const evaluationError = (message: string) => (e: unknown) => e instanceof EvaluationError && e.message === message;

describe('semantics rules', () => {
  describe('flatIndex', () => {
    const vector = T.zeros(3, 1);
    const matrix = T.zeros(3, 3);

    it('reads a vector entry by its 1-based index', () => {
      assert.equal(flatIndex(vector, [1]), 0);
      assert.equal(flatIndex(vector, [3]), 2);
      assert.equal(flatIndex(T.zeros(1, 12), [12]), 11);
    });

    it('refuses an index out of range or not an integer, naming the range', () => {
      assert.throws(() => flatIndex(vector, [0]), shapeError('index 0 is out of range 1..3'));
      assert.throws(() => flatIndex(vector, [4]), shapeError('index 4 is out of range 1..3'));
      assert.throws(() => flatIndex(vector, [1.5]), shapeError('index 1.5 is out of range 1..3'));
      assert.throws(() => flatIndex(T.zeros(2, 3), [3, 1]), shapeError('index 3 is out of range 1..2'));
      assert.throws(() => flatIndex(T.zeros(2, 3), [1, 4]), shapeError('index 4 is out of range 1..3'));
    });

    it('reads a matrix entry by row and column, row-major', () => {
      assert.equal(flatIndex(T.zeros(2, 3), [1, 1]), 0);
      assert.equal(flatIndex(T.zeros(2, 3), [1, 3]), 2);
      assert.equal(flatIndex(T.zeros(2, 3), [2, 1]), 3);
      assert.equal(flatIndex(T.zeros(2, 3), [2, 3]), 5);
    });

    it('reads A_{12} of a matrix as row 1, column 2 (the subscript read as the number 12)', () => {
      assert.equal(flatIndex(matrix, [12]), 1);
      assert.equal(flatIndex(matrix, [31]), 6);
      assert.equal(flatIndex(T.zeros(9, 9), [99]), 80);
      assert.equal(flatIndex(T.zeros(9, 9), [11]), 0);
    });

    it('one index cannot select an entry of a matrix otherwise', () => {
      for (const i of [1, 5, 10, 20, 100]) {
        assert.throws(() => flatIndex(matrix, [i]), shapeError('one index cannot select an entry of a 3×3 matrix'));
      }
    });

    it('three indices are too many', () => {
      assert.throws(() => flatIndex(matrix, [1, 1, 1]), shapeError('3 indices are too many'));
    });
  });

  it('axisLength: a single index ranges over all entries, a pair over rows then columns', () => {
    assert.equal(axisLength(T.zeros(2, 3), 1, 0), 6);
    assert.equal(axisLength(T.zeros(2, 3), 2, 0), 2);
    assert.equal(axisLength(T.zeros(2, 3), 2, 1), 3);
  });

  describe('time steps', () => {
    it('reads t, t+1, t-1, t+1+1 as offsets 0, 1, −1, 2', () => {
      assert.equal(timeOffset(expr('t')), 0);
      assert.equal(timeOffset(expr('t+1')), 1);
      assert.equal(timeOffset(expr('t-1')), -1);
      assert.equal(timeOffset(expr('t+1+1')), 2);
      assert.equal(timeOffset(expr('t-2+1')), -1);
    });

    it('reads nothing else as a time', () => {
      for (const latex of ['s', 's+1', 't+i', 't_1', '\\hat t', 't \\cdot 2', '2', '1+t']) {
        assert.equal(timeOffset(expr(latex)), undefined, latex);
        assert.equal(isTimeExpr(expr(latex)), false, latex);
      }
      assert.equal(timeOffset(undefined), undefined);
      assert.equal(isTimeExpr(undefined), false);
      assert.equal(isTimeExpr(expr('t-1')), true);
    });
  });

  it('compares as the indicator’s relation says', () => {
    const table: [string, boolean, boolean, boolean][] = [
      // op, at 1 vs 2, at 2 vs 2, at 3 vs 2
      ['>', false, false, true],
      ['<', true, false, false],
      ['>=', false, true, true],
      ['<=', true, true, false],
      ['=', false, true, false],
      ['!=', true, false, true],
    ];
    for (const [op, below, equal, above] of table) {
      assert.deepEqual([COMPARE[op](1, 2), COMPARE[op](2, 2), COMPARE[op](3, 2)], [below, equal, above], op);
    }
  });

  it('knows the built-in functions, which a document cannot redefine', () => {
    for (const name of ['max', 'min', 'diag', 'sigmoid', 'exp', 'log', 'ln', 'sqrt', 'tanh', 'relu']) assert.equal(isBuiltinFunction(name), true, name);
    for (const name of ['f', 'g', 'L', '']) assert.equal(isBuiltinFunction(name), false, name);
  });

  describe('the elementary functions', () => {
    it('have the derivatives finite differences give, for each order they define', () => {
      for (const [name, orders] of Object.entries(ELEMENTARY)) {
        orders.forEach((rule, order) => {
          for (const x of [0.3, 0.8, 1.7, 2.9]) {
            if (!Number.isFinite(rule.f(x))) continue; // outside its domain (arcsin at 1.7)
            near(rule.f1(x), finiteDifference(rule.f, x), 1e-6, `${name}${"'".repeat(order)} at ${x}`);
            // The next order's function is this one's derivative.
            if (orders[order + 1]) near(orders[order + 1].f(x), rule.f1(x), 1e-12, `${name} order ${order + 1} at ${x}`);
          }
        });
      }
      assert.equal(ELEMENTARY.ln, ELEMENTARY.log);
    });
  });

  describe('splitIndices', () => {
    const texts = (latex: string) => {
      const sym = expr(latex);
      assert.ok(sym.kind === 'sym' && sym.sub?.kind === 'indices');
      return splitIndices(sym.sub.items).map(describeNode);
    };

    it('reads C_{1i} as the two indices 1 and i, and keeps other index expressions whole', () => {
      assert.deepEqual(texts('C_{1i}'), ['1', 'i']);
      assert.deepEqual(texts('C_{i,j}'), ['i', 'j']);
      assert.deepEqual(texts('C_{i+1}'), ['i + 1']);
      assert.deepEqual(texts('C_{i+1, 2}'), ['i + 1', '2']);
      assert.deepEqual(texts('C_{2(i+1)}'), ['2(i + 1)']);
    });
  });

  describe('withIndices', () => {
    it('binds a family’s index letters while it runs, then restores or removes them', () => {
      const env = new Env(MLP, mlpPoint(), new Map([['i', 7]]));
      const seen = withIndices(env, ['i', 'j'], [() => 2, () => 3], (e) => [e.indices.get('i'), e.indices.get('j')]);
      assert.deepEqual(seen, [2, 3]);
      assert.deepEqual([...env.indices], [['i', 7]]);
      assert.throws(() =>
        withIndices(env, ['i', 'j'], [() => 2, () => 3], () => {
          throw new Error('inside');
        }),
      );
      assert.deepEqual([...env.indices], [['i', 7]]);
    });
  });

  describe('gradientOf', () => {
    it('∇_b L is a gradient of b’s shape; ∂L/∂x a scalar; ∂z/∂b the k×k Jacobian', () => {
      const scope = scopeWith(MLP);
      const env = new Env(MLP, mlpPoint(), new Map());
      const { z, h, yhat } = mlpByHand();
      const grad = gradientOf(env, 'node:b', env.node('b'), (child) => child.node('L'));
      assert.deepEqual([grad.rows, grad.cols, grad.kind], [3, 1, 'gradient']);
      grad.v.forEach((g, i) => near(g, -2 * (MLP_VALUES.y - yhat) * MLP_VALUES.C[i] * h[i] * (1 - h[i])));
      const dx = gradientOf(env, 'node:x', env.node('x'), (child) => child.node('L'));
      assert.deepEqual([dx.rows, dx.cols, dx.kind], [1, 1, 'plain']);
      const jacobian = gradientOf(env, 'node:b', env.node('b'), (child) => child.node('z'));
      assert.deepEqual([jacobian.rows, jacobian.cols, jacobian.kind], [3, 3, 'jacobian']);
      assert.deepEqual(jacobian.v, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
      // ∂z/∂x: the derivative of a vector in a scalar is that vector's shape.
      const dz = gradientOf(env, 'node:x', env.node('x'), (child) => child.node('z'));
      assert.deepEqual([dz.rows, dz.cols], [3, 1]);
      assert.deepEqual(dz.v, MLP_VALUES.A);
      // A matrix variable (the outer product bC as a quantity) keeps a plain kind.
      const outer = valueOf('b C', scope, mlpPoint());
      assert.deepEqual([outer.rows, outer.cols], [3, 3]);
      assert.equal(z.length, 3);
    });
  });

  describe('the derivative through a quantity the student defined (∂F/∂r)', () => {
    const point = mlpPoint();
    const run = (latex: string, definitions: string[]) => valueOf(latex, scopeWith(MLP, definitions), point);

    it('is the ratio of F’s and r’s changes when F depends on the model only through r', () => {
      const { yhat } = mlpByHand();
      const r = MLP_VALUES.y - yhat;
      near(run('\\frac{\\partial L}{\\partial r}', ['r = y - \\hat y']).v[0], 2 * r);
      near(run('\\frac{\\partial L}{\\partial u}', ['u = 3(y - \\hat y)']).v[0], (2 * r) / 3);
    });

    it('is ambiguous when F depends on the model otherwise too', () => {
      // y moves r but not ŷ; x moves both.
      assert.throws(
        () => run('\\frac{\\partial \\hat y}{\\partial r}', ['r = y - \\hat y']),
        evaluationError('y\u0302 does not depend on the model only through r, so ∂y\u0302/∂r is ambiguous'),
      );
      // d moves L but not r = Cσ(z).
      assert.throws(
        () => run('\\frac{\\partial L}{\\partial r}', ['r = C\\sigma(z)']),
        evaluationError('L does not depend on the model only through r, so ∂L/∂r is ambiguous'),
      );
    });

    it('is refused for a vector r, a vector F, or an r that depends on nothing', () => {
      assert.throws(() => run('\\frac{\\partial L}{\\partial u}', ['u = 2b']), evaluationError('∂L/∂u through a vector u is not supported'));
      assert.throws(() => run('\\frac{\\partial z}{\\partial r}', ['r = y - \\hat y']), evaluationError('∂z/∂r for a non-scalar z is not supported'));
      assert.throws(() => run('\\frac{\\partial (3)}{\\partial r}', ['r = 2 d - d - d']), evaluationError('r does not depend on the inputs of the model'));
    });
  });
});

import * as assert from 'node:assert/strict';
import * as T from '../../../src/engine/evaluate/tensor';
import { Random } from '../../../src/engine/evaluate/random';
import { GENERIC_INSTANCES, RELU } from '../../../src/engine/evaluate/activations';
import { MLP } from '../../../src/engine/models/mlp';
import { Env } from '../../../src/engine/semantics/env';
import { gradientOf } from '../../../src/engine/semantics/rules';

/** Central finite difference of f at x, the independent oracle for the dual numbers. */
function finiteDifference(f: (x: number) => number, x: number, h = 1e-6): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

function relClose(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('forward-mode AD (dual numbers)', () => {
  it('matches finite differences for products, quotients, powers and maps', () => {
    const rng = new Random(42);
    for (let trial = 0; trial < 200; trial++) {
      const x0 = rng.uniform(0.2, 2);
      const c = rng.uniform(-2, 2);
      const f = (x: T.Tensor) =>
        T.add(
          T.divide(T.hadamard(x, T.map(x, Math.exp, Math.exp)), T.add(T.scalar(1), T.power(x, T.scalar(2)))),
          T.power(x, T.add(x, T.scalar(c))),
        );
      const dual = f(T.scalar(x0, 1));
      const numeric = finiteDifference((x) => f(T.scalar(x)).v[0], x0);
      assert.ok(relClose(dual.d[0], numeric, 1e-6), `at x=${x0}: AD ${dual.d[0]} vs FD ${numeric}`);
    }
  });

  it('matches finite differences for matrix products and the inverse', () => {
    const a = T.fromValues(2, 2, [2, 0.5, -0.3, 1.5]);
    const direction = [0.7, -0.2, 0.4, 0.9];
    const seededA = new T.Tensor(2, 2, a.v, Float64Array.from(direction));
    const f = (m: T.Tensor) => T.sum(T.matmul(T.inverse(m), T.matmul(m, T.transpose(m))));
    const dual = f(seededA).d[0];
    const numeric = finiteDifference((h) => f(T.fromValues(2, 2, a.v.map((v, i) => v + h * direction[i]))).v[0], 0);
    assert.ok(relClose(dual, numeric, 1e-6), `AD ${dual} vs FD ${numeric}`);
  });

  it('gives each nonlinearity the derivative finite differences give', () => {
    for (const sigma of [...GENERIC_INSTANCES, RELU]) {
      for (const x of [-1.7, -0.4, 0.3, 1.1, 2.2]) {
        for (let order = 0; order < sigma.maxOrder; order++) {
          const numeric = finiteDifference((t) => sigma.derivative(order, t), x, 1e-5);
          assert.ok(relClose(sigma.derivative(order + 1, x), numeric, 1e-5), `${sigma.name}^(${order + 1})(${x})`);
        }
      }
    }
  });

  it('differentiates the MLP loss through the graph like finite differences do', () => {
    const rng = new Random(7);
    for (let trial = 0; trial < 20; trial++) {
      const point = MLP.samplePoint(rng, trial, { seed: 7, count: 20, dims: {}, sigmas: GENERIC_INSTANCES });
      const env = new Env(MLP, point, new Map());
      for (const key of ['A', 'b', 'C', 'd', 'x']) {
        const value = env.node(key);
        const gradient = gradientOf(env, `node:${key}`, value, (child) => child.node('L'));
        for (let i = 0; i < value.size; i++) {
          const loss = (h: number) => {
            const shifted = new Map(point.leaves);
            const moved = T.fromValues(value.rows, value.cols, value.v);
            moved.v[i] += h;
            shifted.set(key, moved);
            return new Env(MLP, { ...point, leaves: shifted }, new Map()).node('L').v[0];
          };
          const numeric = finiteDifference(loss, 0);
          assert.ok(relClose(gradient.v[i], numeric, 1e-5), `∂L/∂${key}[${i}] at point ${trial}: AD ${gradient.v[i]} vs FD ${numeric}`);
        }
      }
    }
  });
});

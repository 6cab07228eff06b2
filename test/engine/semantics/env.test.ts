// Environments (semantics/env.ts): a model's node values computed through its graph, seeded for
// forward-mode AD, computed once per point and seed and shared, pinned by overrides, released; and
// the points derived from a point. A tiny model counts its computations.
import * as assert from 'node:assert/strict';
import * as T from '../../../src/engine/evaluate/tensor';
import { SIGMOID } from '../../../src/engine/evaluate/activations';
import { derivedPoint, Env, releaseNodeValues } from '../../../src/engine/semantics/env';
import type { Model, ModelNode, SamplePoint } from '../../../src/engine/semantics/model';
import { freePoint } from '../../support/compiled';

/** p and w are leaves; q = 2p; r = q + p; s has no value. Counts every computation of q and r. */
function tinyModel() {
  const counts = { q: 0, r: 0 };
  const nodes: ModelNode[] = [
    { key: 'p', display: 'p', role: 'input' },
    { key: 'w', display: 'w', role: 'input' },
    {
      key: 'q',
      display: 'q',
      role: 'intermediate',
      compute: (get) => {
        counts.q++;
        return T.product(T.scalar(2), get('p'));
      },
    },
    {
      key: 'r',
      display: 'r',
      role: 'output',
      compute: (get) => {
        counts.r++;
        return T.add(get('q'), get('p'));
      },
    },
    { key: 's', display: 's', role: 'intermediate' },
  ];
  const model: Model = {
    name: 'tiny',
    description: 'q = 2p, r = q + p',
    nodes: new Map(nodes.map((n) => [n.key, n])),
    resolveSymbol: (sym) => (['p', 'w', 'q', 'r', 's'].includes(sym.name) ? sym.name : undefined),
    anchors: new Set(['r']),
    parameters: ['p'],
    defaultDim: 'n',
    sigmaOf: {},
    samplePoint: () => {
      throw new Error('not sampled');
    },
    factorHints: [],
    gradientHints: [],
    answers: { of: 'r', wrt: {} },
  };
  const point: SamplePoint = {
    ...freePoint({}),
    dims: { n: 2 },
    leaves: new Map([
      ['p', T.fromValues(2, 1, [1, 2])],
      ['w', T.scalar(5)],
    ]),
    sigma: SIGMOID,
  };
  return { model, point, counts };
}

describe('environments', () => {
  it('compute a node through the graph once per point, for every evaluation at the point', () => {
    const { model, point, counts } = tinyModel();
    const env = new Env(model, point, new Map());
    assert.deepEqual(env.node('r').v, [3, 6]);
    assert.deepEqual(env.node('q').v, [2, 4]);
    assert.deepEqual(new Env(model, point, new Map()).node('r').v, [3, 6]);
    assert.deepEqual(counts, { q: 1, r: 1 });
    assert.equal(new Env(model, point, new Map()).node('q'), env.node('q'));
  });

  it('seed one entry of a node and carry its tangent downstream', () => {
    const { model, point } = tinyModel();
    const seeded = new Env(model, point, new Map()).child({ key: 'node:p', index: 1 });
    assert.deepEqual(seeded.node('p').d, [0, 1]);
    assert.deepEqual(seeded.node('r').v, [3, 6]);
    assert.deepEqual(seeded.node('r').d, [0, 3]);
    assert.deepEqual(seeded.node('q').d, [0, 2]);
    // The unseeded values are untouched.
    assert.deepEqual(new Env(model, point, new Map()).node('r').d, [0, 0]);
  });

  it('compute a seeded node once per point and seed', () => {
    const { model, point, counts } = tinyModel();
    const root = new Env(model, point, new Map());
    root.node('r');
    root.child({ key: 'node:p', index: 0 }).node('r');
    root.child({ key: 'node:p', index: 0 }).node('r');
    assert.equal(counts.r, 2);
    root.child({ key: 'node:p', index: 1 }).node('r');
    assert.equal(counts.r, 3);
  });

  it('under a seed that does not reach a node, keep the node’s unseeded value, not a copy', () => {
    const { model, point } = tinyModel();
    const root = new Env(model, point, new Map());
    const unseeded = root.node('q');
    const other = root.child({ key: 'node:w', index: 0 });
    other.node('r');
    assert.equal(other.node('q'), unseeded);
    const reached = root.child({ key: 'node:p', index: 0 });
    assert.notEqual(reached.node('q'), unseeded);
    assert.deepEqual(reached.node('q').d, [2, 0]);
  });

  it('say which node has no value', () => {
    const { model, point } = tinyModel();
    assert.throws(() => new Env(model, point, new Map()).node('s'), { name: 'EvaluationError', message: 's has no value here' });
  });

  it('drop a point’s node values when released, to compute them again if needed', () => {
    const { model, point, counts } = tinyModel();
    new Env(model, point, new Map()).node('q');
    releaseNodeValues(point);
    assert.deepEqual(new Env(model, point, new Map()).node('q').v, [2, 4]);
    assert.equal(counts.q, 2);
  });

  it('pin quantities by overrides, in children too, without touching the shared values', () => {
    const { model, point, counts } = tinyModel();
    const root = new Env(model, point, new Map());
    const pinned = root.withOverrides(new Map([['node:p', T.fromValues(2, 1, [10, 20])]]));
    assert.deepEqual(pinned.node('r').v, [30, 60]);
    const seeded = pinned.child({ key: 'node:p', index: 0 });
    assert.deepEqual(seeded.node('r').v, [30, 60]);
    assert.deepEqual(seeded.node('r').d, [3, 0]);
    assert.deepEqual(root.node('r').v, [3, 6]);
    const twice = pinned.withOverrides(new Map([['node:w', T.scalar(1)]]));
    assert.deepEqual([twice.node('p').v, twice.node('w').v], [[10, 20], [1]]);
    assert.equal(counts.r, 3);
  });

  it('memoise other values by key, seeded when the key is the seed’s, pinned when overridden', () => {
    const { model, point } = tinyModel();
    const root = new Env(model, point, new Map());
    let calls = 0;
    const compute = () => {
      calls++;
      return T.scalar(5);
    };
    assert.deepEqual(root.cached('var:a', compute).v, [5]);
    assert.deepEqual(root.cached('var:a', compute).d, [0]);
    assert.equal(calls, 1);
    assert.deepEqual(root.child({ key: 'var:a', index: 0 }).cached('var:a', compute).d, [1]);
    assert.deepEqual(root.child({ key: 'var:b', index: 0 }).cached('var:a', compute).d, [0]);
    assert.deepEqual(root.withOverrides(new Map([['var:a', T.scalar(7)]])).cached('var:a', compute).v, [7]);
  });

  it('pass parameters, σ swapping and indices on to children', () => {
    const { model, point } = tinyModel();
    const indices = new Map([['i', 2]]);
    const root = new Env(model, point, indices, null, true);
    const withU = root.withParams(new Map([['u', T.scalar(3)]]));
    assert.deepEqual(withU.params.get('u')?.v, [3]);
    const child = withU.child({ key: 'node:p', index: 0 });
    assert.equal(child.swapSigma, true);
    assert.equal(child.indices, indices);
    assert.deepEqual(child.params.get('u')?.v, [3]);
    assert.deepEqual(child.node('q').d, [2, 0]);
  });

  it('derive a point from a point once per tag, and forget it when the point is released', () => {
    const { point } = tinyModel();
    let made = 0;
    const make = () => {
      made++;
      return { ...point, index: 100 + made };
    };
    const first = derivedPoint(point, 'thin', make);
    assert.equal(derivedPoint(point, 'thin', make), first);
    assert.equal(made, 1);
    const other = derivedPoint(point, 'full', make);
    assert.notEqual(other, first);
    assert.equal(made, 2);
    releaseNodeValues(point);
    assert.notEqual(derivedPoint(point, 'thin', make), first);
    assert.equal(made, 3);
  });
});

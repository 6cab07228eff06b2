// The model the engine builds from a document's own definitions (DefinedModel): which symbols are
// leaves and with which shapes, the roles, sizes, σ nodes and output, the values its nodes take at a
// sample point (against hand computations), the hints it offers for diagnoses, and the checks on
// undeclared shapes and cyclic definitions.
import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/engine';
import { Random } from '../../../src/engine/evaluate/random';
import { activationNamed, SIGMOID } from '../../../src/engine/evaluate/activations';
import type { Tensor } from '../../../src/engine/evaluate/tensor';
import { DefinedModel, definitionCycle, undeclaredMatrixUses } from '../../../src/engine/models/defined';
import { show } from '../../../src/engine/parse/print';
import type { SamplePoint } from '../../../src/engine/semantics/model';
import { EvaluationError } from '../../../src/engine/semantics/rules';
import { definedModelOf } from '../../support/defined-model';
import { expressionOf, symbolOf } from '../../support/parsed';

const CUSTOM = '<!-- derivcheck: model=custom -->\n\n';
const NET = '<!-- derivcheck: shapes W=3x2 x=2 c=3 v=3 -->\n\nLet $h = \\tanh(Wx + c)$, $\\hat y = v^\\top h$, $L = \\frac12(\\hat y - y)^2$.\n';
const LOGISTIC = 'Let $z = wx + b$, $p = \\sigma(z)$ and $L = -\\left(y\\log p + (1-y)\\log(1-p)\\right)$.\n';
const FAMILY = 'We fit $\\hat y_i = w x_i + b$ by minimising $J = \\frac{1}{n}\\sum_{i=1}^{n} (\\hat y_i - y_i)^2$.\n';
const LAYERS = '<!-- derivcheck: shapes W_1=4x3 b_1=4 W_2=1x4 x=3 sigma=relu -->\n\n$z = W_1 x + b_1$, $a = \\sigma(z)$, $\\hat y = W_2 a + b_2$, $L = (\\hat y - y)^2$\n';

/** The model of a document that has no findings (its definitions all fit). */
function modelOf(markdown: string): DefinedModel {
  const { model, findings } = definedModelOf(markdown);
  assert.deepEqual(findings.map((f) => [f.verdict, f.message]), []);
  return model;
}

/** Leaves as `key rows×cols` with `(declared)` for those a shapes directive gave. */
const leaves = (model: DefinedModel) => [...model.leaves].map(([key, { shape, declared }]) => `${key} ${shape.rows}×${shape.cols}${declared ? ' (declared)' : ''}`);

/** Nodes as [key, display, role, definition]. */
const nodes = (model: DefinedModel) => [...model.nodes.values()].map((n) => [n.key, n.display, n.role, n.definition]);

function point(model: DefinedModel, index = 0, dims: Record<string, number> = {}, sigma = SIGMOID): SamplePoint {
  return model.samplePoint(new Random(7), index, { seed: 7, count: 4, dims, sigmas: [sigma] });
}

const values = (t: Tensor) => Array.from(t.v);
const leaf = (p: SamplePoint, key: string) => values(p.leaves.get(key)!);

function close(actual: readonly number[], expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} entries, expected ${expected.length}`);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) < 1e-12, `${what}[${i}] = ${a}, expected ${expected[i]}`));
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

describe('the document’s own model: leaves, shapes and roles', () => {
  it('takes declared shapes as they are and undeclared symbols as scalars, inputs x, y apart from parameters', () => {
    const model = modelOf(NET);
    assert.deepEqual(leaves(model), ['W 3×2 (declared)', 'x 2×1 (declared)', 'c 3×1 (declared)', 'v 3×1 (declared)', 'y 1×1']);
    assert.deepEqual(nodes(model), [
      ['W', 'W', 'parameter', 'W: 3×2'],
      ['x', 'x', 'input', 'x: 2×1'],
      ['c', 'c', 'parameter', 'c: 3×1'],
      ['v', 'v', 'parameter', 'v: 3×1'],
      ['y', 'y', 'input', 'y: a scalar (no shape declared)'],
      ['h', 'h', 'intermediate', 'h = \\tanh(Wx + c)'],
      ['hat:y', 'y\u0302', 'intermediate', '\\hat y = v^\\top h'],
      ['L', 'L', 'output', 'L = \\frac12(\\hat y - y)^2'],
    ]);
    assert.deepEqual(model.parameters, ['W', 'c', 'v']);
    assert.deepEqual([...model.anchors], ['W', 'x', 'c', 'v', 'h', 'hat:y', 'L']);
    assert.deepEqual([model.defaultDim, model.sizeNames, model.answers], ['n', [], { of: 'L', wrt: {} }]);
  });

  it('says which symbols are definitions and which leaves are scalars only for want of a shape', () => {
    const model = modelOf(NET);
    assert.deepEqual(['h', '\\hat y', 'L', 'W', 'y', 'q'].map((l) => model.isDefinition(symbolOf(l))), [true, true, true, false, false, false]);
    assert.deepEqual(['y', 'W', 'x', 'h', 'q'].map((k) => model.isUndeclaredScalar(k)), [true, false, false, false, false]);
    const family = modelOf(FAMILY);
    assert.deepEqual(['w', 'x'].map((k) => family.isUndeclaredScalar(k)), [true, false]);
  });

  it('makes a symbol written with one index a vector of the common size n, with two a square matrix, shown without its index', () => {
    const model = modelOf(FAMILY);
    assert.deepEqual(leaves(model), ['w 1×1', 'x n×1', 'b 1×1', 'y n×1']);
    assert.deepEqual(nodes(model).slice(0, 4), [
      ['w', 'w', 'parameter', 'w: a scalar (no shape declared)'],
      ['x', 'x', 'input', 'x: n×1 (from its indices)'],
      ['b', 'b', 'parameter', 'b: a scalar (no shape declared)'],
      ['y', 'y', 'input', 'y: n×1 (from its indices)'],
    ]);
    assert.deepEqual(model.sizeNames, ['n']);
    const square = modelOf(`${CUSTOM}$q = \\sum_i \\sum_j w_i M_{ij} w_j$\n`);
    assert.deepEqual(leaves(square), ['w n×1', 'M n×n']);
    assert.deepEqual(nodes(square)[1], ['M', 'M', 'parameter', 'M: n×n (from its indices)']);
    // n is never written: the index alone brings in the size.
    assert.deepEqual(square.sizeNames, ['n']);
    assert.deepEqual(modelOf(`${CUSTOM}$q = 2w + 1$\n`).sizeNames, []);
  });

  it('keeps π, α, η and Euler’s e out of the leaves, but t in a body is a quantity (an input)', () => {
    const model = modelOf(`${CUSTOM}$q = \\pi w + \\alpha t + e^{w} + \\eta$\n`);
    assert.deepEqual(leaves(model), ['w 1×1', 't 1×1']);
    assert.deepEqual(model.parameters, ['w']);
    assert.equal(model.nodes.get('t')!.role, 'input');
    const p = point(model);
    const [w] = leaf(p, 'w');
    const [t] = leaf(p, 't');
    close(values(model.evaluateNode('q', p)), [Math.PI * w + p.learningRate * t + Math.exp(w) + p.learningRate], 'q');
  });

  it('reads a bare n, m, k, N as a size, but a decorated one as a quantity', () => {
    const model = modelOf(`${CUSTOM}$q = \\hat n w + n^* + n' + N$\n`);
    assert.deepEqual(leaves(model), ['hat:n 1×1', 'w 1×1', 'n* 1×1', "n' 1×1"]);
    assert.deepEqual([model.sizeNames, model.defaultDim], [['N'], 'N']);
    const p = point(model, 0, { N: 4 });
    assert.equal(p.dims.N, 4);
    close(values(model.evaluateNode('q', p)), [leaf(p, 'hat:n')[0] * leaf(p, 'w')[0] + leaf(p, 'n*')[0] + leaf(p, "n'")[0] + 4], 'q');
  });

  it('indexes by the first size letter it knows, else by the first size named, else n; other sizes are input nodes', () => {
    const model = modelOf('<!-- derivcheck: model=custom shapes A=dxm u=p -->\n\n$q = u^\\top u$\n');
    assert.deepEqual([model.sizeNames, model.defaultDim], [['d', 'm', 'p'], 'm']);
    assert.deepEqual(nodes(model).filter(([, , role]) => role === 'input'), [['d', 'd', 'input', 'd: a size'], ['p', 'p', 'input', 'p: a size']]);
    assert.equal(model.nodes.has('m'), false);
    const p = point(model, 0, { d: 3, p: 5 });
    assert.deepEqual([model.evaluateNode('d', p).v[0], model.evaluateNode('p', p).v[0]], [3, 5]);
    assert.deepEqual([p.leaves.get('A')!.rows, p.leaves.get('A')!.cols, p.leaves.get('u')!.rows], [3, p.dims.m, 5]);
    assert.equal(modelOf('<!-- derivcheck: model=custom shapes x=p -->\n\n$q = x^\\top x$\n').defaultDim, 'p');
  });

  it('reads W_1, W_2 as layers of their own, but W_1 as an entry of W when W is used whole', () => {
    const layers = modelOf(`${CUSTOM}$q = W_1 + W_2$\n`);
    assert.deepEqual(leaves(layers), ['W_1 1×1', 'W_2 1×1']);
    assert.deepEqual([...layers.subscriptNames], ['W_1', 'W_2']);
    assert.deepEqual(nodes(layers)[0], ['W_1', 'W_1', 'parameter', 'W_1: a scalar (no shape declared)']);
    assert.equal(layers.resolveSymbol(symbolOf('W_1')), 'W_1');
    const entries = modelOf(`${CUSTOM}$q = W_1 + W$\n`);
    assert.deepEqual(leaves(entries), ['W n×1']);
    assert.deepEqual([...entries.subscriptNames], []);
    assert.equal(entries.resolveSymbol(symbolOf('W_1')), 'W');
    assert.equal(entries.resolveSymbol(symbolOf('V_1')), undefined);
  });

  it('keeps a layer declared or defined with its number even when the base is used whole', () => {
    const declared = modelOf('<!-- derivcheck: model=custom shapes W_1=2 W=2 -->\n\n$q = W_1 + W$\n');
    assert.deepEqual(leaves(declared), ['W_1 2×1 (declared)', 'W 2×1 (declared)']);
    const defined = modelOf(`${CUSTOM}$b_1 = 2u$, $q = b_1 + b$\n`);
    assert.deepEqual(leaves(defined), ['u 1×1', 'b 1×1']);
    assert.deepEqual([...defined.subscriptNames], ['b_1']);
    assert.deepEqual([...defined.definitionOf.keys()], ['b_1', 'q']);
  });

  it('names layers declared with two digits, not labels that start with a digit; a declared definition is no leaf', () => {
    const model = modelOf('<!-- derivcheck: model=custom shapes h=3 W_{12}=3 W_{\\text{1a}}=3 \\hat{x}=2 -->\n\n$h = W_{12} + W_{\\text{1a}}$\n');
    assert.deepEqual(leaves(model), ['W_12 3×1 (declared)', 'W_1a 3×1 (declared)', 'hat:x 2×1 (declared)']);
    assert.deepEqual([...model.subscriptNames], ['W_12']);
    // x̂ is declared but used nowhere: its symbol comes from the directive, so it is an input shown as x̂.
    assert.deepEqual(nodes(model)[2], ['hat:x', 'x̂', 'input', 'x̂: 2×1']);
  });

  it('tells inputs (x, X, y, Y, t) from parameters by the whole name: ξ and bx are parameters', () => {
    const model = modelOf(`${CUSTOM}$q = \\xi + \\mathrm{bx} + X + Y + \\mathrm{ty}$\n`);
    assert.deepEqual(model.parameters, ['xi', 'bx', 'ty']);
    assert.deepEqual(nodes(model).map(([key, , role]) => `${key} ${role}`), ['xi parameter', 'bx parameter', 'X input', 'Y input', 'ty parameter', 'q output']);
  });

  it('a model of declared shapes alone has those leaves, no output and L as the loss it asks about', () => {
    const model = modelOf('<!-- derivcheck: model=custom shapes A=2x2 x=2 -->\n\n');
    assert.deepEqual(nodes(model), [['A', 'A', 'parameter', 'A: 2×2'], ['x', 'x', 'input', 'x: 2×1']]);
    assert.deepEqual(model.answers, { of: 'L', wrt: {} });
    assert.deepEqual(model.gradientHints, []);
    assert.deepEqual(model.factorHints, ['2', 'x_i']);
  });

  it('does not make the document’s functions or the family’s own index leaves', () => {
    const model = modelOf(`${CUSTOM}Let $f(u) = u^2$.\n\n$q = f(w) + 1$\n`);
    assert.deepEqual(leaves(model), ['w 1×1']);
    const p = point(model);
    close(values(model.evaluateNode('q', p)), [leaf(p, 'w')[0] ** 2 + 1], 'q');
    const family = modelOf(`${CUSTOM}$z_i = \\frac{i}{n} w$\n`);
    assert.deepEqual(leaves(family), ['w 1×1']);
  });

  it('does not make a family the document defined by a derivative a leaf: δ_i = ∂L/∂h_i', () => {
    const model = modelOf(`${NET}\n$\\delta_i = \\frac{\\partial L}{\\partial h_i}$\n\n$r = \\sum_i \\delta_i h_i$\n`);
    assert.deepEqual([...model.context.definitions.keys()], ['delta[1]']);
    assert.deepEqual(leaves(model), ['W 3×2 (declared)', 'x 2×1 (declared)', 'c 3×1 (declared)', 'v 3×1 (declared)', 'y 1×1']);
    assert.deepEqual(model.sizeNames, []);
  });

  it('a numbered definition is a node of its own even when nothing uses it; so is a numbered declared leaf', () => {
    const model = modelOf(`${CUSTOM}$h_1 = 2u$\n`);
    assert.deepEqual([...model.subscriptNames], ['h_1']);
    assert.equal(model.resolveSymbol(symbolOf('h_1')), 'h_1');
    const findings = checkText(`${CUSTOM}$h_1 = 2u$\n\n$\\frac{\\partial h_1}{\\partial u} = 2$\n`).findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['verified']);
    const declared = modelOf('<!-- derivcheck: model=custom shapes W_{12}=3 W_3=2 -->\n\n');
    assert.deepEqual([...declared.subscriptNames], ['W_12', 'W_3']);
    assert.deepEqual(leaves(declared), ['W_12 3×1 (declared)', 'W_3 2×1 (declared)']);
  });

  it('takes shapes from any caller: a leaf whose shape names no symbol is a parameter shown by its key', () => {
    const shapes = { A: { rows: 2, cols: 2 }, B: { rows: 1, cols: 2, name: 'B + C' }, C: { rows: 1, cols: 1, name: 'x = C' }, x: { rows: 2, cols: 1, name: 'x' } };
    const model = new DefinedModel([], shapes, { definitions: new Map() });
    assert.deepEqual(nodes(model), [['A', 'A', 'parameter', 'A: 2×2'], ['B', 'B', 'parameter', 'B: 1×2'], ['C', 'C', 'parameter', 'C: 1×1'], ['x', 'x', 'input', 'x: 2×1']]);
    assert.deepEqual(model.parameters, ['A', 'B', 'C']);
    assert.deepEqual(model.factorHints, ['2', 'x_i']);
    const p = model.probePoint();
    assert.deepEqual([p.leaves.get('A')!.rows, p.leaves.get('B')!.cols], [2, 2]);
  });
});

describe('the document’s own model: σ and the output', () => {
  it('h = σ(z) makes h the σ of node z, computed with the σ in force', () => {
    const model = modelOf(LOGISTIC);
    assert.deepEqual(model.sigmaOf, { z: 'p' });
    assert.deepEqual(nodes(model).find(([key]) => key === 'p'), ['p', 'p', 'intermediate', 'p = \\sigma(z)']);
    for (const sigma of [SIGMOID, activationNamed('tanh')!]) {
      const p = point(model, 0, {}, sigma);
      const z = leaf(p, 'w')[0] * leaf(p, 'x')[0] + leaf(p, 'b')[0];
      close(values(model.evaluateNode('z', p)), [z], 'z');
      close(values(model.evaluateNode('p', p)), [sigma.derivative(0, z)], `p with ${sigma.name}`);
    }
  });

  it('σ(u) inside a body is a node of its own for each quantity u, not tanh(u), σ′(u), σ(2u) or σ(k_1)', () => {
    const model = modelOf(`${CUSTOM}$q = \\sigma(u) + \\sigma(w) + \\tanh(v) + \\sigma'(v) + \\sigma(2v) + \\sigma(k_1)$\n`);
    assert.deepEqual(model.sigmaOf, { u: 'sigma(u)', w: 'sigma(w)' });
    assert.deepEqual(nodes(model).slice(-3), [
      ['q', 'q', 'output', "q = \\sigma(u) + \\sigma(w) + \\tanh(v) + \\sigma'(v) + \\sigma(2v) + \\sigma(k_1)"],
      ['sigma(u)', 'σ(u)', 'intermediate', 'σ(u), elementwise'],
      ['sigma(w)', 'σ(w)', 'intermediate', 'σ(w), elementwise'],
    ]);
    const p = point(model);
    const [u, w, v, k] = ['u', 'w', 'v', 'k_1'].map((key) => leaf(p, key)[0]);
    close(values(model.evaluateNode('sigma(w)', p)), [sigmoid(w)], 'σ(w)');
    const expected = sigmoid(u) + sigmoid(w) + Math.tanh(v) + sigmoid(v) * (1 - sigmoid(v)) + sigmoid(2 * v) + sigmoid(k);
    close(values(model.evaluateNode('q', p)), [expected], 'q');
  });

  it('tanh(z), σ′(z), σ(2z) and σ(k_1) as a whole body are plain definitions, not σ of z', () => {
    const model = modelOf(`${CUSTOM}$z = 3w$, $p = \\tanh(z)$, $r = \\sigma'(z)$, $s = \\sigma(2z) + \\sigma(u_1)$, $o = \\sigma(k_1)$\n`);
    assert.deepEqual(model.sigmaOf, {});
    const p = point(model);
    const z = 3 * leaf(p, 'w')[0];
    close(values(model.evaluateNode('r', p)), [sigmoid(z) * (1 - sigmoid(z))], 'r');
  });

  it('a σ(z) written twice is one node, and the σ after it gets its own', () => {
    const model = modelOf(`${CUSTOM}$z = 3w$\n\n$g = \\sigma(z)\\sigma(z) + \\sigma(u)$\n`);
    assert.deepEqual(model.sigmaOf, { z: 'sigma(z)', u: 'sigma(u)' });
  });

  it('the output is the last definition no other uses, also when it comes first or uses a numbered one', () => {
    const first = modelOf(`<!-- derivcheck: model=custom shapes w=3 u=3 -->\n\nWe minimise $J = \\frac12(q - t)^2$ where $q = w^\\top u$.\n`);
    assert.deepEqual([first.answers.of, first.nodes.get('J')!.role, first.nodes.get('q')!.role], ['J', 'output', 'intermediate']);
    const numbered = modelOf(`${CUSTOM}$L = h_2^2$ where $h_2 = 3w$\n`);
    assert.deepEqual([numbered.answers.of, numbered.nodes.get('h_2')!.role], ['L', 'intermediate']);
    const p = point(numbered);
    close(values(numbered.evaluateNode('L', p)), [9 * leaf(p, 'w')[0] ** 2], 'L');
  });
});

describe('the document’s own model: values at a sample point', () => {
  it('computes the network of the issue as written: h = tanh(Wx + c), ŷ = vᵀh, L = ½(ŷ − y)²', () => {
    const model = modelOf(NET);
    const p = point(model);
    const [W, x, c, v, y] = ['W', 'x', 'c', 'v', 'y'].map((k) => leaf(p, k));
    const h = [0, 1, 2].map((i) => Math.tanh(W[2 * i] * x[0] + W[2 * i + 1] * x[1] + c[i]));
    const yhat = h.reduce((s, hi, i) => s + v[i] * hi, 0);
    close(values(model.evaluateNode('h', p)), h, 'h');
    close(values(model.evaluateNode('hat:y', p)), [yhat], 'ŷ');
    close(values(model.evaluateNode('L', p)), [0.5 * (yhat - y[0]) ** 2], 'L');
    assert.equal(model.evaluateNode('W', p), p.leaves.get('W'));
  });

  it('a family ŷ_i = w x_i + b is the column of its entries over the size its quantities have', () => {
    const model = modelOf(FAMILY);
    for (const index of [0, 1, 2]) {
      const p = point(model, index);
      const [w, b] = [leaf(p, 'w')[0], leaf(p, 'b')[0]];
      const x = leaf(p, 'x');
      assert.equal(x.length, p.dims.n);
      close(values(model.evaluateNode('hat:y', p)), x.map((xi) => w * xi + b), `ŷ at n=${p.dims.n}`);
    }
  });

  it('ranges a family over the shortest vector it indexes, a single entry included', () => {
    const model = modelOf('<!-- derivcheck: model=custom shapes x=3 u=5 -->\n\n$z_i = x_i u_i$\n');
    for (const n of [2, 4]) {
      const p = point(model, 0, { n });
      const [x, u] = [leaf(p, 'x'), leaf(p, 'u')];
      close(values(model.evaluateNode('z', p)), x.map((xi, i) => xi * u[i]), `z at n=${n}`);
    }
    const one = modelOf('<!-- derivcheck: model=custom shapes x=1 -->\n\n$z_i = 2 x_i$\n');
    const p = point(one, 0, { n: 3 });
    close(values(one.evaluateNode('z', p)), [2 * leaf(p, 'x')[0]], 'z');
  });

  it('ranges a family that uses its index as a number over the size n', () => {
    const model = modelOf(`${CUSTOM}$z_i = \\frac{i}{n} w$\n`);
    const p = point(model, 0, { n: 4 });
    const w = leaf(p, 'w')[0];
    close(values(model.evaluateNode('z', p)), [1, 2, 3, 4].map((i) => (i / 4) * w), 'z');
  });

  it('ranges a family that indexes nothing over the size n', () => {
    const model = modelOf(`${CUSTOM}$z_i = \\frac{w}{n}$\n`);
    const p = point(model, 0, { n: 3 });
    const w = leaf(p, 'w')[0];
    close(values(model.evaluateNode('z', p)), [w / 3, w / 3, w / 3], 'z');
  });

  it('says when a family’s range cannot be told, at the family and at a claim through it', () => {
    const findings = checkText(`${CUSTOM}$z_i = i w$\n\n$\\frac{\\partial z_1}{\\partial w} = 1$\n`).findings;
    assert.deepEqual(findings.map((f) => [f.verdict, f.message]), [
      ['unsupported', 'cannot use the definition of z: cannot tell the range of i in z'],
      ['unsupported', 'the definition of z cannot be evaluated: cannot tell the range of i in z'],
    ]);
  });

  it('reports a family whose entries are not scalars where it is written, naming the shapes', () => {
    const { findings } = definedModelOf('<!-- derivcheck: model=custom shapes W=2x2 x=3 -->\n\n$z_i = x_i W$\n');
    assert.deepEqual(findings.map((f) => [f.verdict, f.message]), [['mismatch', 'the shapes in the definition of z do not fit: each entry of z must be a scalar, not 2×2 (x is 3×1, W is 2×2)']]);
  });

  it('says a key that is no node has no value', () => {
    const model = modelOf(NET);
    assert.throws(() => model.evaluateNode('nothing', point(model)), (e: unknown) => e instanceof EvaluationError && e.message === 'nothing has no value');
  });

  it('names the broken definition a claim depends on, once, not the definitions built on it', () => {
    const findings = checkText(`${CUSTOM}$g = \\operatorname{swish}(u)$\n\n$L = g^2$\n\n$\\frac{dL}{du} = 1$\n`).findings;
    assert.deepEqual(findings.map((f) => [f.verdict, f.message]), [
      ['unsupported', 'cannot use the definition of g: unknown function swish'],
      ['unsupported', 'the definition of g cannot be evaluated: unknown function swish'],
    ]);
  });

  it('samples sizes independently, leaves with their shapes, λ and ε positive, and pinned sizes as given', () => {
    const model = modelOf('<!-- derivcheck: model=custom shapes A=nxd x=d -->\n\n$r = Ax$, $q = \\lambda r^\\top r + \\epsilon + w$\n');
    const points = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => point(model, i));
    assert.ok(points.some((p) => p.dims.n !== p.dims.d), 'n and d are drawn apart');
    for (const p of points) {
      assert.ok([p.dims.n, p.dims.d].every((s) => Number.isInteger(s) && s >= 2 && s <= 5));
      assert.deepEqual([p.leaves.get('A')!.rows, p.leaves.get('A')!.cols, p.leaves.get('x')!.rows], [p.dims.n, p.dims.d, p.dims.d]);
      for (const key of ['lambda', 'epsilon']) assert.ok(leaf(p, key)[0] > 0, key);
    }
    assert.deepEqual(point(model, 0, { n: 4, d: 2 }).dims, { n: 4, d: 2 });
  });
});

describe('the document’s own model: hints for diagnoses', () => {
  it('offers every scalar, each vector’s entry, ∂L/∂q for scalar definitions and each link of the chain rule', () => {
    const model = modelOf(LOGISTIC);
    assert.deepEqual(model.factorHints, [
      '2', 'w', 'x', 'b', 'y', 'z', '\\frac{\\partial L}{\\partial z}', 'p', '\\frac{\\partial L}{\\partial p}', 'L',
      '\\frac{\\partial z}{\\partial w}', '\\frac{\\partial z}{\\partial x}', '\\frac{\\partial z}{\\partial b}', '\\frac{\\partial p}{\\partial z}',
      '\\frac{\\partial L}{\\partial y}', '\\frac{\\partial L}{\\partial p}',
    ]);
    assert.deepEqual(model.gradientHints, ['w', 'x', 'b', 'y', 'z', 'p'].map((q) => `\\frac{\\partial L}{\\partial ${q}}`));
  });

  it('writes layers, labels, stars, accents, Greek and long names as LaTeX that reads back; sizes are factors', () => {
    const layers = modelOf(LAYERS);
    assert.deepEqual(layers.gradientHints, ['W_{1}', 'b_{1}', 'W_{2}', 'x', 'x_i', 'b_{2}', 'y', 'z', 'z_i', 'a', 'a_i', '\\hat{y}'].map((q) => `\\frac{\\partial L}{\\partial ${q}}`));
    assert.deepEqual(layers.factorHints.slice(0, 7), ['2', 'x_i', 'b_{2}', 'y', 'z_i', 'a_i', '\\hat{y}']);
    const named = modelOf(`${CUSTOM}$q = y_{\\text{true}} w^* + \\mathrm{loss} + \\lambda + h'$\n`);
    assert.deepEqual(named.gradientHints, ['y_{\\text{true}}', 'w^*', '\\mathrm{loss}', '\\lambda'].map((q) => `\\frac{\\partial q}{\\partial ${q}}`));
    assert.deepEqual(named.factorHints.slice(0, 6), ['2', 'y_{\\text{true}}', 'w^*', '\\mathrm{loss}', '\\lambda', 'q']);
    // d is a size, not a quantity: no hint ∂q/∂d.
    const sized = modelOf('<!-- derivcheck: model=custom shapes A=nxd x=d -->\n\n$r = Ax$, $q = \\frac{r^\\top r}{d}$\n');
    assert.deepEqual(sized.factorHints, ['2', 'n', 'd', 'x_i', 'r_i', 'q']);
  });

  it('offers no hint through a definition that cannot be evaluated', () => {
    const { model } = definedModelOf(`${CUSTOM}$g = \\operatorname{swish}(u)$\n\n$L = g + u$\n`);
    assert.deepEqual(model.gradientHints, ['\\frac{\\partial L}{\\partial u}']);
    assert.deepEqual(model.factorHints, ['2', 'u']);
  });
});

describe('the document’s own model: its identity for caches', () => {
  it('changes with a definition, a shape or a function the document defines, and only then', () => {
    const fingerprint = (markdown: string) => definedModelOf(markdown).model.fingerprint;
    const base = `${CUSTOM}Let $f(u) = u^2$.\n\n$q = f(w) + 1$\n`;
    assert.equal(fingerprint(base), fingerprint(base));
    assert.notEqual(fingerprint(base), fingerprint(base.replace('+ 1', '+ 2')));
    assert.notEqual(fingerprint(base), fingerprint(base.replace('u^2', 'u^3')));
    assert.notEqual(fingerprint(base), fingerprint(base.replace('model=custom', 'model=custom shapes w=1')));
  });
});

describe('undeclared shapes and cyclic definitions', () => {
  const model = () => modelOf('<!-- derivcheck: model=custom shapes w=3 -->\n\n$r = u w$\n');
  const undeclared = (latex: string) => undeclaredMatrixUses(expressionOf(latex), model()).map((s) => show(s));

  it('names a symbol without a shape that a transpose, a norm or ⊙ treats as a vector, and no declared one', () => {
    assert.deepEqual(undeclared('u^\\top'), ['u']);
    assert.deepEqual(undeclared('(w^\\top w u)^\\top'), ['u']);
    assert.deepEqual(undeclared('\\|u\\|'), ['u']);
    assert.deepEqual(undeclared('u \\odot u'), ['u']);
  });

  it('names none when the operand is a vector anyway, or the bars are an absolute value', () => {
    assert.deepEqual(undeclared('(w u)^\\top'), []);
    assert.deepEqual(undeclared('w \\odot u'), []);
    assert.deepEqual(undeclared('|u|'), []);
    assert.deepEqual(undeclared('\\|w\\|'), []);
  });

  it('finds a cycle through any of the definitions a new one uses, and none through leaves', () => {
    const { model: m, findings } = definedModelOf(`${CUSTOM}$a = w + 1$\n\n$c = b + 1$\n\n$b = a + c$\n`);
    assert.deepEqual(findings.map((f) => [f.verdict, f.text, f.message]), [['unsupported', 'b = a + c', 'b is defined in terms of itself (through c), so this definition is not used']]);
    assert.deepEqual(m.definitions.map((d) => d.key), ['a', 'c']);
    assert.deepEqual(definitionCycle('b', expressionOf('a + c'), m.definitions), ['c']);
    assert.equal(definitionCycle('d', expressionOf('a + w'), m.definitions), undefined);
  });
});

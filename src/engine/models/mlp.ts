import { hashString, Random } from '../evaluate/random';
import { add, fromValues, matmul, map, scalar, sub, hadamard, type Tensor } from '../evaluate/tensor';
import type { SymNode } from '../parse/ast';
import type { Model, ModelNode, SamplePoint, SamplingOptions } from '../semantics/model';
import { isSmallConstant, sampleSmallConstant } from '../semantics/small-constants';

/**
 * Problem 1 of the midterm review: ŷ = Cσ(Ax + b) + d, L = (y − ŷ)², with x, d, y scalars,
 * A, b ∈ R^{k×1}, C ∈ R^{1×k}.
 */
const NODES: ModelNode[] = [
  { key: 'x', display: 'x', role: 'input', definition: 'x ∈ R (the input)' },
  { key: 'y', display: 'y', role: 'input', definition: 'y = y_true ∈ R (the label)' },
  { key: 'A', display: 'A', role: 'parameter', definition: 'A ∈ R^{k×1}' },
  { key: 'b', display: 'b', role: 'parameter', definition: 'b ∈ R^{k×1}' },
  { key: 'C', display: 'C', role: 'parameter', definition: 'C ∈ R^{1×k}' },
  { key: 'd', display: 'd', role: 'parameter', definition: 'd ∈ R' },
  {
    key: 'z',
    definedByFormula: true,
    display: 'z',
    role: 'intermediate',
    definition: 'z = Ax + b',
    formula: 'Ax + b',
    compute: (get) => add(matmul(get('A'), get('x')), get('b')),
  },
  {
    key: 'h',
    definedByFormula: true,
    display: 'σ(z)',
    role: 'intermediate',
    definition: 'σ(z), elementwise',
    compute: (get, point) => {
      const s = point.sigma;
      return map(get('z'), (t) => s.derivative(0, t), (t) => s.derivative(1, t));
    },
  },
  {
    key: 'yhat',
    definedByFormula: true,
    display: 'ŷ',
    role: 'intermediate',
    definition: 'ŷ = y_pred = Cσ(z) + d',
    formula: 'C\\sigma(Ax + b) + d',
    compute: (get) => add(matmul(get('C'), get('h')), get('d')),
  },
  {
    key: 'L',
    definedByFormula: true,
    display: 'L',
    role: 'output',
    definition: 'L = (y − ŷ)²',
    formula: '(y - \\hat y)^2',
    compute: (get) => {
      const e = sub(get('y'), get('yhat'));
      return hadamard(e, e);
    },
  },
];

const LATIN_KEYS = new Set(['x', 'A', 'b', 'C', 'd', 'z']);

function resolveSymbol(sym: SymNode): string | undefined {
  const label = sym.sub?.kind === 'label' ? sym.sub.text.toLowerCase().replace(/[^a-z]/g, '') : undefined;
  if (sym.name === 'y') {
    if (sym.accent === 'hat' || label === 'pred' || label === 'hat' || label === 'predicted') return 'yhat';
    if (sym.accent === undefined && (label === undefined || label === 'true')) return 'y';
    return undefined;
  }
  if (sym.name === 'ypred' || sym.name === 'yhat') return 'yhat';
  if (sym.name === 'ytrue') return 'y';
  if (sym.accent || label !== undefined) return undefined;
  if (sym.name === 'L' || sym.name === 'ell' || sym.name === 'ℓ') return 'L';
  return LATIN_KEYS.has(sym.name) ? sym.name : undefined;
}

function samplePoint(rng: Random, index: number, options: SamplingOptions): SamplePoint {
  const k = options.dims.k ?? rng.integer(2, 5);
  const vector = (rows: number, cols: number) =>
    fromValues(rows, cols, Array.from({ length: rows * cols }, () => rng.uniform(-1.5, 1.5)));
  const leaves = new Map<string, Tensor>([
    ['x', scalar(rng.awayFromZero(0.2, 2))],
    ['y', scalar(rng.uniform(-2, 2))],
    ['A', vector(k, 1)],
    ['b', vector(k, 1)],
    ['C', vector(1, k)],
    ['d', scalar(rng.uniform(-1, 1))],
  ]);
  return makePoint(index, { k }, leaves, options, rng);
}

/** Shared by models: the σ for this point, the learning rate, and free-variable values. */
export function makePoint(
  index: number,
  dims: Record<string, number>,
  leaves: Map<string, Tensor>,
  options: SamplingOptions,
  rng: Random,
): SamplePoint {
  const freeValues = new Map<string, number>();
  return {
    index,
    dims,
    leaves,
    sigma: options.sigmas[index % options.sigmas.length],
    learningRate: rng.uniform(0.05, 0.9),
    free(name: string) {
      let v = freeValues.get(name);
      if (v === undefined) {
        const stream = new Random(hashString(name) ^ Math.imul(options.seed + 1, 2654435761) ^ (index * 7919));
        v = isSmallConstant(name) ? sampleSmallConstant(stream) : stream.awayFromZero(0.2, 2.5);
        freeValues.set(name, v);
      }
      return v;
    },
  };
}

export const MLP: Model = {
  name: 'mlp',
  description: 'One hidden layer: z = Ax + b, y_pred = Cσ(z) + d, L = (y_true − y_pred)².',
  nodes: new Map(NODES.map((n) => [n.key, n])),
  resolveSymbol,
  anchors: new Set(['L', 'yhat', 'y', 'A', 'C', 'd']),
  distinctive: new Set(['yhat']),
  distinctiveEntries: new Set(['yhat', 'A', 'b', 'C', 'z', 'h']),
  // Every network's notes write ŷ, z_1 and b_i (a neuron's bias): the review's network needs one more
  // (C_i, A_i, h_i, y_true).
  commonTogether: new Set(['yhat', 'z', 'b']),
  parameters: ['A', 'b', 'C', 'd'],
  defaultDim: 'k',
  // `Take $k = 3$` states the hidden size (it then pins sampling, like `derivcheck: k=3`).
  givable: new Set(['k']),
  sigmaOf: { z: 'h' },
  samplePoint,
  factorHints: ['x', 'C_i', '\\sigma(z_i)', "\\sigma'(z_i)", 'A_i', '(y - \\hat y)', '\\sigma(z_i)(1-\\sigma(z_i))', '2', '\\hat y', 'y', 'z_i'],
  answers: {
    of: 'L',
    wrt: {
      yhat: '-2(y - \\hat y)',
      d: '-2(y - \\hat y)',
      C: '-2(y - \\hat y)\\,\\sigma(z_{i})',
      h: '-2(y - \\hat y)\\,C_{i}',
      z: "-2(y - \\hat y)\\,C_{i}\\,\\sigma'(z_{i})",
      b: "-2(y - \\hat y)\\,C_{i}\\,\\sigma'(z_{i})",
      A: "-2(y - \\hat y)\\,C_{i}\\,\\sigma'(z_{i})\\,x",
      x: "-2(y - \\hat y)\\sum_{j=1}^{k} C_j\\,\\sigma'(z_j)\\,A_j",
    },
  },
  gradientHints: [
    '\\frac{\\partial L}{\\partial d}',
    '\\frac{\\partial L}{\\partial C_i}',
    '\\frac{\\partial L}{\\partial b_i}',
    '\\frac{\\partial L}{\\partial A_i}',
    '\\frac{\\partial L}{\\partial x}',
    '\\frac{\\partial L}{\\partial z_i}',
    '\\frac{\\partial L}{\\partial \\sigma(z_i)}',
    '\\frac{\\partial L}{\\partial \\hat y}',
  ],
};

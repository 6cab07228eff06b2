import type { Random } from '../evaluate/random';
import { add, divide, fromValues, hadamard, map, product, scalar, sub, sum, Tensor, zeroArray } from '../evaluate/tensor';
import type { SymNode } from '../parse/ast';
import { makePoint } from './mlp';
import type { Model, ModelNode, ModelSlip, SamplePoint, SamplingOptions } from '../semantics/model';
import { ownKeysOnly } from '../source/own-keys';
import { smallConstantAt } from '../semantics/small-constants';

/**
 * Batch normalization over a batch x = (x_1, …, x_m) of scalars (Problems 3 and 4 of the midterm
 * review, and the full layer's backward pass):
 *
 *   μ = (1/m) Σ_i x_i,   σ² = (1/m) Σ_i (x_i − μ)²,   σ = √(σ² + ε),
 *   x̂_i = (x_i − μ)/σ   (the mean-only layer of Problem 4: x̂_i = x_i − μ),
 *   y_i = γ x̂_i + β,
 *   L = Σ_j g_j y_j with random upstream gradients g, so that ∂L/∂y_j = g_j is arbitrary.
 *
 * A linear L is no loss of generality: every first-order claim about ∂L/∂x_i depends on L only
 * through ∂L/∂y. The batch, γ, β and ε may be given by the document (`x = (1, 7, 7, 9)`); otherwise
 * they are sampled, with a random batch size m.
 *
 * Selection: `model=batchnorm` is the full layer (Problem 3's forward pass and the full backward
 * pass); `model=batchnorm-mean` is Problem 4's mean-only layer. Without a directive, an equation that
 * mentions σ can only be the full layer; one that does not is read by both alike, and goes to the
 * model its section or the previous equation chose (the mean-only layer when nothing did).
 */

/** Which wrong convention a point is computed under (see SLIPS); the correct one when absent. */
interface Convention {
  readonly unbiasedVariance?: boolean;
  readonly meanOverMMinusOne?: boolean;
  /** μ treated as a constant: its dependence on the batch is dropped from every derivative. */
  readonly constantMean?: boolean;
  /** σ treated as a constant. */
  readonly constantDeviation?: boolean;
  /** What x − μ is divided by: nothing (only centered) or the variance σ² instead of σ. */
  readonly normalizer?: 'none' | 'variance';
}

interface BatchnormPoint extends SamplePoint {
  readonly convention?: Convention;
}

const conventionOf = (point: SamplePoint): Convention => (point as BatchnormPoint).convention ?? {};

/** The value without its tangent: a quantity held constant under differentiation. */
function constantPart(t: Tensor): Tensor {
  return new Tensor(t.rows, t.cols, t.v, zeroArray(t.size));
}

function batchSize(x: Tensor): number {
  return x.size;
}

const MEAN_NODE: ModelNode = {
  key: 'mu',
  definedByFormula: true,
  display: 'μ',
  role: 'intermediate',
  definition: 'μ = (1/m) Σ_i x_i, the batch mean',
  formula: '\\frac{1}{m}\\sum_{j=1}^{m} x_j',
  compute: (get, point) => {
    const x = get('x');
    const convention = conventionOf(point);
    const m = batchSize(x) - (convention.meanOverMMinusOne ? 1 : 0);
    const mean = divide(sum(x), scalar(m));
    return convention.constantMean ? constantPart(mean) : mean;
  },
};

/** The nodes both layers share before the normalization. */
const INPUT_NODES: ModelNode[] = [
  { key: 'x', display: 'x', role: 'input', definition: 'x = (x_1, …, x_m), the batch' },
  { key: 'gamma', display: 'γ', role: 'parameter', definition: 'γ, the scale (1 when the batch is given and γ is not)' },
  { key: 'beta', display: 'β', role: 'parameter', definition: 'β, the shift (0 when the batch is given and β is not)' },
  { key: 'g', display: '∂L/∂y', role: 'input', definition: '∂L/∂y_j, the upstream gradients (arbitrary)' },
  {
    key: 'ones',
    display: '𝟏',
    role: 'intermediate',
    definition: '𝟏 = (1, …, 1), the vector of ones of the batch size (𝟏𝟏ᵀ/m averages)',
    compute: (get) => fromValues(batchSize(get('x')), 1, zeroArray(batchSize(get('x'))).fill(1)),
  },
];

const OUTPUT_NODES: ModelNode[] = [
  {
    key: 'y',
    definedByFormula: true,
    display: 'y',
    role: 'intermediate',
    definition: 'y_i = γ x̂_i + β',
    formula: '\\gamma \\hat x_i + \\beta',
    compute: (get) => add(product(get('gamma'), get('xhat')), get('beta')),
  },
  {
    key: 'L',
    display: 'L',
    role: 'output',
    definition: 'L, a loss whose gradients ∂L/∂y_j are arbitrary',
    compute: (get) => sum(hadamard(get('g'), get('y'))),
  },
];

const FULL_NODES: ModelNode[] = [
  ...INPUT_NODES,
  { key: 'eps', display: 'ε', role: 'input', definition: 'ε, added to the variance (0 unless given; small and positive in a claim that writes it about a random batch)' },
  MEAN_NODE,
  {
    key: 'var',
    definedByFormula: true,
    display: 'σ²',
    role: 'intermediate',
    definition: 'σ² = (1/m) Σ_i (x_i − μ)², the batch variance',
    formula: '\\frac{1}{m}\\sum_{j=1}^{m} (x_j - \\mu)^2',
    compute: (get, point) => {
      const centered = sub(get('x'), get('mu'));
      const m = batchSize(centered) - (conventionOf(point).unbiasedVariance ? 1 : 0);
      return divide(sum(hadamard(centered, centered)), scalar(m));
    },
  },
  {
    key: 'sigma',
    definedByFormula: true,
    display: 'σ',
    role: 'intermediate',
    definition: 'σ = √(σ² + ε), the batch standard deviation',
    formula: '\\sqrt{\\sigma^2 + \\epsilon}',
    compute: (get, point) => {
      const deviation = map(add(get('var'), get('eps')), Math.sqrt, (v) => 0.5 / Math.sqrt(v));
      return conventionOf(point).constantDeviation ? constantPart(deviation) : deviation;
    },
  },
  {
    key: 'xhat',
    definedByFormula: true,
    display: 'x̂',
    role: 'intermediate',
    definition: 'x̂_i = (x_i − μ)/√(σ² + ε)',
    formula: '\\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}',
    compute: (get, point) => {
      const centered = sub(get('x'), get('mu'));
      const normalizer = conventionOf(point).normalizer;
      if (normalizer === 'none') return centered;
      return divide(centered, normalizer === 'variance' ? add(get('var'), get('eps')) : get('sigma'));
    },
  },
  ...OUTPUT_NODES,
];

const MEAN_ONLY_NODES: ModelNode[] = [
  ...INPUT_NODES,
  MEAN_NODE,
  {
    key: 'xhat',
    definedByFormula: true,
    display: 'x̂',
    role: 'intermediate',
    definition: 'x̂_i = x_i − μ',
    formula: 'x_i - \\mu',
    compute: (get) => sub(get('x'), get('mu')),
  },
  ...OUTPUT_NODES,
];

const GREEK_KEYS: Readonly<Record<string, string>> = { mu: 'mu', sigma: 'sigma', gamma: 'gamma', beta: 'beta', epsilon: 'eps', L: 'L', ell: 'L', 'ℓ': 'L' };
ownKeysOnly(GREEK_KEYS);

/** The symbols of a batchnorm model, restricted to the keys it has (`σ` means nothing to the mean-only layer). */
function resolverFor(keys: ReadonlySet<string>): (sym: SymNode) => string | undefined {
  return (sym) => {
    // A label subscript (`x_{pred}`) names something else; `μ_B` parses as an index and is read as μ.
    if (sym.sub?.kind === 'label' || sym.star || sym.primes) return undefined;
    let key: string | undefined;
    if (sym.name === 'x') key = sym.accent === 'hat' ? 'xhat' : sym.accent === 'bar' ? 'mu' : sym.accent === undefined ? 'x' : undefined;
    else if (sym.accent) return undefined;
    else if (sym.name === 'y') key = 'y';
    // The batch as a set: 𝓑 = {1, 7, 7, 9}.
    else if (sym.name === 'B' && !sym.sub) key = 'x';
    // \mathbf{1}: the vector of ones, as in γ(I − 𝟏𝟏ᵀ/m).
    else if (sym.name === '1' && sym.font !== undefined && !sym.sub) key = 'ones';
    else key = GREEK_KEYS[sym.name];
    return key !== undefined && keys.has(key) ? key : undefined;
  };
}

function samplerFor(hasEpsilon: boolean, minSize: number) {
  return (rng: Random, index: number, options: SamplingOptions): SamplePoint => {
    const given = options.given ?? {};
    const givenBatch = given.x;
    const m = givenBatch ? givenBatch.length : (options.dims.m ?? rng.integer(minSize, 6));
    // Entries the document left out (x_1 and x_3 given, x_2 not) stay random: claims must not depend on them.
    const batch = Array.from({ length: m }, (_, i) => pick(givenBatch?.[i], () => rng.uniform(-2, 2)));
    // Problem 3 gives the batch with γ = 1 and β = 0; a document that gives a batch and not γ, β means those.
    const gamma = pick(given.gamma?.[0], () => (givenBatch ? 1 : rng.awayFromZero(0.3, 2)));
    const beta = pick(given.beta?.[0], () => (givenBatch ? 0 : rng.uniform(-1, 1)));
    const upstream = Array.from({ length: m }, () => rng.uniform(-1.5, 1.5));
    const leaves = new Map<string, Tensor>([
      ['x', fromValues(m, 1, batch)],
      ['gamma', scalar(gamma)],
      ['beta', scalar(beta)],
      ['g', fromValues(m, 1, upstream)],
    ]);
    if (hasEpsilon) leaves.set('eps', scalar(pick(given.eps?.[0], () => 0)));
    const point = makePoint(index, { m }, leaves, options, rng);
    // ε not given: 0 where the claim does not write it (the document's batchnorm may have none) and
    // where the batch is given (Problem 3 standardizes its batch exactly); small and positive where a
    // claim about a random batch writes it (check/small-constant-points.ts).
    const free = hasEpsilon && given.eps === undefined && !givenBatch;
    return free ? { ...point, smallConstants: new Map([['eps', scalar(smallConstantAt('eps', options.seed, index))]]) } : point;
  };
}

/** The given value, else a sampled one; the sample is drawn either way, so what a document gives does not shift the other leaves' random streams. */
function pick(value: number | undefined, otherwise: () => number): number {
  const fallback = otherwise();
  return value === undefined || Number.isNaN(value) ? fallback : value;
}

function slip(name: string, hint: string, convention: Convention, localPartial?: ModelSlip['localPartial']): ModelSlip {
  return { name, hint, at: (point) => ({ ...point, convention }) as BatchnormPoint, ...(localPartial ? { localPartial } : {}) };
}

const MEAN_SLIPS: ModelSlip[] = [
  slip('mean-over-m-minus-1', 'this divides by m − 1, but the batch mean μ = (1/m) Σ_j x_j divides by m (so ∂μ/∂x_i = 1/m)', { meanOverMMinusOne: true }),
  slip(
    'constant-mean',
    'missing the mean term: this treats μ as a constant, but x_i also moves the batch mean μ (∂μ/∂x_i = 1/m), and μ enters every x̂_j',
    { constantMean: true },
    { held: ['mu'], phrase: 'μ held fixed' },
  ),
];

const FULL_SLIPS: ModelSlip[] = [
  slip('unbiased-variance', 'this uses the unbiased 1/(m−1) variance; batchnorm uses 1/m', { unbiasedVariance: true }),
  slip('not-normalized', 'this only centers the batch (x_i − μ); batchnorm also divides by the standard deviation σ = √(σ² + ε)', { normalizer: 'none' }),
  slip('divided-by-variance', 'this divides by the variance σ²; batchnorm divides by the standard deviation σ = √(σ² + ε)', { normalizer: 'variance' }),
  ...MEAN_SLIPS,
  slip(
    'constant-deviation',
    'missing the variance term: this treats σ as a constant, but x_i also moves the batch variance σ² (∂σ²/∂x_i = 2(x_i − μ)/m), and σ enters every x̂_j',
    { constantDeviation: true },
    { held: ['var', 'sigma'], phrase: 'σ² held fixed' },
  ),
  slip(
    'constant-statistics',
    'missing the mean and variance terms: this treats μ and σ as constants, but x_i moves both, and they enter every x̂_j',
    { constantMean: true, constantDeviation: true },
    { held: ['mu', 'var', 'sigma'], phrase: 'μ and σ² held fixed' },
  ),
];

const COMMON_GRADIENT_HINTS = [
  '\\frac{\\partial L}{\\partial \\hat x_i}',
  '\\frac{\\partial L}{\\partial y_i}',
  '\\frac{\\partial L}{\\partial \\mu}',
  '\\frac{\\partial L}{\\partial \\gamma}',
  '\\frac{\\partial L}{\\partial \\beta}',
];

/** ∂L/∂· that the full and the mean-only layer share (they differ in ∂L/∂x_i). */
const SHARED_ANSWERS: Readonly<Record<string, string>> = {
  y: '\\frac{\\partial L}{\\partial y_{i}}',
  xhat: '\\gamma\\frac{\\partial L}{\\partial y_{i}}',
  gamma: '\\sum_{j=1}^{m}\\frac{\\partial L}{\\partial y_j}\\hat x_j',
  beta: '\\sum_{j=1}^{m}\\frac{\\partial L}{\\partial y_j}',
};
ownKeysOnly(SHARED_ANSWERS);

export const BATCHNORM: Model = {
  name: 'batchnorm',
  description: 'Batch normalization: forward pass on a given or random batch, and its full backward pass.',
  nodes: new Map(FULL_NODES.map((n) => [n.key, n])),
  resolveSymbol: resolverFor(new Set(FULL_NODES.map((n) => n.key))),
  anchors: new Set(['x', 'xhat', 'mu', 'var', 'sigma', 'gamma', 'beta', 'eps', 'y', 'L']),
  distinctive: new Set(['xhat', 'mu', 'var', 'sigma', 'gamma', 'beta', 'eps']),
  distinctiveEntries: new Set(['y', 'xhat']),
  weakEvidence: new Set(['beta', 'eps']),
  commonTogether: new Set(['mu', 'var', 'sigma']),
  parameters: ['gamma', 'beta'],
  defaultDim: 'm',
  sigmaOf: {},
  samplePoint: samplerFor(true, 3),
  factorHints: ['\\gamma', '\\sigma', '\\frac{1}{\\sigma}', 'm', '\\frac{1}{m}', '2', '\\hat x_i'],
  gradientHints: [...COMMON_GRADIENT_HINTS, '\\frac{\\partial L}{\\partial \\sigma^2}'],
  answers: {
    of: 'L',
    wrt: {
      ...SHARED_ANSWERS,
      x: '\\frac{\\gamma}{m\\sigma}\\left(m\\frac{\\partial L}{\\partial y_{i}} - \\sum_{j=1}^{m}\\frac{\\partial L}{\\partial y_j} - \\hat x_{i}\\sum_{j=1}^{m}\\frac{\\partial L}{\\partial y_j}\\hat x_j\\right)',
    },
  },
  givable: new Set(['x', 'gamma', 'beta', 'eps']),
  labelSubscripts: new Set(['B']),
  squareOf: { sigma: 'var' },
  slips: FULL_SLIPS,
};

export const BATCHNORM_MEAN: Model = {
  name: 'batchnorm-mean',
  description: 'Batch normalization, mean only: x̂_i = x_i − μ, y_i = γx̂_i + β, and ∂L/∂x_i.',
  nodes: new Map(MEAN_ONLY_NODES.map((n) => [n.key, n])),
  resolveSymbol: resolverFor(new Set(MEAN_ONLY_NODES.map((n) => n.key))),
  anchors: new Set(['x', 'xhat', 'mu', 'gamma', 'beta', 'y', 'L']),
  distinctive: new Set(['xhat', 'mu', 'gamma', 'beta']),
  distinctiveEntries: new Set(['y', 'xhat']),
  weakEvidence: new Set(['beta']),
  parameters: ['gamma', 'beta'],
  defaultDim: 'm',
  sigmaOf: {},
  samplePoint: samplerFor(false, 2),
  factorHints: ['\\gamma', 'm', '\\frac{1}{m}', '2'],
  gradientHints: COMMON_GRADIENT_HINTS,
  answers: {
    of: 'L',
    wrt: {
      ...SHARED_ANSWERS,
      x: '\\gamma\\left(\\frac{\\partial L}{\\partial y_{i}} - \\frac{1}{m}\\sum_{j=1}^{m}\\frac{\\partial L}{\\partial y_j}\\right)',
    },
  },
  givable: new Set(['x', 'gamma', 'beta']),
  labelSubscripts: new Set(['B']),
  slips: MEAN_SLIPS,
};

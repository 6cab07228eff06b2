import { Matrix, QrDecomposition, SingularValueDecomposition, pseudoInverse, solve } from 'ml-matrix';
import { Random } from '../evaluate/random';
import { add, fromValues, hadamard, matmul, product, scalar, sub, sum, Tensor } from '../evaluate/tensor';
import type { SymNode } from '../parse/ast';
import { EvaluationError } from '../semantics/rules';
import { makePoint } from './mlp';
import type { Model, ModelConvention, ModelNode, SamplePoint, SamplingOptions } from '../semantics/model';
import { ownKeysOnly } from '../source/own-keys';

/**
 * Problem 2 of the midterm review, ridge regression: f(x) = ‖Ax − b‖² + λ‖x‖² with A ∈ R^{n×d},
 * b ∈ R^{n}, x ∈ R^{d}, λ > 0. Besides f and its gradient, the model knows the minimizer x* (solved
 * numerically, never from a formula a student might write), the least-squares solution x_LS = A⁺b,
 * and the SVD A = UΣVᵀ under both the thin and the full convention.
 *
 * Shapes vary across sample points (n > d, n < d and n = d in turn) so that a formula that only
 * type-checks for square A, or only for tall A, is caught.
 *
 * The shrinkage factor σ_i²/(σ_i² + λ) is not a quantity of its own: a claim about it is checked
 * through what it relates, x* against the least-squares solution along each singular direction
 * (`v_i^T x^* = \frac{\sigma_i^2}{\sigma_i^2+\lambda} v_i^T x_{LS}`), x* itself
 * (`x^* = \sum_i \frac{\sigma_i^2}{\sigma_i^2+\lambda}\frac{u_i^T b}{\sigma_i} v_i`), or the fitted values Ax*;
 * a document may also define it (`s_i = …`) and use it. Its limits (≈ 1 when σ_i² ≫ λ) are
 * approximations, which sampling leaves undecided.
 */

type SvdConvention = 'thin' | 'full';

interface RidgePoint extends SamplePoint {
  readonly svd?: SvdConvention;
}

const svdOf = (point: SamplePoint): SvdConvention => (point as RidgePoint).svd ?? 'thin';

/** The SVD of A's value, in both conventions. */
interface SvdParts {
  readonly singular: number[];
  readonly thin: { U: Matrix; Sigma: Matrix; V: Matrix };
  readonly full: { U: Matrix; Sigma: Matrix; V: Matrix };
}

/** Seeded copies of A share its value array, so one SVD serves every evaluation at a point. */
const SVD_CACHE = new WeakMap<readonly number[], SvdParts>();

function toMatrix(t: Tensor): Matrix {
  return Matrix.from1DArray(t.rows, t.cols, Array.from(t.v));
}

function toTensor(m: Matrix): Tensor {
  return fromValues(m.rows, m.columns, m.to1DArray());
}

function hasTangent(t: Tensor): boolean {
  return t.d.some((x) => x !== 0);
}

/**
 * Extends orthonormal columns Q (m×r) to an orthonormal basis of R^m: QR of [Q | E] for a fixed
 * pseudo-random E keeps span(Q) in its first r columns, so its last m − r columns complete Q.
 */
function completeBasis(q: Matrix, seed: number): Matrix {
  const m = q.rows;
  const r = q.columns;
  if (r >= m) return q;
  const rng = new Random(seed);
  const stacked = new Matrix(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) stacked.set(i, j, q.get(i, j));
    for (let j = r; j < m; j++) stacked.set(i, j, rng.uniform(-1, 1));
  }
  const basis = new QrDecomposition(stacked).orthogonalMatrix;
  const out = new Matrix(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) out.set(i, j, q.get(i, j));
    for (let j = r; j < m; j++) out.set(i, j, basis.get(i, j));
  }
  return out;
}

function svdParts(a: Tensor): SvdParts {
  let parts = SVD_CACHE.get(a.v);
  if (!parts) {
    const svd = new SingularValueDecomposition(toMatrix(a), { autoTranspose: true });
    const r = Math.min(a.rows, a.cols);
    const singular = svd.diagonal.slice(0, r);
    const U = svd.leftSingularVectors.subMatrix(0, a.rows - 1, 0, r - 1);
    const V = svd.rightSingularVectors.subMatrix(0, a.cols - 1, 0, r - 1);
    const fullSigma = new Matrix(a.rows, a.cols);
    singular.forEach((s, i) => fullSigma.set(i, i, s));
    parts = {
      singular,
      thin: { U, Sigma: Matrix.diag(singular), V },
      full: { U: completeBasis(U, a.rows * 31 + a.cols), Sigma: fullSigma, V: completeBasis(V, a.cols * 37 + a.rows) },
    };
    SVD_CACHE.set(a.v, parts);
  }
  return parts;
}

/** An SVD factor of A at a point: its derivative with respect to A is not modelled, so refuse it. */
function svdFactor(pick: (parts: SvdParts, convention: SvdConvention) => Tensor) {
  return (get: (key: string) => Tensor, point: SamplePoint): Tensor => {
    const a = get('A');
    if (hasTangent(a)) throw new EvaluationError('derivatives through the SVD of A are not supported');
    return pick(svdParts(a), svdOf(point));
  };
}

/**
 * x* = argmin f, solved as the least-squares problem [A; √λ I] x ≈ [b; 0] (QR, through ml-matrix),
 * not from the normal equations a claim may write. Its tangent follows from differentiating the
 * optimality condition Aᵀ(Ax − b) + λx = 0:
 * (AᵀA + λI) ẋ = Ȧᵀ(b − Ax) − AᵀȦx + Aᵀḃ − λ̇x.
 */
function minimizer(get: (key: string) => Tensor): Tensor {
  const a = get('A');
  const b = get('b');
  const lambda = get('lambda');
  const n = a.rows;
  const d = a.cols;
  if (b.rows !== n || b.cols !== 1) throw new EvaluationError(`b must be a column of ${n} entries`);
  const root = Math.sqrt(lambda.v[0]);
  const stacked = new Matrix(n + d, d);
  const rhs = new Matrix(n + d, 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) stacked.set(i, j, a.v[i * d + j]);
    rhs.set(i, 0, b.v[i]);
  }
  for (let j = 0; j < d; j++) stacked.set(n + j, j, root);
  const x = solve(stacked, rhs);
  const value = fromValues(d, 1, x.to1DArray());
  if (!hasTangent(a) && !hasTangent(b) && !hasTangent(lambda)) return value;
  const A = toMatrix(a);
  const dA = Matrix.from1DArray(n, d, Array.from(a.d));
  const residual = Matrix.columnVector(Array.from(b.v)).sub(A.mmul(x));
  const change = dA.transpose().mmul(residual)
    .sub(A.transpose().mmul(dA).mmul(x))
    .add(A.transpose().mmul(Matrix.columnVector(Array.from(b.d))))
    .sub(x.clone().mul(lambda.d[0]));
  const system = A.transpose().mmul(A).add(Matrix.eye(d).mul(lambda.v[0]));
  const tangent = solve(system, change);
  return new Tensor(d, 1, value.v, tangent.to1DArray());
}

const NODES: ModelNode[] = [
  { key: 'A', display: 'A', role: 'input', definition: 'A ∈ R^{n×d}' },
  { key: 'b', display: 'b', role: 'input', definition: 'b ∈ R^{n}' },
  { key: 'x', display: 'x', role: 'parameter', definition: 'x ∈ R^{d}, the variable' },
  { key: 'lambda', display: 'λ', role: 'input', definition: 'λ > 0, the regularization weight' },
  {
    key: 'f',
    definedByFormula: true,
    display: 'f',
    role: 'output',
    definition: 'f(x) = ‖Ax − b‖² + λ‖x‖²',
    formula: '\\|Ax - b\\|^2 + \\lambda\\|x\\|^2',
    compute: (get) => {
      const residual = sub(matmul(get('A'), get('x')), get('b'));
      const x = get('x');
      return add(sum(hadamard(residual, residual)), product(get('lambda'), sum(hadamard(x, x))));
    },
  },
  { key: 'xstar', display: 'x*', role: 'intermediate', definition: 'x* = argmin_x f(x), solved numerically', formula: '(A^\\top A + \\lambda I)^{-1} A^\\top b', compute: minimizer },
  {
    key: 'xls',
    display: 'x_LS',
    role: 'intermediate',
    definition: 'x_LS = A⁺b, the (minimum-norm) least-squares solution without regularization',
    compute: (get) => {
      const a = get('A');
      const b = get('b');
      if (hasTangent(a) || hasTangent(b)) throw new EvaluationError('derivatives of the least-squares solution x_LS are not supported');
      return toTensor(pseudoInverse(toMatrix(a)).mmul(toMatrix(b)));
    },
  },
  {
    key: 'U',
    display: 'U',
    role: 'intermediate',
    definition: 'A = UΣVᵀ: U is n×r (thin SVD) or n×n (full SVD)',
    compute: svdFactor((parts, c) => toTensor(parts[c].U)),
  },
  {
    key: 'Sigma',
    display: 'Σ',
    role: 'intermediate',
    definition: 'A = UΣVᵀ: Σ is r×r (thin SVD) or n×d (full SVD), with σ_1 ≥ … ≥ σ_r on its diagonal',
    compute: svdFactor((parts, c) => toTensor(parts[c].Sigma)),
  },
  {
    key: 'V',
    display: 'V',
    role: 'intermediate',
    definition: 'A = UΣVᵀ: V is d×r (thin SVD) or d×d (full SVD)',
    compute: svdFactor((parts, c) => toTensor(parts[c].V)),
  },
  {
    key: 'singular',
    display: 'σ_i',
    role: 'intermediate',
    definition: 'σ_i, the singular values of A (i = 1…r, r = min(n, d)), largest first',
    compute: svdFactor((parts) => fromValues(parts.singular.length, 1, parts.singular)),
  },
  {
    key: 'sigmaMax',
    display: 'σ_max',
    role: 'intermediate',
    definition: 'σ_max, the largest singular value of A',
    compute: svdFactor((parts) => scalar(parts.singular[0])),
  },
  {
    key: 'sigmaMin',
    display: 'σ_min',
    role: 'intermediate',
    definition: 'σ_min, the smallest of the r = min(n, d) singular values of A',
    compute: svdFactor((parts) => scalar(parts.singular[parts.singular.length - 1])),
  },
  {
    key: 'u',
    display: 'u_i',
    role: 'intermediate',
    definition: 'u_i, the i-th left singular vector (column i of U)',
    indexedBy: 'column',
    compute: svdFactor((parts, c) => toTensor(parts[c].U)),
  },
  {
    key: 'v',
    display: 'v_i',
    role: 'intermediate',
    definition: 'v_i, the i-th right singular vector (column i of V)',
    indexedBy: 'column',
    compute: svdFactor((parts, c) => toTensor(parts[c].V)),
  },
];

/** Subscripts that name a solution rather than index it: x_{LS}, x_λ. */
const LABEL_SUBSCRIPTS = new Set(['L', 'S', 'lambda']);
const RIDGE_LABELS = new Set(['ridge', 'rr', 'reg', 'opt', 'lambda']);
const LEAST_SQUARES_LABELS = new Set(['ls', 'ols']);

/** A subscript written as letters that name the solution: `x_{LS}` (indices L, S), `x_\lambda`, `x_{\text{ridge}}`. */
function solutionLabel(sym: SymNode): string | undefined {
  if (sym.sub?.kind === 'label') return sym.sub.text.toLowerCase().replace(/[^a-z]/g, '');
  if (sym.sub?.kind !== 'indices') return undefined;
  const names = sym.sub.items.map((item) => (item.kind === 'sym' && !item.sub && LABEL_SUBSCRIPTS.has(item.name) ? item.name : undefined));
  if (names.some((n) => n === undefined)) return undefined;
  return names.join('').toLowerCase();
}

function resolveSymbol(sym: SymNode): string | undefined {
  const indexed = sym.sub?.kind === 'indices';
  const label = solutionLabel(sym);
  const oneIndex = indexed && sym.sub!.kind === 'indices' && sym.sub!.items.length === 1 && label === undefined;
  switch (sym.name) {
    case 'x':
      if (sym.primes || sym.accent === 'bar' || sym.accent === 'tilde' || sym.accent === 'dot') return undefined;
      if (label !== undefined) {
        if (RIDGE_LABELS.has(label)) return 'xstar';
        if (LEAST_SQUARES_LABELS.has(label)) return 'xls';
        return undefined;
      }
      if (sym.sub?.kind === 'label') return undefined;
      return sym.star || sym.accent === 'hat' ? 'xstar' : 'x';
    case 'A':
    case 'b':
      return sym.accent || sym.star || sym.primes || sym.sub?.kind === 'label' || label !== undefined ? undefined : sym.name;
    case 'lambda':
      return sym.sub || sym.accent || sym.star || sym.primes ? undefined : 'lambda';
    case 'f':
    case 'J':
      return sym.sub || sym.accent || sym.star || sym.primes ? undefined : 'f';
    case 'U':
    case 'V':
    case 'Sigma':
      return sym.sub?.kind === 'label' || sym.accent || sym.star || sym.primes ? undefined : sym.name;
    case 'u':
    case 'v':
      return oneIndex && !sym.accent && !sym.star && !sym.primes ? sym.name : undefined;
    case 'sigma':
      if (sym.accent || sym.star || sym.primes) return undefined;
      if (sym.sub?.kind === 'label') return sym.sub.text === 'max' ? 'sigmaMax' : sym.sub.text === 'min' ? 'sigmaMin' : undefined;
      return oneIndex ? 'singular' : undefined;
  }
  return undefined;
}

const SHAPES: Record<string, Record<SvdConvention, readonly [string, string]>> = {
  A: { thin: ['n', 'd'], full: ['n', 'd'] },
  b: { thin: ['n', '1'], full: ['n', '1'] },
  x: { thin: ['d', '1'], full: ['d', '1'] },
  xstar: { thin: ['d', '1'], full: ['d', '1'] },
  xls: { thin: ['d', '1'], full: ['d', '1'] },
  lambda: { thin: ['1', '1'], full: ['1', '1'] },
  f: { thin: ['1', '1'], full: ['1', '1'] },
  sigmaMax: { thin: ['1', '1'], full: ['1', '1'] },
  sigmaMin: { thin: ['1', '1'], full: ['1', '1'] },
  singular: { thin: ['r', '1'], full: ['r', '1'] },
  U: { thin: ['n', 'r'], full: ['n', 'n'] },
  u: { thin: ['n', 'r'], full: ['n', 'n'] },
  Sigma: { thin: ['r', 'r'], full: ['n', 'd'] },
  V: { thin: ['d', 'r'], full: ['d', 'd'] },
  v: { thin: ['d', 'r'], full: ['d', 'd'] },
};
ownKeysOnly(SHAPES);

type Relation = 'tall' | 'wide' | 'square';
const RELATIONS: readonly Relation[] = ['tall', 'wide', 'square'];
const holds = (relation: Relation, n: number, d: number) => (relation === 'tall' ? n > d : relation === 'wide' ? n < d : n === d);

/** Sizes for one point: the relation cycles with the point index, within any pinned n or d. */
function drawSizes(rng: Random, relation: Relation, pins: Readonly<Record<string, number>>): { n: number; d: number } {
  const pick = (options: number[]) => options[rng.integer(0, options.length - 1)];
  const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  if (pins.n !== undefined && pins.d !== undefined) return { n: pins.n, d: pins.d };
  if (pins.n !== undefined) {
    const fitting = range(2, 5).filter((d) => holds(relation, pins.n, d));
    return { n: pins.n, d: pick(fitting.length ? fitting : range(2, 5)) };
  }
  if (pins.d !== undefined) {
    const fitting = range(2, 6).filter((n) => holds(relation, n, pins.d));
    return { n: pick(fitting.length ? fitting : range(2, 6)), d: pins.d };
  }
  if (relation === 'tall') {
    const d = rng.integer(2, 3);
    return { n: d + rng.integer(1, 2), d };
  }
  if (relation === 'wide') {
    const n = rng.integer(2, 3);
    return { n, d: n + rng.integer(1, 2) };
  }
  const n = rng.integer(2, 4);
  return { n, d: n };
}

/** Well-conditioned A (σ_min ≥ σ_max/8), so that comparisons at a relative 1e-9 stay meaningful. */
function drawMatrix(rng: Random, n: number, d: number): Tensor {
  let a: Tensor | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    a = fromValues(n, d, Array.from({ length: n * d }, () => rng.uniform(-1.5, 1.5)));
    const s = new SingularValueDecomposition(toMatrix(a), { autoTranspose: true, computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal;
    if (s[Math.min(n, d) - 1] >= s[0] / 8) return a;
  }
  return a!;
}

function samplePoint(rng: Random, index: number, options: SamplingOptions): SamplePoint {
  const { n, d } = drawSizes(rng, RELATIONS[index % RELATIONS.length], options.dims);
  const column = (rows: number, lo: number, hi: number) => fromValues(rows, 1, Array.from({ length: rows }, () => rng.uniform(lo, hi)));
  const given = options.given?.lambda?.[0];
  const leaves = new Map<string, Tensor>([
    ['A', drawMatrix(rng, n, d)],
    ['b', column(n, -2, 2)],
    ['x', column(d, -1.5, 1.5)],
    ['lambda', scalar(given !== undefined && Number.isFinite(given) && given > 0 ? given : rng.uniform(0.2, 2.5))],
  ]);
  const point: RidgePoint = { ...makePoint(index, { n, d, r: Math.min(n, d) }, leaves, options, rng), svd: 'thin' };
  return point;
}

const SVD_KEYS = new Set(['U', 'Sigma', 'V', 'u', 'v']);

function convention(name: SvdConvention, description: string): ModelConvention {
  return { name, description, keys: SVD_KEYS, at: (point) => ({ ...point, svd: name }) as RidgePoint };
}

export const RIDGE: Model = {
  name: 'ridge',
  description: 'Ridge regression: f(x) = ‖Ax − b‖² + λ‖x‖², its minimizer and the SVD of A.',
  nodes: new Map(NODES.map((n) => [n.key, n])),
  resolveSymbol,
  // Quantities only ridge has; A, b and x are shared with Problem 1 and decide nothing on their own.
  anchors: new Set(['f', 'lambda', 'xstar', 'xls', 'U', 'Sigma', 'V', 'singular', 'sigmaMax', 'sigmaMin', 'u', 'v']),
  distinctive: new Set(['lambda', 'xstar', 'xls', 'Sigma', 'singular', 'sigmaMax', 'sigmaMin']),
  distinctiveEntries: new Set(['Sigma', 'singular', 'u', 'v']),
  matrixKeys: new Set(['A', 'b', 'x', 'xstar', 'xls', 'U', 'Sigma', 'V', 'singular', 'u', 'v']),
  parameters: ['x'],
  defaultDim: 'd',
  sizeNames: ['n', 'd', 'r'],
  sigmaOf: {},
  labelSubscripts: LABEL_SUBSCRIPTS,
  // `$n = 5$`, `$d = 3$` pin the sizes like a directive; r = min(n, d) follows from them, so stating it is a claim.
  givable: new Set(['lambda', 'n', 'd']),
  samplePoint,
  symbolicShape: (key, point) => SHAPES[key]?.[svdOf(point)],
  conventions: [
    convention('thin', 'the thin SVD (U n×r, Σ r×r, V d×r, r = min(n, d))'),
    convention('full', 'the full SVD (U n×n, Σ n×d, V d×d)'),
  ],
  optimum: { variable: 'x', at: 'xstar', description: 'the minimizer x* of f, where ∇f(x) = 0' },
  factorizations: [{ of: 'A', factors: ['U', 'Sigma', 'V'] }],
  factorHints: ['2', '\\lambda'],
  gradientHints: [],
  wrongForms: [
    { latex: '2A^\\top(Ax-b) + \\lambda x', hint: 'the gradient of λ‖x‖² is 2λx, not λx' },
    { latex: '2A^\\top(Ax-b)', hint: 'the gradient of the regularizer λ‖x‖², 2λx, is missing' },
    { latex: '2A^\\top(b-Ax) + 2\\lambda x', hint: 'sign error in the data term: the gradient of ‖Ax − b‖² is 2Aᵀ(Ax − b)' },
    { latex: 'A^\\top(Ax-b) + 2\\lambda x', hint: 'the gradient of ‖Ax − b‖² is 2Aᵀ(Ax − b): the factor 2 is missing from the data term' },
    { latex: '(A^\\top A)^{-1}A^\\top b', hint: 'this is the unregularized least-squares solution: λI is missing from (AᵀA + λI)⁻¹ (and AᵀA is not invertible when n < d)' },
    { latex: '(A^\\top A + \\lambda)^{-1}A^\\top b', hint: 'adding the scalar λ adds it to every entry of AᵀA; the regularizer adds λI, λ on the diagonal only' },
    { latex: '(A^\\top A + I)^{-1}A^\\top b', hint: 'λ is missing: the regularizer contributes λI, not I' },
    { latex: '(A^\\top A - \\lambda I)^{-1}A^\\top b', hint: 'sign error: the regularizer adds λI to AᵀA' },
    { latex: '(A^\\top A + \\lambda I)A^\\top b', hint: 'the inverse is missing: x* = (AᵀA + λI)⁻¹Aᵀb' },
    { latex: '\\sum_i \\frac{1}{\\sigma_i} v_i u_i^\\top b', hint: 'this is the least-squares solution A⁺b without regularization: each term needs the shrinkage factor σ_i²/(σ_i² + λ), giving σ_i/(σ_i² + λ)' },
    { latex: '\\sum_i \\frac{\\sigma_i^2}{\\sigma_i^2+\\lambda} v_i u_i^\\top b', hint: 'the coefficient of v_i u_iᵀb is σ_i/(σ_i² + λ): the shrinkage factor σ_i²/(σ_i² + λ) multiplies the least-squares coefficient 1/σ_i' },
    { latex: '\\sum_i \\frac{\\sigma_i}{\\sigma_i^2+\\lambda^2} v_i u_i^\\top b', hint: 'λ enters as σ_i² + λ, not σ_i² + λ²' },
  ],
  answers: {
    of: 'f',
    wrt: {
      x: '2A^\\top(Ax - b) + 2\\lambda x',
    },
  },
};

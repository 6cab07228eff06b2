import { LuDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * Dense real tensors (vectors and matrices, scalars are 1×1) of dual numbers: every entry carries a
 * value `v` and one tangent `d`. Forward-mode AD: seeding one input's tangent with 1 and evaluating
 * yields the derivative of every result with respect to that input in its `d`.
 */
export class Tensor {
  /** Values, row-major. Plain arrays: a tensor is small and short-lived, and these are far cheaper to make than typed arrays. */
  readonly v: number[];
  /** Tangents, row-major. */
  readonly d: number[];

  constructor(
    readonly rows: number,
    readonly cols: number,
    v: number[] | Float64Array,
    d: number[] | Float64Array,
    /**
     * 'identity': c·I of a size the context decides (a 1×1 value c). 'gradient': the derivative of a
     * scalar with respect to a vector, whose orientation (row or column) is a matter of convention.
     * 'jacobian': the derivative of a vector with respect to a vector, which may be written as the
     * vector of its diagonal when it is diagonal (∂σ(z)/∂z = σ′(z), elementwise).
     */
    readonly kind: 'plain' | 'identity' | 'gradient' | 'jacobian' = 'plain',
  ) {
    // Never written after construction (shared between tensors freely).
    this.v = Array.isArray(v) ? v : Array.from(v);
    this.d = Array.isArray(d) ? d : Array.from(d);
  }

  get size(): number {
    return this.rows * this.cols;
  }
  get isScalar(): boolean {
    return this.rows === 1 && this.cols === 1;
  }
  get isVector(): boolean {
    return (this.rows === 1 || this.cols === 1) && !this.isScalar;
  }
  shapeText(): string {
    return this.isScalar ? 'a scalar' : `${this.rows}×${this.cols}`;
  }
}

/** Raised for operations whose shapes do not fit, e.g. adding a k×1 vector to a 1×k one. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** Raised when inverting a matrix that has no inverse (AᵀA of a wide A). */
export class SingularMatrixError extends ShapeError {
  constructor(message: string) {
    super(message);
    this.name = 'SingularMatrixError';
  }
}

/** n zeros (as `new Float64Array(n)` gave), in an array of exactly that length. */
export function zeroArray(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = 0;
  return out;
}

/** A copy of the values as numbers (as `Float64Array.from` gave: anything else reads as a number). */
function copyValues(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = +values[i];
  return out;
}

export function scalar(v: number, d = 0): Tensor {
  return new Tensor(1, 1, [+v], [+d]);
}

export function zeros(rows: number, cols: number): Tensor {
  return new Tensor(rows, cols, zeroArray(rows * cols), zeroArray(rows * cols));
}

export function fromValues(rows: number, cols: number, values: ArrayLike<number>): Tensor {
  return new Tensor(rows, cols, copyValues(values), zeroArray(rows * cols));
}

/** A copy whose tangent is 1 at `index` and 0 elsewhere (the seed of forward-mode AD). */
export function seeded(t: Tensor, index: number): Tensor {
  const d = zeroArray(t.size);
  // An index outside the tensor seeds nothing (as a typed array ignored such a write).
  if (Number.isInteger(index) && index >= 0 && index < d.length) d[index] = 1;
  return new Tensor(t.rows, t.cols, t.v, d);
}

/** The entry at flat index `i` as a scalar, tangent included. */
export function entry(t: Tensor, i: number): Tensor {
  return scalar(t.v[i], t.d[i]);
}

/** Column `j` (1-based) as a column vector, tangent included: u_i of U. */
export function column(t: Tensor, j: number): Tensor {
  if (!Number.isInteger(j) || j < 1 || j > t.cols) throw new ShapeError(`column ${j} is out of range 1..${t.cols}`);
  const v = zeroArray(t.rows);
  const d = zeroArray(t.rows);
  for (let r = 0; r < t.rows; r++) {
    v[r] = t.v[r * t.cols + j - 1];
    d[r] = t.d[r * t.cols + j - 1];
  }
  return new Tensor(t.rows, 1, v, d);
}

/** The identity of a size the context decides: `I` in `\\frac{\\partial z}{\\partial b} = I`, `A + λI`. */
export function identity(): Tensor {
  return new Tensor(1, 1, [1], [0], 'identity');
}

export function withKind(t: Tensor, kind: Tensor['kind']): Tensor {
  return new Tensor(t.rows, t.cols, t.v, t.d, kind);
}

/** The n×n identity, of a size fixed by the writer (I_n). */
export function eye(n: number): Tensor {
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) out.v[i * n + i] = 1;
  return out;
}

/** c·I as an n×n matrix. */
function expandIdentity(t: Tensor, n: number): Tensor {
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) {
    out.v[i * n + i] = t.v[0];
    out.d[i * n + i] = t.d[0];
  }
  return out;
}

/** Make an identity or a gradient fit the shape it meets in an elementwise operation. */
function fitTo(t: Tensor, other: Tensor): Tensor {
  if (t.kind === 'identity' && !other.isScalar) {
    if (other.rows !== other.cols) throw new ShapeError(`I is square, but it meets ${other.shapeText()}`);
    return expandIdentity(t, other.rows);
  }
  if (t.kind === 'gradient' && t.isVector && other.isVector && t.size === other.size && t.rows !== other.rows) {
    return new Tensor(other.rows, other.cols, t.v, t.d, 'gradient');
  }
  return t;
}

export function transpose(t: Tensor): Tensor {
  if (t.rows === 1 || t.cols === 1) return new Tensor(t.cols, t.rows, t.v, t.d, t.kind);
  const out = zeros(t.cols, t.rows);
  for (let r = 0; r < t.rows; r++)
    for (let c = 0; c < t.cols; c++) {
      out.v[c * t.rows + r] = t.v[r * t.cols + c];
      out.d[c * t.rows + r] = t.d[r * t.cols + c];
    }
  return out;
}

/** Elementwise operations (a code each, so one monomorphic loop serves them all). */
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const POW = 4;
type BinaryOp = typeof ADD | typeof SUB | typeof MUL | typeof DIV | typeof POW;

/** The value of `op` on two dual numbers. */
function valueOf(op: BinaryOp, av: number, bv: number): number {
  switch (op) {
    case ADD:
      return av + bv;
    case SUB:
      return av - bv;
    case MUL:
      return av * bv;
    case DIV:
      return av / bv;
    default:
      return Math.pow(av, bv);
  }
}

/** The tangent of `op` on two dual numbers (`value` is valueOf's result). */
function tangentOf(op: BinaryOp, av: number, ad: number, bv: number, bd: number, value: number): number {
  switch (op) {
    case ADD:
      return ad + bd;
    case SUB:
      return ad - bd;
    case MUL:
      return ad * bv + av * bd;
    case DIV:
      return (ad * bv - av * bd) / (bv * bv);
    default: {
      let t = 0;
      if (ad !== 0) t += bv === 0 ? 0 : bv * Math.pow(av, bv - 1) * ad;
      if (bd !== 0) t += value * Math.log(av) * bd;
      return t;
    }
  }
}

/** Elementwise binary op; a scalar broadcasts against anything, otherwise shapes must be equal. */
function elementwise(a: Tensor, b: Tensor, what: string, op: BinaryOp, scalarKind: Tensor['kind'] = 'plain'): Tensor {
  if (a.rows === 1 && a.cols === 1 && b.rows === 1 && b.cols === 1) {
    // Two scalars (most operations): nothing to fit or broadcast.
    const value = valueOf(op, a.v[0], b.v[0]);
    return new Tensor(1, 1, [value], [tangentOf(op, a.v[0], a.d[0], b.v[0], b.d[0], value)], scalarKind);
  }
  [a, b] = [fitTo(a, b), fitTo(b, a)];
  let rows: number;
  let cols: number;
  if (a.isScalar) [rows, cols] = [b.rows, b.cols];
  else if (b.isScalar || (a.rows === b.rows && a.cols === b.cols)) [rows, cols] = [a.rows, a.cols];
  else throw new ShapeError(`cannot ${what} ${a.shapeText()} and ${b.shapeText()}`);
  const n = rows * cols;
  const v = new Array<number>(n);
  const d = new Array<number>(n);
  const as = a.isScalar ? 0 : 1;
  const bs = b.isScalar ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const av = a.v[i * as];
    const bv = b.v[i * bs];
    const value = valueOf(op, av, bv);
    v[i] = value;
    d[i] = tangentOf(op, av, a.d[i * as], bv, b.d[i * bs], value);
  }
  return new Tensor(rows, cols, v, d, n === 1 ? scalarKind : resultKind(a, b));
}

/** A gradient stays one when scaled or combined with an identity; a Jacobian when scaled. */
function resultKind(a: Tensor, b: Tensor): Tensor['kind'] {
  if (a.kind === 'gradient' && (b.kind !== 'plain' || b.isScalar)) return 'gradient';
  if (b.kind === 'gradient' && a.isScalar) return 'gradient';
  if ((a.kind === 'jacobian' && b.isScalar) || (b.kind === 'jacobian' && a.isScalar)) return 'jacobian';
  return 'plain';
}

/** The kind of a 1×1 result: c·I stays an identity under scaling and under sums of identities. */
function identityKind(a: Tensor, b: Tensor, scaling: boolean): Tensor['kind'] {
  const ids = Number(a.kind === 'identity') + Number(b.kind === 'identity');
  if (scaling) return ids === 1 ? 'identity' : 'plain';
  return ids === 2 ? 'identity' : 'plain';
}

export function add(a: Tensor, b: Tensor): Tensor {
  return elementwise(a, b, 'add', ADD, identityKind(a, b, false));
}

export function sub(a: Tensor, b: Tensor): Tensor {
  return elementwise(a, b, 'subtract', SUB, identityKind(a, b, false));
}

export function hadamard(a: Tensor, b: Tensor): Tensor {
  return elementwise(a, b, 'multiply elementwise', MUL, identityKind(a, b, true));
}

/** Scalar times anything: an identity is a scalar here (2·I, λI), not expanded. */
function scale(a: Tensor, b: Tensor): Tensor {
  const [s, t] = a.isScalar ? [a, b] : [b, a];
  const plain = new Tensor(1, 1, s.v, s.d);
  if (t.isScalar) return elementwise(plain, new Tensor(1, 1, t.v, t.d), 'multiply', MUL, identityKind(a, b, true));
  return elementwise(plain, t, 'multiply', MUL);
}

export function divide(a: Tensor, b: Tensor): Tensor {
  return elementwise(a, b, 'divide', DIV, a.kind === 'identity' && b.kind !== 'identity' ? 'identity' : 'plain');
}

export function neg(a: Tensor): Tensor {
  return new Tensor(a.rows, a.cols, a.v.map((x) => -x), a.d.map((x) => -x), a.kind);
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.cols !== b.rows) throw new ShapeError(`cannot multiply ${a.shapeText()} by ${b.shapeText()}`);
  const out = zeros(a.rows, b.cols);
  for (let r = 0; r < a.rows; r++)
    for (let c = 0; c < b.cols; c++) {
      let v = 0;
      let d = 0;
      for (let k = 0; k < a.cols; k++) {
        const x = a.v[r * a.cols + k];
        const y = b.v[k * b.cols + c];
        v += x * y;
        d += a.d[r * a.cols + k] * y + x * b.d[k * b.cols + c];
      }
      out.v[r * b.cols + c] = v;
      out.d[r * b.cols + c] = d;
    }
  return out;
}

/**
 * Multiplication as students write it: scalars scale; a matrix product when the inner sizes fit;
 * two vectors of the same shape multiply elementwise (σ(z)(1−σ(z)), as numpy does).
 */
export function product(a: Tensor, b: Tensor): Tensor {
  if (a.isScalar || b.isScalar) return scale(a, b);
  // A product of Jacobians is the Jacobian of the composition (the chain rule, dσ/du · du/dz).
  if (a.cols === b.rows) return a.kind === 'jacobian' && b.kind === 'jacobian' ? withKind(matmul(a, b), 'jacobian') : matmul(a, b);
  if (a.rows === b.rows && a.cols === b.cols && (a.rows === 1 || a.cols === 1)) return hadamard(a, b);
  // A gradient written in the other orientation (numerator layout) still multiplies.
  if (a.kind === 'gradient' && a.isVector && a.rows === b.rows) return matmul(transpose(a), b);
  if (b.kind === 'gradient' && b.isVector && a.cols === b.cols) return matmul(a, transpose(b));
  throw new ShapeError(`cannot multiply ${a.shapeText()} by ${b.shapeText()}`);
}

/** Applies f elementwise, with f1 its derivative (chain rule on the tangent). */
export function map(a: Tensor, f: (x: number) => number, f1: (x: number) => number): Tensor {
  const n = a.size;
  const v = zeroArray(n);
  const d = zeroArray(n);
  for (let i = 0; i < n; i++) {
    const x = a.v[i];
    v[i] = f(x);
    d[i] = a.d[i] === 0 ? 0 : f1(x) * a.d[i];
  }
  return new Tensor(a.rows, a.cols, v, d);
}

/** a^b elementwise, with a dual exponent (scalar, or same shape). */
export function power(a: Tensor, b: Tensor): Tensor {
  return elementwise(a, b, 'raise', POW);
}

export function sum(a: Tensor): Tensor {
  let v = 0;
  let d = 0;
  for (let i = 0; i < a.size; i++) {
    v += a.v[i];
    d += a.d[i];
  }
  return scalar(v, d);
}

/** The inverse of a square matrix (ml-matrix's LU); tangent: −A⁻¹ Ȧ A⁻¹. */
export function inverse(a: Tensor): Tensor {
  if (a.rows !== a.cols) throw new ShapeError(`cannot invert ${a.shapeText()} (not square)`);
  if (a.isScalar) return divide(scalar(1), a);
  const n = a.rows;
  const matrix = Matrix.from1DArray(n, n, Array.from(a.v));
  const lu = new LuDecomposition(matrix);
  // Rounding hides exact singularity (AᵀA of a wide A): a condition number past 1e12 counts as singular.
  if (lu.isSingular() || !(new SingularValueDecomposition(matrix, { computeLeftSingularVectors: false, computeRightSingularVectors: false }).condition < 1e12)) {
    throw new SingularMatrixError(`the ${a.shapeText()} matrix is singular (not invertible)`);
  }
  const value = fromValues(n, n, lu.solve(Matrix.eye(n)).to1DArray());
  const dInv = neg(matmul(matmul(value, fromValues(n, n, a.d)), value));
  return new Tensor(n, n, value.v, dInv.v);
}

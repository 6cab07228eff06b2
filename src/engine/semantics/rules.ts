import type { DerivNode, Node } from '../parse/ast';
import * as T from '../evaluate/tensor';
import { Tensor } from '../evaluate/tensor';
import { activationNamed } from '../evaluate/activations';
import type { Env } from './env';
import type { Compiled, Evaluator, NodeRef } from './scope';
import { ownKeysOnly } from '../source/own-keys';
import { EvaluationError } from './evaluation-error';

/** The symbol of time in update rules: b_{t+1}. */
export const TIME = 't';

// The evaluation rules the compiler's closures share: elementary functions, indices, time steps,
// and forward-mode derivatives through the model's graph.

/**
 * A function's value and derivative; `ELEMENTARY[name][n]` is its n-th derivative's, for primes written
 * (`\log''`). `f2`, the second derivative where no rule for `'` is given, serves second derivatives by
 * hyper-duals only (semantics/compile-second.ts).
 */
export type Elementwise = { f: (x: number) => number; f1: (x: number) => number; f2?: (x: number) => number };
export const ELEMENTARY: Record<string, Elementwise[]> = {
  exp: [{ f: Math.exp, f1: Math.exp, f2: Math.exp }],
  log: [{ f: Math.log, f1: (x) => 1 / x }, { f: (x) => 1 / x, f1: (x) => -1 / (x * x) }],
  sqrt: [{ f: Math.sqrt, f1: (x) => 0.5 / Math.sqrt(x), f2: (x) => -0.25 / (x * Math.sqrt(x)) }],
  sin: [{ f: Math.sin, f1: Math.cos }, { f: Math.cos, f1: (x) => -Math.sin(x) }],
  cos: [{ f: Math.cos, f1: (x) => -Math.sin(x) }, { f: (x) => -Math.sin(x), f1: (x) => -Math.cos(x) }],
  abs: [{ f: Math.abs, f1: Math.sign }],
  tan: [{ f: Math.tan, f1: (x) => 1 / Math.cos(x) ** 2 }, { f: (x) => 1 / Math.cos(x) ** 2, f1: (x) => (2 * Math.tan(x)) / Math.cos(x) ** 2 }],
  sec: [{ f: (x) => 1 / Math.cos(x), f1: (x) => Math.tan(x) / Math.cos(x), f2: (x) => (Math.tan(x) ** 2 + 1 / Math.cos(x) ** 2) / Math.cos(x) }],
  csc: [{ f: (x) => 1 / Math.sin(x), f1: (x) => -1 / (Math.sin(x) * Math.tan(x)) }],
  cot: [{ f: (x) => 1 / Math.tan(x), f1: (x) => -1 / Math.sin(x) ** 2 }],
  arcsin: [{ f: Math.asin, f1: (x) => 1 / Math.sqrt(1 - x * x) }],
  arccos: [{ f: Math.acos, f1: (x) => -1 / Math.sqrt(1 - x * x) }],
  arctan: [{ f: Math.atan, f1: (x) => 1 / (1 + x * x), f2: (x) => (-2 * x) / (1 + x * x) ** 2 }],
};
ownKeysOnly(ELEMENTARY);
ELEMENTARY.ln = ELEMENTARY.log;

/**
 * Operators of statistics and linear algebra with a meaning of their own, whether or not the checker
 * can evaluate them: `\operatorname{Var}(x) = …` states a fact about the variance, never defines Var.
 */
const KNOWN_OPERATORS: ReadonlySet<string> = new Set(['var', 'cov', 'corr', 'std', 'mean', 'median', 'tr', 'det', 'logdet', 'rank', 'softmax', 'logsumexp', 'lse', 'argmax', 'argmin', 'sgn', 'sign', 'erf', 'lg']);

/** Functions with a fixed meaning: `\tanh(z) = …` is a claim about tanh, never a definition. */
export function isBuiltinFunction(name: string): boolean {
  return name in ELEMENTARY || activationNamed(name) !== undefined || ['max', 'min', 'diag', 'sigmoid'].includes(name) || KNOWN_OPERATORS.has(name.toLowerCase());
}

/**
 * ∂F/∂r for a quantity r the student defined (r = y − ŷ) when F is written without r (∂L/∂r): by the
 * chain rule dF/dθ = (∂F/∂r)(dr/dθ) for every input θ, so the ratio is ∂F/∂r — provided it is the
 * same for every θ, i.e. F depends on the inputs only through r. Otherwise the derivative is
 * ambiguous and the claim cannot be decided.
 */
export function throughIntermediate(env: Env, intermediate: Evaluator, of: Evaluator, fText: string, rText: string): Tensor {
  if (!intermediate(env).isScalar) throw new EvaluationError(`∂${fText}/∂${rText} through a vector ${rText} is not supported`);
  let ratio: number | undefined;
  for (const [key, value] of env.point.leaves) {
    for (let i = 0; i < value.size; i++) {
      const child = env.child({ key: `node:${key}`, index: i });
      const dr = intermediate(child).d[0];
      const result = of(child);
      if (!result.isScalar) throw new EvaluationError(`∂${fText}/∂${rText} for a non-scalar ${fText} is not supported`);
      const dF = result.d[0];
      if (Math.abs(dr) < 1e-10) {
        if (Math.abs(dF) > 1e-10) throw new EvaluationError(`${fText} does not depend on the model only through ${rText}, so ∂${fText}/∂${rText} is ambiguous`);
        continue;
      }
      const q = dF / dr;
      if (ratio === undefined) ratio = q;
      else if (Math.abs(q - ratio) > 1e-7 * Math.max(1, Math.abs(q), Math.abs(ratio))) {
        throw new EvaluationError(`${fText} does not depend on the model only through ${rText}, so ∂${fText}/∂${rText} is ambiguous`);
      }
    }
  }
  if (ratio === undefined) throw new EvaluationError(`${rText} does not depend on the inputs of the model`);
  return T.scalar(ratio);
}

/** ∂F/∂v for all entries of v: the shape of v when F is scalar, else the Jacobian (|F| × |v|). */
export function gradientOf(env: Env, key: string, whole: Tensor, of: Evaluator): Tensor {
  const columns: number[][] = [];
  let outputShape: [number, number] = [1, 1];
  for (let i = 0; i < whole.size; i++) {
    const result = of(env.child({ key, index: i }));
    outputShape = [result.rows, result.cols];
    columns.push(result.d);
  }
  if (whole.isScalar) return T.fromValues(outputShape[0], outputShape[1], columns[0]);
  const outputs = outputShape[0] * outputShape[1];
  if (outputs === 1) return T.withKind(T.fromValues(whole.rows, whole.cols, columns.map((c) => c[0])), whole.isVector ? 'gradient' : 'plain');
  const jacobian = T.zeros(outputs, whole.size);
  for (let c = 0; c < whole.size; c++) for (let r = 0; r < outputs; r++) jacobian.v[r * whole.size + c] = +columns[c][r];
  return T.withKind(jacobian, 'jacobian');
}

export function valueOfKey(env: Env, key: string, target: Compiled, ref: NodeRef): Tensor {
  if (key.startsWith('node:')) return env.node(key.slice(5));
  // A user quantity: running the target memoises the whole under its key.
  const value = target.run(env);
  if (ref.indices.length === 0) return value;
  return env.cached(key, () => fail(`cannot differentiate with respect to an entry of ${ref.display}`));
}

export function aliasRef(ref: NodeRef, indexVars: readonly string[], indexFns: readonly ((env: Env) => number)[]): NodeRef {
  return { key: ref.key, display: ref.display, indices: ref.indices.map((f) => (env: Env) => withIndices(env, indexVars, indexFns, f)) };
}

/** Runs `run` with the family's index letters bound to the given indices, then restores them. */
export function withIndices<R>(env: Env, vars: readonly string[], fns: readonly ((env: Env) => number)[], run: (env: Env) => R): R {
  const values = fns.map((f) => f(env));
  const saved = vars.map((v) => env.indices.get(v));
  vars.forEach((v, i) => env.indices.set(v, values[i]));
  try {
    return run(env);
  } finally {
    vars.forEach((v, i) => (saved[i] === undefined ? env.indices.delete(v) : env.indices.set(v, saved[i]!)));
  }
}

export function flatIndex(t: Tensor, indices: number[]): number {
  const check = (i: number, n: number) => {
    if (!Number.isInteger(i) || i < 1 || i > n) throw new T.ShapeError(`index ${i} is out of range 1..${n}`);
    return i - 1;
  };
  if (indices.length === 1) {
    // A_{12} of a matrix is row 1, column 2 (the subscript was read as the number 12).
    const [i] = indices;
    if (t.rows !== 1 && t.cols !== 1 && Number.isInteger(i) && i >= 11 && i <= 99 && i % 10 !== 0) return flatIndex(t, [Math.floor(i / 10), i % 10]);
    if (t.rows !== 1 && t.cols !== 1) throw new T.ShapeError(`one index cannot select an entry of a ${t.shapeText()} matrix`);
    return check(indices[0], t.size);
  }
  if (indices.length === 2) return check(indices[0], t.rows) * t.cols + check(indices[1], t.cols);
  throw new T.ShapeError(`${indices.length} indices are too many`);
}

export function axisLength(t: Tensor, count: number, position: number): number {
  if (count === 1) return t.size;
  return position === 0 ? t.rows : t.cols;
}

export function isTimeExpr(node: Node | undefined): boolean {
  return timeOffset(node) !== undefined;
}

/** `t` → 0, `t+1` / `(t+1)` → 1, `t-1` → −1; anything else → undefined. */
export function timeOffset(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  if (node.kind === 'sym' && node.name === TIME && !node.sub && !node.accent) return 0;
  if (node.kind === 'bin' && (node.op === '+' || node.op === '-') && node.right.kind === 'num') {
    const base = timeOffset(node.left);
    if (base === undefined) return undefined;
    return node.op === '+' ? base + node.right.value : base - node.right.value;
  }
  return undefined;
}

export const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

export function constant(value: number): Compiled {
  const t = T.scalar(value);
  return { run: () => t };
}

export { EvaluationError };

export function fail(message: string): never {
  throw new EvaluationError(message);
}

/** `\frac{d\sigma}{dz}`: a bare σ on top of a Leibniz fraction is σ of the variable below. */
export function leibnizOperand(node: DerivNode): Node {
  const of = node.of;
  if (of.kind === 'sym' && of.name === 'sigma' && !of.sub && !of.accent && !of.primes) {
    return { kind: 'call', fn: 'sigma', fnLoc: of.loc, primes: 0, args: [node.wrt], loc: of.loc };
  }
  return of;
}

/** `C_{1i}` parses as the product 1·i; as a subscript it is two indices, 1 and i. */
export function splitIndices(items: readonly Node[]): Node[] {
  const out: Node[] = [];
  const atom = (n: Node) => n.kind === 'num' || (n.kind === 'sym' && !n.sub && !n.accent);
  const visit = (n: Node): boolean => {
    if (atom(n)) {
      out.push(n);
      return true;
    }
    return n.kind === 'bin' && n.op === 'juxt' && visit(n.left) && visit(n.right);
  };
  for (const item of items) {
    const mark = out.length;
    if (!visit(item)) {
      out.length = mark;
      out.push(item);
    }
  }
  return out;
}

/** Euler's number as written: e (upright too), with no subscript, accent, star or primes; a bold e is a vector. */
export function isEulerE(node: Node): boolean {
  return node.kind === 'sym' && node.name === 'e' && !node.sub && !node.accent && !node.star && !node.primes && node.font !== 'bf';
}

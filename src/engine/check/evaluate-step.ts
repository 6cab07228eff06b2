import type { Node } from '../parse/ast';
import type { Model, SamplePoint } from '../semantics/model';
import { zeroArray, type Tensor } from '../evaluate/tensor';
import { Env } from '../semantics/env';
import { CompileError, Compiler, type CompileInfo } from '../semantics/compile';
import { leibnizOperand } from '../semantics/rules';
import { definitionOf, symbolKey, UNBOUNDED_INDEX_RANGE, type Evaluator, type Scope } from '../semantics/scope';
import { mentionsSymbol, some } from '../semantics/walk';
import { someSymbol } from '../semantics/superscript-labels';
import { ambiguousSuperscript } from './superscript-ambiguity';
import { checkDeadline } from '../semantics/deadline';
import { matrixUsesIn } from '../semantics/shape-guard';
import { chooseBindings, type IndexBindings, type IndexRange } from './index-bindings';

/** One evaluation of both sides: at a sample point, with the free indices bound. */
export interface SampleRecord {
  readonly point: SamplePoint;
  readonly indices: ReadonlyMap<string, number>;
  readonly expected: Tensor;
  readonly claimed: Tensor;
  /** Entrywise agreement within tolerance. */
  readonly agrees: boolean;
  /** Set when the point had too many index bindings to check them all: how many were checked, of how many. */
  readonly bindingSubset?: { readonly checked: number; readonly total: number };
}

export interface CompiledStep {
  readonly expected: Evaluator;
  readonly claimed: Evaluator;
  readonly expectedInfo: CompileInfo;
  readonly claimedInfo: CompileInfo;
  readonly pure: boolean;
  readonly freeIndices: Map<string, ((env: Env) => number)[]>;
  /** Free variables of unknown shape, sampled as scalars, that the step treats as matrices or vectors. */
  readonly matrixOnScalars: readonly string[];
}

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
  /** Per-entry absolute tolerances of a literal vector answer, each to the precision its entry is written in. */
  readonly entryAtol?: readonly number[];
}

/** The definition a symbol refers to, if the document defined it (an indexed family first). */
/** True if the expression ties a claim to the model: a loss, an output, an indexed parameter… */
export function isAnchored(node: Node, scope: Scope): boolean {
  const model = scope.model;
  // A side that is just one of the model's sizes (`m = 4` about a given batch, `r = \min(n, d)`) is about the model.
  if (model && isSizeExpression(node, model)) return true;
  return someSymbol(node, (n) => {
    if (n.kind === 'sym') {
      if (definitionOf(scope, n)?.modelBound) return true;
      const key = model?.resolveSymbol(n);
      return key !== undefined && (model!.anchors.has(key) || n.sub?.kind === 'indices' || Boolean(model!.matrixKeys?.has(key)));
    }
    if (n.kind === 'call') return Boolean(scope.definitions.get(n.fn)?.modelBound) || (n.fn === 'L' && Boolean(model));
    return false;
  });
}

/** `m`, `r`, `\min(n, d)`: an expression whose only symbols are the model's sizes. */
function isSizeExpression(node: Node, model: Model): boolean {
  const isSize = (n: Node) => n.kind === 'sym' && !n.sub && !n.accent && !n.star && !n.primes && (n.name === model.defaultDim || (model.sizeNames?.includes(n.name) ?? false));
  return some(node, isSize) && !some(node, (n) => n.kind === 'sym' && !isSize(n));
}

/** True if the expression mentions any quantity of the model (z and x included), directly or through a definition. */
export function mentionsModel(node: Node, scope: Scope): boolean {
  return someSymbol(node, (n) => {
    if (n.kind === 'sym') return Boolean(definitionOf(scope, n)?.modelBound) || scope.model?.resolveSymbol(n) !== undefined;
    if (n.kind === 'call') return Boolean(scope.definitions.get(n.fn)?.modelBound);
    return false;
  });
}

/**
 * A claim without model anchors whose derivatives are visibly of expressions in their variable
 * (`\frac{d}{dz}\sigma(z) = …`, `(a+b)^2 = …`) is an identity in free scalar variables; any other
 * is read in the model. An identity that cannot compile as such is tried in the model.
 */
export function compileStep(expectedNode: Node, claimedNode: Node, scope: Scope): CompiledStep {
  // `W^{(2)} = W^2`: a label or a power? Not decided either way (superscript-ambiguity.ts).
  const ambiguous = ambiguousSuperscript([expectedNode, claimedNode]);
  if (ambiguous) throw new CompileError(ambiguous.message, ambiguous.loc);
  if (!scope.model) return compileIn(expectedNode, claimedNode, scope, true);
  const anchored = isAnchored(expectedNode, scope) || isAnchored(claimedNode, scope);
  const pure = !anchored && derivativesVisible(expectedNode) && derivativesVisible(claimedNode);
  try {
    const step = compileIn(expectedNode, claimedNode, scope, pure);
    // Matrices sampled as scalars prove nothing where the model knows their shapes (z of ∂σ(z)/∂z = diag(…)).
    return step.matrixOnScalars.length > 0 ? (inModel(expectedNode, claimedNode, scope) ?? step) : step;
  } catch (error) {
    // Only an identity may fall back to the model (`\frac{d}{dz}\sigma(z)` with z the model's).
    // A claim read in the model never falls back to free variables: there an unknown w would make
    // ∂z/∂w a trivial 0.
    if (!(error instanceof CompileError) || !pure) throw error;
    try {
      return compileIn(expectedNode, claimedNode, scope, false);
    } catch {
      throw error;
    }
  }
}

function inModel(expectedNode: Node, claimedNode: Node, scope: Scope): CompiledStep | undefined {
  try {
    return compileIn(expectedNode, claimedNode, scope, false);
  } catch {
    return undefined;
  }
}

/** Every derivative is of an expression that mentions its variable (so its meaning needs no model). */
function derivativesVisible(node: Node): boolean {
  return !some(node, (n) => n.kind === 'deriv' && !(n.wrt.kind === 'sym' && mentionsSymbol(leibnizOperand(n), n.wrt)));
}

function compileIn(expectedNode: Node, claimedNode: Node, given: Scope, pure: boolean): CompiledStep {
  const entryVectors = pure ? differentiatedByEntry([expectedNode, claimedNode]) : undefined;
  const scope = entryVectors ? { ...given, entryVectors } : given;
  const left = new Compiler(scope, pure);
  const right = new Compiler(scope, pure);
  const expected = left.compile(expectedNode).run;
  const claimed = right.compile(claimedNode).run;
  const whole = wholeAndEntries(left.info, right.info);
  if (whole) throw new CompileError(`${whole} and entries of it (${whole}_…) both appear, and nothing says what ${whole} is: it cannot be read as a free scalar and its entries as others`, expectedNode.loc);
  const freeIndices = new Map(left.info.freeIndices);
  for (const [name, hints] of right.info.freeIndices) freeIndices.set(name, [...(freeIndices.get(name) ?? []), ...hints]);
  // The k of z_k, and the i of p_i, run over z's entries: no further than a sum over them goes (Σ_{j=1}^K e^{z_j}).
  const entryBounds = [...left.info.entryBounds, ...right.info.entryBounds];
  if (entryBounds.length > 0) for (const [letter, hints] of freeIndices) freeIndices.set(letter, [...hints, ...entryBounds]);
  // Free variables are scalars unless declared: those used as matrices make a scalar agreement no proof (shape-guard.ts).
  const matrixOnScalars = pure ? matrixUsesIn(scope, [expectedNode, claimedNode]) : [];
  return { expected, claimed, expectedInfo: left.info, claimedInfo: right.info, pure, freeIndices, matrixOnScalars };
}

/**
 * Where a derivative of the sides is taken by entry (∂/∂z_k), the vectors the sides write by entries
 * (z, and the w of Σ_j w_j z_j), by key: their entries at free indices are variables; undefined otherwise.
 */
function differentiatedByEntry(sides: readonly Node[]): Set<string> | undefined {
  const byEntry = sides.some((side) => some(side, (n) => n.kind === 'deriv' && n.wrt.kind === 'sym' && n.wrt.sub?.kind === 'indices'));
  if (!byEntry) return undefined;
  const keys = new Set<string>();
  for (const side of sides) some(side, (n) => (n.kind === 'sym' && n.sub?.kind === 'indices' && keys.add(symbolKey(n)), false));
  return keys;
}

/** A free variable the sides (and the definitions they use) read both whole (x) and by entries (x_1, x_i), if any: how it is written. */
function wholeAndEntries(...infos: readonly CompileInfo[]): string | undefined {
  for (const info of infos) {
    for (const [key, text] of info.freeWholes) if (infos.some((i) => i.freeEntries.has(key))) return text;
  }
  return undefined;
}


/** The bindings of the free indices evaluated at a point: all of them, or a seeded subset when there are many (index-bindings.ts). */
export function indexBindings(step: Pick<CompiledStep, 'freeIndices'>, scope: Scope, point: SamplePoint): IndexBindings {
  const ranges: IndexRange[] = [];
  for (const [name, hints] of step.freeIndices) {
    const probe = new Env(scope.model, point, new Map());
    let size = scope.model ? (point.dims[scope.model.defaultDim] ?? 1) : UNBOUNDED_INDEX_RANGE;
    if (hints.length > 0) size = Math.min(...hints.map((h) => safeSize(h, probe)));
    ranges.push({ name, size });
  }
  return chooseBindings(ranges, point.index);
}

/** The bindings of the free indices evaluated at a point. */
export function indexAssignments(step: Pick<CompiledStep, 'freeIndices'>, scope: Scope, point: SamplePoint): Map<string, number>[] {
  return indexBindings(step, scope, point).bindings;
}

function safeSize(hint: (env: Env) => number, env: Env): number {
  try {
    return hint(env);
  } catch {
    return 1;
  }
}

/** Evaluate both sides at every point and index binding. Shape errors propagate to the caller. */
export function sampleStep(step: CompiledStep, scope: Scope, points: readonly SamplePoint[], tolerance: Tolerance, swapSigma = false): SampleRecord[] {
  const records: SampleRecord[] = [];
  for (const point of points) {
    const { bindings, total } = indexBindings(step, scope, point);
    const subset = bindings.length < total ? { checked: bindings.length, total } : undefined;
    for (const indices of bindings) {
      checkDeadline();
      const env = new Env(scope.model, point, new Map(indices), null, swapSigma);
      const expected = step.expected(env);
      const claimed = step.claimed(env);
      records.push({ point, indices, expected, claimed, agrees: agree(expected, claimed, tolerance), ...(subset ? { bindingSubset: subset } : {}) });
    }
  }
  return records;
}

/** Values of an extra expression at the same records (for diagnosis). */
export function evaluateAt(run: Evaluator, scope: Scope, record: SampleRecord, swapSigma = false): Tensor {
  return run(new Env(scope.model, record.point, new Map(record.indices), null, swapSigma));
}

/**
 * Entrywise |a − b| ≤ rtol·max(|a|,|b|) + atol, for sides of one shape. Sides of different shapes
 * agree only by a convention: a gradient in either orientation (row or column), a diagonal Jacobian
 * as the vector of its diagonal (∂σ(z)/∂z = σ′(z), elementwise), c·I at the size it meets, `… = 0`.
 */
export function agree(a: Tensor, b: Tensor, tolerance: Tolerance): boolean {
  const pair = alignShapes(a, b);
  if (!pair) return false;
  const [x, y] = pair;
  const perEntry = tolerance.entryAtol?.length === x.length ? tolerance.entryAtol : undefined;
  for (let i = 0; i < x.length; i++) {
    if (!close(x[i], y[i], perEntry ? { rtol: tolerance.rtol, atol: perEntry[i] } : tolerance)) return false;
  }
  return true;
}

export function close(a: number, b: number, { rtol, atol }: Tolerance): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (a === b) return true;
  return Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + atol;
}

/** The two value arrays to compare entrywise, or undefined when the shapes cannot match. */
export function alignShapes(a: Tensor, b: Tensor): [ArrayLike<number>, ArrayLike<number>] | undefined {
  if (a.kind === 'identity' && !b.isScalar) return b.rows === b.cols ? [scaledIdentity(a.v[0], b.rows), b.v] : undefined;
  if (b.kind === 'identity' && !a.isScalar) return a.rows === a.cols ? [a.v, scaledIdentity(b.v[0], a.rows)] : undefined;
  if (a.rows === b.rows && a.cols === b.cols) return [a.v, b.v];
  // `… = 0` with a vector or matrix on the other side: the zero of that shape.
  if (b.isScalar && b.v[0] === 0 && b.d[0] === 0) return [a.v, zeroArray(a.size)];
  if (a.isScalar && a.v[0] === 0 && a.d[0] === 0) return [zeroArray(b.size), b.v];
  // A vector and its transpose are one value only where one side is a gradient (`A = Aᵀ` for a k×1 A is no identity).
  const gradient = a.kind === 'gradient' || b.kind === 'gradient';
  if (gradient && a.isVector && b.isVector && a.size === b.size) return [a.v, b.v];
  const diagonal = (m: Tensor, v: Tensor) => m.kind === 'jacobian' && m.rows === m.cols && v.isVector && v.size === m.rows && isDiagonal(m);
  if (diagonal(a, b)) return [diag(a), b.v];
  if (diagonal(b, a)) return [a.v, diag(b)];
  return undefined;
}

function isDiagonal(m: Tensor): boolean {
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) if (r !== c && Math.abs(m.v[r * m.cols + c]) > 1e-12) return false;
  return true;
}

function diag(m: Tensor): number[] {
  return Array.from({ length: m.rows }, (_, i) => m.v[i * m.cols + i]);
}


function scaledIdentity(c: number, n: number): number[] {
  return Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? c : 0));
}

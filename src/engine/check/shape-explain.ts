import type { CallNode, Node, SymNode } from '../parse/ast';
import type { SamplePoint } from '../semantics/model';
import * as T from '../evaluate/tensor';
import { ShapeError, SingularMatrixError, type Tensor } from '../evaluate/tensor';
import { Compiler } from '../semantics/compile';
import { Env } from '../semantics/env';
import { describe, describeSym } from '../semantics/describe';
import { some } from '../semantics/walk';
import { indexAssignments, type CompiledStep } from './evaluate-step';
import { isBuiltinFunction, splitIndices } from '../semantics/rules';
import { familyKey, symbolKey, type Scope, type UserDefinition } from '../semantics/scope';
import { ownKeysOnly } from '../source/own-keys';
import type { Diagnosis } from './diagnosis';

/**
 * Explains a shape error in a student's words: which sub-expression multiplies (adds, inverts) what,
 * with shapes named by the model's sizes ("(AAᵀ + λI)⁻¹Aᵀb multiplies n×n by d×1") and the sampled
 * sizes of the point where it failed. Shapes are inferred on the AST following the rules of
 * evaluate/tensor.ts, with numeric sizes deciding and size names only labelling.
 */

/** One side of a shape: its size at the point, and its name when the model has one ('n', 'd', '1'). */
interface Dim {
  readonly name: string;
  readonly size: number;
}

interface Shape {
  readonly rows: Dim;
  readonly cols: Dim;
  /** `I`, `λI`: a square of the size the context decides. */
  readonly identity?: boolean;
  /** A gradient, whose orientation is a convention (row or column). */
  readonly gradient?: boolean;
}

export interface ShapeFailure {
  readonly message: string;
  /** 'shape', or 'singular' for a square matrix without an inverse, with the shapes of the sub-expressions and the sizes. */
  readonly diagnosis: Extract<Diagnosis, { readonly diagnosis: 'shape' | 'singular' }>;
  /** Indices of the sample points where the step fails this way. */
  readonly failingPoints: readonly number[];
}

class Conflict extends Error {
  constructor(
    message: string,
    readonly kind: 'shape' | 'singular',
    readonly shapes: Record<string, string>,
  ) {
    super(message);
  }
}

const ONE: Dim = { name: '1', size: 1 };
const SCALAR: Shape = { rows: ONE, cols: ONE };
const PRODUCT_OPS = new Set(['juxt', '*', 'cdot', 'times']);
const ELEMENTWISE_VERBS: Record<string, string> = { '+': 'adds', '-': 'subtracts', odot: 'multiplies elementwise', '/': 'divides' };
ownKeysOnly(ELEMENTWISE_VERBS);

const isScalar = (s: Shape) => s.rows.size === 1 && s.cols.size === 1;
const isVector = (s: Shape) => (s.rows.size === 1 || s.cols.size === 1) && !isScalar(s);
const named = (s: Shape) => isNamed(s.rows) || isNamed(s.cols);
const isNamed = (d: Dim) => d.name !== String(d.size);

/** 'n×d', 'a scalar'. */
function text(s: Shape): string {
  if (s.identity) return 'I';
  return isScalar(s) ? 'a scalar' : `${s.rows.name}×${s.cols.name}`;
}

function sizes(s: Shape): string {
  return isScalar(s) ? 'a scalar' : `${s.rows.size}×${s.cols.size}`;
}

function productNode(factors: readonly Node[]): Node {
  return factors.reduce((left, right) => ({ kind: 'bin', op: 'juxt', left, right, loc: { start: left.loc.start, end: right.loc.end } }));
}

/** Shapes of sub-expressions at one sample point; throws Conflict at the first operation that cannot fit. */
class ShapeReader {
  private readonly bound = new Set<string>();
  private readonly visiting = new Set<UserDefinition>();

  constructor(
    private readonly scope: Scope,
    private readonly point: SamplePoint,
    private readonly indices: ReadonlyMap<string, number>,
  ) {}

  /** The shape of `node`, or undefined when it cannot be told (the explanation then gives up). */
  shape(node: Node): Shape | undefined {
    switch (node.kind) {
      case 'num':
        return SCALAR;
      case 'sym':
        return this.symbol(node);
      case 'neg':
        return this.shape(node.arg);
      case 'transpose': {
        const split = this.productReading(node.arg);
        if (split) return this.chain(node, [split.fnSym!, { ...node, arg: split.args[0] }]);
        const s = this.shape(node.arg);
        return s && { ...s, rows: s.cols, cols: s.rows };
      }
      case 'pow':
        return this.power(node);
      case 'bin':
        if (PRODUCT_OPS.has(node.op)) return this.chain(node, this.factors(node));
        return this.elementwise(node, node.op, node.left, node.right);
      case 'sum': {
        this.checkRange(node);
        const had = this.bound.has(node.index);
        this.bound.add(node.index);
        try {
          return this.shape(node.body);
        } finally {
          if (!had) this.bound.delete(node.index);
        }
      }
      case 'norm':
        return this.shape(node.arg) && SCALAR;
      case 'index':
        return this.shape(node.base) && SCALAR;
      case 'call':
        return this.call(node);
      case 'deriv':
        if (!this.shape(node.of)) return undefined;
        return this.numeric(node);
      case 'at':
        if (!this.shape(node.body)) return undefined;
        return this.numeric(node);
      default:
        return this.numeric(node);
    }
  }

  /** `Σ_{i=1}^{d} σ_i …` where σ_i stops at r: name the bound and the quantity that runs out. */
  private checkRange(node: Extract<Node, { kind: 'sum' }>): void {
    const model = this.scope.model;
    if (!node.upper || !model) return;
    const upper = this.evaluate(new Compiler(this.scope, false, [...this.bound]).compile(node.upper).run);
    if (!upper?.isScalar) return;
    const limit = upper.v[0];
    some(node.body, (n) => {
      if (n.kind !== 'sym' || n.sub?.kind !== 'indices') return false;
      const items = splitIndices(n.sub.items);
      if (items.length !== 1 || items[0].kind !== 'sym' || items[0].name !== node.index) return false;
      const key = model.resolveSymbol(n);
      const whole = key ? this.modelShape(key) : undefined;
      if (!key || !whole) return false;
      const length = model.nodes.get(key)?.indexedBy === 'column' ? whole.cols : whole.cols.size === 1 ? whole.rows : whole.rows.size === 1 ? whole.cols : undefined;
      if (!length || limit <= length.size) return false;
      const bound = describe(node.upper!);
      const boundText = bound === String(limit) ? bound : `${bound} = ${limit}`;
      const lengthText = length.name === String(length.size) ? length.name : `${length.name} = ${length.size}`;
      throw new Conflict(`the sum runs up to ${node.index} = ${boundText}, but ${describeSym(n)} only exists for ${node.index} ≤ ${lengthText}`, 'shape', { [describeSym(n)]: lengthText });
    });
  }

  private symbol(sym: SymNode): Shape | undefined {
    const bare = !sym.sub && !sym.accent && !sym.star && !sym.primes;
    if (bare && (this.bound.has(sym.name) || this.indices.has(sym.name))) return SCALAR;
    const model = this.scope.model;
    const key = symbolKey(sym);
    const items = sym.sub?.kind === 'indices' ? splitIndices(sym.sub.items) : [];
    const definition = (items.length > 0 ? this.scope.definitions.get(familyKey(key, items.length)) : undefined) ?? this.scope.definitions.get(key);
    if (definition && definition.params.length === 0) {
      if (definition.indexVars.length === 0 && items.length > 0) return SCALAR;
      if (this.visiting.has(definition)) return undefined;
      this.visiting.add(definition);
      definition.indexVars.forEach((v) => this.bound.add(v));
      try {
        return this.shape(definition.body);
      } finally {
        this.visiting.delete(definition);
        definition.indexVars.forEach((v) => this.bound.delete(v));
      }
    }
    const modelKey = model?.resolveSymbol(sym);
    if (model && modelKey) {
      const labels = model.labelSubscripts;
      const kept = items.filter((i) => !(i.kind === 'sym' && !i.sub && labels?.has(i.name)));
      const whole = this.modelShape(modelKey);
      if (!whole) return undefined;
      if (kept.length === 1 && model.nodes.get(modelKey)?.indexedBy === 'column') return { rows: whole.rows, cols: ONE };
      return kept.length > 0 ? SCALAR : whole;
    }
    if (sym.name === 'I' && !sym.accent) {
      const size = items.length === 1 && items[0].kind === 'sym' ? items[0].name : undefined;
      const n = size !== undefined ? this.point.dims[this.scope.sizeAliases?.get(size) ?? size] : undefined;
      if (n !== undefined) return { rows: { name: size!, size: n }, cols: { name: size!, size: n } };
      return { ...SCALAR, identity: true };
    }
    if (bare && model && (sym.name === model.defaultDim || model.sizeNames?.includes(sym.name))) return SCALAR;
    return this.numeric(sym);
  }

  private modelShape(key: string): Shape | undefined {
    const value = this.evaluate((env) => env.node(key));
    if (!value) return undefined;
    const names = this.scope.model?.symbolicShape?.(key, this.point);
    const written = (name: string) => writtenSize(this.scope, name);
    const dim = (name: string | undefined, size: number): Dim =>
      name !== undefined && (name === '1' ? size === 1 : this.point.dims[name] === size) ? { name: name === '1' ? name : written(name), size } : { name: String(size), size };
    return { rows: dim(names?.[0], value.rows), cols: dim(names?.[1], value.cols) };
  }

  /** A shape read off the value (sizes only): for what the reader does not analyse. */
  private numeric(node: Node): Shape | undefined {
    let run: (env: Env) => Tensor;
    try {
      run = new Compiler(this.scope, false, [...this.bound]).compile(node).run;
    } catch {
      return undefined;
    }
    const value = this.evaluate(run);
    if (!value) return undefined;
    return {
      rows: { name: String(value.rows), size: value.rows },
      cols: { name: String(value.cols), size: value.cols },
      identity: value.kind === 'identity',
      gradient: value.kind === 'gradient',
    };
  }

  private evaluate(run: (env: Env) => Tensor): Tensor | undefined {
    const indices = new Map(this.indices);
    for (const name of this.bound) if (!indices.has(name)) indices.set(name, 1);
    try {
      return run(new Env(this.scope.model, this.point, indices));
    } catch {
      return undefined;
    }
  }

  /** An ambiguous `V(…)` that the compiler reads as a product. */
  private productReading(node: Node): CallNode | undefined {
    if (node.kind !== 'call' || !node.ambiguous || !node.fnSym || node.args.length !== 1) return undefined;
    const definition = this.scope.definitions.get(node.fn);
    if (definition && definition.params.length > 0) return undefined;
    const key = this.scope.model?.resolveSymbol(node.fnSym);
    return key && this.scope.model!.nodes.get(key)?.role === 'output' ? undefined : node;
  }

  private call(node: CallNode): Shape | undefined {
    const split = this.productReading(node);
    if (split) return this.chain(node, [split.fnSym!, split.args[0]]);
    if (node.fn === 'diag' || !isBuiltinFunction(node.fn) || node.ambiguous) return this.numeric(node);
    let result: Shape | undefined;
    for (const arg of node.args) {
      const s = this.shape(arg);
      if (!s) return undefined;
      result = result && isScalar(s) ? result : s;
    }
    return result;
  }

  private power(node: Extract<Node, { kind: 'pow' }>): Shape | undefined {
    const split = this.productReading(node.base);
    if (split) return this.chain(node, [split.fnSym!, { ...node, base: split.args[0] }]);
    const base = this.shape(node.base);
    if (!base || !this.shape(node.exp)) return undefined;
    if (isScalar(base) || isVector(base) || base.identity) return base;
    const exponent = literal(node.exp);
    if (exponent === undefined) return this.numeric(node);
    if (base.rows.size !== base.cols.size) {
      const what = exponent < 0 ? 'so it has no inverse' : `so it cannot be raised to the power ${exponent}`;
      throw new Conflict(`${describe(node.base)} is ${text(base)}, not square, ${what}`, 'shape', { [describe(node.base)]: text(base) });
    }
    if (exponent < 0) {
      const value = this.evaluate(new Compiler(this.scope, false, [...this.bound]).compile(node.base).run);
      if (value) {
        try {
          T.inverse(value);
        } catch (error) {
          if (error instanceof SingularMatrixError) {
            throw new Conflict(`${describe(node.base)} (${text(base)}) is singular, so its inverse does not exist`, 'singular', { [describe(node.base)]: text(base) });
          }
        }
      }
    }
    return base;
  }

  private elementwise(node: Node, op: string, left: Node, right: Node): Shape | undefined {
    const a = this.shape(left);
    const b = this.shape(right);
    if (!a || !b) return undefined;
    if (op === '/' && !isScalar(b) && !isVector(b) && !b.identity) {
      throw new Conflict(`${describe(node)} divides by ${describe(right)}, which is ${text(b)}: only scalars and vectors (entry by entry) can divide`, 'shape', { [describe(right)]: text(b) });
    }
    const fit = (x: Shape, y: Shape): Shape | undefined => {
      if (x.identity && y.identity) return x;
      if (x.identity) return !isScalar(y) && y.rows.size !== y.cols.size ? undefined : y;
      if (y.identity) return fit(y, x);
      if (isScalar(x)) return y;
      if (isScalar(y) || (x.rows.size === y.rows.size && x.cols.size === y.cols.size)) return prefer(x, y);
      if ((x.gradient || y.gradient) && isVector(x) && isVector(y) && x.rows.size * x.cols.size === y.rows.size * y.cols.size) return x.gradient ? y : x;
      return undefined;
    };
    const result = fit(a, b);
    if (result) return result;
    const verb = ELEMENTWISE_VERBS[op] ?? 'combines';
    const message =
      a.identity || b.identity
        ? `${describe(node)}: I is square, but ${describe(a.identity ? right : left)} is ${text(a.identity ? b : a)}`
        : `${describe(node)} ${verb} ${text(a)} and ${text(b)}: ${describe(left)} is ${text(a)} but ${describe(right)} is ${text(b)}`;
    throw new Conflict(withSizes(message, [a, b], this.point, this.scope), 'shape', { [describe(left)]: text(a), [describe(right)]: text(b) });
  }

  /** The factors of a product; a product the student wrapped in parentheses (`(v_iᵀb)u_i`) stays one factor, grouped as written. */
  private factors(node: Node, top = true): Node[] {
    if (node.kind === 'bin' && PRODUCT_OPS.has(node.op) && (top || !parenthesized(node))) return [...this.factors(node.left, false), ...this.factors(node.right, false)];
    return [node];
  }

  /**
   * A product of factors. The evaluator multiplies left to right; when that fails, the message
   * groups from the right as a reader does (M(Aᵀb): "multiplies n×n by d×1") if that fails too.
   */
  private chain(whole: Node, factors: readonly Node[]): Shape | undefined {
    const shapes: Shape[] = [];
    for (const f of factors) {
      const s = this.shape(f);
      if (!s) return undefined;
      shapes.push(s);
    }
    let acc = shapes[0];
    for (let i = 1; i < shapes.length; i++) {
      const next = multiply(acc, shapes[i]);
      if (!next) {
        const fromRight = this.rightFold(shapes);
        const [leftNode, rightNode, a, b, pair] = fromRight
          ? [factors[fromRight.at], productNode(factors.slice(fromRight.at + 1)), shapes[fromRight.at], fromRight.rest, factors.slice(fromRight.at)]
          : [productNode(factors.slice(0, i)), factors[i], acc, shapes[i], factors.slice(0, i + 1)];
        // Name the product that fails; inside a longer one, say where it sits.
        const others = shapes.filter((_, k) => !pair.includes(factors[k]));
        const subject = others.every(isScalar) ? describe(whole) : `${describe(productNode(pair))} (in ${describe(whole)})`;
        const message = `${subject} multiplies ${text(a)} by ${text(b)}: ${describe(leftNode)} is ${text(a)} but ${describe(rightNode)} is ${text(b)}, ${innerSizes(a, b)}`;
        throw new Conflict(withSizes(message, [a, b], this.point, this.scope, 'by'), 'shape', { [describe(leftNode)]: text(a), [describe(rightNode)]: text(b) });
      }
      acc = next;
    }
    return acc;
  }

  /** Where a right-to-left product first fails: factor `at` times the product of the rest. */
  private rightFold(shapes: readonly Shape[]): { at: number; rest: Shape } | undefined {
    let acc = shapes[shapes.length - 1];
    for (let i = shapes.length - 2; i >= 0; i--) {
      const next = multiply(shapes[i], acc);
      if (!next) return { at: i, rest: acc };
      acc = next;
    }
    return undefined;
  }
}

/** The rules of T.product: scalars (and I) scale, inner sizes must agree, equal vectors multiply entrywise. */
function multiply(a: Shape, b: Shape): Shape | undefined {
  if (isScalar(a) || a.identity) return b.identity && a.identity ? a : b;
  if (isScalar(b) || b.identity) return a;
  if (a.cols.size === b.rows.size) return { rows: a.rows, cols: b.cols };
  if (a.rows.size === b.rows.size && a.cols.size === b.cols.size && isVector(a)) return prefer(a, b);
  if (a.gradient && isVector(a) && a.rows.size === b.rows.size) return { rows: a.cols, cols: b.cols };
  if (b.gradient && isVector(b) && a.cols.size === b.cols.size) return { rows: a.rows, cols: b.rows };
  return undefined;
}

/** Why two shapes cannot multiply, in a student's words: the left factor's columns must match the right factor's rows. */
function innerSizes(a: Shape, b: Shape): string {
  return `and a matrix product needs as many columns on the left (${a.cols.name}) as rows on the right (${b.rows.name})`;
}

/** A product written inside parentheses: its range covers the brackets around its operands. */
function parenthesized(node: Extract<Node, { kind: 'bin' }>): boolean {
  return node.loc.start < node.left.loc.start || node.loc.end > node.right.loc.end;
}

/** Of two equal shapes, the one whose sizes have names. */
function prefer(a: Shape, b: Shape): Shape {
  return named(a) || !named(b) ? a : b;
}

function literal(node: Node): number | undefined {
  if (node.kind === 'num') return node.value;
  if (node.kind === 'neg' && node.arg.kind === 'num') return -node.arg.value;
  return undefined;
}

/** Appends the sampled sizes when the shapes are written with size names: "(at n=4, d=2: 4×4 by 2×1)". */
function withSizes(message: string, shapes: readonly Shape[], point: SamplePoint, scope: Scope, joiner = 'and'): string {
  if (!shapes.some(named)) return message;
  return `${message} (at ${sizesAt(point, scope)}: ${shapes.map(sizes).join(` ${joiner} `)})`;
}

/** The point's sizes, "n=4, d=2", under the document's names. */
function sizesAt(point: SamplePoint, scope: Scope): string {
  return Object.entries(point.dims)
    .map(([name, size]) => `${writtenSize(scope, name)}=${size}`)
    .join(', ');
}

/** A model's size under the document's name for it, where the document renamed it (`m` for the ridge model's n; size-aliases.ts). */
function writtenSize(scope: Scope, name: string): string {
  return [...(scope.sizeAliases ?? [])].find(([, model]) => model === name)?.[0] ?? name;
}

/**
 * Why a step that threw a ShapeError fails, found at the first sample point (and index binding)
 * where one of its sides throws. Undefined when the reader cannot place the error.
 */
export function explainShapeError(step: CompiledStep, expected: Node, claimed: Node, scope: Scope, points: readonly SamplePoint[]): ShapeFailure | undefined {
  let found: { conflict: Conflict; point: SamplePoint } | undefined;
  const failing: number[] = [];
  for (const point of points) {
    for (const indices of indexAssignments(step, scope, point)) {
      const side = failingSide(step, scope, point, indices, expected, claimed);
      if (!side) continue;
      if (!failing.includes(point.index)) failing.push(point.index);
      if (!found) {
        try {
          new ShapeReader(scope, point, indices).shape(side);
        } catch (error) {
          if (error instanceof Conflict) found = { conflict: error, point };
        }
      }
    }
  }
  if (!found) return undefined;
  const { conflict, point } = found;
  const where = conflict.kind === 'singular' ? ` (at ${sizesAt(point, scope)})` : '';
  return {
    message: conflict.kind === 'singular' ? `${conflict.message}${where}` : `the shapes do not fit: ${conflict.message}`,
    diagnosis: { diagnosis: conflict.kind, shapes: conflict.shapes, sizes: { ...point.dims } },
    failingPoints: failing,
  };
}

/** The side (claimed first) whose evaluation throws a ShapeError at this point, if any. */
function failingSide(step: CompiledStep, scope: Scope, point: SamplePoint, indices: ReadonlyMap<string, number>, expected: Node, claimed: Node): Node | undefined {
  for (const [run, node] of [[step.claimed, claimed], [step.expected, expected]] as const) {
    try {
      run(new Env(scope.model, point, new Map(indices)));
    } catch (error) {
      if (error instanceof ShapeError) return node;
    }
  }
  return undefined;
}

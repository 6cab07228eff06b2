// Shapes of free variables read from notation (issue 15): bold lower-case letters and letters written
// transposed are vectors, capitals (bold or not) matrices, other letters scalars or vectors. The
// expression then constrains sizes: in xᵀAx, A is square of x's length; in Xw − y, y has X's rows.
// Each assignment of kinds the notation allows is unified with the expression's operations; those
// that fit are the claim's readings, with sizes shared where the expression says so (issue 13 asked
// for a `shapes` directive; these readings need none). A claim holds for its notation only if it holds
// in every reading (check/shapes-from-notation.ts).
import type { Node, SymNode } from '../parse/ast';
import { isProduct } from '../parse/nodes';
import { activationNamed } from '../evaluate/activations';
import { ELEMENTARY } from './rules';
import { definitionOf, DIFFERENTIAL_STEP, symbolKey, type FreeShape, type Scope, type UserDefinition } from './scope';
import { describeSym } from './describe';
import { superscriptLabel } from './superscript-labels';
import { children, some } from './walk';
import { FUNCTION_LETTERS } from '../parse/commands/functions';
import { opaqueCall, opaqueDerivative } from './opaque-functions';
import { matrixUsesIn } from './shape-guard';

export type Kind = 'scalar' | 'vector' | 'matrix';

/** One way to read the shapes: a kind and a shape per free variable, sizes named so that equal sizes share a name. */
export interface ShapeReading {
  readonly kinds: ReadonlyMap<string, Kind>;
  readonly shapes: ReadonlyMap<string, FreeShape>;
  /** "x a vector, A a square matrix", in the order the text writes them. */
  readonly description: string;
  /** How each free variable is written (`A`, `x`), by key. */
  readonly names: ReadonlyMap<string, string>;
}

export type ShapeInference =
  | {
      readonly readings: readonly ShapeReading[];
      readonly names: readonly string[];
      /** The capitals the notation makes matrices (bold, or transposed, inverted, in tr or det), by key, with how they are written: a reading the text means has them as matrices. */
      readonly matrices: ReadonlyMap<string, string>;
      /** Matrices in a quadratic form xᵀAx, by key: texts often take them symmetric without saying so. */
      readonly quadraticForms: ReadonlySet<string>;
    }
  | { readonly unreadable: string };

/** Readings beyond this many are not tried: the notation says too little. */
const MAX_READINGS = 12;
/** Assignments of kinds tried, at most. */
const MAX_ASSIGNMENTS = 4096;

/** The readings of the sides' free variables of unknown shape that the notation and the operations allow. */
export function shapeReadings(scope: Scope, sides: readonly Node[]): ShapeInference {
  const { free, bodies } = freeSymbols(scope, sides);
  if (free.size === 0) return { unreadable: 'no free variable of unknown shape' };
  // dX, the direction of a differential (check/differentials.ts), has X's shape, not one of its own.
  const directions = new Map<string, string>();
  for (const e of free.values()) {
    const base = e.sym.name.startsWith('d') ? [...free.values()].find((f) => f !== e && f.display === e.sym.name.slice(1)) : undefined;
    if (base) directions.set(e.key, base.key);
  }
  const entries = [...free.values()].filter((e) => !directions.has(e.key));
  const names = entries.map((e) => e.display);
  // What the claim writes, and the definitions it uses (`M = AB` makes A and B matrices as much as `AB` would).
  const written = [...sides, ...bodies];
  const { operated, multiplied } = directMatrixUses(written);
  // A capital the scalar check found used as a matrix (shape-guard.ts): a reading with it a number proves nothing of it.
  const flagged = new Set(matrixUsesIn(scope, sides));
  const choices = entries.map((e) => candidateKinds(e.sym, operated.has(e.key) || multiplied.has(e.key) || flagged.has(e.display), transposedDirectly(written, e.key)));
  const total = choices.reduce((n, c) => n * c.length, 1);
  if (total > MAX_ASSIGNMENTS) return { unreadable: `too many free variables of unknown shape (${names.join(', ')}) to read their shapes from the notation` };
  const readings: ShapeReading[] = [];
  const seen = new Set<string>();
  let unknown: string | undefined;
  for (let n = 0; n < total; n++) {
    const kinds = new Map<string, Kind>();
    let rest = n;
    entries.forEach((e, i) => {
      kinds.set(e.key, choices[i][rest % choices[i].length]);
      rest = Math.floor(rest / choices[i].length);
    });
    const outcome = infer(scope, sides, kinds, directions);
    if (typeof outcome === 'string') {
      unknown = outcome;
      break;
    }
    if (!outcome) continue;
    const signature = [...outcome.shapes].map(([k, s]) => `${k}:${s.rows}x${s.cols}`).join(';');
    if (seen.has(signature)) continue;
    seen.add(signature);
    readings.push({ kinds, shapes: outcome.shapes, description: describeReading(entries, kinds, outcome.shapes), names: new Map(entries.map((e) => [e.key, e.display])) });
  }
  if (unknown) return { unreadable: unknown };
  if (readings.length === 0) return { unreadable: `no reading of the shapes of ${names.join(', ')} fits every operation of the claim` };
  // A bold capital, or one transposed, inverted or in tr or det, is a matrix: readings without it as one are not the text's.
  const matrices = entries.filter((e) => isCapital(e.sym) && (isBold(e.sym) || operated.has(e.key) || flagged.has(e.display)));
  const never = matrices.find((e) => !readings.some((r) => r.kinds.get(e.key) === 'matrix'));
  if (never) return { unreadable: notAMatrix(never.display) };
  if (readings.length > MAX_READINGS) return { unreadable: `the notation allows ${readings.length} readings of the shapes of ${names.join(', ')}` };
  return { readings, names, matrices: new Map(matrices.map((e) => [e.key, e.display])), quadraticForms: quadraticForms(written) };
}

/** Keys of the matrices written between a vector and its transpose: the A of xᵀAx. */
function quadraticForms(nodes: readonly Node[]): Set<string> {
  const keys = new Set<string>();
  const factors = (n: Node): Node[] => (isProduct(n) ? [...factors(n.left), ...factors(n.right)] : [n]);
  const key = (n: Node | undefined) => (n?.kind === 'sym' && n.sub?.kind !== 'indices' ? symbolKey(n) : undefined);
  for (const node of nodes) {
    some(node, (n) => {
      if (!isProduct(n)) return false;
      const list = factors(n);
      for (let i = 0; i + 2 < list.length; i++) {
        const [first, middle, last] = list.slice(i, i + 3);
        const vector = first.kind === 'transpose' ? key(first.arg) : undefined;
        const matrix = key(middle);
        if (vector && matrix && vector === key(last)) keys.add(matrix);
      }
      return false;
    });
  }
  return keys;
}

export function notAMatrix(display: string): string {
  return `${display} cannot be read as a matrix in every operation of the claim`;
}

interface FreeSymbol {
  readonly key: string;
  readonly sym: SymNode;
  readonly display: string;
}

/** The kinds the notation allows a free variable: bold and transposed lower-case letters are vectors, capitals matrices (or vectors, or scalars where nothing uses them as matrices). */
function candidateKinds(sym: SymNode, matrixUsed: boolean, transposed: boolean): Kind[] {
  if (isCapital(sym)) return matrixUsed || isBold(sym) ? ['matrix', 'vector'] : ['matrix', 'vector', 'scalar'];
  if (isBold(sym) || transposed) return ['vector'];
  return ['scalar', 'vector'];
}

const isCapital = (sym: SymNode) => /^[A-Z]/.test(sym.name);
/** `\mathbf`, `\boldsymbol`, `\bm` (all read as 'bf'), `\mathbb`, or an arrow over it. */
const isBold = (sym: SymNode) => sym.font === 'bf' || sym.font === 'bb' || sym.accent === 'vec';

/** Where the sides name free variables of unknown shape, by key, in the order written; and the bodies of the definitions they use. */
function freeSymbols(scope: Scope, sides: readonly Node[]): { free: Map<string, FreeSymbol>; bodies: Node[] } {
  const found = new Map<string, FreeSymbol>();
  const seen = new Set<UserDefinition>();
  const bodies: Node[] = [];
  const visit = (node: Node, bound: readonly string[]): void => {
    if (node.kind === 'sym') {
      const definition = definitionOf(scope, node);
      if (definition) {
        if (!seen.has(definition)) {
          seen.add(definition);
          bodies.push(definition.body);
          visit(definition.body, [...definition.indexVars, ...definition.params]);
        }
      } else if (isFree(scope, node, bound)) found.set(symbolKey(node), { key: symbolKey(node), sym: node, display: describeSym(node) });
      // Indices (x_i, I_n) are numbers, never free variables of unknown shape.
      return;
    }
    if (node.kind === 'sum') {
      for (const limit of [node.lower, node.upper]) if (limit) visit(limit, bound);
      return visit(node.body, [...bound, node.index]);
    }
    if (node.kind === 'deriv') {
      visit(node.of, bound);
      return visit(node.wrt, bound);
    }
    // f(p) of an unknown function: its letter is no variable.
    if (scope.opaqueFunctions && opaqueCall(scope, node)) return node.args.forEach((arg) => visit(arg, bound));
    children(node).forEach((child) => visit(child, bound));
  };
  sides.forEach((side) => visit(side, []));
  return { free: found, bodies };
}

/** A symbol compiled as a free variable of unknown shape: unindexed, no meaning of its own, none declared. */
function isFree(scope: Scope, sym: SymNode, bound: readonly string[]): boolean {
  if (sym.sub?.kind === 'indices') return false;
  const bare = !sym.accent && !sym.sub && !sym.star && !sym.primes;
  if (bare && (bound.includes(sym.name) || ['pi', 'e', 'I', 'infty', DIFFERENTIAL_STEP].includes(sym.name))) return false;
  return !scope.freeShapes?.has(symbolKey(sym));
}

/** Keys of plain symbols the sides use as matrices themselves: transposed, inverted or in tr, det or diag (`operated`), or one of two capitals multiplied. */
function directMatrixUses(sides: readonly Node[]): { operated: Set<string>; multiplied: Set<string> } {
  const operated = new Set<string>();
  const multiplied = new Set<string>();
  // (X + τ dX, X moved along its differential's direction, is X: check/differentials.ts.)
  const moved = (n: Node) => n.kind === 'bin' && n.op === '+' && isProduct(n.right) && n.right.left.kind === 'sym' && n.right.left.name === DIFFERENTIAL_STEP;
  const plain = (n: Node): SymNode | undefined => (n.kind === 'sym' && n.sub?.kind !== 'indices' ? n : n.kind === 'transpose' ? plain(n.arg) : n.kind === 'bin' && moved(n) ? plain(n.left) : undefined);
  const note = (keys: Set<string>, n: Node | undefined) => {
    const sym = n && plain(n);
    if (sym) keys.add(symbolKey(sym));
  };
  for (const side of sides) {
    some(side, (n) => {
      if (n.kind === 'transpose') note(operated, n.arg);
      else if (n.kind === 'pow' && isNegative(n.exp)) note(operated, n.base);
      else if (n.kind === 'call' && (SQUARE_TO_SCALAR.has(n.fn) || n.fn === 'diag')) note(operated, n.args[0]);
      else if (isProduct(n)) {
        // A capital next to another capital, a bold letter or a transposed one (AB, A𝐱, xᵀA) multiplies as a matrix.
        const [left, right] = [rightmost(n.left), leftmost(n.right)];
        const [l, r] = [plain(left), plain(right)];
        const vectorLike = (m: Node, sym: SymNode | undefined) => m.kind === 'transpose' || (sym !== undefined && isBold(sym));
        if (l && r && isCapital(l) && isCapital(r) && symbolKey(l) !== symbolKey(r)) note(multiplied, l), note(multiplied, r);
        else if (l && isCapital(l) && left.kind === 'sym' && vectorLike(right, r)) note(multiplied, l);
        else if (r && isCapital(r) && right.kind === 'sym' && vectorLike(left, l)) note(multiplied, r);
      }
      return false;
    });
  }
  return { operated, multiplied };
}

/** The functions that take a square matrix to a number (evaluate/matrix-functions.ts). */
const SQUARE_TO_SCALAR: ReadonlySet<string> = new Set(['tr', 'det', 'logdet']);

const rightmost = (n: Node): Node => (isProduct(n) ? rightmost(n.right) : n);
const leftmost = (n: Node): Node => (isProduct(n) ? leftmost(n.left) : n);

function transposedDirectly(sides: readonly Node[], key: string): boolean {
  return sides.some((side) => some(side, (n) => n.kind === 'transpose' && n.arg.kind === 'sym' && n.arg.sub?.kind !== 'indices' && symbolKey(n.arg) === key));
}

const isNegative = (n: Node): boolean => (n.kind === 'neg' && n.arg.kind === 'num') || (n.kind === 'num' && n.value < 0);
/** A whole power other than 0 (`A^2`, `A^{-2}`): of a square matrix, a matrix power. */
const wholePower = (n: Node): boolean => {
  const value = n.kind === 'num' ? n.value : n.kind === 'neg' && n.arg.kind === 'num' ? -n.arg.value : NaN;
  return Number.isInteger(value) && value !== 0;
};

// ---- Unification of sizes ----

/** Sizes: classes of equal sizes, some fixed to a number (1 for a vector's columns). */
class Sizes {
  private readonly parent: number[] = [];
  private readonly value: (number | undefined)[] = [];

  fresh(value?: number): number {
    this.parent.push(this.parent.length);
    this.value.push(value);
    return this.parent.length - 1;
  }
  root(a: number): number {
    while (this.parent[a] !== a) a = this.parent[a] = this.parent[this.parent[a]];
    return a;
  }
  valueOf(a: number): number | undefined {
    return this.value[this.root(a)];
  }
  /** Makes two sizes one; false when they are different numbers. */
  unify(a: number, b: number): boolean {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra === rb) return true;
    const [va, vb] = [this.value[ra], this.value[rb]];
    if (va !== undefined && vb !== undefined && va !== vb) return false;
    this.parent[rb] = ra;
    this.value[ra] = va ?? vb;
    return true;
  }
}

/** A type: a scalar, c·I of any square size, or a matrix of two sizes (a vector's columns are 1). */
type Shape = { readonly kind: 'scalar' } | { readonly kind: 'identity' } | { readonly kind: 'matrix'; readonly rows: number; readonly cols: number };
const SCALAR: Shape = { kind: 'scalar' };

/** Thrown when the kinds do not fit an operation (the reading is dropped). */
class Misfit extends Error {}
/** Thrown when the walk meets notation it does not type (no reading is offered at all). */
class Untyped extends Error {}

/** The shapes of one assignment of kinds: undefined when it does not fit; a string when the notation cannot be typed. */
function infer(scope: Scope, sides: readonly Node[], kinds: ReadonlyMap<string, Kind>, directions: ReadonlyMap<string, string>): { shapes: Map<string, FreeShape> } | undefined | string {
  const sizes = new Sizes();
  const one = sizes.fresh(1);
  const ofKey = new Map<string, Shape>();
  const named = new Map<string | number, number>();
  const sizeNamed = (size: number | string) => {
    if (size === 1) return one;
    let s = named.get(size);
    if (s === undefined) named.set(size, (s = sizes.fresh(typeof size === 'number' ? size : undefined)));
    return s;
  };
  const shapeOfKey = (key: string, kind: Kind): Shape => {
    let shape = ofKey.get(key);
    if (!shape) {
      shape = kind === 'scalar' ? SCALAR : { kind: 'matrix', rows: sizes.fresh(), cols: kind === 'vector' ? one : sizes.fresh() };
      ofKey.set(key, shape);
    }
    return shape;
  };
  const isOne = (s: Shape) => s.kind === 'scalar' || (s.kind === 'matrix' && sizes.valueOf(s.rows) === 1 && sizes.valueOf(s.cols) === 1);
  const norm = (s: Shape): Shape => (isOne(s) ? SCALAR : s);
  const same = (a: Shape, b: Shape): Shape => {
    a = norm(a);
    b = norm(b);
    if (a.kind === 'scalar') return b;
    if (b.kind === 'scalar') return a;
    if (a.kind === 'identity') return squareOf(b);
    if (b.kind === 'identity') return squareOf(a);
    if (!sizes.unify(a.rows, b.rows) || !sizes.unify(a.cols, b.cols)) throw new Misfit();
    return a;
  };
  const squareOf = (s: Shape): Shape => {
    if (s.kind === 'matrix' && !sizes.unify(s.rows, s.cols)) throw new Misfit();
    return s;
  };
  const times = (a: Shape, b: Shape): Shape => {
    a = norm(a);
    b = norm(b);
    if (a.kind === 'scalar') return b;
    if (b.kind === 'scalar') return a;
    if (a.kind === 'identity') return b;
    if (b.kind === 'identity') return a;
    if (!sizes.unify(a.cols, b.rows)) throw new Misfit();
    return norm({ kind: 'matrix', rows: a.rows, cols: b.cols });
  };
  const scalarOnly = (s: Shape): Shape => {
    if (norm(s).kind !== 'scalar') throw new Misfit();
    return SCALAR;
  };
  const visiting = new Set<UserDefinition>();
  const walk = (node: Node, bound: readonly string[]): Shape => {
    switch (node.kind) {
      case 'num':
        return SCALAR;
      case 'sym': {
        // I, I_n, I_{d}: the identity, sized by what it meets (as compile-symbols.ts reads it).
        if (node.name === 'I' && !node.accent && (!node.sub || node.sub.kind === 'label' || node.sub.items.length === 1)) return { kind: 'identity' };
        if (node.sub?.kind === 'indices') return SCALAR;
        const bare = !node.accent && !node.sub && !node.star && !node.primes;
        if (bare && (bound.includes(node.name) || ['pi', 'e', 'infty', DIFFERENTIAL_STEP].includes(node.name))) return SCALAR;
        const key = symbolKey(node);
        const declared = scope.freeShapes?.get(key);
        if (declared) return norm({ kind: 'matrix', rows: sizeNamed(declared.rows), cols: sizeNamed(declared.cols) });
        const definition = definitionOf(scope, node);
        if (definition) {
          if (definition.params.length > 0 || visiting.has(definition)) throw new Untyped(`${describeSym(node)} is defined as a function`);
          visiting.add(definition);
          try {
            return walk(definition.body, [...definition.indexVars]);
          } finally {
            visiting.delete(definition);
          }
        }
        const base = directions.get(key);
        const kind = kinds.get(base ?? key);
        if (!kind) throw new Untyped(`the shape of ${describeSym(node)} is not read`);
        return shapeOfKey(base ?? key, kind);
      }
      case 'neg':
        return walk(node.arg, bound);
      case 'transpose': {
        // `X(XᵀX)ᵀ`: a letter before parentheses, then the postfix, which is the parentheses' (compile-calls.ts postfixOnProduct).
        if (node.arg.kind === 'call' && readsAsProduct(node.arg)) return walk({ kind: 'bin', op: 'juxt', left: node.arg.fnSym!, right: { ...node, arg: node.arg.args[0] }, loc: node.loc }, bound);
        const s = norm(walk(node.arg, bound));
        return s.kind === 'matrix' ? { kind: 'matrix', rows: s.cols, cols: s.rows } : s;
      }
      case 'norm': {
        const s = walk(node.arg, bound);
        return node.abs ? scalarOnly(s) : SCALAR;
      }
      case 'bin': {
        if (isProduct(node)) return times(walk(node.left, bound), walk(node.right, bound));
        if (node.op === '/') {
          scalarOnly(walk(node.right, bound));
          return walk(node.left, bound);
        }
        return same(walk(node.left, bound), walk(node.right, bound));
      }
      case 'pow': {
        if (superscriptLabel(node)) throw new Untyped('a superscript label');
        if (node.base.kind === 'call' && readsAsProduct(node.base)) return walk({ kind: 'bin', op: 'juxt', left: node.base.fnSym!, right: { ...node, base: node.base.args[0] }, loc: node.loc }, bound);
        scalarOnly(walk(node.exp, bound));
        const base = norm(walk(node.base, bound));
        if (base.kind !== 'matrix') return base;
        if (wholePower(node.exp)) return squareOf(base);
        throw new Misfit();
      }
      case 'call':
        return call(node, bound);
      case 'sum':
        for (const limit of [node.lower, node.upper]) if (limit) scalarOnly(walk(limit, bound));
        return walk(node.body, [...bound, node.index]);
      case 'deriv': {
        const opaque = scope.opaqueFunctions ? opaqueDerivative(scope, node) : undefined;
        if (opaque) {
          // ∇f(p) has p's shape; ∇²f(p) is square of p's length.
          const point = norm(walk(node.wrt, bound));
          if (point.kind !== 'matrix') return point;
          if (sizes.valueOf(point.cols) !== 1) throw new Misfit();
          return opaque === 1 ? point : { kind: 'matrix', rows: point.rows, cols: point.rows };
        }
        if (node.order !== 1 || node.wrt2 || node.wrt.kind !== 'sym') throw new Untyped('a derivative of higher order or with respect to an expression');
        const of = norm(walk(node.of, bound));
        const wrt = norm(walk(node.wrt, bound));
        if (of.kind === 'scalar') return wrt;
        if (wrt.kind === 'scalar') return of;
        // A Jacobian's layout is not read: a reading that makes one is not offered.
        throw new Misfit();
      }
      case 'index':
      case 'indicator':
        return SCALAR;
      case 'at':
        // d(E) taken at τ = 0 (check/differentials.ts), or E at given values.
        for (const binding of node.bindings) scalarOnly(walk(binding.value, bound));
        return walk(node.body, bound);
      default:
        throw new Untyped(`${node.kind} notation`);
    }
  };
  const call = (node: Extract<Node, { kind: 'call' }>, bound: readonly string[]): Shape => {
    const args = node.args.map((a) => walk(a, bound));
    if (scope.opaqueFunctions && opaqueCall(scope, node)) return SCALAR;
    if (node.fn === 'softmax' && args.length === 1) return args[0];
    if ((node.fn === 'logsumexp' || node.fn === 'lse') && args.length === 1) return SCALAR;
    if (SQUARE_TO_SCALAR.has(node.fn) && args.length === 1) {
      squareOf(norm(args[0]));
      return SCALAR;
    }
    if (node.fn === 'diag' && args.length === 1) {
      const v = norm(args[0]);
      if (v.kind === 'scalar') return SCALAR;
      if (v.kind !== 'matrix' || sizes.valueOf(v.cols) !== 1) throw new Misfit();
      return { kind: 'matrix', rows: v.rows, cols: v.rows };
    }
    const elementwise = node.fn === 'sigma' || node.fn in ELEMENTARY || activationNamed(node.fn) !== undefined;
    if (elementwise && args.length === 1 && !scope.definitions.has(node.fn)) return args[0];
    // `X(XᵀX)`: a letter before parentheses that nothing makes a function is a factor.
    if (readsAsProduct(node)) return times(walk(node.fnSym!, bound), args[0]);
    throw new Untyped(`the function ${node.fn}`);
  };
  const readsAsProduct = (node: Node): boolean =>
    node.kind === 'call' && node.ambiguous === true && node.fnSym !== undefined && node.args.length === 1 && !definitionOf(scope, node.fnSym) && !scope.definitions.has(node.fn) && !FUNCTION_LETTERS.has(node.fnSym.name);
  try {
    const shapes = sides.map((side) => walk(side, []));
    equalSides(sizes, sides, shapes, norm);
  } catch (error) {
    if (error instanceof Misfit) return undefined;
    if (error instanceof Untyped) return error.message;
    throw error;
  }
  const result = new Map<string, FreeShape>();
  const finish = () => {
    for (const [direction, base] of directions) {
      const shape = result.get(base);
      if (shape) result.set(direction, shape);
    }
    return { shapes: result };
  };
  for (const [key, shape] of ofKey) {
    if (shape.kind !== 'matrix') {
      result.set(key, { rows: 1, cols: 1 });
      continue;
    }
    const kind = kinds.get(key);
    // A vector of length 1, or a matrix with a side of 1, is another kind's reading.
    if (sizes.valueOf(shape.rows) === 1 || (kind === 'matrix' && sizes.valueOf(shape.cols) === 1)) return undefined;
    result.set(key, { rows: sizeName(sizes, shape.rows), cols: sizeName(sizes, shape.cols) });
  }
  return finish();
}

/** The sides have one shape; a gradient may be written as a row or a column, and `… = 0` is zero of any shape. */
function equalSides(sizes: Sizes, sides: readonly Node[], shapes: readonly Shape[], norm: (s: Shape) => Shape): void {
  for (let i = 1; i < shapes.length; i++) {
    const [a, b] = [norm(shapes[i - 1]), norm(shapes[i])];
    if (a.kind !== 'matrix' || b.kind !== 'matrix') {
      const zero = sides[i - 1].kind === 'num' || sides[i].kind === 'num';
      if (a.kind === 'identity' || b.kind === 'identity' || a.kind === b.kind || zero) continue;
      throw new Misfit();
    }
    const column = (s: { rows: number; cols: number }) => sizes.valueOf(s.cols) === 1 && sizes.valueOf(s.rows) !== 1;
    const row = (s: { rows: number; cols: number }) => sizes.valueOf(s.rows) === 1 && sizes.valueOf(s.cols) !== 1;
    // A column and a row: the same gradient in the two layouts, whose lengths agree.
    if ((column(a) && row(b)) || (row(a) && column(b))) {
      if (!sizes.unify(column(a) ? a.rows : a.cols, column(a) ? b.cols : b.rows)) throw new Misfit();
      continue;
    }
    if (!sizes.unify(a.rows, b.rows) || !sizes.unify(a.cols, b.cols)) throw new Misfit();
  }
}

function sizeName(sizes: Sizes, size: number): number | string {
  return sizes.valueOf(size) ?? `shape:${sizes.root(size)}`;
}

function describeReading(entries: readonly FreeSymbol[], kinds: ReadonlyMap<string, Kind>, shapes: ReadonlyMap<string, FreeShape>): string {
  return entries
    .map((e) => {
      const kind = kinds.get(e.key);
      const shape = shapes.get(e.key);
      if (kind === 'scalar' || !shape) return `${e.display} a scalar`;
      if (kind === 'vector') return `${e.display} a vector`;
      return `${e.display} a ${shape.rows === shape.cols ? 'square ' : ''}matrix`;
    })
    .join(', ');
}

import type { AtNode, CallNode, DerivNode, IndexNode, Node, PowNode, SumNode, SymNode, TransposeNode } from '../parse/ast';
import type { SourceRange } from '../source/location';
import * as T from '../evaluate/tensor';
import { Tensor } from '../evaluate/tensor';
import { activationNamed, type Nonlinearity } from '../evaluate/activations';
import { Env } from './env';
import { tick } from './deadline';
import { aliasRef, axisLength, COMPARE, constant, ELEMENTARY, fail, flatIndex, gradientOf, isTimeExpr, leibnizOperand, splitIndices, throughIntermediate, timeOffset, valueOfKey, withIndices } from './rules';

import { describe, describeSym } from './describe';
import { mentionsSymbol, some } from './walk';
import { familyKey, symbolKey, type Compiled, type Evaluator, type Scope, type UserDefinition } from './scope';
import { ownKeysOnly } from '../source/own-keys';

/** Why a claim cannot be evaluated: an unknown symbol, an unsupported construct. Carries its location. */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly loc: SourceRange,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

/** A quantity the claim mentions, with a way to read its value (for counterexamples). */
export interface Mention {
  readonly text: string;
  readonly read: (env: Env) => number | undefined;
}

/** What the compiler learned about an expression besides its evaluator. */
export interface CompileInfo {
  /** Free index letters (not bound by a sum) → functions giving the size they index at a point. */
  readonly freeIndices: Map<string, ((env: Env) => number)[]>;
  readonly mentions: Map<string, Mention>;
  hasDerivative: boolean;
  hasTimeStep: boolean;
  /** True when the expression has no symbol at all (a numeric answer like `-1.667`). */
  constant: boolean;
  /** The most decimals written in any number literal. */
  decimals: number;
}

export function newInfo(): CompileInfo {
  return { freeIndices: new Map(), mentions: new Map(), hasDerivative: false, hasTimeStep: false, constant: true, decimals: 0 };
}

const CONSTANTS: Record<string, number> = { pi: Math.PI };
ownKeysOnly(CONSTANTS);
/** Definitions being compiled: a cycle (a = b, b = a) is an error, not a stack overflow. */
const COMPILING = new Set<UserDefinition>();
const LEARNING_RATE_NAMES = new Set(['alpha', 'eta']);


/**
 * Compiles AST nodes to evaluators once, so a claim is evaluated at every sample point without
 * re-walking the tree. `pure` compiles a claim without model anchors as an identity in free scalar
 * variables.
 */
export class Compiler {
  readonly info: CompileInfo = newInfo();
  /** Index letters bound by enclosing sums or by the definition being compiled. */
  private readonly bound: string[] = [];
  private readonly params: string[] = [];
  private derivativeDepth = 0;

  constructor(
    readonly scope: Scope,
    readonly pure: boolean,
    boundIndices: readonly string[] = [],
    params: readonly string[] = [],
  ) {
    this.bound.push(...boundIndices);
    this.params.push(...params);
  }

  compile(node: Node): Compiled {
    switch (node.kind) {
      case 'num':
        this.info.decimals = Math.max(this.info.decimals, node.decimals);
        return constant(node.value);
      case 'sym':
        return this.symbol(node);
      case 'call':
        return this.call(node);
      case 'bin':
        return this.binary(node.op, this.compile(node.left), this.compile(node.right), node.loc);
      case 'neg': {
        const arg = this.compile(node.arg).run;
        return { run: (env) => T.neg(arg(env)) };
      }
      case 'pow':
        return this.postfixOnProduct(node) ?? this.power(node);
      case 'transpose': {
        const split = this.postfixOnProduct(node);
        if (split) return split;
        const arg = this.compile(node.arg).run;
        return { run: (env) => T.transpose(arg(env)) };
      }
      case 'deriv':
        return this.derivative(node);
      case 'sum':
        return this.sum(node);
      case 'indicator': {
        const left = this.indicatorSide(node.cond.left);
        const right = this.indicatorSide(node.cond.right);
        const test = COMPARE[node.cond.op];
        return {
          run: (env) => {
            const a = left(env);
            const b = right(env);
            const n = Math.max(a.size, b.size);
            const v = Array.from({ length: n }, (_, i) => (test(a.v[a.isScalar ? 0 : i], b.v[b.isScalar ? 0 : i]) ? 1 : 0));
            const shape = a.isScalar ? b : a;
            return T.fromValues(shape.rows, shape.cols, v);
          },
        };
      }
      case 'tuple': {
        const cols = node.rows[0]?.length ?? 0;
        if (node.rows.some((r) => r.length !== cols)) throw new CompileError('the rows of this matrix have different lengths', node.loc);
        const items = node.rows.flat().map((n) => this.compile(n).run);
        return {
          run: (env) => {
            const values = items.map((f) => f(env));
            if (values.some((v) => !v.isScalar)) throw new T.ShapeError('a literal vector must hold scalars');
            return new Tensor(node.rows.length, cols, values.map((v) => v.v[0]), values.map((v) => v.d[0]));
          },
        };
      }
      case 'index':
        return this.component(node);
      case 'at':
        return this.evaluationBar(node);
      case 'norm': {
        const arg = this.compile(node.arg).run;
        return {
          run: (env) => {
            const a = arg(env);
            if (node.abs && a.isScalar) return T.map(a, Math.abs, Math.sign);
            // ‖A‖ of a matrix may be the spectral or the Frobenius norm; the subscript is not kept.
            if (!a.isScalar && !a.isVector) fail(`the norm of the ${a.shapeText()} matrix ${describe(node.arg)} is ambiguous (spectral ‖·‖₂ or Frobenius ‖·‖_F)`);
            const squares = T.sum(T.hadamard(a, a));
            return T.map(squares, Math.sqrt, (x) => 0.5 / Math.sqrt(x));
          },
        };
      }
    }
  }

  // ——— symbols ———

  private symbol(sym: SymNode): Compiled {
    const indices = sym.sub?.kind === 'indices' ? splitIndices(sym.sub.items) : [];
    const key = symbolKey(sym);
    const bare = !sym.accent && !sym.sub && !sym.star && !sym.primes;

    if (bare && this.params.includes(sym.name)) {
      this.info.constant = false;
      return { run: (env) => env.params.get(sym.name) ?? fail(`parameter ${sym.name} is unbound`) };
    }
    if (bare && this.bound.includes(sym.name)) {
      return { run: (env) => T.scalar(env.indices.get(sym.name) ?? fail(`index ${sym.name} is unbound`)) };
    }
    this.info.constant = false;

    const definition = (indices.length > 0 ? this.scope.definitions.get(familyKey(key, indices.length)) : undefined) ?? this.scope.definitions.get(key);
    if (definition && definition.params.length === 0) return this.userValue(definition, sym, indices);

    if (!this.pure && this.scope.model) {
      const modelKey = this.scope.model.resolveSymbol(sym);
      if (modelKey) {
        // `W_1` of a network with numbered layers: the whole node W_1, not entry 1 of W.
        if (this.scope.model.subscriptNames?.has(modelKey)) return this.nodeReference(`node:${modelKey}`, sym, [], (env) => env.node(modelKey));
        const time = indices.find(isTimeExpr);
        if (time) return this.timeStep(modelKey, sym, indices.filter((i) => i !== time), time);
        const kept = this.withoutLabels(indices);
        if (kept.length === 1 && this.scope.model.nodes.get(modelKey)?.indexedBy === 'column') return this.columnReference(modelKey, sym, kept[0]);
        return this.nodeReference(`node:${modelKey}`, sym, kept, (env) => env.node(modelKey));
      }
      const dim = this.scope.model && bare ? this.dimension(sym.name) : undefined;
      if (dim) return dim;
    }
    if (sym.name === 'delta' && indices.length === 2) {
      const [a, b] = indices.map((i) => this.indexExpr(i));
      return { run: (env) => T.scalar(a(env) === b(env) ? 1 : 0) };
    }
    if (bare && sym.name in CONSTANTS) return constant(CONSTANTS[sym.name]);
    if (sym.name === 'I' && !sym.accent && (!sym.sub || sym.sub.kind === 'label' || indices.length === 1)) {
      // I_n, I_d where the model has those sizes: the identity of that size.
      const size = indices.length === 1 && indices[0].kind === 'sym' && !this.pure ? this.dimension(indices[0].name) : undefined;
      if (size) return { run: (env) => T.eye(size.run(env).v[0]) };
      // I, I_k: the identity, sized by what it meets.
      return { run: () => T.identity() };
    }
    if (bare && sym.name === 'e' && !this.pure) return constant(Math.E);
    if (bare && LEARNING_RATE_NAMES.has(sym.name) && !this.pure) {
      this.mention(describeSym(sym), (env) => env.point.learningRate);
      return { run: (env) => env.cached(`var:${sym.name}`, () => T.scalar(env.point.learningRate)) };
    }
    if (this.pure && bare && sym.name === 'e') return constant(Math.E);
    if (this.pure && indices.length === 0) {
      const text = describeSym(sym);
      this.mention(text, (env) => env.point.free(key));
      return { run: (env) => env.cached(`var:${key}`, () => T.scalar(env.point.free(key))), ref: { key: `var:${key}`, indices: [], display: text } };
    }
    throw new CompileError(`unknown symbol ${describeSym(sym)}`, sym.loc);
  }

  /** A side of `\\mathbb{1}[i = j]`: a free index letter (the i of ∂L/∂x_i) is its value, as in δ_ij. */
  private indicatorSide(node: Node): Evaluator {
    const model = this.scope.model;
    const letter = node.kind === 'sym' && !node.sub && !node.accent && !node.primes && !node.star && /^[a-z]$/.test(node.name);
    if (!letter || this.pure || !model || this.bound.includes(node.name) || this.scope.definitions.has(node.name)) return this.compile(node).run;
    if (model.resolveSymbol(node) || node.name === model.defaultDim) return this.compile(node).run;
    this.recordFreeIndexHints([node]);
    const index = this.indexExpr(node);
    return (env) => T.scalar(index(env));
  }

  /** Drops subscripts that name the batch rather than index it (`μ_B` is μ). */
  private withoutLabels(indices: readonly Node[]): readonly Node[] {
    const labels = this.scope.model?.labelSubscripts;
    if (!labels) return indices;
    return indices.filter((i) => !(i.kind === 'sym' && !i.sub && labels.has(i.name) && !this.bound.includes(i.name)));
  }

  /** `u_i`: column i of the model's matrix U (whose columns the node's index selects). */
  private columnReference(modelKey: string, sym: SymNode, index: Node): Compiled {
    const column = this.indexExpr(index);
    const whole = (env: Env) => env.node(modelKey);
    if (index.kind === 'sym' && !this.bound.includes(index.name)) {
      const hints = this.info.freeIndices.get(index.name) ?? [];
      hints.push((env) => whole(env).cols);
      this.info.freeIndices.set(index.name, hints);
    }
    return { run: (env) => T.column(whole(env), column(env)) };
  }

  private dimension(name: string): Compiled | undefined {
    const model = this.scope.model;
    if (!model || (name !== model.defaultDim && !model.sizeNames?.includes(name))) return undefined;
    return { run: (env) => T.scalar(env.point.dims[name] ?? fail(`size ${name} is unknown`)) };
  }

  /** A model node or a user quantity, whole or one entry (`A_i`, `A_{ij}`). */
  private nodeReference(key: string, sym: SymNode | undefined, indices: readonly Node[], whole: Evaluator, display?: string): Compiled {
    const indexFns = indices.map((i) => this.indexExpr(i));
    const text = display ?? (sym ? describeSym(sym) : key);
    indices.forEach((item, position) => {
      if (item.kind === 'sym' && !this.bound.includes(item.name)) {
        const hints = this.info.freeIndices.get(item.name) ?? [];
        hints.push((env) => axisLength(whole(env), indices.length, position));
        this.info.freeIndices.set(item.name, hints);
      }
    });
    const run: Evaluator =
      indexFns.length === 0
        ? whole
        : (env) => {
            const value = whole(env);
            return T.entry(value, flatIndex(value, indexFns.map((f) => f(env))));
          };
    if (!key.startsWith('step:')) {
      this.mention(text, (env) => {
        const value = run(env);
        return value.isScalar ? value.v[0] : undefined;
      });
    }
    return { run, ref: { key, indices: indexFns, display: text } };
  }

  private userValue(definition: UserDefinition, sym: SymNode, indices: readonly Node[]): Compiled {
    if (indices.length !== definition.indexVars.length && definition.indexVars.length > 0) {
      throw new CompileError(`${definition.display} was defined with ${definition.indexVars.length} index(es)`, sym.loc);
    }
    const body = this.definitionBody(definition);
    if (definition.modelBound) this.info.constant = false;
    if (definition.indexVars.length === 0) {
      // A plain symbol: indices (if any) select an entry of its value.
      if (body.ref && body.ref.indices.length === 0) {
        // An alias of a whole quantity (h = σ(z)): h_i is an entry of that quantity.
        return indices.length === 0 ? body : this.nodeReference(body.ref.key, sym, indices, body.run);
      }
      return this.nodeReference(`user:${definition.key}`, sym, indices, (env) => env.cached(`user:${definition.key}`, () => body.run(env)));
    }
    // An indexed family a_i = …: bind its index letters to the given indices.
    const indexFns = indices.map((i) => this.indexExpr(i));
    this.recordFreeIndexHints(indices);
    if (body.ref) {
      return { run: (env) => withIndices(env, definition.indexVars, indexFns, body.run), ref: aliasRef(body.ref, definition.indexVars, indexFns) };
    }
    const text = describeSym(sym);
    const run: Evaluator = (env) => {
      const values = indexFns.map((f) => f(env));
      return env.cached(`user:${definition.key}[${values.join(',')}]`, () => withIndices(env, definition.indexVars, indexFns, body.run));
    };
    this.mention(text, (env) => run(env).v[0]);
    return { run };
  }

  /** Free index letters used as the indices of a family take their range from the family's body. */
  private recordFreeIndexHints(indices: readonly Node[]): void {
    for (const item of indices) {
      if (item.kind === 'sym' && !this.bound.includes(item.name) && !this.info.freeIndices.has(item.name)) {
        this.info.freeIndices.set(item.name, []);
      }
    }
  }

  private definitionBody(definition: UserDefinition): Compiled {
    if (!definition.compiled) {
      if (COMPILING.has(definition)) throw new CompileError(`${definition.display} is defined in terms of itself`, definition.body.loc);
      COMPILING.add(definition);
      try {
        const compiler = new Compiler(this.scope, !definition.modelBound, definition.indexVars, definition.params);
        definition.compiled = compiler.compile(definition.body);
      } finally {
        COMPILING.delete(definition);
      }
    }
    return definition.compiled;
  }

  /** `b_{t+1}`, `b^{(t+1)}`, `b_i^{(t)}`: a parameter at a gradient-descent time step. */
  private timeStep(modelKey: string, sym: SymNode, indices: readonly Node[], time: Node): Compiled {
    const model = this.scope.model!;
    if (!model.parameters.includes(modelKey)) throw new CompileError(`${describeSym(sym)}: only parameters have time steps`, sym.loc);
    const offset = timeOffset(time);
    if (offset === undefined) throw new CompileError(`unsupported time step ${describe(time)}`, time.loc);
    this.info.hasTimeStep = true;
    const current = this.nodeReference(`node:${modelKey}`, sym, indices, (env) => env.node(modelKey));
    if (offset === 0) return current;
    if (offset !== 1) throw new CompileError(`only one step of gradient descent (t+1) is supported`, time.loc);
    const whole: Evaluator = (env) => {
      const value = env.node(modelKey);
      const gradient = gradientOf(env, `node:${modelKey}`, value, (child) => child.node(model.answers.of));
      return T.sub(value, T.hadamard(T.scalar(env.point.learningRate), gradient));
    };
    return this.nodeReference(`step:${modelKey}`, sym, indices, whole);
  }

  /** An index expression (`i`, `j`, `1`, `i+1`) evaluated to a 1-based integer. */
  private indexExpr(node: Node): (env: Env) => number {
    if (node.kind === 'num') return () => node.value;
    if (node.kind === 'sym' && !node.sub && !node.accent) {
      const name = node.name;
      return (env) => env.indices.get(name) ?? fail(`index ${name} is unbound`);
    }
    if (node.kind === 'bin' && (node.op === '+' || node.op === '-')) {
      const a = this.indexExpr(node.left);
      const b = this.indexExpr(node.right);
      return node.op === '+' ? (env) => a(env) + b(env) : (env) => a(env) - b(env);
    }
    throw new CompileError(`unsupported index ${describe(node)}`, node.loc);
  }

  /** Records a quantity for counterexamples; those inside a derivative (L in ∂L/∂b) say little. */
  private mention(text: string, read: (env: Env) => number | undefined): void {
    if (this.derivativeDepth === 0 && !this.info.mentions.has(text)) this.info.mentions.set(text, { text, read });
  }

  /** True if `node` mentions `target`, directly or inside the definitions it uses. */
  private mentionsThroughDefinitions(node: Node, target: SymNode, seen = new Set<UserDefinition>()): boolean {
    if (mentionsSymbol(node, target)) return true;
    return some(node, (n) => {
      const definition = n.kind === 'sym' ? this.scope.definitions.get(symbolKey(n)) : n.kind === 'call' ? this.scope.definitions.get(n.fn) : undefined;
      if (!definition || seen.has(definition)) return false;
      seen.add(definition);
      return this.mentionsThroughDefinitions(definition.body, target, seen);
    });
  }

  /** `(∇_b L)_i`, `σ′(z)_i`: one entry of an expression's value. */
  private component(node: IndexNode): Compiled {
    const base = this.compile(node.base);
    const display = describe(node);
    const whole = base.ref && base.ref.indices.length === 0;
    const entry = this.nodeReference(whole ? base.ref!.key : `expr:${display}`, undefined, splitIndices(node.indices), base.run, display);
    // Only an entry of a real quantity can be differentiated with respect to.
    return whole ? entry : { run: entry.run };
  }

  /** `X|_{z=0}`: X with z pinned; `|_{b=b_t}` names the current point and changes nothing. */
  private evaluationBar(node: AtNode): Compiled {
    const body = this.compile(node.body).run;
    const pins: { key: string; value: Evaluator }[] = [];
    for (const binding of node.bindings) {
      const name = this.compile(binding.name);
      const value = this.compile(binding.value);
      if (!name.ref || name.ref.indices.length > 0) {
        throw new CompileError(`cannot evaluate at ${describe(binding.name)} = …: it is not a variable or a quantity of the model`, binding.name.loc);
      }
      if (value.ref && value.ref.key === name.ref.key && value.ref.indices.length === 0) continue;
      pins.push({ key: name.ref.key, value: value.run });
    }
    if (pins.length === 0) return { run: body };
    return { run: (env) => body(env.withOverrides(new Map(pins.map((p) => [p.key, p.value(env)])))) };
  }

  // ——— operators ———

  private binary(op: string, left: Compiled, right: Compiled, loc: SourceRange): Compiled {
    const a = left.run;
    const b = right.run;
    switch (op) {
      case '+':
        return { run: (env) => T.add(a(env), b(env)) };
      case '-':
        return { run: (env) => T.sub(a(env), b(env)) };
      case 'odot':
        return { run: (env) => T.hadamard(a(env), b(env)) };
      case '/':
        return {
          run: (env) => {
            const denominator = b(env);
            if (!denominator.isScalar && !denominator.isVector) throw new T.ShapeError(`cannot divide by ${denominator.shapeText()}`);
            return T.divide(a(env), denominator);
          },
        };
      // `\cdot` between same-shape vectors is elementwise, as in σ(z)·(1 − σ(z)).
      case '*':
      case 'cdot':
      case 'juxt':
      case 'times':
        return { run: (env) => T.product(a(env), b(env)) };
    }
    throw new CompileError(`unsupported operator ${op}`, loc);
  }

  private power(node: PowNode): Compiled {
    if (!this.pure && this.scope.model && node.base.kind === 'sym' && isTimeExpr(node.exp)) {
      const modelKey = this.scope.model.resolveSymbol(node.base);
      if (modelKey) {
        this.info.constant = false;
        const indices = node.base.sub?.kind === 'indices' ? node.base.sub.items : [];
        return this.timeStep(modelKey, node.base, indices, node.exp);
      }
    }
    const square = this.modelSquare(node);
    if (square) return square;
    const userE = this.scope.definitions.has('e') && node.exp.kind === 'num';
    if (node.base.kind === 'sym' && node.base.name === 'e' && !node.base.sub && !node.base.accent && !userE) {
      const exponent = this.compile(node.exp).run;
      return { run: (env) => T.map(exponent(env), Math.exp, Math.exp) };
    }
    const base = this.compile(node.base).run;
    if (node.exp.kind === 'num' && node.exp.value === -1) {
      return {
        run: (env) => {
          const value = base(env);
          return value.isScalar || value.isVector ? T.power(value, T.scalar(-1)) : T.inverse(value);
        },
      };
    }
    const exponent = this.compile(node.exp).run;
    return {
      run: (env) => {
        const value = base(env);
        const p = exponent(env);
        if (!p.isScalar) throw new T.ShapeError(`an exponent must be a scalar, not ${p.shapeText()}`);
        if (!value.isScalar && !value.isVector) {
          if (!Number.isInteger(p.v[0]) || p.v[0] === 0) throw new T.ShapeError(`cannot raise a ${value.shapeText()} matrix to ${p.v[0]}`);
          // M^{-k} (written `^{-1}` it parses as a negated exponent) is (M⁻¹)^k.
          const factor = p.v[0] < 0 ? T.inverse(value) : value;
          return matrixPower(factor, Math.abs(p.v[0]));
        }
        return T.power(value, p);
      },
    };
  }

  /** `σ^2` where the model has the variance as a node of its own: that node, so ∂L/∂σ² is defined. */
  private modelSquare(node: PowNode): Compiled | undefined {
    const model = this.scope.model;
    if (this.pure || !model?.squareOf || node.base.kind !== 'sym' || node.exp.kind !== 'num' || node.exp.value !== 2) return undefined;
    const base = node.base;
    const key = model.resolveSymbol(base);
    const squareKey = key && model.squareOf[key];
    if (!squareKey || this.scope.definitions.has(symbolKey(base))) return undefined;
    const indices = this.withoutLabels(base.sub?.kind === 'indices' ? splitIndices(base.sub.items) : []);
    if (indices.length > 0) return undefined;
    this.info.constant = false;
    return this.nodeReference(`node:${squareKey}`, undefined, [], (env) => env.node(squareKey), describe(node));
  }

  /**
   * `V(Σ^⊤Σ + λI)^{-1}`, `A(Ax - b)^⊤`: TeX puts the superscript on the closing parenthesis, so when
   * `V(…)` reads as a product the power or transpose belongs to the parenthesised factor alone.
   */
  private postfixOnProduct(node: PowNode | TransposeNode): Compiled | undefined {
    const base = node.kind === 'pow' ? node.base : node.arg;
    if (base.kind !== 'call' || !base.ambiguous || !base.fnSym || base.args.length !== 1 || !this.readsAsProduct(base)) return undefined;
    const inner: Node = node.kind === 'pow' ? { ...node, base: base.args[0] } : { ...node, arg: base.args[0] };
    return this.compile({ kind: 'bin', op: 'juxt', left: base.fnSym, right: inner, loc: node.loc });
  }

  /** Whether an ambiguous `f(x)` is a product (not a user function, not the model's output). */
  private readsAsProduct(node: CallNode): boolean {
    const definition = this.scope.definitions.get(node.fn);
    if (definition && definition.params.length > 0) return false;
    const modelKey = !this.pure && node.fnSym ? this.scope.model?.resolveSymbol(node.fnSym) : undefined;
    return !(modelKey && this.scope.model!.nodes.get(modelKey)?.role === 'output');
  }

  /** `f(x^*)`: the output with the model's variable set to the argument (`f(x)` is the output itself). */
  private outputAt(node: CallNode): Compiled | undefined {
    const variable = this.scope.model?.optimum?.variable;
    const arg = node.args[0];
    if (!variable || this.pure || !node.fnSym || (arg.kind === 'sym' && !arg.sub && this.scope.model!.resolveSymbol(arg) === variable)) return undefined;
    if (this.derivativeDepth > 0) throw new CompileError(`a derivative of ${describe(node)} (the output away from ${variable}) is not supported`, node.loc);
    // Compiled aside: a mention of f here would show f at x in counterexamples.
    const output = new Compiler(this.scope, false, this.bound, this.params).compile(node.fnSym).run;
    this.info.constant = false;
    const value = this.compile(arg).run;
    return {
      run: (env) => {
        let at = value(env);
        // f(0): the zero of the variable's shape.
        if (at.isScalar && at.v[0] === 0 && at.d[0] === 0) {
          const shape = env.node(variable);
          at = T.zeros(shape.rows, shape.cols);
        }
        return output(env.withOverrides(new Map([[`node:${variable}`, at]])));
      },
    };
  }

  private call(node: CallNode): Compiled {
    const definition = this.scope.definitions.get(node.fn);
    if (definition && definition.params.length > 0) return this.userCall(node, definition);
    if (node.ambiguous && node.fnSym) {
      // `L(\hat y)` names the loss; `x(y - \hat y)` is a product.
      const modelKey = !this.pure ? this.scope.model?.resolveSymbol(node.fnSym) : undefined;
      if (modelKey && this.scope.model!.nodes.get(modelKey)?.role === 'output') return this.outputAt(node) ?? this.symbol(node.fnSym);
      return this.binary('juxt', this.symbol(node.fnSym), this.compile(node.args[0]), node.loc);
    }
    if (!this.pure && this.scope.model && node.args.length > 1) {
      // L(y, ŷ): a model quantity written with its arguments is the quantity.
      const modelKey = this.scope.model.resolveSymbol({ kind: 'sym', name: node.fn, loc: node.fnLoc });
      if (modelKey) return this.symbol({ kind: 'sym', name: node.fn, loc: node.fnLoc });
    }
    this.info.constant = false;
    if (node.fn === 'sigma') return this.sigmaCall(node);
    const fixed = activationNamed(node.fn);
    if (fixed) return this.nonlinearity(node, () => fixed, node.primes);
    if (node.fn === 'max' || node.fn === 'min') return this.extremum(node);
    if (node.fn === 'diag') return this.diagonal(node);
    const table = ELEMENTARY[node.fn];
    if (!table) throw new CompileError(`unknown function ${node.fn}`, node.fnLoc);
    if (node.args.length !== 1) throw new CompileError(`${node.fn} takes one argument`, node.loc);
    const rule = table[node.primes];
    if (!rule) throw new CompileError(`${node.fn}${"'".repeat(node.primes)} is not supported`, node.fnLoc);
    const arg = this.compile(node.args[0]).run;
    return { run: (env) => T.map(arg(env), rule.f, rule.f1) };
  }

  private sigmaCall(node: CallNode): Compiled {
    if (node.args.length !== 1) throw new CompileError('σ takes one argument', node.loc);
    // σ(z) is the model's own node, so ∂L/∂σ(z_i) and a_i = σ(z_i) refer to the graph.
    if (node.primes === 0 && !this.pure && this.scope.model && node.args[0].kind === 'sym') {
      const argKey = this.scope.model.resolveSymbol(node.args[0]);
      const composite = argKey && this.scope.model.sigmaOf[argKey];
      if (composite) {
        const sym = node.args[0];
        const indices = sym.sub?.kind === 'indices' ? sym.sub.items : [];
        const display = `σ(${describeSym(sym)})`;
        const ref = this.nodeReference(`node:${composite}`, undefined, indices, (env) => env.node(composite), display);
        const swapped = this.nonlinearity(node, (env) => env.point.sigma, 0).run;
        return { run: (env) => (env.swapSigma ? swapped(env) : ref.run(env)), ref: ref.ref };
      }
    }
    return this.nonlinearity(node, (env) => env.point.sigma, node.primes);
  }

  private nonlinearity(node: CallNode, pick: (env: Env) => Nonlinearity, primes: number): Compiled {
    if (node.args.length !== 1) throw new CompileError(`${node.fn} takes one argument`, node.loc);
    const arg = this.compile(node.args[0]).run;
    const isSigma = node.fn === 'sigma';
    return {
      run: (env) => {
        const s = pick(env);
        const order = isSigma && env.swapSigma && primes <= 1 ? 1 - primes : primes;
        if (order + 1 > s.maxOrder) throw new CompileError(`derivatives of ${s.display} beyond order ${s.maxOrder - 1} are not supported`, node.loc);
        return T.map(arg(env), (x) => s.derivative(order, x), (x) => s.derivative(order + 1, x));
      },
    };
  }

  private extremum(node: CallNode): Compiled {
    if (node.args.length !== 2 || node.primes) throw new CompileError(`${node.fn} takes two arguments`, node.loc);
    const [a, b] = node.args.map((n) => this.compile(n).run);
    const pickFirst = node.fn === 'max' ? (x: number, y: number) => x >= y : (x: number, y: number) => x <= y;
    return {
      run: (env) => {
        const x = a(env);
        const y = b(env);
        const n = Math.max(x.size, y.size);
        const shape = x.isScalar ? y : x;
        const out = T.zeros(shape.rows, shape.cols);
        for (let i = 0; i < n; i++) {
          const [xv, xd] = [x.v[x.isScalar ? 0 : i], x.d[x.isScalar ? 0 : i]];
          const [yv, yd] = [y.v[y.isScalar ? 0 : i], y.d[y.isScalar ? 0 : i]];
          const first = pickFirst(xv, yv);
          // A missing entry (sizes that differ) reads as NaN, as it did from a typed array.
          out.v[i] = +(first ? xv : yv);
          out.d[i] = +(first ? xd : yd);
        }
        return out;
      },
    };
  }

  /** diag(v): the square matrix with v on its diagonal. */
  private diagonal(node: CallNode): Compiled {
    if (node.args.length !== 1 || node.primes) throw new CompileError('diag takes one argument', node.loc);
    const arg = this.diagonalEntries(node.args[0]) ?? this.compile(node.args[0]).run;
    return {
      run: (env) => {
        const v = arg(env);
        if (!v.isVector && !v.isScalar) throw new T.ShapeError(`diag needs a vector, not ${v.shapeText()}`);
        const out = T.zeros(v.size, v.size);
        for (let i = 0; i < v.size; i++) {
          out.v[i * v.size + i] = v.v[i];
          out.d[i * v.size + i] = v.d[i];
        }
        return out;
      },
    };
  }

  /** `diag(σ_i/(σ_i² + λ))`: an entry with one free index lists its values over the index's range. */
  private diagonalEntries(body: Node): Evaluator | undefined {
    const probe = new Compiler(this.scope, this.pure, this.bound, this.params);
    try {
      probe.compile(body);
    } catch {
      return undefined;
    }
    const free = [...probe.info.freeIndices.keys()].filter((name) => !this.bound.includes(name));
    const hints = free.length === 1 ? probe.info.freeIndices.get(free[0])! : [];
    if (hints.length === 0) return undefined;
    const index = free[0];
    this.bound.push(index);
    let entry: Evaluator;
    try {
      entry = this.compile(body).run;
    } finally {
      this.bound.pop();
    }
    return (env) => {
      const count = Math.min(...hints.map((h) => h(env)));
      const values = Array.from({ length: count }, (_, i) => withIndices(env, [index], [() => i + 1], entry));
      if (values.some((v) => !v.isScalar)) throw new T.ShapeError(`diag(${describe(body)}) needs scalar entries`);
      return new Tensor(count, 1, values.map((v) => v.v[0]), values.map((v) => v.d[0]));
    };
  }

  private userCall(node: CallNode, definition: UserDefinition): Compiled {
    if (node.args.length !== definition.params.length) {
      throw new CompileError(`${definition.display} takes ${definition.params.length} argument(s)`, node.loc);
    }
    if (node.primes > 0) throw new CompileError(`derivatives of the user function ${node.fn} are not supported yet`, node.fnLoc);
    const body = this.definitionBody(definition);
    const args = node.args.map((a) => this.compile(a).run);
    if (definition.modelBound) this.info.constant = false;
    return {
      run: (env) => {
        const bound = new Map(env.params);
        definition.params.forEach((p, i) => bound.set(p, args[i](env)));
        return body.run(env.withParams(bound));
      },
    };
  }

  // ——— sums and derivatives ———

  private sum(node: SumNode): Compiled {
    const lower = node.lower ? this.compile(node.lower).run : undefined;
    const upper = node.upper ? this.compile(node.upper).run : undefined;
    this.bound.push(node.index);
    const hintsFor = new Compiler(this.scope, this.pure, [...this.bound.filter((b) => b !== node.index)], this.params);
    let body: Evaluator;
    let rangeHints: ((env: Env) => number)[] = [];
    try {
      // Compile once with the index free, only to learn which sizes it ranges over.
      if (!upper) {
        hintsFor.compile(node.body);
        rangeHints = hintsFor.info.freeIndices.get(node.index) ?? [];
      }
      body = this.compile(node.body).run;
    } finally {
      this.bound.pop();
    }
    const model = this.scope.model;
    const index = node.index;
    return {
      run: (env) => {
        const from = lower ? Math.round(lower(env).v[0]) : 1;
        const to = upper
          ? Math.round(upper(env).v[0])
          : rangeHints.length > 0
            ? Math.min(...rangeHints.map((h) => h(env)))
            : (env.point.dims[model?.defaultDim ?? ''] ?? fail(`cannot tell the range of ${index}`));
        const saved = env.indices.get(index);
        let total: Tensor | undefined;
        try {
          for (let j = from; j <= to; j++) {
            // `\sum_{j=1}^{10^9}` runs within one evaluation: the claim's budget must reach it.
            tick();
            env.indices.set(index, j);
            const term = body(env);
            total = total ? T.add(total, term) : term;
          }
        } finally {
          if (saved === undefined) env.indices.delete(index);
          else env.indices.set(index, saved);
        }
        return total ?? T.scalar(0);
      },
    };
  }

  private derivative(node: DerivNode): Compiled {
    if (node.order !== 1) throw new CompileError('derivatives of order 2 or more are not supported yet', node.loc);
    if (this.derivativeDepth > 0) throw new CompileError('a derivative inside a derivative is not supported yet', node.loc);
    this.info.hasDerivative = true;
    this.info.constant = false;
    this.derivativeDepth++;
    let target: Compiled;
    let of: Evaluator;
    try {
      target = this.compile(node.wrt);
      of = this.compile(this.scope.definitions.has('sigma') ? node.of : leibnizOperand(node)).run;
    } finally {
      this.derivativeDepth--;
    }
    if (!target.ref) {
      throw new CompileError(`cannot differentiate with respect to ${describe(node.wrt)}: it is not a variable or a quantity of the model`, node.wrt.loc);
    }
    const ref = target.ref;
    const wholeKey = ref.key;
    const operand = this.scope.definitions.has('sigma') ? node.of : leibnizOperand(node);
    if (wholeKey.startsWith('user:') && node.wrt.kind === 'sym' && !this.mentionsThroughDefinitions(operand, node.wrt) && !this.pure) {
      return { run: (env) => throughIntermediate(env, target.run, of, describe(operand), ref.display) };
    }
    const run: Evaluator = (env) => {
      if (ref.indices.length > 0) {
        // One entry: seed it and read the tangent of the whole operand.
        const whole = valueOfKey(env, wholeKey, target, ref);
        const flat = flatIndex(whole, ref.indices.map((f) => f(env)));
        const result = of(env.child({ key: wholeKey, index: flat }));
        // The tangent is the derivative (tensors are immutable: the array is shared, not copied).
        return new Tensor(result.rows, result.cols, result.d, T.zeroArray(result.size));
      }
      const whole = target.run(env);
      return gradientOf(env, wholeKey, whole, of);
    };
    // A derivative used as a quantity (the upstream ∂L/∂y_i) is worth showing in a counterexample.
    this.mention(describe(node), (env) => {
      const value = run(env);
      return value.isScalar ? value.v[0] : undefined;
    });
    return { run };
  }
}

/**
 * M^k for an integer k ≥ 1 by repeated squaring: k multiplications one by one would run for ever on
 * `M^{123456789012345678901234567890}` (found by fuzzing), and no claim's budget is read inside one evaluation.
 */
export function matrixPower(m: T.Tensor, k: number): T.Tensor {
  let result: T.Tensor | undefined;
  let square = m;
  for (let rest = k; ; ) {
    if (rest % 2 === 1) result = result ? T.matmul(result, square) : square;
    rest = Math.floor(rest / 2);
    if (rest === 0) return result!;
    square = T.matmul(square, square);
  }
}

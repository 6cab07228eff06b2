// Compiling function calls: σ and the named activations, elementary functions, max and min, diag,
// the document's own functions, the model's output at another point (`f(x^*)`), and `V(…)` read as
// a product.
import type { CallNode, Node, PowNode, TransposeNode } from '../parse/ast';
import * as T from '../evaluate/tensor';
import { Tensor } from '../evaluate/tensor';
import { activationNamed, type Nonlinearity } from '../evaluate/activations';
import { determinant, logDeterminant, trace } from '../evaluate/matrix-functions';
import { logSumExp, softmax } from '../evaluate/vector-functions';
import type { Env } from './env';
import { ELEMENTARY, fail, withIndices } from './rules';
import { describe, describeSym } from './describe';
import { symbolKey, type Compiled, type Evaluator, type UserDefinition } from './scope';
import { CompileError, type CompilerApi } from './compile-api';
import { definitionBody, symbol } from './compile-symbols';
import { binary } from './compile-operators';
import { FUNCTION_LETTERS } from '../parse/commands/functions';
import { some } from './walk';
import { genericFunction } from '../evaluate/generic-functions';
import * as H from '../evaluate/hyper-dual';
import { hyperEvaluator, type HyperEvaluator } from './compile-second';
import { EvaluationError } from './evaluation-error';
import { compileOpaque, opaqueCall } from './opaque-functions';

/**
 * `V(Σ^⊤Σ + λI)^{-1}`, `A(Ax - b)^⊤`: TeX puts the superscript on the closing parenthesis, so when
 * `V(…)` reads as a product the power or transpose belongs to the parenthesised factor alone.
 */
export function postfixOnProduct(c: CompilerApi, node: PowNode | TransposeNode): Compiled | undefined {
  const base = node.kind === 'pow' ? node.base : node.arg;
  if (base.kind !== 'call' || !base.ambiguous || !base.fnSym || base.args.length !== 1 || !readsAsProduct(c, base)) return undefined;
  const inner: Node = node.kind === 'pow' ? { ...node, base: base.args[0] } : { ...node, arg: base.args[0] };
  return c.compile({ kind: 'bin', op: 'juxt', left: base.fnSym, right: inner, loc: node.loc });
}

/** Whether an ambiguous `f(x)` is a product (not a user function, not the model's output). */
function readsAsProduct(c: CompilerApi, node: CallNode): boolean {
  const definition = c.scope.definitions.get(node.fn);
  if (definition && definition.params.length > 0) return false;
  const modelKey = !c.pure && node.fnSym ? c.scope.model?.resolveSymbol(node.fnSym) : undefined;
  if (!isQuantity(c, modelKey) && readsAsFunction(c, node)) return false;
  return !(modelKey && c.scope.model!.nodes.get(modelKey)?.role === 'output');
}

/** `f(x^*)`: the output with the model's variable set to the argument (`f(x)` is the output itself). */
function outputAt(c: CompilerApi, node: CallNode): Compiled | undefined {
  const variable = c.scope.model?.optimum?.variable;
  const arg = node.args[0];
  if (!variable || c.pure || !node.fnSym || (arg.kind === 'sym' && !arg.sub && c.scope.model!.resolveSymbol(arg) === variable)) return undefined;
  if (c.derivativeDepth > 0) throw new CompileError(`a derivative of ${describe(node)} (the output away from ${variable}) is not supported`, node.loc);
  // Compiled aside: a mention of f here would show f at x in counterexamples.
  const output = c.child(false, c.bound, c.params).compile(node.fnSym).run;
  c.info.constant = false;
  const value = c.compile(arg).run;
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

/** Whether `node` writes the name `fn` alone, not applied (`1 - f`, not `f(2)`). */
function writesBare(node: Node, fn: string): boolean {
  const applied = new Set<Node>();
  some(node, (n) => (n.kind === 'call' && n.fnSym && applied.add(n.fnSym), false));
  return some(node, (n) => n.kind === 'sym' && !applied.has(n) && !n.sub && !n.primes && n.name === fn);
}

/** The letter of asymptotic notation, `O(n^2)`, `\mathcal{O}(n)` (Θ and Ω are as often a parameter and a regularizer). */
const ASYMPTOTIC: ReadonlySet<string> = new Set(['O']);

/** `\lambda_{max}(A^\top A)`, `\sigma_{min}(A)`: an extreme eigen- or singular value of its argument. */
const EXTREME_LABELS: ReadonlySet<string> = new Set(['max', 'min']);

/** A quantity of the model to multiply by; a leaf that is only a symbol the document uses (`v` of `z = v(s)`) is none. */
function isQuantity(c: CompilerApi, modelKey: string | undefined): boolean {
  return modelKey !== undefined && !(c.scope.model?.isUndefinedLeaf?.(modelKey) ?? false);
}

/**
 * Whether `f(a)`, of a symbol nothing defines, is more likely an unknown function than a product:
 * a function letter, or a lone symbol or number in the parentheses (`v(x)`, `s(t)`, `A(k)`), where a
 * product would be written without them. `x(y - \hat y)` and `2a(b + c)` stay products.
 */
function readsAsFunction(c: CompilerApi, node: CallNode): boolean {
  const fn = node.fnSym!;
  if (c.scope.definitions.has(symbolKey(fn))) return false;
  const arg = node.args[0];
  const lone = arg.kind === 'num' || (arg.kind === 'sym' && !arg.primes);
  const extreme = fn.sub?.kind === 'label' && EXTREME_LABELS.has(fn.sub.text);
  return lone || extreme || (!fn.sub && !fn.accent && FUNCTION_LETTERS.has(fn.name));
}

export function call(c: CompilerApi, node: CallNode): Compiled {
  if (c.scope.opaqueFunctions && opaqueCall(c.scope, node)) return compileOpaque(c, node, 0);
  const definition = c.scope.definitions.get(node.fn);
  // `\frac{df}{da} = f(1 - f)` for `f(a) = \frac{1}{1 + e^{-a}}`: f written bare in its own parentheses is
  // its value, and the parentheses a factor (f applied to an expression in f itself is no one's notation).
  const selfFactor = node.ambiguous && node.fnSym && node.args.length === 1 && writesBare(node.args[0], node.fn);
  if (definition && definition.params.length > 0 && selfFactor) return binary(c, 'juxt', symbol(c, node.fnSym!), c.compile(node.args[0]), node.loc);
  if (definition && definition.params.length > 0) return userCall(c, node, definition);
  // `O(8ND^2) = O(ND^2)`: asymptotic notation, in which constant factors drop; not a product, never checked.
  if (node.ambiguous && node.fnSym && !node.fnSym.sub && ASYMPTOTIC.has(node.fnSym.name) && !c.scope.definitions.has(node.fnSym.name)) {
    throw new CompileError(`${describe(node)} is big-O notation (constant factors drop), which is not checked`, node.loc);
  }
  if (node.ambiguous && node.fnSym) {
    // `L(\hat y)` names the loss; `x(y - \hat y)` is a product, and so is `δ(1 - h^2)` of an output δ.
    const modelKey = !c.pure ? c.scope.model?.resolveSymbol(node.fnSym) : undefined;
    if (modelKey && c.scope.model!.nodes.get(modelKey)?.role === 'output') {
      const at = outputAt(c, node);
      if (at) return at;
      if (ownQuantities(c, node)) return symbol(c, node.fnSym);
    }
    if (!isQuantity(c, modelKey) && readsAsFunction(c, node)) {
      if (standsIn(c, node)) return genericCall(c, node);
      throw new CompileError(`${describe(node)} reads as a function ${describe(node.fnSym)} applied to ${describe(node.args[0])}, and ${describe(node.fnSym)} is not defined here`, node.loc);
    }
    // `h(Y)` after `h = \frac12\log(2\pi e\sigma^2)` (h short for h(X)): a value given to the name does
    // not make a lone symbol in parentheses after it a factor.
    const arg = node.args[0];
    if (!isQuantity(c, modelKey) && c.scope.definitions.has(symbolKey(node.fnSym)) && arg.kind === 'sym' && !arg.primes && !c.bound.includes(arg.name)) {
      throw new CompileError(`${describe(node)} reads as ${describe(node.fnSym)} applied to ${describe(arg)} or as ${describe(node.fnSym)} times ${describe(arg)}, and the text gives ${describe(node.fnSym)} a value, not a formula in ${describe(arg)}`, node.loc);
    }
    return binary(c, 'juxt', symbol(c, node.fnSym), c.compile(node.args[0]), node.loc);
  }
  if (!c.pure && c.scope.model && node.args.length > 1) {
    // L(y, ŷ): a model quantity written with its arguments is the quantity.
    const modelKey = c.scope.model.resolveSymbol({ kind: 'sym', name: node.fn, loc: node.fnLoc });
    if (modelKey) return ownArguments(c, node, symbol(c, { kind: 'sym', name: node.fn, loc: node.fnLoc }));
  }
  c.info.constant = false;
  if (node.fn === 'sigma') return sigmaCall(c, node);
  const fixed = activationNamed(node.fn);
  if (fixed) return nonlinearity(c, node, () => fixed, node.primes);
  if (node.fn === 'max' || node.fn === 'min') return extremum(c, node);
  if (node.fn === 'diag') return diagonal(c, node);
  const ofWhole = WHOLE_FUNCTIONS[node.fn];
  if (ofWhole) return wholeFunction(c, node, ofWhole);
  const table = ELEMENTARY[node.fn];
  if (!table && standsIn(c, node)) return genericCall(c, node);
  if (!table) throw new CompileError(`unknown function ${node.fn}`, node.fnLoc);
  if (node.args.length !== 1) throw new CompileError(`${node.fn} takes one argument`, node.loc);
  const rule = table[node.primes];
  if (!rule) throw new CompileError(`${node.fn}${"'".repeat(node.primes)} is not supported`, node.fnLoc);
  const arg = c.compile(node.args[0]).run;
  return { run: (env) => T.map(arg(env), rule.f, rule.f1) };
}

/** Functions of a whole matrix or vector, not entry by entry (evaluate/matrix-functions.ts, vector-functions.ts). */
export const WHOLE_FUNCTIONS: Readonly<Record<string, (a: Tensor) => Tensor>> = { tr: trace, det: determinant, logdet: logDeterminant, softmax, logsumexp: logSumExp, lse: logSumExp };

/** `\operatorname{tr}(AX)`, `\det X`, `\operatorname{logdet} X`, `\operatorname{softmax}(\mathbf z)`. */
function wholeFunction(c: CompilerApi, node: CallNode, apply: (a: Tensor) => Tensor): Compiled {
  if (node.primes) throw new CompileError(`${node.fn}${"'".repeat(node.primes)} is not supported`, node.fnLoc);
  if (node.args.length !== 1) throw new CompileError(`${node.fn} takes one argument`, node.loc);
  const arg = c.compile(node.args[0]).run;
  return { run: (env) => apply(arg(env)) };
}

/**
 * The letters of a function that, undefined, stands for any smooth function of one variable: f, g, h
 * (and F, G). Not L, E, P, V, φ (a loss, an expectation, a probability, a value, a feature map).
 */
export const STAND_IN_LETTERS: ReadonlySet<string> = new Set(['f', 'g', 'h', 'F', 'G']);

/** Whether `f(x)` gets a stand-in: the scope asks for them, and f is such a letter, undefined, of one argument. */
function standsIn(c: CompilerApi, node: CallNode): boolean {
  const letter = node.fnSym ? !node.fnSym.sub && !node.fnSym.accent && !node.fnSym.star : true;
  return c.scope.genericFunctions === true && letter && STAND_IN_LETTERS.has(node.fn) && node.args.length === 1 && !c.scope.definitions.has(node.fn);
}

/** `f(x)`, `f'(x)`, `f''(x)` of the stand-in for f at each sample point (evaluate/generic-functions.ts). */
function genericCall(c: CompilerApi, node: CallNode): Compiled {
  c.info.constant = false;
  const arg = c.compile(node.args[0]).run;
  const order = node.primes;
  return {
    run: (env) => {
      const x = arg(env);
      if (!x.isScalar) throw new EvaluationError(`${describe(node)}: ${node.fn} is not defined here, and is taken as a function of one number, but its argument is ${x.shapeText()}`);
      const f = genericFunction(node.fn, env.point.index);
      if (order + 1 > f.maxOrder) throw new CompileError(`derivatives of ${node.fn} beyond order ${f.maxOrder - 1} are not supported`, node.loc);
      return T.map(x, (t) => f.derivative(order, t), (t) => f.derivative(order + 1, t));
    },
  };
}

function sigmaCall(c: CompilerApi, node: CallNode): Compiled {
  if (node.args.length !== 1) throw new CompileError('σ takes one argument', node.loc);
  // σ(z) is the model's own node, so ∂L/∂σ(z_i) and a_i = σ(z_i) refer to the graph.
  if (node.primes === 0 && !c.pure && c.scope.model && node.args[0].kind === 'sym') {
    const argKey = c.scope.model.resolveSymbol(node.args[0]);
    const composite = argKey && c.scope.model.sigmaOf[argKey];
    if (composite) {
      const sym = node.args[0];
      const indices = sym.sub?.kind === 'indices' ? sym.sub.items : [];
      const display = `σ(${describeSym(sym)})`;
      const ref = c.nodeReference(`node:${composite}`, undefined, indices, (env) => env.node(composite), display);
      const swapped = nonlinearity(c, node, (env) => env.point.sigma, 0).run;
      return { run: (env) => (env.swapSigma ? swapped(env) : ref.run(env)), ref: ref.ref };
    }
  }
  return nonlinearity(c, node, (env) => env.point.sigma, node.primes);
}

export function nonlinearity(c: CompilerApi, node: CallNode, pick: (env: Env) => Nonlinearity, primes: number): Compiled {
  if (node.args.length !== 1) throw new CompileError(`${node.fn} takes one argument`, node.loc);
  const arg = c.compile(node.args[0]).run;
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

function extremum(c: CompilerApi, node: CallNode): Compiled {
  if (node.args.length !== 2 || node.primes) throw new CompileError(`${node.fn} takes two arguments`, node.loc);
  const [a, b] = node.args.map((n) => c.compile(n).run);
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

/**
 * The model's quantity written with arguments (`L(y, ŷ)`, `L(ŷ)`) is the quantity, when the arguments
 * are the model's own quantities: at other arguments (`L(1, 2)`) it would ignore them.
 */
function ownArguments(c: CompilerApi, node: CallNode, quantity: Compiled): Compiled {
  if (!ownQuantities(c, node)) {
    throw new CompileError(`${describe(node)}: the model’s output at arguments other than its own quantities is not supported`, node.loc);
  }
  return quantity;
}

function ownQuantities(c: CompilerApi, node: CallNode): boolean {
  const model = c.scope.model!;
  return node.args.every((arg) => arg.kind === 'sym' && model.resolveSymbol(arg) !== undefined);
}

/** diag(v): the square matrix with v on its diagonal; diag(3, 4) is diag((3, 4)). */
export function diagonal(c: CompilerApi, node: CallNode): Compiled {
  if (node.primes) throw new CompileError('diag has no derivative', node.fnLoc);
  if (node.args.length > 1) {
    const entries: Node = { kind: 'tuple', rows: node.args.map((a) => [a]), delim: '(', loc: node.loc };
    return diagonal(c, { ...node, args: [entries] });
  }
  if (node.args.length !== 1) throw new CompileError('diag takes its diagonal', node.loc);
  const arg = diagonalEntries(c, node.args[0]) ?? c.compile(node.args[0]).run;
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
function diagonalEntries(c: CompilerApi, body: Node): Evaluator | undefined {
  const probe = c.child(c.pure, c.bound, c.params);
  try {
    probe.compile(body);
  } catch {
    return undefined;
  }
  const free = [...probe.info.freeIndices.keys()].filter((name) => !c.bound.includes(name));
  const hints = free.length === 1 ? probe.info.freeIndices.get(free[0])! : [];
  if (hints.length === 0) return undefined;
  const index = free[0];
  c.bound.push(index);
  let entry: Evaluator;
  try {
    entry = c.compile(body).run;
  } finally {
    c.bound.pop();
  }
  return (env) => {
    const count = Math.min(...hints.map((h) => h(env)));
    const values = Array.from({ length: count }, (_, i) => withIndices(env, [index], [() => i + 1], entry));
    if (values.some((v) => !v.isScalar)) throw new T.ShapeError(`diag(${describe(body)}) needs scalar entries`);
    return new Tensor(count, 1, values.map((v) => v.v[0]), values.map((v) => v.d[0]));
  };
}

/**
 * `f'(x)` of the document's `f(x) = …`, one variable, first order: the body at the argument with the
 * parameter's tangent seeded (forward mode). Not inside another derivative, whose seed it would lose.
 */
function userDerivative(c: CompilerApi, node: CallNode, definition: UserDefinition): Compiled {
  if (node.primes === 2 && definition.params.length === 1 && c.derivativeDepth === 0) return userSecondDerivative(c, node, definition);
  const why = node.primes > 1 ? 'derivatives of order 3 or more of a function the document defines are not supported yet'
    : definition.params.length !== 1 ? `${definition.display} has several variables: write a partial derivative`
    : c.derivativeDepth > 0 ? 'a derivative inside a derivative is not supported yet' : undefined;
  if (why) throw new CompileError(`${describe(node)}: ${why}`, node.fnLoc);
  const body = definitionBody(c, definition);
  const arg = c.compile(node.args[0]).run;
  const [param] = definition.params;
  c.info.constant = false;
  return {
    run: (env) => {
      const at = arg(env);
      if (!at.isScalar) fail(`${describe(node)} at a vector is not supported`);
      const bound = new Map(env.params).set(param, new Tensor(1, 1, Float64Array.of(at.v[0]), Float64Array.of(1)));
      return T.scalar(body.run(env.withParams(bound)).d[0]);
    },
  };
}

/** `f''(a)` of the text's `f(x) = …`: its body on hyper-duals, x seeded on both lanes at a's value (compile-second.ts). */
function userSecondDerivative(c: CompilerApi, node: CallNode, definition: UserDefinition): Compiled {
  const [param] = definition.params;
  const arg = c.compile(node.args[0]).run;
  c.derivativeDepth++;
  let body: HyperEvaluator;
  try {
    body = hyperEvaluator(c, definition.body, new Map(), new Set([param]));
  } finally {
    c.derivativeDepth--;
  }
  c.info.constant = false;
  return {
    run: (env) => {
      const at = arg(env);
      if (!at.isScalar) fail(`${describe(node)} at a vector is not supported`);
      return T.scalar(body(env, new Map([[param, H.seeded(at.v[0], true, true)]])).ab);
    },
  };
}

function userCall(c: CompilerApi, node: CallNode, definition: UserDefinition): Compiled {
  if (node.args.length !== definition.params.length) {
    throw new CompileError(`${definition.display} takes ${definition.params.length} argument(s)`, node.loc);
  }
  if (node.primes > 0) return userDerivative(c, node, definition);
  const body = definitionBody(c, definition);
  const args = node.args.map((a) => c.compile(a).run);
  if (definition.modelBound) c.info.constant = false;
  return {
    run: (env) => {
      const bound = new Map(env.params);
      definition.params.forEach((p, i) => bound.set(p, args[i](env)));
      return body.run(env.withParams(bound));
    },
  };
}

// Compiling symbols: a model's quantity (whole, one entry, a column, at a time step), a size, a
// quantity the document defined, a free variable of an identity, a constant; an entry `(…)_i` of an
// expression, and an evaluation bar `X|_{z=0}`.
import type { AtNode, IndexNode, Node, SymNode } from '../parse/ast';
import * as T from '../evaluate/tensor';
import type { Env } from './env';
import { aliasRef, constant, fail, gradientOf, isEulerE, isTimeExpr, splitIndices, timeOffset, withIndices } from './rules';
import { describe, describeSym } from './describe';
import { definitionOf, familyKey, symbolKey, type Compiled, type Evaluator, type UserDefinition } from './scope';
import { ownKeysOnly } from '../source/own-keys';
import { CompileError, type CompilerApi } from './compile-api';
import { freeTensor } from './free-shapes';
import { some } from './walk';
import { numberLiteral } from './literal';

const CONSTANTS: Record<string, number> = { pi: Math.PI };
ownKeysOnly(CONSTANTS);
/** Definitions being compiled: a cycle (a = b, b = a) is an error, not a stack overflow. */
const COMPILING = new Set<UserDefinition>();
const LEARNING_RATE_NAMES = new Set(['alpha', 'eta']);

export function symbol(c: CompilerApi, sym: SymNode): Compiled {
  const indices = sym.sub?.kind === 'indices' ? splitIndices(sym.sub.items) : [];
  const key = symbolKey(sym);
  const bare = !sym.accent && !sym.sub && !sym.star && !sym.primes;

  if (bare && c.params.includes(sym.name)) {
    c.info.constant = false;
    return { run: (env) => env.params.get(sym.name) ?? fail(`parameter ${sym.name} is unbound`) };
  }
  if (bare && c.bound.includes(sym.name)) {
    return { run: (env) => T.scalar(env.indices.get(sym.name) ?? fail(`index ${sym.name} is unbound`)) };
  }
  c.info.constant = false;

  const definition = (indices.length > 0 ? c.scope.definitions.get(familyKey(key, indices.length)) : undefined) ?? c.scope.definitions.get(key);
  if (definition && definition.params.length === 0) return userValue(c, definition, sym, indices);
  // `y` of `y(x) = e^{2x}` written bare (`\frac{dy}{dx} = 2y`): the function at its own variables.
  if (definition && bare && indices.length === 0) return c.compile(appliedToParameters(c, sym));

  if (!c.pure && c.scope.model) {
    const modelKey = c.scope.model.resolveSymbol(sym);
    if (modelKey) {
      // `W_1` of a network with numbered layers: the whole node W_1, not entry 1 of W.
      if (c.scope.model.subscriptNames?.has(modelKey)) return c.nodeReference(`node:${modelKey}`, sym, [], (env) => env.node(modelKey));
      const time = indices.find(isTimeExpr);
      if (time) return timeStep(c, modelKey, sym, indices.filter((i) => i !== time), time);
      const kept = withoutLabels(c, indices);
      if (kept.length === 1 && c.scope.model.nodes.get(modelKey)?.indexedBy === 'column') return columnReference(c, modelKey, sym, kept[0]);
      return c.nodeReference(`node:${modelKey}`, sym, kept, (env) => env.node(modelKey));
    }
    const dim = c.scope.model && bare ? dimension(c, sym.name) : undefined;
    if (dim) return dim;
  }
  if (sym.name === 'delta' && indices.length === 2) {
    // Its index letters are free indices of the claim even where nothing else bounds them.
    c.recordFreeIndexHints(indices);
    const [a, b] = indices.map((i) => c.indexExpr(i));
    return { run: (env) => T.scalar(a(env) === b(env) ? 1 : 0) };
  }
  if (bare && sym.name in CONSTANTS) return constant(CONSTANTS[sym.name]);
  if (sym.name === 'I' && !sym.accent && (!sym.sub || sym.sub.kind === 'label' || indices.length === 1)) {
    // I_n, I_d where the model has those sizes: the identity of that size.
    const size = indices.length === 1 && indices[0].kind === 'sym' && !c.pure ? dimension(c, indices[0].name) : undefined;
    if (size) return { run: (env) => T.eye(size.run(env).v[0]) };
    // I, I_k: the identity, sized by what it meets.
    return { run: () => T.identity() };
  }
  if (isEulerE(sym) && !c.pure) return constant(Math.E);
  if (bare && LEARNING_RATE_NAMES.has(sym.name) && !c.pure) {
    c.mention(describeSym(sym), (env) => env.point.learningRate);
    return { run: (env) => env.cached(`var:${sym.name}`, () => T.scalar(env.point.learningRate)) };
  }
  if (c.pure && isEulerE(sym)) return constant(Math.E);
  if (c.pure && indices.length === 0) {
    const text = describeSym(sym);
    const shape = c.scope.freeShapes?.get(key);
    if (shape) {
      // A declared shape (`shapes A=2x2`): a random matrix or vector of that shape.
      const pinned = c.scope.pinnedSizes;
      return { run: (env) => env.cached(`var:${key}`, () => freeTensor(env.point, key, shape, pinned)), ref: { key: `var:${key}`, indices: [], display: text } };
    }
    c.info.shapeless.add(text);
    if (!c.info.freeWholes.has(key)) c.info.freeWholes.set(key, text);
    // `K\beta_n = 3/n`: a letter that is also a free index of the claim is that index's value.
    const asIndex = bare && /^[a-z]$/.test(sym.name) ? sym.name : undefined;
    const value = (env: Env) => (asIndex !== undefined ? env.indices.get(asIndex) : undefined) ?? env.point.free(key);
    c.mention(text, value);
    return { run: (env) => (asIndex !== undefined && env.indices.has(asIndex) ? T.scalar(value(env)) : env.cached(`var:${key}`, () => T.scalar(value(env)))), ref: { key: `var:${key}`, indices: [], display: text } };
  }
  if (c.pure && indices.length > 0 && indices.every((i) => isClosedIndex(c, i))) return freeEntry(c, sym, key, indices);
  // z_k of a vector the claim differentiates by entry (∂/∂z_k): k runs over the vector's entries.
  if (c.pure && c.scope.entryVectors?.has(key) && indices.every((i) => isClosedIndex(c, i) || isIndexLetter(c, i))) {
    c.recordFreeIndexHints(indices.filter((i) => isIndexLetter(c, i)));
    return freeEntry(c, sym, key, indices);
  }
  throw new CompileError(`unknown symbol ${describeSym(sym)}`, sym.loc);
}

/** An index whose value the claim gives: a number, or a letter a sum binds (`i` of `\sum_i x_i`), plus or minus such. */
function isClosedIndex(c: CompilerApi, node: Node): boolean {
  if (node.kind === 'num') return Number.isInteger(node.value);
  if (node.kind === 'sym') return !node.sub && !node.accent && c.bound.includes(node.name);
  return node.kind === 'bin' && (node.op === '+' || node.op === '-') && isClosedIndex(c, node.left) && isClosedIndex(c, node.right);
}

/** A letter not bound here that no definition gives a value: a free index. */
function isIndexLetter(c: CompilerApi, node: Node): boolean {
  return node.kind === 'sym' && !node.sub && !node.accent && !node.primes && /^[a-z]$/.test(node.name) && !c.bound.includes(node.name) && !c.scope.definitions.has(node.name);
}

/**
 * `x_1`, `x_2`, `x_i` of `\sum_{i=1}^{n} x_i`, in an identity in free variables: a free scalar for
 * each index value (x_1 + x_2 = x_2 + x_1). The claim must not use x whole as well (evaluate-step.ts).
 */
function freeEntry(c: CompilerApi, sym: SymNode, key: string, indices: readonly Node[]): Compiled {
  c.info.constant = false;
  c.info.freeEntries.add(key);
  const at = indices.map((i) => c.indexExpr(i));
  const keyAt = (env: Env) => `${key}[${at.map((f) => f(env)).join(',')}]`;
  const text = describeSym(sym);
  c.mention(text, (env) => env.point.free(keyAt(env)));
  const run: Evaluator = (env) => {
    const entry = keyAt(env);
    return env.cached(`var:${entry}`, () => T.scalar(env.point.free(entry)));
  };
  // Written with numbers only (x_1), the entry is a variable of its own, which a derivative can be in;
  // at a free index (z_k of ∂/∂z_k), the entry at the index's value.
  const fixed = indices.every((i) => i.kind === 'num') ? `${key}[${indices.map((i) => (i.kind === 'num' ? i.value : '')).join(',')}]` : undefined;
  if (fixed) return { run, ref: { key: `var:${fixed}`, indices: [], display: text } };
  return c.scope.entryVectors?.has(key) ? { run, ref: { key: `var:${key}`, indices: [], display: text, entryKey: (env) => `var:${keyAt(env)}` } } : { run };
}

/** A side of `\\mathbb{1}[i = j]`: a free index letter (the i of ∂L/∂x_i) is its value, as in δ_ij. */
export function indicatorSide(c: CompilerApi, node: Node): Evaluator {
  const model = c.scope.model;
  const letter = node.kind === 'sym' && !node.sub && !node.accent && !node.primes && !node.star && /^[a-z]$/.test(node.name);
  if (!letter || c.pure || !model || c.bound.includes(node.name) || c.scope.definitions.has(node.name)) return c.compile(node).run;
  if (model.resolveSymbol(node) || node.name === model.defaultDim) return c.compile(node).run;
  c.recordFreeIndexHints([node]);
  const index = c.indexExpr(node);
  return (env) => T.scalar(index(env));
}

/** Drops subscripts that name the batch rather than index it (`μ_B` is μ). */
export function withoutLabels(c: CompilerApi, indices: readonly Node[]): readonly Node[] {
  const labels = c.scope.model?.labelSubscripts;
  if (!labels) return indices;
  return indices.filter((i) => !(i.kind === 'sym' && !i.sub && labels.has(i.name) && !c.bound.includes(i.name)));
}

/** `u_i`: column i of the model's matrix U (whose columns the node's index selects). */
function columnReference(c: CompilerApi, modelKey: string, sym: SymNode, index: Node): Compiled {
  const column = c.indexExpr(index);
  const whole = (env: Env) => env.node(modelKey);
  if (index.kind === 'sym' && !c.bound.includes(index.name)) {
    const hints = c.info.freeIndices.get(index.name) ?? [];
    hints.push((env) => whole(env).cols);
    c.info.freeIndices.set(index.name, hints);
  }
  return { run: (env) => T.column(whole(env), column(env)) };
}

function dimension(c: CompilerApi, written: string): Compiled | undefined {
  const model = c.scope.model;
  const name = c.scope.sizeAliases?.get(written) ?? written;
  if (!model || (name !== model.defaultDim && !model.sizeNames?.includes(name))) return undefined;
  return { run: (env) => T.scalar(env.point.dims[name] ?? fail(`size ${name} is unknown`)) };
}

/**
 * A formula whose value can only be a number: sums and products of bare names and numbers, no vector, entry,
 * transpose or call, and no name `declared` with a shape.
 */
export function writtenAsScalar(body: Node, declared: (sym: SymNode) => boolean): boolean {
  return !some(body, (n) => n.kind === 'tuple' || n.kind === 'transpose' || n.kind === 'sum' || n.kind === 'call' || n.kind === 'norm' || (n.kind === 'sym' && (n.sub !== undefined || n.font !== undefined || declared(n))));
}

function userValue(c: CompilerApi, definition: UserDefinition, sym: SymNode, indices: readonly Node[]): Compiled {
  if (indices.length !== definition.indexVars.length && definition.indexVars.length > 0) {
    throw new CompileError(`${definition.display} was defined with ${definition.indexVars.length} index(es)`, sym.loc);
  }
  const body = definitionBody(c, definition);
  if (definition.modelBound) c.info.constant = false;
  if (definition.indexVars.length === 0) {
    // `x_1` after `x = 3`: a number has no entries, so x_1 is another quantity (an iterate, a component of something else).
    if (indices.length > 0 && numberLiteral(definition.body) !== undefined) throw new CompileError(`unknown symbol ${describeSym(sym)} (${definition.display} is the number ${definition.source.replace(/^[^=]*=\s*/, '')}, which has no entries)`, sym.loc);
    // `d_k`, `d_v` after `d = D + 1`: letters below a name given a scalar formula name other quantities.
    const declared = (name: SymNode) => c.scope.freeShapes?.has(symbolKey(name)) ?? false;
    if (indices.length > 0 && indices.every((index) => index.kind === 'sym') && writtenAsScalar(definition.body, declared)) {
      throw new CompileError(`unknown symbol ${describeSym(sym)} (${definition.display} is given by a formula in numbers, ${definition.source.replace(/^[^=]*=\s*/, '')}, so ${describeSym(sym)} is another quantity, not an entry of it)`, sym.loc);
    }
    // A plain symbol: indices (if any) select an entry of its value.
    if (body.ref && body.ref.indices.length === 0) {
      // An alias of a whole quantity (h = σ(z)): h_i is an entry of that quantity.
      return indices.length === 0 ? body : c.nodeReference(body.ref.key, sym, indices, body.run);
    }
    return c.nodeReference(`user:${definition.key}`, sym, indices, (env) => env.cached(`user:${definition.key}`, () => body.run(env)));
  }
  // An indexed family a_i = …: bind its index letters to the given indices.
  const indexFns = indices.map((i) => c.indexExpr(i));
  c.recordFreeIndexHints(indices);
  if (body.ref) {
    return { run: (env) => withIndices(env, definition.indexVars, indexFns, body.run), ref: aliasRef(body.ref, definition.indexVars, indexFns) };
  }
  const text = describeSym(sym);
  const run: Evaluator = (env) => {
    const values = indexFns.map((f) => f(env));
    return env.cached(`user:${definition.key}[${values.join(',')}]`, () => withIndices(env, definition.indexVars, indexFns, body.run));
  };
  c.mention(text, (env) => run(env).v[0]);
  return { run };
}

export function definitionBody(c: CompilerApi, definition: UserDefinition): Compiled {
  // With stand-ins for undefined functions, shapes read from the claim's notation, or entries of
  // vectors it differentiates by entry, the body is compiled for this claim only: a definition is
  // shared by every claim after it, and the rest read f as the text leaves it, undefined, its letters
  // as scalars, and entries at free indices as unknown.
  if (c.scope.genericFunctions || c.scope.shapesFromNotation || c.scope.entryVectors) return compileDefinition(c, definition);
  if (!definition.compiled) definition.compiled = compileDefinition(c, definition);
  return definition.compiled;
}

function compileDefinition(c: CompilerApi, definition: UserDefinition): Compiled {
  if (COMPILING.has(definition)) throw new CompileError(`${definition.display} is defined in terms of itself`, definition.body.loc);
  COMPILING.add(definition);
  try {
    const compiler = c.child(!definition.modelBound, definition.indexVars, definition.params);
    const compiled = compiler.compile(definition.body);
    // The sums over a vector's entries in the body bound the claim's indices too (p_i of p_j = e^{z_j}/Σ_{k=1}^K e^{z_k}).
    c.info.entryBounds.push(...compiler.info.entryBounds);
    return compiled;
  } finally {
    COMPILING.delete(definition);
  }
}

/** `b_{t+1}`, `b^{(t+1)}`, `b_i^{(t)}`: a parameter at a gradient-descent time step. */
export function timeStep(c: CompilerApi, modelKey: string, sym: SymNode, indices: readonly Node[], time: Node): Compiled {
  const model = c.scope.model!;
  if (!model.parameters.includes(modelKey)) throw new CompileError(`${describeSym(sym)}: only parameters have time steps`, sym.loc);
  const offset = timeOffset(time);
  if (offset === undefined) throw new CompileError(`unsupported time step ${describe(time)}`, time.loc);
  c.info.hasTimeStep = true;
  const current = c.nodeReference(`node:${modelKey}`, sym, indices, (env) => env.node(modelKey));
  if (offset === 0) return current;
  if (offset !== 1) throw new CompileError(`only one step of gradient descent (t+1) is supported`, time.loc);
  const whole: Evaluator = (env) => {
    const value = env.node(modelKey);
    const gradient = gradientOf(env, `node:${modelKey}`, value, (child) => child.node(model.answers.of));
    return T.sub(value, T.hadamard(T.scalar(env.point.learningRate), gradient));
  };
  return c.nodeReference(`step:${modelKey}`, sym, indices, whole);
}

/** `(∇_b L)_i`, `σ′(z)_i`: one entry of an expression's value. */
export function component(c: CompilerApi, node: IndexNode): Compiled {
  const base = c.compile(node.base);
  const display = describe(node);
  const whole = base.ref && base.ref.indices.length === 0;
  const entry = c.nodeReference(whole ? base.ref!.key : `expr:${display}`, undefined, splitIndices(node.indices), base.run, display);
  // Only an entry of a real quantity can be differentiated with respect to.
  return whole ? entry : { run: entry.run };
}

/** `X|_{z=0}`: X with z pinned; `|_{b=b_t}` names the current point and changes nothing. */
export function evaluationBar(c: CompilerApi, node: AtNode): Compiled {
  c.barDepth++;
  try {
    return pinned(c, node);
  } finally {
    c.barDepth--;
  }
}

/** The bar's body, with each of its bindings pinned to its value. */
function pinned(c: CompilerApi, node: AtNode): Compiled {
  const body = c.compile(node.body).run;
  const pins: { key: string; value: Evaluator }[] = [];
  for (const binding of node.bindings) {
    const name = c.compile(binding.name);
    const value = c.compile(binding.value);
    if (!name.ref || name.ref.indices.length > 0) {
      throw new CompileError(`cannot evaluate at ${describe(binding.name)} = …: it is not a variable or a quantity of the model`, binding.name.loc);
    }
    if (value.ref && value.ref.key === name.ref.key && value.ref.indices.length === 0) continue;
    pins.push({ key: name.ref.key, value: value.run });
  }
  if (pins.length === 0) return { run: body };
  return { run: (env) => body(env.withOverrides(new Map(pins.map((p) => [p.key, p.value(env)])))) };
}

/** `f` of the document's `f(x, y) = …`, written bare (`\frac{\partial f}{\partial x}`, `= 2f`): f at its own parameters. */
export function appliedToParameters(c: CompilerApi, node: Node): Node {
  const definition = node.kind === 'sym' && !node.sub && !node.primes ? c.scope.definitions.get(symbolKey(node)) : undefined;
  if (!definition || definition.params.length === 0) return node;
  const args: SymNode[] = definition.params.map((name) => ({ kind: 'sym', name, loc: node.loc }));
  // f(a, x, y, z) = 3x^2y + … after an example's y = x^2: f's y is a variable of its own, but the
  // document also gave y a formula, so which one a bare f (∂f/∂x) means is not decided.
  for (const arg of args) {
    const outer = definitionOf(c.scope, arg);
    if (outer && outer.params.length === 0 && some(outer.body, (n) => n.kind === 'sym')) {
      throw new CompileError(`${arg.name} is a variable of ${describe(node)} and is also defined above (${outer.display} = ${describe(outer.body)}), so which ${arg.name} ${describe(node)} takes here is not decided`, node.loc);
    }
  }
  return { kind: 'call', fn: definition.key, fnLoc: node.loc, primes: 0, args, loc: node.loc };
}

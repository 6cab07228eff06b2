import type { CallNode, Node, SymNode } from '../parse/ast';
import type { SourceRange } from '../source/location';
import { ACTIVATIONS, type Nonlinearity } from '../evaluate/activations';
import * as T from '../evaluate/tensor';
import { Compiler, CompileError } from '../semantics/compile';
import { fail, isBuiltinFunction } from '../semantics/rules';
import { DefinedModel } from '../models/defined';
import { describe, describeSym } from '../semantics/describe';
import { Env } from '../semantics/env';
import { mentionsModel } from './evaluate-step';
import { some } from '../semantics/walk';
import { familySymbol, labelledSymbol, someSymbol, superscriptLabel, type SuperscriptLabel } from '../semantics/superscript-labels';
import { definitionOf, familyKey, symbolKey, type Scope, type UserDefinition } from '../semantics/scope';
import { isConstantExpression } from '../models/symbol-uses';
import type { SamplePoint } from '../semantics/model';

/** The left side of a possible definition: a plain symbol (`\delta`, `a_i`) or a function head (`f(x)`, `σ(z)`). */
export type Candidate =
  | { kind: 'symbol'; sym: SymNode; indexVars: string[]; label?: SuperscriptLabel }
  | { kind: 'function'; name: string; params: string[]; node: CallNode };

export function definitionCandidate(written: Node): Candidate | undefined {
  // `a^{[l]} = σ(z^{[l]})` defines the family a^{[l]}; `h^{(0)} = x` the symbol h^{(0)} (superscript-labels.ts).
  const label = superscriptLabel(written);
  const node = label ? labelledSymbol(label) : written;
  if (node.kind === 'sym') {
    // `k' = k` names a new quantity; `y'` of a y that varies is y's derivative (primedDerivative).
    if (node.primes && node.sub) return undefined;
    const items = node.sub?.kind === 'indices' ? node.sub.items : [];
    // A time index (`b_t`) is a step of an update, not a family to define; but `\mathbf e^{(t)} = E\mathbf x^{(t)}`,
    // a time label in a superscript, defines e at every step (an update names e on the right: refersTo).
    if (!items.every((i, k) => i.kind === 'sym' && !i.sub && (i.name !== 't' || (label !== undefined && k === 0)))) return undefined;
    return { kind: 'symbol', sym: node, indexVars: items.map((i) => (i as SymNode).name), ...(label ? { label } : {}) };
  }
  if (node.kind === 'call' && node.primes === 0 && !isBuiltinFunction(node.fn) && node.args.every((a) => a.kind === 'sym' && !a.sub && !a.accent)) {
    return { kind: 'function', name: node.fn, params: node.args.map((a) => (a as SymNode).name), node };
  }
  return undefined;
}

/**
 * Whether a primed symbol stands for a derivative: `y'` of a y the model or the document gives a
 * formula. A primed name of a number or of nothing (`k' = k` after `k = 3`) is a name of its own.
 */
export function primedDerivative(sym: SymNode, scope: Scope): boolean {
  if (!sym.primes) return false;
  const base = { ...sym, primes: 0 };
  if (scope.model?.resolveSymbol(base)) return true;
  const definition = definitionOf(scope, base);
  return definition !== undefined && !isConstantExpression(definition.body);
}

/** A symbol the model or an earlier definition gives a meaning (so `… = …` about it is a claim). */
export function isDefined(candidate: Candidate, scope: Scope, point?: SamplePoint): boolean {
  if (candidate.kind === 'function') {
    if (candidate.name === 'sigma') return scope.sigmaChosen;
    if (scope.definitions.has(candidate.name)) return true;
    if (candidate.node.ambiguous && candidate.node.fnSym) return Boolean(scope.model?.resolveSymbol(candidate.node.fnSym));
    return Boolean(scope.model?.resolveSymbol({ kind: 'sym', name: candidate.name, loc: candidate.node.fnLoc }));
  }
  const sym = candidate.sym;
  const key = symbolKey(sym);
  if (candidate.label) {
    // `a^{[2]}` after the family a^{[l]} was defined is a member of it (a claim).
    const family = familySymbol(candidate.label);
    const count = family.sub?.kind === 'indices' ? family.sub.items.length : 0;
    if (scope.definitions.has(familyKey(symbolKey(family), count))) return true;
  }
  if (candidate.indexVars.length > 0) {
    // δ_i after a scalar δ is a new family; g_i after a vector g is an entry of g (a claim).
    if (scope.definitions.has(familyKey(key, candidate.indexVars.length))) return true;
    const plain = scope.definitions.get(key);
    if (plain && plain.params.length === 0 && !isScalarValued(plain, scope, point)) return true;
  } else if (scope.definitions.has(key)) return true;
  if (scope.model?.resolveSymbol(sym)) return true;
  // A size (`r = \min(n, d)`) is the model's, never a new quantity.
  return !sym.sub && (sym.name === scope.model?.defaultDim || (scope.model?.sizeNames?.includes(sym.name) ?? false));
}

/** Defined by the document alone (`f(x) = x^2`, `\delta = …`), not a quantity of the model: a later definition may replace it. */
export function redefinable(candidate: Candidate, scope: Scope): boolean {
  if (candidate.kind === 'function') {
    // `z(x) = \sin(x^2)` where z is a node of the document's own model: a function of its own now.
    if (candidate.name === 'sigma') return false;
    return scope.model instanceof DefinedModel || (scope.definitions.has(candidate.name) && !scope.model?.resolveSymbol({ kind: 'sym', name: candidate.name, loc: candidate.node.fnLoc }));
  }
  // An indexed family (`p_i = e^{\lambda - 1}`, then `p_i = \frac{1}{n}`) as a plain symbol.
  const key = candidate.indexVars.length === 0 ? symbolKey(candidate.sym) : familyKey(symbolKey(candidate.sym), candidate.indexVars.length);
  return scope.definitions.has(key) && scope.model?.resolveSymbol(candidate.sym) === undefined;
}

export type DefinitionOutcome =
  | { kind: 'definition'; definition: UserDefinition }
  | { kind: 'sigma'; sigma: Nonlinearity }
  /** `unread`: what σ is from here on when the text defined it in math that cannot be evaluated (no longer the sigmoid). */
  | { kind: 'error'; message: string; unread?: Nonlinearity };

export function defineSymbol(candidate: Candidate, body: Node, scope: Scope, range: SourceRange, source: string): DefinitionOutcome {
  if (candidate.kind === 'function' && candidate.name === 'sigma') return defineSigma(candidate, body, scope);
  const modelBound = mentionsModel(body, scope);
  if (candidate.kind === 'function') {
    return {
      kind: 'definition',
      definition: { key: candidate.name, display: describe(candidate.node), indexVars: [], params: candidate.params, body, modelBound, range, source },
    };
  }
  return {
    kind: 'definition',
    definition: {
      key: candidate.indexVars.length > 0 ? familyKey(symbolKey(candidate.sym), candidate.indexVars.length) : symbolKey(candidate.sym),
      display: describeSym({ ...candidate.sym, sub: candidate.sym.sub?.kind === 'label' ? candidate.sym.sub : undefined }),
      indexVars: candidate.indexVars,
      params: [],
      body,
      modelBound,
      range,
      source,
    },
  };
}

const PROBES = [-2.1, -1.3, -0.6, -0.05, 0.4, 0.9, 1.7, 2.6];

/** `σ(z) = \frac{1}{1+e^{-z}}` selects the sigmoid; an unknown formula becomes σ itself. */
function defineSigma(candidate: Extract<Candidate, { kind: 'function' }>, body: Node, scope: Scope): DefinitionOutcome {
  if (candidate.params.length !== 1) return { kind: 'error', message: 'σ takes one argument' };
  let evaluate: (x: number, seed: boolean) => T.Tensor;
  try {
    const run = new Compiler({ ...scope, definitions: new Map() }, true, [], candidate.params).compile(body).run;
    const param = candidate.params[0];
    evaluate = (x, seed) => {
      const env = new Env(null, dummyPoint(scope), new Map(), null, false, new Map([[param, T.scalar(x, seed ? 1 : 0)]]));
      return run(env);
    };
    evaluate(0.3, false);
  } catch (error) {
    const message = error instanceof CompileError ? error.message : String(error);
    // `\sigma(x) = \frac{e^{x_i}}{\sum_j e^{x_j}}` (softmax): σ means what the text says, even where the
    // checker cannot evaluate it; claims in σ after it are not decided as the sigmoid's.
    const display = `σ(${candidate.params[0]}) = ${describe(body)}`;
    const unread: Nonlinearity = {
      name: 'unread',
      display,
      // Every order is asked of it, so that each says why it cannot answer.
      maxOrder: 2,
      derivative() {
        return fail(`σ is defined above as ${display}, which the checker cannot evaluate (${message})`);
      },
    };
    return { kind: 'error', message: `cannot use this definition of σ: ${message}`, unread };
  }
  for (const known of ACTIVATIONS) {
    if (PROBES.every((x) => Math.abs(evaluate(x, false).v[0] - known.derivative(0, x)) <= 1e-12 * Math.max(1, Math.abs(x)))) {
      return { kind: 'sigma', sigma: known };
    }
  }
  const user: Nonlinearity = {
    name: 'user',
    display: `σ(${candidate.params[0]}) = ${describe(body)}`,
    maxOrder: 1,
    derivative(order, x) {
      const value = evaluate(x, order === 1);
      return order === 0 ? value.v[0] : value.d[0];
    },
  };
  return { kind: 'sigma', sigma: user };
}

function dummyPoint(scope: Scope) {
  return {
    index: 0,
    dims: {},
    leaves: new Map(),
    sigma: scope.sigmas[0],
    learningRate: 0.1,
    free: () => 0,
  };
}

/** Whether a definition's value is a scalar, judged at one sample point (unknown → scalar). */
export function isScalarValued(definition: UserDefinition, scope: Scope, point?: SamplePoint): boolean {
  if (!point) return true;
  try {
    const compiled = new Compiler(scope, !definition.modelBound, definition.indexVars, definition.params).compile(definition.body);
    return compiled.run(new Env(scope.model, point, new Map())).isScalar;
  } catch {
    return true;
  }
}

/** True if the body mentions the symbol or function being defined. */
export function refersTo(body: Node, candidate: Candidate): boolean {
  if (candidate.kind === 'function') return some(body, (n) => n.kind === 'call' && n.fn === candidate.name);
  const key = symbolKey(candidate.sym);
  if (someSymbol(body, (n) => n.kind === 'sym' && symbolKey(n) === key)) return true;
  // `W^{(2)} = W^2`: with W itself in the body, the label may be a power; the equation is a claim (not decided).
  const base = candidate.label?.base;
  return base !== undefined && someSymbol(body, (n) => n.kind === 'sym' && n.name === base.name && n.accent === base.accent);
}

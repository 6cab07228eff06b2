// Statements that are not claims: a definition of a new quantity (`\delta = -2(y - \hat y)`, `f(x) = x^2`,
// `σ(z) = \tanh(z)`), a node of the document's own model (`h = \tanh(Wx + c)`), and a value given for
// a model's leaf (`x = (1, 7, 7, 9)`, the batch `\{1, 7, 7, 9\}` standing alone, `n = 5`). Each goes into
// the book (or chooses σ) and is checked only for whether it can be used.
import type { Chain, Node, SymNode, TupleNode } from '../parse/ast';
import type { SourceRange } from '../source/location';
import type { Segment } from '../parse/segment';
import { parseChain } from '../parse/parser';
import { mapSyms } from '../parse/nodes';
import { toDocumentRange, type MathSpan } from '../source/span';
import { ShapeError } from '../evaluate/tensor';
import { activationNamed } from '../evaluate/activations';
import { describe } from '../semantics/describe';
import { numberLiteral } from '../semantics/literal';
import { EvaluationError, isBuiltinFunction } from '../semantics/rules';
import { definitionOf, familyKey, symbolKey, type Scope } from '../semantics/scope';
import { mentionsSymbol, some } from '../semantics/walk';
import { DefinedModel, definitionCycle, undeclaredMatrixUses, type CustomDefinition } from '../models/defined';
import { CONSTANT_NAMES, hasDerivative, isConstantExpression, subscriptName, symbolUses } from '../models/symbol-uses';
import type { CheckContext } from './context';
import { defineSymbol, definitionCandidate, isDefined, primedDerivative, redefinable, refersTo, type Candidate } from './definitions';
import { differsAt, holdsAt } from './holds';
import { holdsHere } from './holds-here';
import { familyIndex, quantityKey } from './detect';
import { exerciseLabelBetween } from './exercise-labels';
import type { Finding } from './finding';
import { applyGiven } from './given';
import { memberOf, type Link } from './links';
import { leafShapesIn, undeclaredMessage } from './step-notes';

/** Letters that run over the terms of a sequence or the samples of a sum (`\hat y_i`, `w_j`, `x_t`), not labels (`D_x`, `\mu_Y`). */
const RUNNING_INDICES = new Set(['i', 'j', 'k', 'l', 'n', 't']);

/** A comparison right after an equation: `f(x) = \frac{1}{1+|x|} \le 1`. */
const BOUND_AFTER = /^\s*(?:\\(?:le|leq|ge|geq|lt|gt|leqslant|geqslant)(?![a-zA-Z])|[<>≤≥])/;

/** True when the link (the first of its chain) defines, gives or chooses rather than claims; it has then taken effect. */
export function tryDefinition(ctx: CheckContext, link: Link, span: MathSpan): boolean {
  if (link.op === 'approx') return restatedApproximately(ctx, link);
  if (passingBound(ctx, link, span)) return true;
  if (definesFamilyMember(link, span)) return true;
  if (tryCustomDefinition(ctx, link, span)) return true;
  if (tryGiven(ctx, link)) return true;
  const candidate = definitionCandidate(link.left.node);
  if (!candidate || refersTo(link.right.node, candidate)) return false;
  // "the local maximum at $x = \mu$": one free name set to another names a point or a case, not x's formula.
  if (candidate.kind === 'symbol' && ctx.scope().model === null && [link.left.node, link.right.node].every((side) => isFreeName(side, ctx.scope()))) return false;
  if (candidate.kind === 'symbol' && primedDerivative(candidate.sym, ctx.scope())) return false;
  // `P_i = [0.1, 0.7, 0.2]`, "when $\hat y_i = 1$": one term of a sequence at an example, or a case,
  // not every P_i the same numbers (`D_x = 4`, `N_{FP} = 103` name quantities: they are given).
  if (candidate.kind === 'symbol' && candidate.indexVars.length > 0 && isConstantExpression(link.right.node)) {
    if (some(link.right.node, (n) => n.kind === 'tuple') || candidate.indexVars.every((v) => RUNNING_INDICES.has(v))) return false;
  }
  // `k(a) = 1` ("for what a do we have k(a) = 1?"), `f(x) = 0`: a function that ignores its variables
  // is an equation in them, not a definition.
  if (candidate.kind === 'function' && candidate.name !== 'sigma' && !some(link.right.node, (n) => n.kind === 'sym' && candidate.params.includes(n.name))) return false;
  // `\sigma(x) = \frac{1}{1+e^{-z}}`: the sigmoid's formula written in another letter than its argument (a
  // slip of the pen); σ stays the sigmoid rather than a constant.
  if (candidate.kind === 'function' && candidate.name === 'sigma' && candidate.params.length === 1 && !some(link.right.node, (n) => n.kind === 'sym' && candidate.params.includes(n.name)) && holdsAsSigmoidIn(link.right.node)) {
    const range = toDocumentRange(span, { start: link.left.loc.start, end: link.right.loc.end });
    ctx.output.findings.push({ verdict: 'unsupported', range, text: ctx.text.slice(range.start, range.end), message: `not checked: the formula of ${describe(link.left.node)} is written in another letter than ${candidate.params[0]} (a slip?); σ is read as the sigmoid it spells`, evidence: { reason: 'notation' } });
    return true;
  }
  const scope = ctx.scope();
  const points = ctx.points.of(scope);
  // A name the document defined before, written with another body that does not equal it: a new
  // definition from here on (the next part of a text), not a wrong claim. A model's quantities stay claims.
  const redefined = isDefined(candidate, scope, points[0]);
  if (redefined && restates(ctx, candidate, link, scope)) return true;
  /** Whether the new body is the old definition's form (its comparison is done at most once). */
  let sameForm: boolean | undefined;
  const holds = () => (sameForm ??= holdsAt(link.left.node, link.right.node, withParametersFree(candidate, scope), points, ctx.settings.values.tol));
  // `\sigma(x) = \frac{1}{1+e^{-x}}` again, after the document defined σ so: the definition restated,
  // no claim (the first one, about the model's σ, is a claim).
  if (redefined && candidate.kind === 'function' && candidate.name === 'sigma' && ctx.settings.sigmaOverride !== undefined && holds()) return true;
  const earlier = candidate.kind === 'symbol' ? definitionOf(scope, candidate.sym) : undefined;
  // `y = x^2` after `y = f(x)` (y names a function's value) and f(x) = x^2: which function, said again.
  if (redefined && earlier !== undefined && namesCallValue(earlier.body) && holds()) return true;
  // f(c) = 0 after f was defined: an equation to solve (non-identities.ts), not a new f.
  if (redefined && candidate.kind === 'function' && symbolUses(link.right.node).length === 0) return false;
  const brokenDown = redefined && earlier !== undefined && brokenDownInSpan(link, span, earlier.body, (sym) => definitionOf(scope, sym)?.range) && holds();
  // `\sigma(x) = \frac{e^{x_i}}{\sum_j e^{x_j}}` after `\sigma(x) = \frac{1}{1+e^{-x}}`, outside a built-in model:
  // notes on activations give σ another formula in each section; σ is that one from here on.
  const builtIn = scope.model !== null && !(scope.model instanceof DefinedModel);
  const anotherSigma = redefined && candidate.kind === 'function' && candidate.name === 'sigma' && !builtIn && !holds();
  if (redefined && !brokenDown && !anotherSigma && (!redefinable(candidate, scope) || holds())) return false;
  const range = toDocumentRange(span, { start: link.left.loc.start, end: link.right.loc.end });
  const outcome = defineSymbol(candidate, link.right.node, scope, range, ctx.text.slice(range.start, range.end));
  if (redefined && !brokenDown && outcome.kind === 'definition') {
    const name = describe(link.left.node);
    ctx.output.findings.push({ verdict: 'unsupported', range, text: ctx.text.slice(range.start, range.end), message: `not checked: a new definition of ${name}, which differs from the one before; it holds from here on`, evidence: { reason: 'redefinition' } });
  }
  if (outcome.kind === 'sigma') ctx.settings.sigmaOverride = outcome.sigma;
  else if (outcome.kind === 'definition') {
    const replaced = redefined ? (candidate.kind === 'function' ? scope.definitions.get(candidate.name) : definitionOf(scope, candidate.sym)) : undefined;
    const definition = replaced ? { ...outcome.definition, replaces: replaced } : outcome.definition;
    ctx.book.context(definition.modelBound ? (scope.model?.name ?? '') : '').set(definition.key, definition);
    if (ctx.book.isCurrentCustom(scope.model) || !definition.modelBound) ctx.book.dropCustomModel();
  } else if (outcome.kind === 'error') {
    ctx.output.findings.push({ verdict: 'unsupported', range, text: ctx.text.slice(range.start, range.end), message: outcome.message, evidence: {} });
    if (outcome.unread && anotherSigma) ctx.settings.sigmaOverride = outcome.unread;
  }
  return true;
}

/**
 * "since $f(x) = \frac{1}{1+|x|} \le 1$": a bound in an argument, which names what it bounds in passing
 * (often reusing a name defined otherwise, or piecewise), neither a definition of f from here on nor a
 * claim about an f defined otherwise. Reported as not checked, and f keeps what it was.
 */
function passingBound(ctx: CheckContext, link: Link, span: MathSpan): boolean {
  if (link.op !== '=' || !BOUND_AFTER.test(span.text.slice(link.right.loc.end))) return false;
  const candidate = definitionCandidate(link.left.node);
  if (!candidate) return false;
  const defined = isDefined(candidate, ctx.scope());
  // A new name bounded where it is defined (`c = 1 - m/M < 1`) is still defined; a function so written is not.
  if ((!defined && candidate.kind !== 'function') || (defined && holdsHere(ctx, link.left.node, link.right.node))) return false;
  const range = toDocumentRange(span, { start: link.left.loc.start, end: link.right.loc.end });
  const otherwise = defined ? `, and ${describe(link.left.node)} was defined otherwise above` : '';
  const message = `not checked: ${describe(link.left.node)} = ${describe(link.right.node)} is followed by a bound on it${otherwise}: a passing statement, not a definition or a claim`;
  ctx.output.findings.push({ verdict: 'unsupported', range, text: ctx.text.slice(range.start, range.end), message, evidence: { reason: 'bound' } });
  return true;
}

/** `\frac{1}{1+e^{-z}}`: the sigmoid written in one letter. */
function holdsAsSigmoidIn(body: Node): boolean {
  const letters = [...new Set(symbolUses(body).map(({ sym }) => sym).filter((sym) => !sym.sub && !CONSTANT_NAMES.has(sym.name)).map((sym) => sym.name))];
  if (letters.length !== 1) return false;
  const sigmoid = parseChain(`\\frac{1}{1+e^{-${letters[0]}}}`);
  return sigmoid.ok && describe(sigmoid.chain.members[0]) === describe(body);
}

/** A lone name the text has given no value or formula: `x`, `\mu`. */
function isFreeName(node: Node, scope: Scope): boolean {
  return node.kind === 'sym' && !node.primes && definitionOf(scope, node) === undefined && !(!node.sub && CONSTANT_NAMES.has(node.name));
}

/**
 * What claims nothing, written again: `X^\top X = D` after `D = X^\top X` (a definition the other way
 * round, which would pass by construction), `y = y(x)` (notation: y is a function of x) and
 * `\eta_i = \eta(x_i, \beta)` (η_i names a value of η). True when it has been taken as such.
 */
export function tryRestatement(ctx: CheckContext, link: Link): boolean {
  const [left, right] = [link.left.node, link.right.node];
  if (link.fromPrevious || link.op !== '=') return false;
  if (left.kind === 'sym' && right.kind === 'call' && right.ambiguous && right.fnSym && describe(right.fnSym) === describe(left)) return true;
  // `\eta_i = \eta(x_i, \beta)`: η_i names the function η's value at x_i.
  if (left.kind === 'sym' && left.sub && !left.primes && right.kind === 'call' && !right.primes && right.fn === left.name && (right.fnSym?.sub === undefined)) return true;
  if (left.kind === 'sym' && right.kind === 'tuple' && isWrittenByEntries(left, right)) return true;
  if (definesKnownFunction(ctx, left, right)) return true;
  // `\hat y = X\beta` after `\hat{y_i} = X_i\beta`: the definition of the entries again, for the whole vector.
  if (left.kind === 'sym' && !left.sub && !left.primes && entrywiseDefined(ctx, left) && holdsHere(ctx, left, right)) return true;
  // `\mu_1 = m_1 = \bar X` after `m_1 = \bar X`: the definition written again, either way round.
  const bodyOf = (name: SymNode) => {
    const definition = definitionOf(ctx.scope(), name);
    return definition ? (definition.params.length === 0 ? definition.body : undefined) : ctx.book.customDefinitions.find((d) => d.key === quantityKey(name))?.body;
  };
  const [leftBody, rightBody] = [left.kind === 'sym' ? bodyOf(left) : undefined, right.kind === 'sym' ? bodyOf(right) : undefined];
  if ((leftBody !== undefined && describe(leftBody) === describe(right)) || (rightBody !== undefined && describe(rightBody) === describe(left))) return true;
  // `y_i = \beta_0 + \beta_1 x_i + u_i` after `y = \beta_0 + \beta_1 x + u`: the definition written for the i-th sample.
  if (left.kind === 'sym' && left.sub?.kind === 'indices' && left.sub.items.length === 1 && !left.primes) {
    const whole = bodyOf({ ...left, sub: undefined });
    return whole !== undefined && describe(atSample(whole, left.sub.items[0], right)) === describe(right);
  }
  return false;
}

/** `body` with each plain symbol that `written` has at `index` (x of x_i) taken at it. */
function atSample(body: Node, index: Node, written: Node): Node {
  const indexed = (s: SymNode) => some(written, (n) => n.kind === 'sym' && n.name === s.name && n.sub?.kind === 'indices' && n.sub.items.length === 1 && describe(n.sub.items[0]) === describe(index));
  return mapSyms(body, (s) => (!s.sub && !s.primes && indexed(s) ? { ...s, sub: { kind: 'indices', items: [index], loc: index.loc } } : s));
}

/** Whether the text defines the entries of `vector` (`\hat{y_i} = X_i\beta`), and not the vector itself. */
function entrywiseDefined(ctx: CheckContext, vector: SymNode): boolean {
  const scope = ctx.scope();
  if (definitionOf(scope, vector)) return false;
  const family = familyKey(symbolKey(vector), 1);
  return scope.definitions.has(family) || ctx.book.customDefinitions.some((d) => d.key === symbolKey(vector) && d.indexVar !== undefined);
}

/**
 * `c = a + b`, `d = b + 1`, `e = c d` after `e = (a + b)(b + 1)`: e written through steps defined in
 * the same block (`stepAt` says where a symbol was defined), the computational graph of the same e.
 * It becomes e's definition, so that ∂e/∂c is the graph's local partial, and claims nothing.
 */
function brokenDownInSpan(link: Link, span: MathSpan, earlier: Node, stepAt: (sym: SymNode) => SourceRange | undefined): boolean {
  return symbolUses(link.right.node).some(({ sym }) => {
    const step = stepAt(sym);
    return step !== undefined && step.start >= span.outer.start && step.end <= span.outer.end && !mentionsSymbol(earlier, sym);
  });
}

/**
 * `\text{ReLU}(x) = \max(0, x)`, `\tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}`: a known function's
 * definition, written as it is (a wrong one stays a claim, and a mismatch). σ's is one until a directive
 * or a definition chose σ (then it is a claim about that σ; as the first step, definitions.ts reads it
 * first), and one that relates a function to another activation (`\tanh(z) = 2\sigma(2z) - 1`) an
 * identity to check.
 */
export function definesKnownFunction(ctx: CheckContext, left: Node, right: Node): boolean {
  if (left.kind !== 'call' || left.primes || (left.fn === 'sigma' ? ctx.scope().sigmaChosen : !isBuiltinFunction(left.fn))) return false;
  const params = left.args.map((arg) => (arg.kind === 'sym' && !arg.accent ? describe(arg) : undefined));
  if (params.length === 0 || params.some((p) => p === undefined) || !some(right, (n) => n.kind === 'sym' && params.includes(describe(n)))) return false;
  if (some(right, (n) => n.kind === 'call' && (n.fn === 'sigma' || activationNamed(n.fn) !== undefined))) return false;
  if (holdsHere(ctx, left, right)) return true;
  // Where its arguments cannot be evaluated (`\sigma(z_i)` of a z_i defined as wᵀx_i, w of no declared
  // shape), a function's formula is checked with each argument a plain variable of its own.
  const here = ctx.scope();
  if (differsAt(left, right, here, ctx.points.of(here), ctx.settings.values.tol)) return false;
  const free = (node: Node) => mapSyms(node, (sym) => (params.includes(describe(sym)) ? { kind: 'sym', name: `${FREE_ARGUMENT}${params.indexOf(describe(sym))}`, loc: sym.loc } : sym));
  const scope: Scope = { ...here, model: null, definitions: new Map() };
  return holdsAt(free(left), free(right), scope, ctx.points.of(scope), ctx.settings.values.tol);
}

/**
 * `\frac{1}{1 + e^{-z}} = \sigma(z)` at the end of `p = … = \sigma(z)`, "This is the Sigmoid function": a
 * formula, then the activation it is, when it holds. An elementary function's formula is a fact to
 * check (`\frac{\partial \sin s}{\partial s} = \cos s`).
 */
export function namesActivation(ctx: CheckContext, formula: Node, activation: Node): boolean {
  if (activation.kind !== 'call' || (activation.fn !== 'sigma' && activationNamed(activation.fn) === undefined) || hasDerivative(formula)) return false;
  return definesKnownFunction(ctx, activation, formula);
}

/**
 * `\phi_1(x) = x`, `\psi_j(x, y) = x^j y`, `g_{linear}(z) = z`: one of a family of functions (φ_0, φ_1, …,
 * or named ones) defined on its variables. The parser reads a subscripted name before parentheses as a product (`C_i(y - \hat y)`),
 * and the checker has no families of functions: the definition is notation here, and claims nothing.
 */
function definesFamilyMember(link: Link, span: MathSpan): boolean {
  const left = link.left.node;
  if (link.fromPrevious || link.op !== '=' || left.kind !== 'bin' || left.op !== 'juxt') return false;
  const [name, args] = [left.left, left.right];
  if (name.kind !== 'sym' || (name.sub?.kind !== 'indices' && name.sub?.kind !== 'label') || name.primes || span.text[args.loc.start] !== '(') return false;
  const variables = args.kind === 'sym' ? [args] : args.kind === 'tuple' && args.delim === '(' ? args.rows.flat() : [];
  if (variables.length === 0 || !variables.every((v) => v.kind === 'sym' && !v.sub)) return false;
  return some(link.right.node, (n) => n.kind === 'sym' && variables.some((v) => v.kind === 'sym' && v.name === n.name));
}

/** The name of a function's argument made a plain variable: no document writes it. */
const FREE_ARGUMENT = 'ϑ·';

/**
 * Whether a link of a chain is the last of a run of one function's calls (`f(\mathbf w) = f(x, y) =
 * x^2 + y^2 + xy`): every member up to its left side calls the same unprimed function, and its right
 * side is the body.
 */
export function writtenAsOneFunction(chain: Chain, link: Link): boolean {
  const at = chain.members.indexOf(link.left.node);
  const left = link.left.node;
  if (at < 1 || left.kind !== 'call' || left.primes) return false;
  const sameFunction = (node: Node) => node.kind === 'call' && !node.primes && node.fn === left.fn;
  return chain.members.slice(0, at).every(sameFunction) && !sameFunction(link.right.node);
}

/** `f(x)`, `g(x, y)`: a function applied to its variables, the notation that makes a name its value. */
function namesCallValue(body: Node): boolean {
  return body.kind === 'call' && !body.primes && body.args.length > 0 && body.args.every((arg) => arg.kind === 'sym' && !arg.sub);
}

/**
 * A step that gives its left side a value or a name rather than claiming one, and so claims nothing
 * when it holds: an assignment (`A^{(0)} := X`, `h \leftarrow \sigma(z)`; an update, `θ ← θ − α∇L`,
 * `b_{t+1} := b_t − α∇_b L`, writes its letter on the right too, and is a step to check), or notation
 * the word "where" introduces ("where $z_k = w_k^\top x + b_k$"). `cue`: the words before the math.
 */
export function namesValue(link: Link, cue: string | undefined): boolean {
  if (link.fromPrevious) return false;
  if (link.op === '=') return cue?.toLowerCase() === 'where' && link.left.node.kind === 'sym';
  if (link.op !== 'update') return false;
  // The letter assigned, whatever its index or step (`b_{t+1}`, `b_i^{(t+1)}`, `A^{(0)}`).
  const names = new Set(symbolUses(link.left.node).map(({ sym }) => `${sym.name}${sym.accent ?? ''}`));
  return !symbolUses(link.right.node).some(({ sym }) => names.has(`${sym.name}${sym.accent ?? ''}`));
}

/** `\mathbf x = (x_1, x_2)`: a vector written as its numbered entries, which is notation. */
function isWrittenByEntries(vector: SymNode, entries: TupleNode): boolean {
  if (vector.sub || vector.primes) return false;
  const items = entries.rows.flat();
  return items.every((item, i) => item.kind === 'sym' && item.name === vector.name && item.sub?.kind === 'indices' && item.sub.items.length === 1 && numberLiteral(item.sub.items[0]) === i + 1);
}

/** `f(x) \approx x` just after `f(x) = x`: the definition again, which claims nothing (it would pass by construction). */
function restatedApproximately(ctx: CheckContext, link: Link): boolean {
  const candidate = definitionCandidate(link.left.node);
  return candidate !== undefined && !link.fromPrevious && restates(ctx, candidate, link, ctx.scope());
}

/**
 * Whether a definition is the one before is a question about its form, not about an example: a
 * function's parameters are its own (`f(x) = x` after "when x = 0", which would make it look like the
 * old f), and values the text gave for an example (`a = \log 2`, `b = 0`) are left free too.
 */
function withParametersFree(candidate: Candidate, scope: Scope): Scope {
  const definitions = new Map(scope.definitions);
  for (const [key, definition] of scope.definitions) if (definition.params.length === 0 && isConstantExpression(definition.body)) definitions.delete(key);
  if (candidate.kind === 'function') for (const name of candidate.params) definitions.delete(name);
  return { ...scope, definitions };
}

/** The document's own definition written again as it was (`\ell = L` twice): it takes nothing, and claims nothing. */
function restates(ctx: CheckContext, candidate: Candidate, link: Link, scope: Scope): boolean {
  const key = candidate.kind === 'function' ? candidate.name : symbolKey(candidate.sym);
  const own = scope.model instanceof DefinedModel ? ctx.book.customDefinitions.find((d) => d.key === key)?.body : undefined;
  // (A family's definition, `a_n = 1/n`, is kept under the family's key: definitionOf finds it.)
  const definition = candidate.kind === 'function' ? scope.definitions.get(key) : definitionOf(scope, candidate.sym);
  const body = own ?? (redefinable(candidate, scope) ? definition?.body : undefined);
  if (body === undefined) return false;
  // `\mathrm{matmul}(X, y) = Xy` after `\mathrm{matmul}(x, y) = xy`: the same definition in other names.
  const renamed = candidate.kind === 'function' && own === undefined && definition && definition.params.length === candidate.params.length ? renameParameters(body, definition.params, candidate.params) : body;
  // `e = (a + b) * (b + 1)` after `e = (a + b)(b + 1)`: a product written with `*` or `\cdot` is the same product.
  const written = (n: Node) => describe(n).replace(/·/g, '');
  return written(renamed) === written(link.right.node);
}

/** `body` with each of the parameters `from` written as the matching name of `to`. */
function renameParameters(body: Node, from: readonly string[], to: readonly string[]): Node {
  return mapSyms(body, (s) => {
    const at = !s.sub && !s.accent && !s.primes ? from.indexOf(s.name) : -1;
    return at >= 0 ? { ...s, name: to[at] } : s;
  });
}

/**
 * `X = body` as a node of the document's own model: under `model=custom` every plain definition
 * of the forward pass; in auto mode those the document pass found (their bodies use symbols no
 * built-in model knows, or declared shapes). A definition that cannot be evaluated is reported where
 * it is written; a restatement of a node is a claim.
 */
function tryCustomDefinition(ctx: CheckContext, link: Link, span: MathSpan): boolean {
  const { book, choice, settings } = ctx;
  const mode = settings.values.model;
  if ((mode !== 'custom' && mode !== 'auto') || link.fromPrevious) return false;
  const left = link.left.node;
  if (left.kind !== 'sym' || left.primes) return false;
  const numbered = subscriptName(left);
  const indexVar = numbered ? undefined : familyIndex(left);
  if (left.sub?.kind === 'indices' && !numbered && !indexVar) return false;
  const key = numbered ?? symbolKey(left);
  if (mode === 'auto' && !choice.plan?.customKeys.has(key)) return false;
  const body = link.right.node;
  if (hasDerivative(body) || some(body, (n) => n.kind === 'sym' && (quantityKey(n) === key || symbolKey(n) === key))) return false;
  if (book.context('custom').has(key) || book.context('').has(key)) return false;
  const range = toDocumentRange(span, { start: left.loc.start, end: body.loc.end });
  const source = ctx.text.slice(range.start, range.end);
  const earlier = book.customDefinitions.find((d) => d.key === key);
  // The node's definition written again as it was (`c_2 = \frac{1}{N}\sum_k …` in a summary box, the handout's
  // formula in the next task): it claims nothing; in its own section the text is about the document's own
  // model here as where it was first written.
  const writtenAgain = earlier !== undefined && describe(earlier.body) === describe(body);
  if (writtenAgain && ctx.choice.inOneSection(range.start, earlier.range.start)) return readInOwnModel(ctx, book.custom(settings.ownShapes));
  if (earlier && alternativeTo(ctx, earlier.range, range)) {
    ctx.output.findings.push({ verdict: 'unsupported', range, text: source, message: `not checked: another value of ${describe(left)}, which the text gives as an alternative ("or") to ${earlier.source}, not a claim`, evidence: { reason: 'case', model: 'custom' } });
    return true;
  }
  if (earlier) {
    const stepAt = (sym: SymNode) => book.customDefinitions.find((d) => d.key === quantityKey(sym))?.range;
    if (brokenDownInSpan(link, span, earlier.body, stepAt) && holdsHere(ctx, left, body)) {
      book.customDefinitions.splice(book.customDefinitions.indexOf(earlier), 1, { ...earlier, sym: left, body, source, range });
      book.dropCustomModel();
      return true;
    }
    // The node again: a claim where it restates the node (a wrong restatement is a mistake). A body
    // that does not hold starts a new model where the node was only sketched (`z = f(x, y)`, then
    // `z = \sin(x^2 + y^2)`) or defined in another section (the next example's).
    // So does one under the next exercise's label ("(問 2)", "Problem 3") without a heading of its own.
    const sketched = some(earlier.body, (n) => n.kind === 'call' && !isBuiltinFunction(n.fn) && !ctx.scope().definitions.has(n.fn));
    const nextExercise = exerciseLabelBetween(ctx.text, earlier.range.end, range.start);
    if ((!sketched && !nextExercise && ctx.choice.inOneSection(range.start, earlier.range.start)) || !startsNewModel(ctx, link)) return writtenAgain;
    book.customDefinitions.length = 0;
    book.dropCustomModel();
    if (!writtenAgain) ctx.output.findings.push({ verdict: 'unsupported', range, text: source, message: `not checked: a new definition of ${describe(left)}, which differs from the one before; it holds from here on`, evidence: { reason: 'redefinition', model: 'custom' } });
  }
  const shapes = settings.ownShapes;
  const cycle = definitionCycle(key, body, book.customDefinitions);
  if (cycle) {
    // Kept out of the model: the definitions before it stay consistent.
    const through = cycle.map((k) => book.custom(shapes).nodes.get(k)?.display ?? k).join(', ');
    ctx.output.findings.push({ verdict: 'unsupported', range, text: source, message: `${describe(left)} is defined in terms of itself (through ${through}), so this definition is not used`, evidence: { reason: 'cyclic definition', model: 'custom' } });
    return true;
  }
  // A family ŷ_i = … is the node ŷ; its symbol is written without the index.
  let definition: CustomDefinition = indexVar ? { key, sym: { ...left, sub: undefined }, body, source, range, indexVar } : { key, sym: left, body, source, range };
  book.customDefinitions.push(definition);
  book.dropCustomModel();
  let model = book.custom(shapes);
  const undeclared = undeclaredMatrixUses(body, model);
  if (undeclared.length > 0) {
    const message = undeclaredMessage(undeclared, describe(left));
    definition = { ...definition, broken: `no shape is declared for ${undeclared.map((s) => describe(s)).join(', ')}` };
    book.customDefinitions[book.customDefinitions.length - 1] = definition;
    book.dropCustomModel();
    model = book.custom(shapes);
    ctx.output.findings.push({ verdict: 'unsupported', range, text: source, message, evidence: { reason: 'shape not declared', model: model.name } });
  } else {
    const problem = definitionProblem(ctx, model, key);
    if (problem) ctx.output.findings.push({ ...problem, range, text: source, evidence: { ...problem.evidence, model: model.name } });
  }
  return readInOwnModel(ctx, model);
}

/** From a node of the document's own model on, the text is read in that model (in auto mode, until a heading); true: the node has taken effect. */
function readInOwnModel(ctx: CheckContext, model: DefinedModel): true {
  if (ctx.settings.values.model === 'auto') ctx.choice.sticky = model.name;
  ctx.choice.current = model;
  return true;
}

/**
 * Whether the few words between two definitions make the second an alternative to the first: "$s = w +
 * z$ or $s = 1 - w$", "one feature ($\hat y_i = \theta_0 + \theta_1 x_i$) or zero features ($\hat y_i = \theta_0$)".
 */
function alternativeTo(ctx: CheckContext, first: SourceRange, second: SourceRange): boolean {
  if (second.start < first.end || second.start - first.end > 60) return false;
  const between = ctx.text.slice(first.end, second.start).replace(/\\(?:text|mathrm)\{(\w+)\}|\\quad/g, ' $1 ').replace(/[$(),]/g, ' ').trim();
  return /^or\b/i.test(between) && between.split(/\s+/).length <= 4;
}

/** Whether `X = body`, for a node X of the document's own model, does not hold in it (another form of X's definition does). */
function startsNewModel(ctx: CheckContext, link: Link): boolean {
  return ctx.scope().model instanceof DefinedModel && !holdsHere(ctx, link.left.node, link.right.node);
}

/** Evaluates a new node of the document's model at one point: a shape error or an unknown symbol is reported at its definition. */
function definitionProblem(ctx: CheckContext, model: DefinedModel, key: string): Pick<Finding, 'verdict' | 'message' | 'evidence'> | undefined {
  const point = ctx.points.of({ ...ctx.scope(), model })[0];
  try {
    model.evaluateNode(key, point);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const display = model.nodes.get(key)?.display ?? key;
    // A definition it builds on is broken: that one was reported where it is written.
    if (error instanceof EvaluationError && message.startsWith('the definition of ')) return undefined;
    if (error instanceof ShapeError) {
      const shapes = leafShapesIn(model, key, point);
      // Sizes read off indices (`\hat e_{1,1,2}`) are guesses until a shapes directive declares them.
      // Shapes read from the text's own declarations are not sure enough to call a misfit a mistake.
      if (Object.keys(ctx.settings.values.shapes ?? {}).length === 0) {
        return { verdict: 'unsupported', message: `not decided: the shapes in the definition of ${display} do not fit (${message}), but no shape is declared, only guessed; declare the shapes with a shapes directive`, evidence: { reason: 'shapes uncertain' } };
      }
      return { verdict: 'mismatch', message: `the shapes in the definition of ${display} do not fit: ${message}${shapes ? ` (${shapes})` : ''}`, evidence: { diagnosis: 'shape' } };
    }
    return { verdict: 'unsupported', message: `cannot use the definition of ${display}: ${message}`, evidence: { reason: message } };
  }
}

/** `x = (1, 7, 7, 9)`, `\gamma = 1`: a value the document gives a leaf of the model, not a claim about it. */
function tryGiven(ctx: CheckContext, link: Link): boolean {
  const model = ctx.choice.model;
  if (!model?.givable) return false;
  const next = applyGiven(link.left.node, link.right.node, model, ctx.book.givenState(model) ?? {});
  if (!next) return false;
  ctx.book.setGiven(model, next);
  return true;
}

/**
 * A set of numbers standing alone (`the batch $\{1, 7, 7, 9\}$`) is the batch, read as `\mathcal{B} = \{1, 7, 7, 9\}`
 * in the model that statement would go to (the batch of a model that takes a set as its input).
 */
export function tryStatedBatch(ctx: CheckContext, span: MathSpan, segment: Segment): void {
  const source = span.text.slice(segment.start, segment.end);
  if (!/^\s*\\\{[\s\S]*\\\}\s*$/.test(source)) return;
  const parsed = parseChain(span.text, segment.start, segment.end);
  const set = parsed.ok && parsed.chain.members.length === 1 && !parsed.chain.leadingOp ? parsed.chain.members[0] : undefined;
  if (set?.kind !== 'tuple' || set.delim !== '{' || set.rows.length < 2 || !set.rows.every((row) => row.length === 1 && row[0].kind === 'num')) return;
  const batch: SymNode = { kind: 'sym', name: 'B', font: 'mathcal', loc: { start: set.loc.start, end: set.loc.start } };
  const chain: Chain = { members: [batch, set], ops: ['='], opLocs: [batch.loc], loc: set.loc };
  ctx.choice.current = ctx.choice.select(chain, span.offsets[segment.start] ?? span.outer.start);
  tryGiven(ctx, { left: memberOf(batch), right: memberOf(set), op: '=', opLoc: batch.loc, fromPrevious: false });
}

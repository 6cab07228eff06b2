// Equations that claim no identity: a value given to a symbol of the document (`w_i = 0.5`,
// `D_x = 4`), and a condition, an equation to solve (`2x = 6`, `x - 112 = -108`). Neither is ever a
// mismatch: a given is taken, a condition is reported as not checked, with its kind. Definitions
// and the values given to a model's leaves are statements.ts's.
import { isPlainSym, isProduct } from '../parse/nodes';
import { WHOLE_FUNCTIONS } from '../semantics/compile-calls';
import { sameExpression } from './same-expression';
import { restatedDefinitions } from './restated-definitions';
import type { Node, SymNode } from '../parse/ast';
import { toDocumentRange, type MathSpan } from '../source/span';
import { describe, formatNumber } from '../semantics/describe';
import { definitionOf, symbolKey, type Scope } from '../semantics/scope';
import { superscriptLabel } from '../semantics/superscript-labels';
import { DefinedModel } from '../models/defined';
import { CONSTANT_NAMES, hasDerivative, isConstantExpression, isNeutralSymbol, symbolUses } from '../models/symbol-uses';
import { some } from '../semantics/walk';
import { isBuiltinFunction, isTimeExpr } from '../semantics/rules';
import { givenSizes, isGivableSize } from './given';
import { numberLiteral } from '../semantics/literal';
import type { CheckContext } from './context';
import { mentionsModel } from './evaluate-step';
import { varies } from './holds';
import { isDerivativeNotation } from './derivative-notation';
import type { Link } from './links';
import { hasFreeValues } from './free-values';
import { isDefined, variablesOf } from './free-names';

/** True when `node` uses a quantity the model computes (ŷ, L): an equation about it is a claim, not one to solve. */
export function mentionsComputed(node: Node, scope: Scope): boolean {
  const model = scope.model;
  if (!model) return false;
  return symbolUses(node).some(({ sym }) => {
    const key = model.resolveSymbol(sym);
    return key !== undefined && model.nodes.get(key)?.compute !== undefined;
  });
}

/**
 * True when `link` (the first of its chain; `alone` when it is the chain's only step) is a given value
 * or an equation to solve rather than a claim; an equation to solve has then been reported.
 */
export function tryNonIdentity(ctx: CheckContext, link: Link, span: MathSpan, alone: boolean): boolean {
  if (link.fromPrevious) return false;
  const scope = ctx.scope();
  const left = link.left.node;
  /** Reports the equation as not checked, for `reason`: it has been taken. */
  const notChecked = (message: string, reason: string): true => {
    const range = toDocumentRange(span, { start: left.loc.start, end: link.right.loc.end });
    ctx.output.findings.push({ verdict: 'unsupported', range, text: ctx.text.slice(range.start, range.end), message: `not checked: ${message}`, evidence: { reason } });
    return true;
  };
  // `\partial_x f := \frac{\partial f}{\partial x}`: `:=` says outright that it defines, whatever f is.
  if ((link.op === '=' || link.op === 'update') && alone && isDerivativeNotation(left, link.right.node, (name) => link.op === 'update' || scope.definitions.has(name))) {
    return notChecked(`${describe(left)} and ${describe(link.right.node)} are two ways to write one derivative (notation), not an identity`, 'notation');
  }
  if (link.op !== '=' && link.op !== 'approx') return false;
  // `(J \times I)(I \times 1) = J \times 1`, shapes written side by side: it holds or fails by its letters
  // read as numbers (I as the identity), never checked. (`(a \times b) \times c = a \times (b \times c)` is arithmetic.)
  const sideBySide = [left, link.right.node].some((side) => side.kind === 'bin' && side.op === 'juxt');
  const shapes = sideBySide ? shapesStatement(left, link.right.node) : undefined;
  if (shapes) return notChecked(shapes, 'shapes statement');
  // `w = w - \alpha V_{dw}`: an update written with `=`, which holds as an equation only where the step is 0
  // (here where V was given its initial 0): an assignment, never a verified claim.
  const right = link.right.node;
  if ((scope.model === null || scope.model instanceof DefinedModel) && right.kind === 'bin' && (right.op === '+' || right.op === '-') && sameExpression(right.left, left) && left.kind === 'sym') {
    return notChecked(updateMessage(describe(left)), 'update');
  }
  // `2(x) = 2x` ("the scalar 2 is the map x ↦ 2x"), in free variables: one expression written two ways;
  // and, whatever the model, a sum written out and with Σ (`w_1x_1 + … + w_mx_m = \sum_l w_lx_l`).
  const writesSum = some(left, (n) => n.kind === 'sum');
  if ((scope.model === null || writesSum) && !hasDerivative(left) && sameExpression(left, link.right.node)) return notChecked(`both sides read as ${describe(left)}: the same expression written two ways (notation), nothing to check`, 'notation');
  // `\operatorname{LSE}(z) = \log\sum_k e^{z_k}`: the text defines a function the checker knows.
  if (left.kind === 'call' && left.fn in WHOLE_FUNCTIONS && left.args.every(isPlainSym) && !scope.definitions.has(left.fn)) {
    return notChecked(`the text's definition of ${describe(left)}, a function the checker knows`, 'definition');
  }
  const restated = restatedDefinitions(left, link.right.node, scope);
  if (restated) return notChecked(`it holds by the definition of ${restated.join(' and ')}, restated: nothing to check`, 'restated definition');
  const revalued = anotherValue(ctx, left, link);
  if (revalued) return notChecked(revalued, 'redefinition');
  if (link.op !== '=') return false;
  if (isConstantExpression(link.right.node) && left.kind === 'sym') return isGivenValue(left, scope);
  if (!alone || !aboutNothingKnown(link, scope)) return false;
  // Constant on both sides (sin²x + cos²x = 1) is an identity; a side that varies is an equation to solve.
  const points = ctx.points.of(scope);
  // Euler's e that the document defines (`e = (a + b)(b + 1)`) is no constant.
  const redefined = new Set([...CONSTANT_NAMES].filter((name) => scope.definitions.has(name)));
  for (const [side, other] of [[left, link.right.node], [link.right.node, left]]) {
    // `W V W^\top = I_n` is a condition on W and V as much as `2x = 6` is one on x.
    if (!(isConstantExpression(other, redefined) || isIdentityMatrix(other)) || !varies(side, scope, points, ctx.settings.values.tol)) continue;
    const unknowns = [...variablesOf(side, scope)].join(', ');
    return notChecked(`a condition${unknowns ? ` on ${unknowns}` : ''} (an equation to solve), not an identity`, 'condition');
  }
  return false;
}

/**
 * `k = 2` after the text gave the model's size as `k = 1`, `\lambda \approx 0.95` after `\lambda = 1`:
 * the list of a worked example's cases (`k = 0`, `k = 1`, `k = 2`) or the next part of a problem, not a
 * claim that the value is another.
 */
function anotherValue(ctx: CheckContext, left: Node, link: Link): string | undefined {
  const value = numberLiteral(link.right.node);
  if (left.kind !== 'sym' || value === undefined) return undefined;
  const model = ctx.choice.model;
  const size = model && isGivableSize(left, model) ? givenSizes(ctx.book.givenState(model))[left.name] : undefined;
  // (A value given anew with `=` is a new given, silently: isGivenValue.)
  const definition = size === undefined && link.op === 'approx' ? definitionOf(ctx.scope(), left) : undefined;
  const stated = size ?? (definition && definition.params.length === 0 ? numberLiteral(definition.body) : undefined);
  if (stated === undefined || value === stated) return undefined;
  const written = describe(left);
  return `${written} was given as ${formatNumber(stated)} above, and ${written} ${link.op === 'approx' ? '≈' : '='} ${formatNumber(value)} gives it another value (another case, or the next part?), not a claim about it`;
}

/**
 * Why an equation in free variables that does not hold claims no identity, if it does not (then it
 * is reported as not checked, never as a mismatch; one that holds everywhere stays verified):
 * - a step to a number of a side that varies (`2x = 6` after "at x = 3"): an evaluation;
 * - each side has a variable the other lacks (`y_n = |x_n|`, `A\nu = \lambda\nu`, `t = t_0`): a
 *   condition, a case or an equation to solve, since an identity holds whatever its variables (a side
 *   that drops one, `\frac{d}{dx}x^2y = 2x`, is still a claim);
 * - a lone symbol on the left that its right side uses (`b = b + \Delta b`): an update or a fixed point.
 */
export function notAnIdentity(link: Link, scope: Scope, diagnosis: string | undefined): { message: string; reason: string } | undefined {
  const [left, right] = [link.left.node, link.right.node];
  // `(d \times r) \times (r \times k) = d \times k`: the shapes of a matrix product, not arithmetic.
  const shapes = shapesStatement(left, right);
  if (shapes) return { message: `not checked: ${shapes}`, reason: 'shapes statement' };
  // `\delta_{kl} = I`: the entries of a matrix, written as the matrix (I's entries are δ_kl).
  const deltaSide = [left, right].find((side) => some(side, (n) => n.kind === 'sym' && n.name === 'delta' && n.sub?.kind === 'indices' && n.sub.items.length === 2));
  if (deltaSide && [left, right].some(isIdentityMatrix)) {
    return { message: `not checked: ${describe(deltaSide)} gives entries, and I the whole matrix: the same matrix in index notation, not an identity in numbers`, reason: 'notation' };
  }
  // `\text{softplus}(x) = \frac{1}{\beta}\log(1 + e^{\beta x})`: the text's own variant of a known function.
  const variant = parametrisedVariant(left, right, scope);
  if (variant) return { message: `not checked: the text defines its own ${describe(left)}, with ${variant}, which the known one does not have; not a claim about the known one`, reason: 'redefinition' };
  // `x_k = \frac{x_k - \mu_B}{…}`, `x := x + t\Delta x`: the name's new value.
  const updated = updatedName(link, scope);
  if (updated) return { message: `not checked: ${updateMessage(updated)}`, reason: 'update' };
  // "we set $p_1 = \nabla f(x_1)$" where p_1 is an input of the text's own formulas (`x = \sum_i \alpha_i p_i`):
  // an input given a value, an assignment.
  const reassigned = left.kind === 'sym' && some(right, (n) => n.kind === 'sym' && n.name === left.name);
  const input = scope.model instanceof DefinedModel && left.kind === 'sym' && !reassigned ? scope.model.resolveSymbol(left) : undefined;
  if (input !== undefined && (scope.model as DefinedModel).leaves.has(input) && !isConstantExpression(right)) {
    return { message: `not checked: ${describe(left)} is an input of the text's own formulas, and this gives it a value (an assignment), not an identity`, reason: 'evaluation' };
  }
  // In the document's own model, a node equal to a number (`\alpha_i^* = 0`) is a value or a case, never
  // a claim about random leaves.
  if (scope.model instanceof DefinedModel && diagnosis === 'constant' && left.kind === 'sym' && isConstantExpression(right)) {
    return { message: `not checked: ${describe(right)} is ${describe(left)} as the text gives it (a value or a case), not an identity`, reason: 'evaluation' };
  }
  // There too, an expression set to a number (`k^2 - 4k + 3 = 0`, `0 = A\cos(\lambda L)`, a boundary
  // condition `y'(0) = 0`) is an equation the text solves, not a claim that it vanishes for every input.
  if (scope.model instanceof DefinedModel && link.op === '=') {
    for (const [side, other] of [[left, right], [right, left]]) {
      const atPoint = side.kind === 'call' && side.args.every((arg) => isConstantExpression(arg));
      if (isConstantExpression(other) && !isConstantExpression(side) && (atPoint || !hasDerivative(side))) {
        return { message: `not checked: a condition (an equation to solve${atPoint ? ', or a boundary condition' : ''}): ${describe(side)} = ${describe(other)}, not an identity`, reason: 'condition' };
      }
    }
  }
  // `\frac{dL}{dx} = \frac{dL}{d\hat y} \cdot \frac{d\hat y}{dz} \cdot \frac{dz}{dx}`: a chain rule of
  // Jacobians, whose factors' order and layout the text does not fix; shapes that do not fit say so.
  if (diagnosis === 'shape' && [left, right].some(isChainOfDerivatives)) {
    return { message: 'not decided: a chain rule written as a product of derivatives, whose shapes depend on a layout convention (and an order of factors) the text does not fix', reason: 'layout' };
  }
  // `\frac{P + Q}{2} = \frac12[[1, 0] + [0.8, 0.2]]` where the text gives Q no value: numbers for a quantity it never defined.
  const ungiven = scope.model instanceof DefinedModel && isConstantExpression(right) ? undefinedLeafIn(left, scope.model) : undefined;
  if (ungiven) return { message: `not checked: ${ungiven} is given no value or definition here, and the right side is numbers: a value at data the math does not give, not an identity`, reason: 'evaluation' };
  // `A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}`: an example's data, not a claim about the data the model samples.
  const data = exampleData(left, right, scope);
  if (data) return { message: `not checked: ${data} is given an example value here, and the ${scope.model!.name} model's ${data} is data it samples itself; an example is checked only where its values are given as the model's (x = (1, 7, 7, 9) for batchnorm)`, reason: 'evaluation' };
  // `S_t = S_b + S_w` (total, between- and within-class scatter): one letter with subscripts that name.
  const labels = labelledSiblings([left, right]);
  if (labels) return { message: `not decided: ${labels} write one letter with letters below it that may name quantities (labels), not run over its entries`, reason: 'notation' };
  // A model decides equations in its quantities (its optimality conditions, restatements of its nodes).
  if (aboutModel(left, scope) || aboutModel(right, scope)) return undefined;
  if (link.op === 'update') return { message: 'not checked: an assignment (:=, ←) of a name no model trains, not an identity', reason: 'update' };
  const absorbed = absorbedTerm(left, right) ?? absorbedTerm(right, left);
  if (absorbed) return { message: `not checked: the two sides differ only by the term ${absorbed}, which notes drop when they absorb it into the vectors (a 1 appended to x, ${absorbed} to w); read as written it would say ${absorbed} = 0`, reason: 'notation' };
  if (link.op !== '=' && link.op !== 'approx') return undefined;
  const [leftVariables, rightVariables] = [dependenciesOf(left, scope), dependenciesOf(right, scope)];
  const entries = vectorWithEntries([left, right]);
  if (entries && !scope.freeShapes?.has(entries)) {
    return { message: `not decided: ${entries} and its numbered entries are both written, and the length of ${entries} is not given (declare it with a shapes directive)`, reason: 'shapes uncertain' };
  }
  // `f'(x) = \frac{(x+h)^2 - x^2}{h}`, `f'(x) = 2x + h`: a derivative against a difference quotient in a step
  // h, which means it in the limit h → 0 (said in words, if at all), not at h ≠ 0.
  const derivativeLike = (n: Node) => hasDerivative(n) || some(n, (m) => m.kind === 'call' && m.primes > 0);
  const step = derivativeLike(left) ? [...variablesOf(right, scope)].find((v) => DIFFERENCE_STEPS.has(v) && !variablesOf(left, scope).has(v)) : undefined;
  if (step) return { message: `not decided: a difference quotient in ${step}, which is the derivative in the limit ${step} → 0, not for ${step} ≠ 0`, reason: 'limit' };
  if (hasDerivative(left) || hasDerivative(right)) {
    if (diagnosis === 'constant' && isConstantExpression(right)) {
      // `\partial y/\partial \mathbf x = [4/3, 2, 8/3]` "at x = (0, 1, 2)": the derivative at values given in words.
      return { message: `not checked: ${describe(right)} is ${describe(left)} at values the math does not give (given in words?); not an identity`, reason: 'evaluation' };
    }
    // `\frac{d}{db} M^{-1}b = M^{-1}\dot b`: a derivative in a direction, or of another quantity.
    // (A defined symbol on the left may depend on anything: `\frac{\partial f}{\partial y} = x^2`.)
    const hidden = symbolUses(left).some(({ sym }) => isDefined(sym, scope));
    // A capital a size letter elsewhere (K, N) is a constant here: `\frac{da^x}{dx} = Ka^x`.
    const onLeft = variablesOf(left, scope, true);
    const fresh = [...variablesOf(right, scope, true)].filter((v) => !onLeft.has(v));
    return fresh.length > 0 && !hidden && !hasDerivative(right) ? { message: `not checked: the right side uses ${fresh.join(', ')}, which the left side does not (a direction, or another quantity?)`, reason: 'new variable' } : undefined;
  }
  // `… = 2x = 6` "at x = 3", `n = m = 2`: a step of a worked example at values given in words, in any chain;
  // a matrix of numbers for one in variables too (a Jacobian "at x = [1, 2]").
  // `… = -2X^\top y + 2X^\top X w = 0`: a gradient set to zero, the condition to solve for w.
  const numbers = diagnosis === 'constant' || ((right.kind === 'tuple' || numberLiteral(right) === 0) && leftVariables.size > 0);
  // `y'(0) = 0` for `y(x) = A\cos(\lambda x) + B\sin(\lambda x)`: a function at a point that varies with
  // the names in its formula, set to a number: a boundary or initial condition on them.
  if (diagnosis === 'constant' && isConstantExpression(right) && left.kind === 'call' && left.args.every((arg) => isConstantExpression(arg))) {
    return { message: `not checked: ${describe(left)} = ${describe(right)} is a condition on the other names in the formula of ${left.fn} (a boundary or initial condition, an equation to solve), not an identity`, reason: 'condition' };
  }
  if (numbers && isConstantExpression(right) && (leftVariables.size > 0 || left.kind === 'sym')) {
    const at = leftVariables.size > 0 ? ` at values of ${[...leftVariables].join(', ')} the math does not give (given in words?)` : ' as the text gives it';
    return { message: `not checked: ${describe(right)} is ${describe(left)}${at}, or an equation to solve; not an identity`, reason: 'evaluation' };
  }
  if (link.fromPrevious) return undefined;
  const angle = angleDefined(left, right, scope);
  if (angle) return { message: `not checked: ${angle} appears only here, as the angle of a cosine or sine: the equation says what ${angle} is (the angle between them), not an identity`, reason: 'condition' };
  // In free variables, or beside the document's own definitions, a size letter (`k/n = p`) is sampled like any other variable.
  const sizesVary = hasFreeValues(scope.model);
  const [leftAll, rightAll] = sizesVary ? [dependenciesOf(left, scope, true), dependenciesOf(right, scope, true)] : [leftVariables, rightVariables];
  const onlyLeft = [...leftAll].filter((v) => !rightAll.has(v));
  const onlyRight = [...rightAll].filter((v) => !leftAll.has(v));
  if (onlyLeft.length > 0 && onlyRight.length > 0) {
    return { message: `not checked: a condition relating ${onlyLeft.join(', ')} to ${onlyRight.join(', ')} (an equation to solve or a case), not an identity: the sides do not share their variables`, reason: 'condition' };
  }
  // `z^\top y = 1 - y^\top y`, `A\mathbf T^{k+1} = \mathbf T^k`, `\alpha (S^2/\bar X) = \bar X`: a variable
  // on one side only, as a factor of one of its terms; false for some value of it, so the equation says something of
  // this one (a condition, a system to solve), since an identity holds whatever its variables. A term
  // dropped or added (`a + b = a`), or a variable inside a power or a function (`(a + b\epsilon)^2 = a^2`),
  // is a slip of a claim; so is a derivative that drops one (above).
  const oneSided = onlyLeft.length > 0 ? onlyLeft : onlyRight;
  const ownSide = onlyLeft.length > 0 ? left : right;
  if (oneSided.length > 0 && oneSided.some((name) => asFactorOfTerm(ownSide, name))) {
    const [names, one] = [oneSided.join(', '), oneSided.length === 1];
    return {
      message: `not checked: ${names} ${one ? 'appears' : 'appear'} on one side only, and the equation does not hold whatever ${one ? 'its value' : 'their values'}: a condition on ${names} (an equation to solve, or a fact about ${one ? 'this one' : 'these'} in particular), not an identity`,
      reason: 'condition',
    };
  }
  // `\frac{\alpha - 1}{\beta} = \frac{n}{n\bar y + 1}` after "setting $\alpha = 1, \beta = 1$": one side fixed
  // by values given above, the other varying: an equation to solve, or the names mean other values here.
  for (const [fixed, fixedVariables, varying, variables] of [[left, leftAll, right, rightAll], [right, rightAll, left, leftAll]] as const) {
    if (fixedVariables.size > 0 || variables.size === 0 || isConstantExpression(fixed) || !givenNumbers(fixed, scope)) continue;
    return { message: `not checked: ${describe(fixed)} is fixed by values given above, and ${describe(varying)} varies with ${[...variables].join(', ')}: an equation to solve, or the names mean other values here`, reason: 'condition' };
  }
  // `Q^{-1} = Q^\top`, `A = A^\top`: a property the text assumes of one matrix (orthogonal, symmetric).
  const variables = new Set([...leftVariables, ...rightVariables]);
  if (variables.size === 1 && [left, right].some(hasMatrixOperation)) {
    return { message: `not checked: a property of ${[...variables][0]} (an assumption about it, such as orthogonal or symmetric), not an identity`, reason: 'condition' };
  }
  return undefined;
}

/**
 * Whether `name` is written in `side`, and only as a factor of a product that is the side or one of its
 * terms (`z^\top y`, `A T`, the α of `\alpha (S^2/\bar X)`).
 */
function asFactorOfTerm(side: Node, name: string): boolean {
  const terms: Node[] = [];
  const collectTerms = (n: Node): void => {
    if (n.kind === 'bin' && (n.op === '+' || n.op === '-')) return collectTerms(n.left), collectTerms(n.right);
    if (n.kind === 'neg') return collectTerms(n.arg);
    terms.push(n);
  };
  collectTerms(side);
  const isName = (n: Node) => n.kind === 'sym' && describe(n) === name;
  let written = 0;
  for (const term of terms) {
    const factors: Node[] = [];
    const collectFactors = (n: Node): void => {
      if (isProduct(n)) return collectFactors(n.left), collectFactors(n.right);
      // `\alpha (S^2/\bar X)`, read as a product where α is no function.
      if (n.kind === 'call' && n.ambiguous && n.fnSym && n.args.length === 1) return factors.push(n.fnSym), collectFactors(n.args[0]);
      factors.push(n);
    };
    collectFactors(term);
    if (factors.length < 2) {
      if (some(term, isName)) return false;
      continue;
    }
    for (const factor of factors) {
      const direct = isName(factor) || (factor.kind === 'transpose' && isName(factor.arg));
      if (direct) written++;
      else if (some(factor, isName)) return false;
    }
  }
  return written > 0;
}

/** Whether every name `node` writes is given a number by the text (`\alpha = 1`), so that it is fixed. */
function givenNumbers(node: Node, scope: Scope): boolean {
  return symbolUses(node).every(({ sym }) => {
    const definition = definitionOf(scope, sym);
    return (definition !== undefined && definition.params.length === 0 && isConstantExpression(definition.body)) || (!sym.sub && CONSTANT_NAMES.has(sym.name));
  });
}

/** Why an equation with `name` on both sides (`b = b + \Delta b`) is no identity. */
function updateMessage(name: string): string {
  return `${name} is on both sides, so this is an update or an equation to solve, not an identity`;
}

/** The steps of difference quotients, as written: `h`, `δ`, `ε`, `Δx`. */
const DIFFERENCE_STEPS: ReadonlySet<string> = new Set(['h', 'δ', 'ε', 'Δx', 'Δt', 'Δ']);

/** Letters that index entries in notes (`x_i`, `W_{jk}`, `h_t`); another letter below a name may name it (`S_b`, `S_w`). */
const INDEX_LETTERS = new Set(['i', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't']);

/** One letter written with several single-letter subscripts, one of them no index letter (`S_t`, `S_b`, `S_w`), as written; undefined otherwise. */
function labelledSiblings(sides: readonly Node[]): string | undefined {
  const byLetter = new Map<string, Map<string, SymNode>>();
  for (const side of sides) {
    for (const { sym } of symbolUses(side)) {
      const items = sym.sub?.kind === 'indices' ? sym.sub.items : [];
      const only = items.length === 1 && items[0].kind === 'sym' && !items[0].sub && /^[a-z]$/.test(items[0].name) ? items[0].name : undefined;
      if (!only) continue;
      const letter = `${sym.name}${sym.accent ?? ''}`;
      const seen = byLetter.get(letter) ?? new Map<string, SymNode>();
      seen.set(only, sym);
      byLetter.set(letter, seen);
    }
  }
  for (const seen of byLetter.values()) {
    if (seen.size >= 2 && [...seen.keys()].some((sub) => !INDEX_LETTERS.has(sub))) return [...seen.values()].map((sym) => describe(sym)).join(', ');
  }
  return undefined;
}

/**
 * A known function applied to plain variables (`\text{softplus}(x)`), set equal to a formula that uses
 * a free name besides them (β): the names the text's own variant adds, if so.
 */
function parametrisedVariant(left: Node, right: Node, scope: Scope): string | undefined {
  if (left.kind !== 'call' || left.primes || !(isBuiltinFunction(left.fn) || left.fn === 'sigma')) return undefined;
  const params = left.args.map((arg) => (arg.kind === 'sym' ? describe(arg) : undefined));
  if (params.length === 0 || params.some((p) => p === undefined)) return undefined;
  const extra = [...variablesOf(right, scope)].filter((name) => !params.includes(name));
  return extra.length > 0 ? extra.join(', ') : undefined;
}

/**
 * `x^\top y = \|x\|\|y\|\cos\theta`: a free variable written once in the equation, as the whole argument
 * of a cosine or sine, is the angle the equation defines (θ between x and y), not a variable the
 * equation holds for whatever its value. Its name, if so.
 */
function angleDefined(left: Node, right: Node, scope: Scope): string | undefined {
  const uses = [...symbolUses(left), ...symbolUses(right)].map(({ sym }) => sym);
  const once = uses.filter((sym) => !isDefined(sym, scope) && scope.model?.resolveSymbol(sym) === undefined && uses.filter((other) => describe(other) === describe(sym)).length === 1);
  const asAngle = (sym: SymNode) => [left, right].some((side) => some(side, (n) => n.kind === 'call' && (n.fn === 'cos' || n.fn === 'sin') && n.args.length === 1 && n.args[0] === sym));
  const angle = once.find(asAngle);
  return angle ? describe(angle) : undefined;
}

/** A symbol of `node` that the document's own model has only as a symbol, neither defined nor declared: its name, if any. */
function undefinedLeafIn(node: Node, model: DefinedModel): string | undefined {
  const leaf = symbolUses(node).find(({ sym }) => {
    const key = model.resolveSymbol(sym);
    return key !== undefined && (model.isUndefinedLeaf?.(key) ?? false);
  });
  return leaf ? describe(leaf.sym) : undefined;
}

/** A built-in model's data (an input) set to numbers, a vector or a matrix of them: its name, if so. */
function exampleData(left: Node, right: Node, scope: Scope): string | undefined {
  const model = scope.model;
  if (!model || model instanceof DefinedModel || left.kind !== 'sym' || !isConstantExpression(right)) return undefined;
  const key = model.resolveSymbol(left);
  // Data the model takes as given (batchnorm's batch) is read as given, and a second value for it is a claim.
  const example = key !== undefined && model.nodes.get(key)?.role === 'input' && !(model.givable?.has(key) ?? false);
  return example && some(right, (n) => n.kind === 'tuple') ? describe(left) : undefined;
}

/**
 * `\mathbf w \cdot \mathbf x + b = \mathbf w \cdot \mathbf x`: a side that is the other one plus a lone
 * symbol (the bias) states the notation that absorbs it, not that it is 0. The symbol, if so.
 */
function absorbedTerm(longer: Node, shorter: Node): string | undefined {
  if (longer.kind !== 'bin' || longer.op !== '+') return undefined;
  // Only a product of vectors absorbs a bias (wᵀx, w · x, Wx of bold letters); `a + b = a` is a claim.
  const ofVectors = some(shorter, (n) => n.kind === 'transpose' || (n.kind === 'bin' && n.op === 'cdot') || (n.kind === 'sym' && n.font !== undefined && /bold|mathbf|bm/.test(n.font)));
  if (!ofVectors) return undefined;
  const lone = (n: Node) => n.kind === 'sym' && !n.primes;
  const text = describe(shorter);
  if (lone(longer.right) && describe(longer.left) === text) return describe(longer.right);
  if (lone(longer.left) && describe(longer.right) === text) return describe(longer.left);
  return undefined;
}

/** `d \times k`, `(d \times r) \times (r \times k)`, `(N, 1, L) \times (N, L, H)`: single-letter sizes and numbers joined by × (or listed as a tensor's shape), and nothing else. */
function isShapeProduct(node: Node): boolean {
  if (node.kind === 'sym') return !node.sub && !node.accent && /^[A-Za-z]$/.test(node.name);
  if (node.kind === 'num') return Number.isInteger(node.value);
  // `(N, L, H)`: the shape of a tensor, its sizes in parentheses (a batched product multiplies two of them).
  if (node.kind === 'tuple') {
    const sizes = node.rows.length === 1 ? node.rows[0] : node.rows.every((row) => row.length === 1) ? node.rows.flat() : [];
    return node.delim === '(' && sizes.length >= 2 && sizes.every(isShapeProduct);
  }
  // `(J \times I)(I \times 1)`: two shapes written side by side, a product of matrices of those shapes.
  const shape = (n: Node) => n.kind === 'bin' && n.op === 'times' && isShapeProduct(n);
  // Three or more: `(1 \times 2)(2 \times 2)(2 \times 1)`.
  const shapes = (n: Node): boolean => shape(n) || (n.kind === 'bin' && n.op === 'juxt' && shapes(n.left) && shapes(n.right));
  if (node.kind === 'bin' && node.op === 'juxt') return shapes(node);
  return node.kind === 'bin' && node.op === 'times' && isShapeProduct(node.left) && isShapeProduct(node.right);
}

/** `(d \times r) \times (r \times k) = d \times k`, `(J \times I)(I \times 1) = J \times 1`: shapes multiplied, as written; a message if so. */
function shapesStatement(left: Node, right: Node): string | undefined {
  const shapeOperand = (f: Node) => f.kind === 'bin' || f.kind === 'tuple';
  if (!isShapeProduct(left) || !isShapeProduct(right) || ![left, right].some((side) => side.kind === 'bin' && [side.left, side.right].some(shapeOperand))) return undefined;
  return `sizes multiplied with × (${shapesText(left)} = ${shapesText(right)}) state the shape of a matrix product, not an identity in numbers`;
}

/** `(1×2)(2×2)(2×1)`: shapes side by side, each in its parentheses as written. */
function shapesText(node: Node): string {
  if (node.kind === 'bin' && node.op === 'juxt') return [node.left, node.right].map((n) => (n.kind === 'bin' && n.op === 'times' ? `(${describe(n)})` : shapesText(n))).join('');
  return describe(node);
}

/** `I`, `I_n`: the identity matrix, a constant. */
function isIdentityMatrix(node: Node): boolean {
  return node.kind === 'sym' && node.name === 'I' && !node.primes && isNeutralSymbol(node);
}

/** A product of two or more derivatives and nothing else. */
function isChainOfDerivatives(node: Node): boolean {
  const factors: Node[] = [];
  const collect = (n: Node): boolean => {
    if (isProduct(n)) return collect(n.left) && collect(n.right);
    factors.push(n);
    return n.kind === 'deriv';
  };
  return collect(node) && factors.length >= 2;
}

/** Neither side has a derivative or a quantity of the model: what is left is an equation in free variables. */
function aboutNothingKnown(link: Link, scope: Scope): boolean {
  const sides = [link.left.node, link.right.node];
  return !sides.some((side) => hasDerivative(side) || aboutModel(side, scope));
}

/**
 * A letter written both whole and with numbered entries (`(1 + \mathbf x^\top\mathbf y)^2 = (1 + x_1y_1 +
 * x_2y_2)^2`), or with lettered ones when `lettered` (`w_k^\top x = \sum_i w_{ki}x_i`): its name.
 */
export function vectorWithEntries(sides: readonly Node[], lettered = false): string | undefined {
  const uses = sides.flatMap((side) => symbolUses(side).map(({ sym }) => sym));
  const whole = new Set(uses.filter((sym) => !sym.sub && !sym.accent).map((sym) => sym.name));
  const entry = (item: Node) => item.kind === 'num' || (lettered && item.kind === 'sym' && !item.sub && /^[a-z]$/.test(item.name));
  return uses.find((sym) => whole.has(sym.name) && sym.sub?.kind === 'indices' && sym.sub.items.every(entry))?.name;
}

/**
 * A value for a symbol neither the model nor an earlier definition gives a meaning to (a built-in
 * model's size, `m = 4`, is the model's: a stated size, or a claim about the one the data gives).
 */
function isGivenValue(left: SymNode, scope: Scope): boolean {
  const builtin = scope.model !== null && !(scope.model instanceof DefinedModel);
  const size = builtin && !left.sub && !left.accent && (left.name === scope.model?.defaultDim || (scope.model?.sizeNames?.includes(left.name) ?? false));
  // A leaf of the document's own model (`w_1 = 0.15` where w_1 feeds its definitions) is given too.
  const key = scope.model?.resolveSymbol(left);
  const ownLeaf = scope.model instanceof DefinedModel && key !== undefined && scope.model.leaves.has(key);
  return !left.primes && !size && (key === undefined || ownLeaf) && !scope.definitions.has(symbolKey(left));
}

/**
 * A built-in model decides equations in its quantities where it can (the optimality condition
 * 2Aᵀ(Ax − b) + 2λx = 0); in the document's own model only its definitions make a claim.
 */
function aboutModel(node: Node, scope: Scope): boolean {
  return scope.model instanceof DefinedModel ? mentionsComputed(node, scope) : mentionsModel(node, scope);
}

/**
 * The name a link gives a new value: one symbol on the left that its right side uses too (not a
 * continued row). In a model, only its data (`x_k` rewritten in place): `A = A^\top` of a parameter
 * and `\sigma = \sqrt{\sigma^2} + \epsilon` of a computed node are claims about them.
 */
function updatedName(link: Link, scope: Scope): string | undefined {
  const left = link.left.node;
  const iterate = superscriptLabel(left);
  if (link.fromPrevious || (link.op !== '=' && link.op !== 'update') || (left.kind !== 'sym' && !iterate)) return undefined;
  const key = scope.model?.resolveSymbol(left.kind === 'sym' ? left : iterate!.base);
  const model = scope.model;
  // In the document's own model a node is the text's name too (`x_i = x_1 + \sigma(x_i - x_1)`, a step of an algorithm).
  const data = key === undefined || model instanceof DefinedModel || model?.nodes.get(key)?.role === 'input';
  if (!data) return undefined;
  // `\beta^{(t+1)} = \beta^{(t)} - \eta\nabla L(\beta^{(t)})`: the next iterate of β, from the current one.
  if (iterate && isTimeExpr(iterate.label)) {
    const sameBase = (n: Node) => {
      const other = superscriptLabel(n);
      return other !== undefined && isTimeExpr(other.label) && describe(other.base) === describe(iterate.base);
    };
    return some(link.right.node, sameBase) ? describe(iterate.base) : undefined;
  }
  const uses = symbolUses(left);
  if (uses.length !== 1 || hasDerivative(link.left.node)) return undefined;
  const name = describe(uses[0].sym);
  return symbolUses(link.right.node).some(({ sym }) => describe(sym) === name) ? name : undefined;
}

/** A transpose, or an inverse of a capital: matrix algebra. */
function hasMatrixOperation(node: Node): boolean {
  return some(node, (n) => n.kind === 'transpose' || (n.kind === 'pow' && n.base.kind === 'sym' && /^[A-Z]$/.test(n.base.name) && n.exp.kind === 'neg'));
}

/**
 * What a side depends on: its free variables, and through the document's definitions theirs (a
 * defined name stands for the variables of its body).
 */
function dependenciesOf(node: Node, scope: Scope, withSizeLetters = false, seen = new Set<string>()): Set<string> {
  const names = variablesOf(node, scope, withSizeLetters);
  for (const { sym } of symbolUses(node)) {
    const key = symbolKey(sym);
    if (seen.has(key)) continue;
    seen.add(key);
    const definition = definitionOf(scope, sym);
    if (!definition || definition.params.length > 0) continue;
    names.delete(describe(sym));
    for (const name of dependenciesOf(definition.body, scope, withSizeLetters, seen)) names.add(name);
  }
  return names;
}



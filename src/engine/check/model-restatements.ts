// A text that writes one of a built-in model's defining formulas (`\mu_B = \frac{1}{m}\sum_i x_i` in a
// post about batchnorm, `z = Ax + b` in the setup of a solution) is stating its notation, not claiming a
// result: checking it against the model would verify the model against itself. When it agrees with
// the model it is a definition like any other, and no finding (it still speaks for the model's
// reading); when it does not, it stays a claim (the unbiased variance in a batchnorm text is a slip).
import type { Node } from '../parse/ast';
import type { Model, SamplePoint } from '../semantics/model';
import { Env } from '../semantics/env';
import { describe } from '../semantics/describe';
import { isSmallConstant } from '../semantics/small-constants';
import { hasDerivative, symbolUses } from '../models/symbol-uses';
import { some } from '../semantics/walk';
import { DefinedModel } from '../models/defined';
import type { CheckContext } from './context';
import type { Link } from './links';
import type { Finding } from './finding';
import { defineSymbol, definitionCandidate } from './definitions';

/** The formula-defined node of `model` that `left` names on its own (`\hat x_i`, `\sigma_B^2`, `f(x)`; not `f(0)`, a value), if any. */
function formulaNodeNamed(model: Model, left: Node): string | undefined {
  let key: string | undefined;
  if (left.kind === 'sym') key = model.resolveSymbol(left);
  else if (left.kind === 'pow' && left.base.kind === 'sym' && left.exp.kind === 'num' && left.exp.value === 2) {
    const base = model.resolveSymbol(left.base);
    key = base === undefined ? undefined : model.squareOf?.[base];
  } else if (left.kind === 'call' && left.fnSym && !left.primes && left.args.every((arg) => arg.kind === 'sym')) key = model.resolveSymbol(left.fnSym);
  return key !== undefined && model.nodes.get(key)?.definedByFormula ? key : undefined;
}

/** `A = U\Sigma V^\top`: the factorization that defines the model's U, Σ and V, written out; the key it is remembered by. */
function factorizationWritten(model: Model, left: Node, others: readonly (string | undefined)[]): string | undefined {
  if (left.kind !== 'sym' || left.sub) return undefined;
  const of = model.resolveSymbol(left);
  const written = new Set(others);
  const factorization = model.factorizations?.find((f) => f.of === of && written.size === f.factors.length && f.factors.every((factor) => written.has(factor)));
  return factorization ? `${factorization.of} = ${factorization.factors.join(' ')}` : undefined;
}

/**
 * Whether a quantity is part of what a formula is written in (`x` and `\mu` in `\hat x_i = \frac{x_i -
 * \mu}{\sigma}`), not a value plugged in beside numbers: a parameter (γ, β) or a small constant (ε) alone
 * makes `\hat x_1 = \frac{1 - 6}{\sqrt{9 + \epsilon}}` a computation to check.
 */
function writesGraph(model: Model, key: string): boolean {
  const role = model.nodes.get(key)?.role;
  return role !== undefined && role !== 'parameter' && !isSmallConstant(key);
}

/**
 * Where the text first wrote a model's node as a formula, and the formula: where that definition holds
 * (its problem: a setup section and the parts after it), the same formula again is the definition
 * restated, and so is a step of the graph (a formula through the model's intermediates); another
 * formula in the leaves is a result (`f(x) = x^TA^TAx − …` after `f(x) = \|Ax − b\|^2 + …`).
 */
interface Written {
  readonly model: string;
  readonly key: string;
  readonly offset: number;
  readonly formula: string;
}

/** The model definitions a text has written so far, with where they hold. */
export class ModelDefinitions {
  private readonly written: Written[] = [];

  /**
   * Whether `link`, the first step of its equation at `offset`, defines a node of the built-in model it
   * is read in: the node alone on the left; on the right an expression in other quantities of the
   * model's graph (no derivative; not numbers, which are a value to check); and the first formula for the node
   * where it holds, that formula again, or a step of the graph (Written). The first is remembered, whatever its verdict.
   */
  defines(ctx: CheckContext, link: Link, offset: number): boolean {
    const model = ctx.scope().model;
    if (!model || model instanceof DefinedModel) return false;
    if (link.fromPrevious || link.op !== '=' || hasDerivative(link.left.node) || hasDerivative(link.right.node)) return false;
    const others = symbolUses(link.right.node).map(({ sym }) => model.resolveSymbol(sym));
    const key = formulaNodeNamed(model, link.left.node) ?? factorizationWritten(model, link.left.node, others);
    if (key === undefined) return false;
    const callsItself = some(link.right.node, (n) => n.kind === 'call' && n.fnSym !== undefined && model.resolveSymbol(n.fnSym) === key);
    if (callsItself || others.includes(key) || !others.some((other) => other !== undefined && writesGraph(model, other))) return false;
    const formula = describe(link.right.node);
    const before = this.written.find((w) => w.model === model.name && w.key === key && ctx.choice.definitionHolds(w.offset, offset));
    // A step of the model's graph written out (`y_j = \hat x_j\gamma_j + \beta_j` after the whole forward
    // pass in one formula) defines too; a formula in the leaves after the first one is a result (an expansion).
    // (A sum over entries, `\hat y = \sum_j C_j\sigma(z_j) + d`, is the component form: a result.)
    const graphStep = others.some((other) => other !== undefined && model.nodes.get(other)?.role === 'intermediate') && !some(link.right.node, (n) => n.kind === 'sum');
    if (before) return before.formula === formula || graphStep;
    this.written.push({ model: model.name, key, offset, formula });
    return true;
  }
}

/** Whether the model's node `key` depends on the node `other` at `point`: a tangent seeded on it reaches `key` (forward mode). */
function dependsOn(model: Model, key: string, other: string, point: SamplePoint): boolean {
  if (other === key) return true;
  const size = new Env(model, point, new Map()).node(other).size;
  for (let index = 0; index < size; index++) {
    if (new Env(model, point, new Map(), { key: `node:${other}`, index }).node(key).d.some((t) => t !== 0)) return true;
  }
  return false;
}

/** The parameters `key` depends on. */
function parametersOf(model: Model, key: string, point: SamplePoint): string[] {
  return model.parameters.filter((parameter) => dependsOn(model, key, parameter, point));
}

/** The parameters `key` uses itself, not only through an intermediate it depends on (C and d of ŷ = Cσ(z) + d; γ and β of y). */
function directParametersOf(model: Model, key: string, point: SamplePoint): string[] {
  const throughIntermediates = new Set<string>();
  for (const [other, node] of model.nodes) {
    if (other !== key && node.role === 'intermediate' && dependsOn(model, key, other, point)) for (const p of parametersOf(model, other, point)) throughIntermediates.add(p);
  }
  return parametersOf(model, key, point).filter((parameter) => !throughIntermediates.has(parameter));
}

/**
 * Why the text's formula for a model's quantity is another quantity than the model's, not a slip in
 * writing the model's: it uses none of the parameters the model's quantity applies itself (`\hat y =
 * \sigma(z)` without C and d: another network; `y = \frac{x - \mu}{\sqrt{\sigma + \epsilon}}` without γ and
 * β: another layer), or it is the model's loss up to a constant factor (`L = \frac12(\hat y - y)^2`, a
 * convention). A formula that drops one of them (`\hat y = C\sigma(Ax) + d`) or differs otherwise
 * (`y_i = \gamma x_i + \beta`) is a slip.
 */
function anotherQuantity(model: Model, key: string, link: Link, checked: Finding, point: SamplePoint): string | undefined {
  if (model.nodes.get(key)?.role === 'output' && checked.evidence.diagnosis === 'factor') return 'the loss up to a constant factor';
  // Of another shape than the model's quantity: the text's other symbols are not the model's either.
  if (checked.evidence.diagnosis === 'shape') return undefined;
  const reached = new Set<string>();
  for (const { sym } of symbolUses(link.right.node)) {
    const used = model.resolveSymbol(sym);
    if (used !== undefined && model.nodes.has(used)) for (const parameter of parametersOf(model, used, point)) reached.add(parameter);
  }
  const direct = directParametersOf(model, key, point);
  if (direct.length === 0 || direct.some((parameter) => reached.has(parameter))) return undefined;
  const names = direct.map((m) => model.nodes.get(m)?.display ?? m);
  return `without ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}`;
}

/**
 * The text's first formula for a model's quantity disagrees with the model, in a reading that detection
 * chose (no directive says the text answers the model's problem), and it is another quantity
 * (anotherQuantity): the text's own definition, which holds from here on in place of the model's, not
 * a mistake. Returns the finding that says so, or undefined (a slip stays a mismatch; σ², written as
 * a power, cannot be defined anew).
 */
export function asOwnDefinition(ctx: CheckContext, link: Link, checked: Finding): Finding | undefined {
  if (checked.verdict !== 'mismatch' || checked.evidence.named) return undefined;
  const scope = ctx.scope();
  const model = scope.model;
  const candidate = definitionCandidate(link.left.node);
  if (!model || candidate?.kind !== 'symbol') return undefined;
  const key = model.resolveSymbol(candidate.sym);
  const node = key === undefined ? undefined : model.nodes.get(key);
  const point = ctx.points.of(scope)[0];
  const why = node && point && anotherQuantity(model, node.key, link, checked, point);
  if (!node || !why) return undefined;
  const outcome = defineSymbol(candidate, link.right.node, scope, checked.range, checked.text);
  if (outcome.kind !== 'definition') return undefined;
  const { definition } = outcome;
  ctx.book.context(definition.modelBound ? model.name : '').set(definition.key, definition);
  const modelFormula = node.definition ? ` (${node.definition})` : '';
  const message = `not checked: the text's own definition of ${describe(link.left.node)} (${why}), not the ${model.name} model's${modelFormula}; it holds from here on`;
  const { detectedFrom } = checked.evidence;
  return { ...checked, verdict: 'unsupported', message, evidence: { reason: 'redefinition', checked: checked.evidence, model: model.name, ...(detectedFrom ? { detectedFrom } : {}) } };
}

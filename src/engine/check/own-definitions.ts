// A text's own definition of a quantity a built-in model also has, where detection chose the model (no
// directive says the text answers the model's problem): the text's first formula for the quantity that
// disagrees with the model is another quantity, not a slip, when it uses none of the parameters the
// model's quantity applies itself (`\hat y = \sigma(z)` without C and d; `y = \frac{x - \mu}{\sqrt{\sigma +
// \epsilon}}` without γ and β: another layer) or is the model's loss up to a constant factor (`L =
// \frac12(\hat y - y)^2`, a convention). It then holds from there on in place of the model's: "a symbol
// means what the document says it means". A formula that drops one parameter (`\hat y = C\sigma(Ax) + d`)
// or differs otherwise (`y_i = \gamma x_i + \beta`) stays a mismatch: a slip.
import type { Model, SamplePoint } from '../semantics/model';
import { Env } from '../semantics/env';
import { describe } from '../semantics/describe';
import { symbolUses } from '../models/symbol-uses';
import type { CheckContext } from './context';
import type { Link } from './links';
import type { Finding } from './finding';
import { defineSymbol, definitionCandidate, type Candidate } from './definitions';

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
  // Of another shape than the model's quantity: the text's other symbols are not the model's either (lettersNotTheModels).
  if (checked.evidence.diagnosis === 'shape') return undefined;
  return withoutItsParameters(model, key, link, point);
}

/** `without C and d`: the formula uses none of the parameters the model's quantity `key` applies itself. */
function withoutItsParameters(model: Model, key: string, link: Link, point: SamplePoint): string | undefined {
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
  if (model && candidate && checked.evidence.diagnosis === 'shape') return lettersNotTheModels(ctx, model, candidate, link, checked);
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

/**
 * A definition, in a reading detection chose, whose shapes differ from the model's: `C(\hat y) =
 * \frac12(y - \hat y)^2` makes C a function (the cost), where the MLP's C is a matrix; `\hat y = \sigma(z)`
 * without C and d, with the MLP's z a vector. The text uses the model's letters for quantities of its
 * own (a single neuron), so its symbols are not the model's: not decided, and nothing is defined (the
 * definition would mix the text's quantity with the model's others). Undefined for a slip in writing
 * the model's own formula (one that applies the quantity's own parameters).
 */
function lettersNotTheModels(ctx: CheckContext, model: Model, candidate: Candidate, link: Link, checked: Finding): Finding | undefined {
  const point = ctx.points.of(ctx.scope())[0];
  let why: string | undefined;
  if (candidate.kind === 'function') {
    const fn = candidate.node.fnSym ?? { kind: 'sym' as const, name: candidate.name, loc: candidate.node.fnLoc };
    const key = model.resolveSymbol(fn);
    if (key !== undefined && model.nodes.get(key)?.role !== 'output') why = `it makes ${describe(fn)} a function of ${candidate.params.join(', ')}; the model's ${describe(fn)} is a ${model.nodes.get(key)?.role ?? 'quantity'}, not a function`;
  } else {
    const key = model.resolveSymbol(candidate.sym);
    const without = key !== undefined && model.nodes.has(key) && point ? withoutItsParameters(model, key, link, point) : undefined;
    if (without) why = `a formula ${without}`;
  }
  if (!why) return undefined;
  const shapes = checked.message.replace(/;[\s\S]*$/, '');
  const message = `not checked: the text's ${describe(link.left.node)} is not the ${model.name} model's (${why}), and ${shapes}: the text uses the model's letters for quantities of its own`;
  const { detectedFrom } = checked.evidence;
  return { ...checked, verdict: 'unsupported', message, evidence: { reason: 'doubted reading', checked: checked.evidence, model: model.name, ...(detectedFrom ? { detectedFrom } : {}) } };
}

/**
 * The first link of a chain that is no definition of a model formula (`C(\hat y) = …`, C a parameter):
 * a function head of a model's letter with shapes that differ is the text's own function (lettersNotTheModels).
 */
export function asOwnFunction(ctx: CheckContext, link: Link, checked: Finding): Finding | undefined {
  if (checked.verdict !== 'mismatch' || checked.evidence.named || checked.evidence.diagnosis !== 'shape') return undefined;
  const model = ctx.scope().model;
  const left = link.left.node;
  // Any symbols in the parentheses (`C(\hat y)`): the head is a function, whatever its parameters are called.
  if (!model || left.kind !== 'call' || left.primes !== 0 || !left.args.every((arg) => arg.kind === 'sym')) return undefined;
  const candidate: Candidate = { kind: 'function', name: left.fn, params: left.args.map((arg) => describe(arg)), node: left };
  return lettersNotTheModels(ctx, model, candidate, link, checked);
}

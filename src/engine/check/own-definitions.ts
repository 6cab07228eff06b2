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
import { defineSymbol, definitionCandidate } from './definitions';

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

// Equations that claim no identity: a value given to a symbol of the document (`w_i = 0.5`,
// `D_x = 4`), and a condition, an equation to solve (`2x = 6`, `x - 112 = -108`). Neither is ever a
// mismatch: a given is taken, a condition is reported as not checked, with its kind. Definitions
// and the values given to a model's leaves are statements.ts's.
import type { Node } from '../parse/ast';
import { toDocumentRange, type MathSpan } from '../source/span';
import { describe } from '../semantics/describe';
import { symbolKey, type Scope } from '../semantics/scope';
import { DefinedModel } from '../models/defined';
import { hasDerivative, symbolUses } from '../models/symbol-uses';
import type { CheckContext } from './context';
import { mentionsModel } from './evaluate-step';
import { varies } from './holds';
import type { Link } from './links';

const CONSTANT_NAMES = new Set(['pi', 'e', 'infty']);

/** A number, or an expression of numbers and constants (π, e). */
function isConstant(node: Node): boolean {
  return !hasDerivative(node) && symbolUses(node).every(({ sym }) => !sym.sub && !sym.accent && CONSTANT_NAMES.has(sym.name));
}

/** True when `node` uses a quantity the model computes (ŷ, L): an equation about it is a claim, not one to solve. */
function mentionsComputed(node: Node, scope: Scope): boolean {
  const model = scope.model;
  if (!model) return false;
  return symbolUses(node).some(({ sym }) => {
    const key = model.resolveSymbol(sym);
    return key !== undefined && model.nodes.get(key)?.compute !== undefined;
  });
}

/**
 * True when `link` (the first of its chain; `alone` when it is the chain's only step) is a given value
 * or a condition rather than a claim; a condition's finding has then been reported.
 */
export function tryNonIdentity(ctx: CheckContext, link: Link, span: MathSpan, alone: boolean): boolean {
  if (link.op !== '=' || link.fromPrevious || !isConstant(link.right.node)) return false;
  const left = link.left.node;
  const scope = ctx.scope();
  if (left.kind === 'sym') {
    // A value for a symbol neither the model nor an earlier definition gives a meaning to (a built-in
    // model's size, `m = 4`, is the model's: a stated size, or a claim about the one the data gives).
    const builtin = scope.model !== null && !(scope.model instanceof DefinedModel);
    const size = builtin && !left.sub && !left.accent && (left.name === scope.model?.defaultDim || (scope.model?.sizeNames?.includes(left.name) ?? false));
    // A leaf of the document's own model (`w_1 = 0.15` where w_1 feeds its definitions) is given too.
    const key = scope.model?.resolveSymbol(left);
    const ownLeaf = scope.model instanceof DefinedModel && key !== undefined && scope.model.leaves.has(key);
    return !left.primes && !size && (key === undefined || ownLeaf) && !scope.definitions.has(symbolKey(left));
  }
  // A built-in model decides equations in its quantities where it can (the optimality condition
  // 2Aᵀ(Ax − b) + 2λx = 0); in the document's own model only its definitions make a claim.
  const aboutModel = scope.model instanceof DefinedModel ? mentionsComputed(left, scope) : mentionsModel(left, scope);
  if (!alone || hasDerivative(left) || aboutModel) return false;
  // Constant on both sides (sin²x + cos²x = 1) is an identity; a side that varies is an equation to solve.
  if (!varies(left, scope, ctx.points.of(scope), ctx.settings.values.tol)) return false;
  const range = toDocumentRange(span, { start: left.loc.start, end: link.right.loc.end });
  const unknowns = [...new Set(symbolUses(left).flatMap(({ sym }) => (scope.definitions.has(symbolKey(sym)) ? [] : [describe(sym)])))].join(', ');
  ctx.output.findings.push({
    verdict: 'unsupported',
    range,
    text: ctx.text.slice(range.start, range.end),
    message: `not checked: a condition on ${unknowns} (an equation to solve), not an identity`,
    evidence: { reason: 'condition' },
  });
  return true;
}

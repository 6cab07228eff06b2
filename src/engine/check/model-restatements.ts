// A text that writes one of a built-in model's defining formulas (`\mu_B = \frac{1}{m}\sum_i x_i` in a
// post about batchnorm, `z = Ax + b` in the setup of a solution) is stating its notation, not claiming a
// result: checking it against the model would verify the model against itself. When it agrees with
// the model it is a definition like any other, and no finding (it still speaks for the model's
// reading); when it does not, it stays a claim (the unbiased variance in a batchnorm text is a slip),
// unless it is the text's own definition of another quantity (own-definitions.ts).
import type { Node } from '../parse/ast';
import type { Model } from '../semantics/model';
import { describe } from '../semantics/describe';
import { isSmallConstant } from '../semantics/small-constants';
import { hasDerivative, symbolUses } from '../models/symbol-uses';
import { some } from '../semantics/walk';
import { DefinedModel } from '../models/defined';
import type { CheckContext } from './context';
import type { Link } from './links';

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

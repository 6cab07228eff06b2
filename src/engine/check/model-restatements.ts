// A text that writes one of a built-in model's defining formulas (`\mu_B = \frac{1}{m}\sum_i x_i` in a
// post about batchnorm, `z = Ax + b` in the setup of a solution) is stating its notation, not claiming a
// result: checking it against the model would verify the model against itself. When it agrees with
// the model it is a definition like any other, and no finding (it still speaks for the model's
// reading); when it does not, it stays a claim (the unbiased variance in a batchnorm text is a slip).
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
 * Where the text first wrote a model's node as a formula, and the formula: where that one holds, the
 * same formula again is the definition restated, and another one a result (`f(x) = x^TA^TAx − …` after
 * `f(x) = \|Ax − b\|^2 + …`).
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
   * where it holds, or that formula again. The first is remembered, whatever its verdict.
   */
  defines(ctx: CheckContext, link: Link, offset: number): boolean {
    const model = ctx.scope().model;
    if (!model || model instanceof DefinedModel) return false;
    if (link.fromPrevious || link.op !== '=' || hasDerivative(link.left.node) || hasDerivative(link.right.node)) return false;
    const key = formulaNodeNamed(model, link.left.node);
    if (key === undefined) return false;
    const others = symbolUses(link.right.node).map(({ sym }) => model.resolveSymbol(sym));
    const callsItself = some(link.right.node, (n) => n.kind === 'call' && n.fnSym !== undefined && model.resolveSymbol(n.fnSym) === key);
    if (callsItself || others.includes(key) || !others.some((other) => other !== undefined && writesGraph(model, other))) return false;
    const formula = describe(link.right.node);
    const before = this.written.find((w) => w.model === model.name && w.key === key && ctx.choice.definitionHolds(w.offset, offset));
    if (before) return before.formula === formula;
    this.written.push({ model: model.name, key, offset, formula });
    return true;
  }
}

// Steps of solving an equation: after `\frac{p}{1-p} = e^z`, an equation to solve, the text rearranges it
// (`p = e^z(1 - p)`, `p(1 + e^z) = e^z`). Each step holds where the equation does, not for every p and
// z, so none is an identity to check, and none is a mismatch. Its solution ("a saddle point at $v = 0$"
// after `3v^2 = 0`) gives the variable no value for the rest of the text.
// What an equation is, for this, is read from how it is written, never from a verdict: a claim's
// verdict does not depend on the verdicts before it (CheckOptions.verdictsFrom).
import type { Node } from '../parse/ast';
import type { SourceRange } from '../source/location';
import { describe } from '../semantics/describe';
import type { Scope } from '../semantics/scope';
import { hasDerivative, symbolUses } from '../models/symbol-uses';
import { variablesOf } from './free-names';
import { some } from '../semantics/walk';
import type { Link } from './links';

/** Text between two equations beyond which the second no longer continues the first (a paragraph or two). */
const MAX_GAP = 400;

/** An equation as written, for the equation after it. */
export interface EquationSeen {
  readonly text: string;
  readonly range: SourceRange;
  /** The free variables it writes. */
  readonly variables: ReadonlySet<string>;
  /** Whether it is an equation to solve, or a step of solving the one before. */
  readonly toSolve: boolean;
  /** Whether a value of one name solves it: it equates a side that varies to a number, or is a step of one that does. */
  readonly forValue: boolean;
}

/** The free variables `nodes` write: not defined by the text, not a constant (e, π) (non-identities.ts). */
function variablesIn(nodes: readonly Node[], scope: Scope): Set<string> {
  return new Set(nodes.flatMap((node) => [...variablesOf(node, scope, true)]));
}

/** Whether `before` is close above `range` (a paragraph or two, no heading between) in `text`. */
function closeAbove(text: string, before: EquationSeen, range: SourceRange): boolean {
  if (before.range.end > range.start) return false;
  const gap = text.slice(before.range.end, range.start);
  return gap.length <= MAX_GAP && !/^\s*#|\\(?:sub)*section\b/m.test(gap);
}

/** Whether `before` is an equation to solve close above `range`, in every one of `variables`. */
function solves(text: string, before: EquationSeen | undefined, range: SourceRange, variables: ReadonlySet<string>): before is EquationSeen {
  return before !== undefined && before.toSolve && variables.size > 0 && [...variables].every((v) => before.variables.has(v)) && closeAbove(text, before, range);
}

/**
 * `link`, at `range` of `text`, as the next equation sees it (`before`: the equation before it; `first`:
 * whether the link opens its chain). An equation to solve has a number for a side that varies (`3v^2 =
 * 0`); or, opening its chain, sides with no variable in common (`\frac{p}{1-p} = e^z`), a lone name on
 * the left that its right side uses (`p = e^z(1 - p)`), or the variables of the equation to solve before
 * it, which it goes on solving.
 */
export function seeEquation(text: string, link: Link, range: SourceRange, scope: Scope, before: EquationSeen | undefined, first: boolean): EquationSeen {
  const [left, right] = [link.left.node, link.right.node];
  const [onLeft, onRight] = [variablesIn([left], scope), variablesIn([right], scope)];
  const variables = new Set([...onLeft, ...onRight]);
  // An equation about a derivative is a claim about it, never one to solve.
  const equation = (link.op === '=' || link.op === 'approx') && !hasDerivative(left) && !hasDerivative(right);
  // `3v^2 = 0`, not `x = -2` (a value given to a name), nor `e = (a + b)(b + 1)` (e named, not Euler's).
  const numeral = (side: Node) => !some(side, (n) => n.kind === 'sym');
  const toNumber = equation && ((numeral(right) && onLeft.size > 0 && left.kind !== 'sym') || (numeral(left) && onRight.size > 0 && right.kind !== 'sym'));
  // A later step of a chain rewrites the member before it: a claim, unless it sets it to a number (`g'(v) = 3v^2 = 0`).
  const statement = equation && first;
  const solving = statement && solves(text, before, range, variables);
  const toSolve =
    toNumber ||
    solving ||
    (statement && onLeft.size > 0 && onRight.size > 0 && ![...onLeft].some((v) => onRight.has(v))) ||
    (statement && left.kind === 'sym' && onRight.has(describe(left)));
  return { text: text.slice(range.start, range.end), range, variables, toSolve, forValue: toNumber || (solving && before.forValue) };
}

/** The equation to solve just before `sides` (at `range`) that they go on solving, in all their variables, if any. */
export function solvedEquationBefore(text: string, before: EquationSeen | undefined, range: SourceRange, sides: readonly Node[], scope: Scope): string | undefined {
  if (sides.some(hasDerivative)) return undefined;
  return solves(text, before, range, variablesIn(sides, scope)) ? before.text : undefined;
}

/**
 * The equation that `link`, a value given to a lone name (`v = 0`, `x = \frac{-b}{2c}`), solves: the
 * equation just before it that equates a side in that name to a number (`3v^2 = 0`, `2cv + b = 0`), or
 * a step of solving one, if any. (A condition between names, `W(P, Q) = |\theta|`, is not solved by a
 * value: "when $\theta = 0$" after it is a case.)
 */
export function solutionOf(text: string, before: EquationSeen | undefined, range: SourceRange, link: Link, scope: Scope): string | undefined {
  const [left, right] = [link.left.node, link.right.node];
  if (link.op !== '=' || left.kind !== 'sym' || link.fromPrevious || symbolUses(right).some(({ sym }) => describe(sym) === describe(left))) return undefined;
  return solves(text, before, range, new Set([describe(left)])) && before.forValue ? before.text : undefined;
}

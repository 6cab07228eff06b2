// Steps of solving an equation: after `\frac{p}{1-p} = e^z`, reported as an equation to solve, the text
// rearranges it (`p = e^z(1 - p)`, `p(1 + e^z) = e^z`). Each step holds where the equation does, not
// for every p and z, so none is an identity to check, and none is a mismatch.
import type { SourceRange } from '../source/location';
import { parseChain } from '../parse/parser';
import { describe } from '../semantics/describe';
import { symbolUses } from '../models/symbol-uses';
import type { Node } from '../parse/ast';
import type { Finding } from './finding';

/** Why an equation was reported as no identity when it states something to solve (non-identities.ts). */
const SOLVING_REASONS = new Set(['condition', 'update', 'solving']);

/** Text between two equations beyond which the second no longer continues the first (a paragraph or two). */
const MAX_GAP = 400;

/**
 * The equation that `sides`, written at `range`, goes on solving, if the finding just before it
 * (`previous`) is an equation to solve close above, in the same section, in every variable of `sides`.
 */
export function solvedEquationBefore(text: string, previous: Finding | undefined, range: SourceRange, sides: readonly Node[]): string | undefined {
  if (!previous || previous.verdict !== 'unsupported' || !SOLVING_REASONS.has(String(previous.evidence.reason))) return undefined;
  const gap = text.slice(previous.range.end, range.start);
  if (previous.range.end > range.start || gap.length > MAX_GAP || /^\s*#|\\(?:sub)*section\b/m.test(gap)) return undefined;
  const parsed = parseChain(previous.text);
  if (!parsed.ok) return undefined;
  const before = new Set(parsed.chain.members.flatMap((member) => symbolUses(member).map(({ sym }) => describe(sym))));
  const used = sides.flatMap((side) => symbolUses(side).map(({ sym }) => describe(sym)));
  return used.length > 0 && used.every((name) => before.has(name)) ? previous.text : undefined;
}

// Values the text restricts a symbol to: `y \in \{-1, +1\}`, `t \in \{1, 2, 3\}`. An equation in free
// variables that holds only there (`(f - y)^2 = (yf - 1)^2` for labels ±1, `\log p(y) = y\log h + (1 -
// y)\log(1 - h)` for y ∈ {0, 1}) is a claim about those values, not about every real y: where it fails
// at random reals, it is checked again with each such symbol on its values.
import type { SamplePoint } from '../semantics/model';
import { derivedPoint } from '../semantics/env';
import { symbolKey } from '../semantics/scope';
import { shapeKeyOf } from '../models/shapes';
import { symbolUses } from '../models/symbol-uses';
import type { StepOutcome, StepRequest } from './step-io';

/** A symbol's values, as the text lists them, and where. */
export interface ValueSet {
  readonly key: string;
  readonly values: readonly number[];
  readonly offset: number;
}

const NUMBER = String.raw`[+-]?\s*\d+(?:\.\d+)?`;
/** `y \in \{-1, +1\}`: a name, `\in`, and a set of numbers in braces. */
const MEMBERSHIP = new RegExp(String.raw`([A-Za-z](?:_\{?[A-Za-z0-9]\}?)?)\s*\\in\s*\\\{\s*(${NUMBER}(?:\s*,\s*${NUMBER})+)\s*\\\}`, 'g');

/** The value sets `latex` (one span of math) declares; `at` maps a span offset to the document's. */
export function valueSetsIn(latex: string, at: (offset: number) => number): ValueSet[] {
  const found: ValueSet[] = [];
  for (const match of latex.matchAll(MEMBERSHIP)) {
    const key = shapeKeyOf(match[1]);
    const values = match[2].split(',').map((v) => Number(v.replace(/\s+/g, '')));
    if (key && values.every(Number.isFinite)) found.push({ key, values, offset: at(match.index!) });
  }
  return found;
}

/** At most this many combinations of values are tried at each point. */
const MAX_COMBINATIONS = 16;

/**
 * A mismatch in free variables about a symbol the scope restricts to a few values (`scope.valueSets`):
 * checked again (`check`) with it on those values, which decides it.
 */
export function onValueSets(outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  const sets = request.scope.valueSets;
  if (outcome.verdict !== 'mismatch' || !sets || request.scope.model) return outcome;
  const keys = [...new Set([request.expected, request.claimed].flatMap((side) => symbolUses(side).map(({ sym }) => symbolKey(sym))))].filter((key) => key in sets);
  const points = keys.length > 0 ? pointsOnValueSets(request.points, keys, sets) : undefined;
  if (!points) return outcome;
  const restricted = check({ ...request, points });
  const values = keys.map((key) => `${key} ∈ {${sets[key].join(', ')}}`).join(', ');
  if (restricted.verdict === 'verified') return { ...restricted, message: `${restricted.message}, with ${values} as the text gives` };
  return restricted.verdict === 'mismatch' ? { ...restricted, message: `${restricted.message} (with ${values} as the text gives)` } : outcome;
}

/**
 * The points with the symbols `keys` (each declared in `sets`) on every combination of their values:
 * `y` on −1 and on +1 at each point. Undefined when there are too many combinations.
 */
function pointsOnValueSets(points: readonly SamplePoint[], keys: readonly string[], sets: Readonly<Record<string, readonly number[]>>): SamplePoint[] | undefined {
  let combinations: Record<string, number>[] = [{}];
  for (const key of keys) combinations = combinations.flatMap((c) => sets[key].map((value) => ({ ...c, [key]: value })));
  if (combinations.length > MAX_COMBINATIONS) return undefined;
  return points.flatMap((point) =>
    combinations.map((combination) => derivedPoint(point, `values:${JSON.stringify(combination)}`, () => ({ ...point, free: (name: string) => combination[name] ?? point.free(name) }))),
  );
}

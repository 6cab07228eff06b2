// Values the text restricts a symbol to: `y \in \{-1, +1\}`, `t \in \{1, 2, 3\}`. An equation in free
// variables that holds only there (`(f - y)^2 = (yf - 1)^2` for labels ±1, `\log p(y) = y\log h + (1 -
// y)\log(1 - h)` for y ∈ {0, 1}) is a claim about those values, not about every real y: where it fails
// at random reals, it is checked again with each such symbol on its values.
import type { SamplePoint } from '../semantics/model';
import { derivedPoint } from '../semantics/env';
import { shapeKeyOf } from '../models/shapes';

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
 * The points with the symbols `keys` (each declared in `sets`) on every combination of their values:
 * `y` on −1 and on +1 at each point. Undefined when there are too many combinations.
 */
export function pointsOnValueSets(points: readonly SamplePoint[], keys: readonly string[], sets: Readonly<Record<string, readonly number[]>>): SamplePoint[] | undefined {
  let combinations: Record<string, number>[] = [{}];
  for (const key of keys) combinations = combinations.flatMap((c) => sets[key].map((value) => ({ ...c, [key]: value })));
  if (combinations.length > MAX_COMBINATIONS) return undefined;
  return points.flatMap((point) =>
    combinations.map((combination) => derivedPoint(point, `values:${JSON.stringify(combination)}`, () => ({ ...point, free: (name: string) => combination[name] ?? point.free(name) }))),
  );
}

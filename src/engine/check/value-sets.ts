// Values the text restricts a symbol to: `y \in \{-1, +1\}`, `t \in \{1, 2, 3\}`, or the positive numbers
// (`c > 0`, "some positive constant $c$"). An equation in free variables that holds only there (`(f - y)^2
// = (yf - 1)^2` for labels ±1, `\log p(y) = y\log h + (1 - y)\log(1 - h)` for y ∈ {0, 1},
// `\text{ReLU}((c, -c)) = (c, 0)` for c > 0) is a claim about those values, not about every real y: where it
// fails at random reals, it is checked again with each such symbol on its values.
import type { SamplePoint } from '../semantics/model';
import { symbolKey, type AllowedValues } from '../semantics/scope';
import { shapeKeyOf } from '../models/shapes';
import { symbolUses } from '../models/symbol-uses';
import type { StepOutcome, StepRequest } from './step-io';
import { hasFreeValues, withFreeValues } from './free-values';

/** A symbol's values, as the text gives them, and where. */
export interface ValueSet {
  readonly key: string;
  readonly values: AllowedValues;
  readonly offset: number;
}

const NUMBER = String.raw`[+-]?\s*\d+(?:\.\d+)?`;
/** A one-letter name, with a one-character subscript: `y`, `c_1`, `w_{k}`. */
const NAME = String.raw`[A-Za-z](?:_\{?[A-Za-z0-9]\}?)?`;
/** `y \in \{-1, +1\}`: a name, `\in`, and a set of numbers in braces. */
const MEMBERSHIP = new RegExp(String.raw`(${NAME})\s*\\in\s*\\\{\s*(${NUMBER}(?:\s*,\s*${NUMBER})+)\s*\\\}`, 'g');

/** `c > 0`, `c \geq 0`: a name and a bound of 0 from below. */
const POSITIVE = new RegExp(String.raw`(?<![A-Za-z\\])(${NAME})\s*(?:>|\\gt|\\geq?|\\geqslant|≥)\s*0(?![.\d])`, 'g');

/** `-1, +1`: the numbers of a comma-separated list. */
const numbersIn = (list: string): number[] => list.split(',').map((v) => Number(v.replace(/\s+/g, '')));

/** A span that writes one name and nothing else. */
const LONE_NAME = new RegExp(String.raw`^\s*${NAME}\s*$`);

/** The key of the symbol `latex` writes alone (`$c$`, `$a_1$`), if it writes one name and nothing else. */
export function loneSymbolKey(latex: string): string | undefined {
  return LONE_NAME.test(latex) ? shapeKeyOf(latex.trim()) : undefined;
}

/** Prose that ends by calling the math after it positive: "for some *positive* constant". */
const POSITIVE_BEFORE = /\bpositive[\s*_]*(?:(?:real|whole)?[\s*_]*(?:constant|number|integer|scalar|value|parameter))?[\s*_]*$/i;

/** The value sets `latex` (one span of math) declares; `at` maps a span offset to the document's. */
export function valueSetsIn(latex: string, at: (offset: number) => number): ValueSet[] {
  const found: ValueSet[] = [];
  for (const match of latex.matchAll(MEMBERSHIP)) {
    const key = shapeKeyOf(match[1]);
    const values = numbersIn(match[2]);
    if (key && values.every(Number.isFinite)) found.push({ key, values, offset: at(match.index!) });
  }
  for (const match of latex.matchAll(POSITIVE)) {
    const key = shapeKeyOf(match[1]);
    if (key) found.push({ key, values: 'positive', offset: at(match.index!) });
  }
  return found;
}

/** A set of numbers written alone: `\{-1, +1\}`, `{+1,-1}`, `\{0, 1\}`. */
const LONE_SET = new RegExp(String.raw`^\s*\\?\{\s*(${NUMBER}(?:\s*,\s*${NUMBER}){1,3})\s*\\?\}\s*$`);
/** Prose that ends by naming the labels or classes the set after it lists. */
const LABELS_BEFORE = /\b(?:labels?|class(?:es)?|targets?)\b[^$]{0,12}$/i;

/** "the labels are ${+1,-1}$": the values of y, the letter of labels, when a set written alone follows prose about labels. */
export function statedLabels(before: string, latex: string, offset: number): ValueSet | undefined {
  const match = LONE_SET.exec(latex);
  if (!match || !LABELS_BEFORE.test(before)) return undefined;
  const values = numbersIn(match[1]);
  return values.every(Number.isFinite) ? { key: 'y', values, offset } : undefined;
}

/** "some positive constant $c$": the symbol a span writes alone, when the prose just before (`before`) calls it positive. */
export function statedPositive(before: string, latex: string, offset: number): ValueSet | undefined {
  const key = loneSymbolKey(latex);
  return key && POSITIVE_BEFORE.test(before) ? { key, values: 'positive', offset } : undefined;
}

/** At most this many combinations of values are tried at each point. */
const MAX_COMBINATIONS = 16;

/**
 * A mismatch in free variables about a symbol the scope restricts to a few values (`scope.valueSets`):
 * checked again (`check`) with it on those values, which decides it.
 */
export function onValueSets(outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  const sets = request.scope.valueSets;
  if (outcome.verdict !== 'mismatch' || !sets || !hasFreeValues(request.scope.model)) return outcome;
  const keys = [...new Set([request.expected, request.claimed].flatMap((side) => symbolUses(side).map(({ sym }) => symbolKey(sym))))].filter((key) => key in sets);
  const points = keys.length > 0 ? pointsOnValueSets(request.points, keys, sets) : undefined;
  if (!points) return outcome;
  const restricted = check({ ...request, points });
  const values = keys.map((key) => { const set = sets[key]; return set === 'positive' ? `${key} > 0` : `${key} ∈ {${set.join(', ')}}`; }).join(', ');
  if (restricted.verdict === 'verified') return { ...restricted, message: `${restricted.message}, with ${values} as the text gives` };
  return restricted.verdict === 'mismatch' ? { ...restricted, message: `${restricted.message} (with ${values} as the text gives)` } : outcome;
}

/**
 * The points with the symbols `keys` (each declared in `sets`) on every combination of their values:
 * `y` on −1 and on +1 at each point. Undefined when there are too many combinations.
 */
export function pointsOnValueSets(points: readonly SamplePoint[], keys: readonly string[], sets: Readonly<Record<string, AllowedValues>>): SamplePoint[] | undefined {
  let combinations: Record<string, number>[] = [{}];
  const listed = keys.filter((key) => sets[key] !== 'positive');
  for (const key of listed) combinations = combinations.flatMap((c) => (sets[key] as readonly number[]).map((value) => ({ ...c, [key]: value })));
  if (combinations.length > MAX_COMBINATIONS) return undefined;
  // A positive symbol keeps its random magnitude (0 is not positive).
  const positive = new Set(keys.filter((key) => sets[key] === 'positive'));
  const all = new Set(keys);
  return points.flatMap((point) =>
    combinations.map((combination) =>
      withFreeValues(point, `values:${JSON.stringify(combination)}:${[...positive].join(',')}`, all, (key, value) => combination[key] ?? (positive.has(key) ? Math.abs(value) || 1 : value)),
    ),
  );
}

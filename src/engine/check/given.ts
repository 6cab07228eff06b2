import type { Model, SamplePoint } from '../semantics/model';
import type { Node } from '../parse/ast';
import { SIGMOID } from '../evaluate/activations';
import { Random } from '../evaluate/random';
import { Compiler } from '../semantics/compile';
import { Env } from '../semantics/env';
import { splitIndices } from '../semantics/rules';
import { some } from '../semantics/walk';

/** Values a document gave for a model's leaves, by model key; NaN marks an entry not (yet) given. */
export type GivenValues = Readonly<Record<string, readonly number[]>>;

/** What was given for each leaf, and whether as a whole (`x = (1, 7, 7, 9)`) or entry by entry (`x_1 = 1`). */
export type GivenState = Readonly<Record<string, { readonly values: readonly number[]; readonly whole: boolean }>>;

export function givenValues(state: GivenState): GivenValues {
  return Object.fromEntries(Object.entries(state).map(([key, given]) => [key, given.values]));
}

/**
 * A statement that gives a leaf of the model its value rather than claiming something about it:
 * `x = (1, 7, 7, 9)`, `x = \{1,7,7,9\}`, `x_2 = 7`, `\gamma = 1`. It must state a number (or a list
 * of numbers) for a leaf the model lets documents give, and nothing may have been given for that
 * leaf or entry before (a second `x = …` is a claim about the given batch). Returns the state with
 * the statement applied, or undefined when the statement is not a given.
 */
export function applyGiven(left: Node, right: Node, model: Model, state: GivenState): GivenState | undefined {
  if (!model.givable || left.kind !== 'sym') return undefined;
  if (isGivableSize(left, model)) return applySize(left.name, right, state);
  const key = model.resolveSymbol(left);
  if (!key || !model.givable.has(key)) return undefined;
  const labels = model.labelSubscripts;
  const indices = (left.sub?.kind === 'indices' ? splitIndices(left.sub.items) : []).filter(
    (i) => !(i.kind === 'sym' && !i.sub && labels?.has(i.name)),
  );
  if (indices.length > 1) return undefined;
  const position = indices[0];
  if (position && !(position.kind === 'num' && Number.isInteger(position.value) && position.value >= 1 && position.value <= 1000)) return undefined;
  const values = constantValues(right);
  if (!values) return undefined;
  // A scalar leaf (γ) takes one number; a list for it is a claim (about a shape that does not fit).
  if (isScalarLeaf(model, key) && (position || values.length !== 1)) return undefined;
  const previous = state[key];
  if (!position) return previous ? undefined : { ...state, [key]: { values, whole: true } };
  // One entry of the batch (`x_2 = 7`): the batch grows to the largest index given.
  if (values.length !== 1 || previous?.whole || !Number.isNaN(previous?.values[position.value - 1] ?? NaN)) return undefined;
  const entries = [...(previous?.values ?? [])];
  while (entries.length < position.value) entries.push(NaN);
  entries[position.value - 1] = values[0];
  return { ...state, [key]: { values: entries, whole: false } };
}

const SIZE_PREFIX = 'size:';

/** `n`, `d`: a size name the model lets a document state (`Take $n = 5$, $d = 3$`), which then pins sampling. */
export function isGivableSize(sym: Node, model: Model): boolean {
  if (sym.kind !== 'sym' || sym.sub || sym.accent || sym.star || sym.primes) return false;
  const size = sym.name === model.defaultDim || (model.sizeNames?.includes(sym.name) ?? false);
  return size && (model.givable?.has(sym.name) ?? false);
}

/** A size stated once as a whole number from 1 to 50 (the range of a `derivcheck: n=…` pin); a second statement is a claim. */
function applySize(name: string, right: Node, state: GivenState): GivenState | undefined {
  const values = constantValues(right);
  if (!values || values.length !== 1 || !Number.isInteger(values[0]) || values[0] < 1 || values[0] > 50) return undefined;
  if (state[SIZE_PREFIX + name]) return undefined;
  return { ...state, [SIZE_PREFIX + name]: { values, whole: true } };
}

/** The sizes a document stated, as sampling pins (`{n: 5, d: 3}`). */
export function givenSizes(state: GivenState | undefined): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [key, given] of Object.entries(state ?? {})) if (key.startsWith(SIZE_PREFIX)) sizes[key.slice(SIZE_PREFIX.length)] = given.values[0];
  return sizes;
}

/**
 * Why a number claimed about the data cannot be judged yet (`\mu = 6` with no batch stated): the model
 * lets a document give its data (the batch), this one has not, and one side of the step is numbers
 * while the other is a quantity computed from that data, so the checker only has random data to
 * compare with. Derivatives are excluded: claims about them must hold for every batch.
 */
export function ungivenDataReason(model: Model | null, state: GivenState | undefined, left: Node, right: Node): string | undefined {
  if (!model?.givable) return undefined;
  const missing = [...model.givable].filter((key) => model.nodes.has(key) && !isScalarLeaf(model, key) && !state?.[key]);
  if (missing.length === 0) return undefined;
  const other = isNumeric(right) ? left : isNumeric(left) ? right : undefined;
  if (!other || some(other, (n) => n.kind === 'deriv')) return undefined;
  const fromData = (n: Node) => {
    if (n.kind !== 'sym') return false;
    if (n.name === model.defaultDim && !n.sub) return true;
    const key = model.resolveSymbol(n);
    return key !== undefined && (missing.includes(key) || model.nodes.get(key)?.compute !== undefined);
  };
  if (!some(other, fromData)) return undefined;
  const name = model.nodes.get(missing[0])?.display ?? missing[0];
  return `this states a number, but the document does not give the data ${name} it depends on, so the checker can only compare with random data; give it first, e.g. \`${name} = (1, 7, 7, 9)\``;
}

/** True when the expression is numbers only (`6`, `\frac{36}{4}`, `(-1.667, 0.333)`), with no symbol at all. */
function isNumeric(node: Node): boolean {
  return !some(node, (n) => n.kind === 'sym');
}

/** Whether the leaf is a scalar, judged from one sampled point (shapes do not depend on the sample). */
function isScalarLeaf(model: Model, key: string): boolean {
  const point = model.samplePoint(new Random(1), 0, { seed: 1, count: 1, dims: {}, sigmas: [SIGMOID] });
  return point.leaves.get(key)?.isScalar ?? true;
}

/** The numbers an expression without symbols denotes (`(1, 7, 7, 9)`, `10^{-5}`), or undefined. */
function constantValues(node: Node): number[] | undefined {
  try {
    const compiler = new Compiler({ model: null, sigmas: [SIGMOID], sigmaChosen: false, definitions: new Map() }, true);
    const run = compiler.compile(node).run;
    if (!compiler.info.constant) return undefined;
    const value = run(new Env(null, NO_POINT, new Map()));
    if (!value.isScalar && !value.isVector) return undefined;
    const values = Array.from(value.v);
    return values.every(Number.isFinite) ? values : undefined;
  } catch {
    return undefined;
  }
}

const NO_POINT: SamplePoint = {
  index: 0,
  dims: {},
  leaves: new Map(),
  sigma: SIGMOID,
  learningRate: 0,
  free: () => NaN,
};

import { scalar as scalarOf, transpose, type Tensor } from '../evaluate/tensor';
import type { Node } from '../parse/ast';
import { some } from '../semantics/walk';
import { decimalsIn, literalEntries } from '../semantics/literal';
import { SIGMOID } from '../evaluate/activations';
import { parseChain } from '../parse/parser';
import { Compiler, type Mention } from '../semantics/compile';
import { derivedPoint, Env } from '../semantics/env';
import { describe, formatNumber } from '../semantics/describe';
import { agree, alignShapes, close, evaluateAt, type CompiledStep, type SampleRecord, type Tolerance } from './evaluate-step';
import type { Evaluator, Scope } from '../semantics/scope';
import { checkDeadline } from '../semantics/deadline';
import type { Diagnosis } from './diagnosis';
import type { Counterexample } from './evidence';
import { EXAMPLE_SEPARATOR } from './finding';

/** A hypothesis that explains the records: what a teacher would say, and the diagnosis behind it. */
interface Explanation {
  readonly summary: string;
  readonly diagnosis: Diagnosis;
  /** Quantities the diagnosis names (the missing factor x): the counterexample shows their values. */
  readonly named?: readonly NamedQuantity[];
}

/** A wrong step, explained: the message (with a counterexample), and its evidence. */
export interface DiagnosedStep {
  readonly summary: string;
  readonly evidence: Diagnosis & { readonly counterexample: Counterexample };
}

interface NamedQuantity {
  readonly text: string;
  readonly run: Evaluator;
}

export interface DiagnosisInput {
  readonly step: CompiledStep;
  readonly scope: Scope;
  readonly records: readonly SampleRecord[];
  readonly tolerance: Tolerance;
  /** What the expected side means, when it is a derivative: "∂L/∂A_i". */
  readonly target?: string;
  /** The claimed side as written (to say which of σ and σ′ it used). */
  readonly claimedNode?: Node;
  /** For an update rule: the parameter's current value (θ in θ − α∇L). */
  readonly current?: Evaluator;
}

const LOOSE: Tolerance = { rtol: 1e-7, atol: 1e-10 };

export function diagnose(input: DiagnosisInput): DiagnosedStep {
  const failing = input.records.find((r) => !r.agrees) ?? input.records[0];
  let found: Explanation | undefined;
  for (const hypothesis of HYPOTHESES) {
    // Each hypothesis evaluates alternatives at every record: stop between them once the budget is spent.
    checkDeadline();
    if ((found = hypothesis(input))) break;
  }
  const explanation: Explanation = found ?? { summary: 'the two sides differ', diagnosis: { diagnosis: 'differ' } };
  const counterexample = describeCounterexample(input, failing, explanation.named ?? []);
  // A wrong number needs no example point: the summary already says both values.
  const example = explanation.diagnosis.diagnosis === 'value' ? '' : `${EXAMPLE_SEPARATOR}${counterexample.text}`;
  return {
    summary: `${explanation.summary}${example}`,
    evidence: { ...explanation.diagnosis, counterexample: counterexample.data },
  };
}

/** The diagnoses tried, in order: the first that explains the records is given. */
const HYPOTHESES: readonly ((input: DiagnosisInput) => Explanation | undefined)[] = [shapeProblem, transposedSquare, updateProblem, modelSlip, wrongForm, literalValues, constantValues, constantRatio, otherGradient, sigmaSwap, missingFactor, swappedFactor, sigmoidOnly];

function shapeProblem({ records }: DiagnosisInput): Explanation | undefined {
  const bad = records.find((r) => !alignShapes(r.expected, r.claimed));
  if (!bad) return undefined;
  // Transposed everywhere (xδᵀ for δxᵀ): say so, it is the usual slip.
  const transposed = records.every((r) => agreeValues(r.expected, transpose(r.claimed)));
  return {
    summary: `the shapes differ: the left side is ${shapeName(bad.expected)} but the right side is ${shapeName(bad.claimed)}${transposed ? '; the right side is the transpose of the correct value' : ''}`,
    diagnosis: { diagnosis: 'shape', expectedShape: [bad.expected.rows, bad.expected.cols], claimedShape: [bad.claimed.rows, bad.claimed.cols], ...(transposed ? { transposed: true } : {}) },
  };
}

/** Square sides, the right one the transpose of the left everywhere (and not symmetric, which would agree). */
function transposedSquare({ records, tolerance }: DiagnosisInput): Explanation | undefined {
  const square = (t: Tensor) => t.rows === t.cols && t.rows > 1;
  if (!records.every((r) => square(r.expected) && square(r.claimed) && r.expected.rows === r.claimed.rows)) return undefined;
  if (!records.every((r) => agree(r.expected, transpose(r.claimed), tolerance))) return undefined;
  return { summary: 'the right side is the transpose of the correct value', diagnosis: { diagnosis: 'transposed' } };
}

function shapeName(t: Tensor): string {
  if (t.isScalar) return 'a scalar';
  if (t.cols === 1) return `a ${t.rows}×1 column vector`;
  if (t.rows === 1) return `a 1×${t.cols} row vector`;
  return `a ${t.rows}×${t.cols} matrix`;
}

/** Pairs (expected, claimed) entry by entry over all records. */
function entries(records: readonly SampleRecord[], claimedOf: (r: SampleRecord) => Tensor = (r) => r.claimed): [number, number][] {
  const out: [number, number][] = [];
  for (const r of records) {
    const pair = alignShapes(r.expected, claimedOf(r));
    if (!pair) continue;
    for (let i = 0; i < pair[0].length; i++) out.push([pair[0][i], pair[1][i]]);
  }
  return out;
}

/** The constant c with claimed ≈ c·expected everywhere, if there is one. */
function ratio(pairs: [number, number][]): number | undefined {
  let r: number | undefined;
  for (const [e, c] of pairs) {
    if (Math.abs(e) < 1e-9) {
      if (Math.abs(c) > 1e-9) return undefined;
      continue;
    }
    const q = c / e;
    if (r === undefined) r = q;
    else if (!close(q, r, { rtol: 1e-6, atol: 1e-9 })) return undefined;
  }
  return r;
}

/** The left side computed under a known wrong convention (the unbiased variance) is the right side: name the convention. */
function modelSlip(input: DiagnosisInput): Explanation | undefined {
  for (const slip of input.scope.model?.slips ?? []) {
    const matches = input.records.every((r) => {
      try {
        const expected = input.step.expected(new Env(input.scope.model, derivedPoint(r.point, `slip:${slip.name}`, () => slip.at(r.point)), new Map(r.indices)));
        return agree(expected, r.claimed, input.tolerance);
      } catch {
        return false;
      }
    });
    if (matches) return { summary: slip.hint, diagnosis: { diagnosis: 'slip', slip: slip.name } };
  }
  return undefined;
}

/**
 * Numbers on the right against fixed values on the left: say which entries are wrong, and when a
 * decimal is off by less than one unit of its last digit, that it is rounded wrong (cut off).
 */
function literalValues(input: DiagnosisInput): Explanation | undefined {
  const node = input.claimedNode;
  if (!node || !input.step.claimedInfo.constant) return undefined;
  const first = input.records[0];
  const pair = alignShapes(first.expected, first.claimed);
  if (!pair || !input.records.every((r) => agreeValues(r.expected, first.expected))) return undefined;
  const [expected, claimed] = pair;
  const entries = expected.length === 1 ? [node] : literalEntries(node);
  if (!entries || entries.length !== expected.length) return undefined;
  const notes: string[] = [];
  let rounding = false;
  for (let i = 0; i < expected.length; i++) {
    const atol = input.tolerance.entryAtol?.[i] ?? input.tolerance.atol;
    if (close(expected[i], claimed[i], { rtol: input.tolerance.rtol, atol })) continue;
    const places = decimalsIn(entries[i]);
    const cutOff = places > 0 && Math.abs(expected[i] - claimed[i]) < 10 ** -places;
    rounding ||= cutOff;
    const where = expected.length === 1 ? 'the left side' : `entry ${i + 1}`;
    notes.push(
      cutOff
        ? `${where} is ${exactText(expected[i], places)}; to ${places} decimal${places === 1 ? '' : 's'} that is ${exactText(expected[i], places, places)}, not ${formatNumber(claimed[i])}`
        : `${where} is ${formatNumber(expected[i])}, not ${formatNumber(claimed[i])}`,
    );
  }
  if (notes.length === 0 || (expected.length === 1 && !rounding)) return undefined;
  const summary = expected.length === 1 ? notes[0] : `the left side is ${formatTensor(first.expected)}: ${notes.join('; ')}`;
  return { summary, diagnosis: { diagnosis: 'value', expected: Array.from(expected), ...(rounding ? { rounding: true } : {}) } };
}

/** A value with two more decimals than written (−1.66667 for −5/3 against −1.666), or rounded to `places`. */
function exactText(x: number, places: number, round = places + 2): string {
  return x.toFixed(round).replace('-', '−');
}

/** The claim equals a known wrong formula of the model (λx for 2λx, (AᵀA)⁻¹Aᵀb without λI): say what it got wrong. */
function wrongForm(input: DiagnosisInput): Explanation | undefined {
  const model = input.scope.model;
  if (!model?.wrongForms || input.step.pure) return undefined;
  for (const form of model.wrongForms) {
    const parsed = parsedHint(form.latex);
    if (!parsed.ok || parsed.chain.members.length !== 1) continue;
    let values: LazyValues;
    try {
      values = new LazyValues(input, new Compiler(input.scope, false).compile(parsed.chain.members[0]).run);
    } catch {
      continue;
    }
    if (!values.allAgree((v, r) => agreeValues(v, r.claimed))) continue;
    if (values.allAgree((v, r) => agreeValues(v, r.expected))) continue;
    return { summary: form.hint, diagnosis: { diagnosis: 'wrong-form', form: form.latex } };
  }
  return undefined;
}

/**
 * An expression's values at the records, each evaluated when first asked for. The diagnoses try
 * many candidate expressions and most fail at the first record; the values are a pure function of
 * the record, so asking lazily decides exactly what evaluating all of them first would.
 */
class LazyValues {
  /** null: the evaluation failed at that record. */
  private readonly values: (Tensor | null)[] = [];

  constructor(
    private readonly input: DiagnosisInput,
    readonly run: Evaluator,
  ) {}

  /** The value at record i, or undefined when it cannot be evaluated there. */
  at(i: number): Tensor | undefined {
    let value = this.values[i];
    if (value === undefined) {
      try {
        value = evaluateAt(this.run, this.input.scope, this.input.records[i]);
      } catch {
        value = null;
      }
      this.values[i] = value;
    }
    return value ?? undefined;
  }

  /** True when the expression evaluates at every record and `test` holds at each (as `every` over all values). */
  allAgree(test: (value: Tensor, record: SampleRecord, i: number) => boolean): boolean {
    return this.input.records.every((r, i) => {
      const value = this.at(i);
      return value !== undefined && test(value, r, i);
    });
  }
}

/** Parsed hint and wrong-form formulas, by their LaTeX (ASTs are immutable). */
const PARSED_HINTS = new Map<string, ReturnType<typeof parseChain>>();

function parsedHint(latex: string): ReturnType<typeof parseChain> {
  let parsed = PARSED_HINTS.get(latex);
  if (!parsed) {
    parsed = parseChain(latex);
    if (PARSED_HINTS.size > 1_000) PARSED_HINTS.clear();
    PARSED_HINTS.set(latex, parsed);
  }
  return parsed;
}

/** A number on the right: say which number is right (σ(−1) ≈ 0.2689, not 0.731). */
function constantValues(input: DiagnosisInput): Explanation | undefined {
  const first = input.records[0];
  if (!first.claimed.isScalar || !first.expected.isScalar) return undefined;
  const same = (pick: (r: SampleRecord) => number) => input.records.every((r) => close(pick(r), pick(first), LOOSE));
  if (!same((r) => r.claimed.v[0])) return undefined;
  const claimed = formatNumber(first.claimed.v[0]);
  if (same((r) => r.expected.v[0])) {
    // Rounding noise is no value to show a student: Σ x̂_i computes to −2.2e-16, and is 0.
    const [left, right] = distinctTexts(snapToZero(first.expected.v[0]), first.claimed.v[0]);
    return { summary: `the left side is ${left}, not ${right}`, diagnosis: { diagnosis: 'value', expected: first.expected.v[0] } };
  }
  return { summary: `the right side is the constant ${claimed}, but the left side varies with the inputs`, diagnosis: { diagnosis: 'constant' } };
}

function snapToZero(x: number): number {
  return Math.abs(x) < 1e-12 ? 0 : x;
}

/** Two numbers written with enough digits to tell them apart (−1.6667 and −1.6666, not −1.667 twice). */
function distinctTexts(a: number, b: number): [string, string] {
  let [x, y] = [formatNumber(a), formatNumber(b)];
  for (let digits = 5; x === y && a !== b && digits <= 15; digits++) {
    [x, y] = [a, b].map((v) => Number(v.toPrecision(digits)).toString().replace('-', '−'));
  }
  return [x, y];
}

function constantRatio(input: DiagnosisInput): Explanation | undefined {
  const r = ratio(entries(input.records));
  if (r === undefined || close(r, 1, LOOSE) || Math.abs(r) < 1e-12) return undefined;
  const near = (x: number) => close(r, x, { rtol: 1e-6, atol: 0 });
  const as = (summary: string, diagnosis: 'sign' | 'factor' | 'sign-factor'): Explanation => ({ summary, diagnosis: { diagnosis, ratio: r } });
  if (near(-1)) return as('sign error: the right side is the negative of the correct value', 'sign');
  if (near(2)) return as('off by a factor of 2: the right side is twice the correct value', 'factor');
  if (near(0.5)) return as('off by a factor of 2: the right side is half the correct value', 'factor');
  if (near(-2)) return as('sign error, and off by a factor of 2 (the right side is −2 times the correct value)', 'sign-factor');
  if (near(-0.5)) return as('sign error, and off by a factor of 2 (the right side is −1/2 times the correct value)', 'sign-factor');
  return as(`off by a constant factor: the right side is ${formatNumber(r)} times the correct value`, 'factor');
}

/** Gradient descent written wrong: ascent (+α∇L), or α missing. */
function updateProblem(input: DiagnosisInput): Explanation | undefined {
  if (!input.current || !input.step.expectedInfo.hasTimeStep) return undefined;
  const pairs: [number, number][] = [];
  const rates: number[] = [];
  for (const r of input.records) {
    const theta = evaluateAt(input.current, input.scope, r);
    const aligned = alignShapes(r.expected, r.claimed);
    if (!aligned || theta.size !== aligned[0].length) return undefined;
    for (let i = 0; i < theta.size; i++) {
      pairs.push([aligned[0][i] - theta.v[i], aligned[1][i] - theta.v[i]]);
      rates.push(r.point.learningRate);
    }
  }
  const r = ratio(pairs);
  const near = (x: number) => r !== undefined && close(r, x, { rtol: 1e-6, atol: 0 });
  if (near(-1)) {
    return {
      summary: 'this is gradient ascent: the update adds the learning rate times the gradient; gradient descent subtracts it',
      diagnosis: { diagnosis: 'ascent', ratio: r! },
    };
  }
  // The step's size relative to the right one is 1/α at every point: the learning rate is missing.
  const missingRate = pairs.every(([e, c], i) => Math.abs(e) < 1e-12 || close(c * rates[i], e, LOOSE));
  if (missingRate) {
    const rate: NamedQuantity = { text: 'learning rate', run: (env) => scalarOf(env.point.learningRate) };
    return { summary: 'the learning rate is missing from the update', diagnosis: { diagnosis: 'learning-rate' }, named: [rate] };
  }
  if (r !== undefined && !near(1) && Math.abs(r) > 1e-12) {
    const size = near(2) ? 'twice' : near(0.5) ? 'half' : `${formatNumber(r)} times`;
    return { summary: `the update's step is ${size} the gradient-descent step (off by a constant factor in the gradient)`, diagnosis: { diagnosis: 'update-factor', ratio: r } };
  }
  return undefined;
}

interface Hint {
  readonly run: Evaluator;
  readonly text: string;
  /** Its values at the input's records, evaluated as needed. */
  readonly values: LazyValues;
}

/** Hints compiled for a diagnosis, by LaTeX (null: not compilable), so that no hint is compiled or evaluated twice. */
const HINTS = new WeakMap<DiagnosisInput, Map<string, Hint | null>>();

function compileHint(input: DiagnosisInput, latex: string): Hint | undefined {
  let hints = HINTS.get(input);
  if (!hints) HINTS.set(input, (hints = new Map()));
  let hint = hints.get(latex);
  if (hint === undefined) {
    hint = compileHintOnce(input, latex) ?? null;
    hints.set(latex, hint);
  }
  return hint ?? undefined;
}

function compileHintOnce(input: DiagnosisInput, latex: string): Hint | undefined {
  const letters = [...input.step.freeIndices.keys()];
  const indexed = /_i\b|_\{i\}/.test(latex);
  if (indexed && letters.length !== 1) return undefined;
  const source = indexed ? latex.replace(/_i\b/g, `_${letters[0]}`) : latex;
  const parsed = parsedHint(source);
  if (!parsed.ok || parsed.chain.members.length !== 1) return undefined;
  try {
    const node = parsed.chain.members[0];
    const run = new Compiler(input.scope, input.step.pure).compile(node).run;
    return { run, text: describe(node), values: new LazyValues(input, run) };
  } catch {
    return undefined;
  }
}

/** The claim equals a different derivative of the model: name it, and the factor that separates them. */
function otherGradient(input: DiagnosisInput): Explanation | undefined {
  const model = input.scope.model;
  if (!model || !input.target || input.step.pure) return undefined;
  for (const latex of model.gradientHints) {
    const hint = compileHint(input, latex);
    if (!hint || hint.text === input.target) continue;
    const values = hint.values;
    if (!values.allAgree((v, r) => agreeValues(v, r.claimed))) continue;
    // A hint equal to the expected side is the target under another name (ℓ for L).
    if (values.allAgree((v, r) => agreeValues(v, r.expected))) continue;
    const factor = findFactor(input, (r) => r.expected, (_r, i) => values.at(i)!);
    const extra = factor ? `; ${input.target} needs ${factor.inverse ? 'to lose the' : 'an extra'} factor ${factor.text}` : '';
    return {
      summary: `this is ${hint.text}, not ${input.target}${extra}`,
      diagnosis: { diagnosis: 'other-gradient', equals: hint.text, ...(factor ? { factor: factor.text } : {}) },
      named: factor ? [factor] : [],
    };
  }
  return undefined;
}

function agreeValues(a: Tensor, b: Tensor): boolean {
  const pair = alignShapes(a, b);
  if (!pair) return false;
  for (let i = 0; i < pair[0].length; i++) if (!close(pair[0][i], pair[1][i], LOOSE)) return false;
  return true;
}

/** A model quantity q with target ≈ q·base at every record (or base ≈ q·target when `inverse`). */
function findFactor(
  input: DiagnosisInput,
  target: (r: SampleRecord, i: number) => Tensor,
  base: (r: SampleRecord, i: number) => Tensor,
): (NamedQuantity & { inverse: boolean }) | undefined {
  const model = input.scope.model;
  const hints = model ? model.factorHints : ['2'];
  for (const latex of hints) {
    const hint = compileHint(input, latex);
    if (!hint) continue;
    // A hint that fails or is not a scalar at some record never matches (every record is visited before a match).
    const matches = (inverse: boolean) =>
      input.records.every((r, i) => {
        const value = hint.values.at(i);
        if (!value?.isScalar) return false;
        const t = target(r, i);
        const b = base(r, i);
        const q = value.v[0];
        const pair = alignShapes(t, b);
        if (!pair) return false;
        for (let j = 0; j < pair[0].length; j++) {
          const [want, have] = inverse ? [pair[1][j], pair[0][j]] : [pair[0][j], pair[1][j]];
          if (!close(want, have * q, LOOSE)) return false;
        }
        return true;
      });
    if (matches(false)) return { run: hint.run, text: hint.text, inverse: false };
    if (matches(true)) return { run: hint.run, text: hint.text, inverse: true };
  }
  return undefined;
}

function missingFactor(input: DiagnosisInput): Explanation | undefined {
  const factor = findFactor(input, (r) => r.expected, (r) => r.claimed);
  if (!factor) return undefined;
  return factor.inverse
    ? { summary: `an extra factor ${factor.text}: the right side is the correct value times ${factor.text}`, diagnosis: { diagnosis: 'extra-factor', factor: factor.text }, named: [factor] }
    : { summary: `missing a factor ${factor.text}`, diagnosis: { diagnosis: 'missing-factor', factor: factor.text }, named: [factor] };
}

/** One factor where another belongs (A_i where x is needed): claimed·q₂ = expected·q₁ everywhere. */
function swappedFactor(input: DiagnosisInput): Explanation | undefined {
  const model = input.scope.model;
  if (!model) return undefined;
  const hints = model.factorHints
    .map((latex) => compileHint(input, latex))
    .filter((h): h is NonNullable<typeof h> => h !== undefined);
  const pairs = entriesByRecord(input.records);
  for (const used of hints) {
    for (const needed of hints) {
      if (used === needed) continue;
      // A hint that fails or is not a scalar at some record never fits (every record is visited before a fit).
      const fits = pairs.every(({ pairs: entries }, i) => {
        const v1 = used.values.at(i);
        const v2 = needed.values.at(i);
        if (!v1?.isScalar || !v2?.isScalar) return false;
        const q1 = v1.v[0];
        const q2 = v2.v[0];
        return entries.every(([e, c]) => close(c * q2, e * q1, LOOSE));
      });
      if (fits) {
        return {
          summary: `the right side has the factor ${used.text} where ${needed.text} is needed`,
          diagnosis: { diagnosis: 'wrong-factor', used: used.text, needed: needed.text },
          named: [{ text: used.text, run: used.run }, { text: needed.text, run: needed.run }],
        };
      }
    }
  }
  return undefined;
}

function entriesByRecord(records: readonly SampleRecord[]): { record: SampleRecord; pairs: [number, number][] }[] {
  return records.map((record) => ({ record, pairs: entries([record]) }));
}

/** σ written where σ′ is needed (or the reverse): swapping them makes the claim right. */
function sigmaSwap(input: DiagnosisInput): Explanation | undefined {
  // Record by record: a failure anywhere, like a disagreement, means no swap.
  try {
    if (!input.records.every((r) => agreeValues(r.expected, evaluateAt(input.step.claimed, input.scope, r, true)))) return undefined;
  } catch {
    return undefined;
  }
  const uses = (primes: number) => input.claimedNode !== undefined && some(input.claimedNode, (n) => n.kind === 'call' && n.fn === 'sigma' && n.primes === primes);
  const summary =
    uses(0) && !uses(1)
      ? 'σ where σ′ is needed: the right side uses σ, but the chain rule through σ brings in its derivative σ′'
      : uses(1) && !uses(0)
        ? 'σ′ where σ is needed: the right side uses the derivative σ′, but this factor is the activation σ itself'
        : 'σ and σ′ are swapped: the right side uses σ where σ′ is needed, and σ′ where σ is';
  return { summary, diagnosis: { diagnosis: 'sigma-swap' } };
}

function sigmoidOnly(input: DiagnosisInput): Explanation | undefined {
  if (input.scope.sigmas.length < 2) return undefined;
  const onSigmoid = input.records.filter((r) => r.point.sigma === SIGMOID);
  if (onSigmoid.length === 0 || !onSigmoid.every((r) => r.agrees)) return undefined;
  const other = input.records.find((r) => !r.agrees);
  return {
    summary: `this holds when σ is the sigmoid, but σ is a general nonlinearity here (it fails for σ = ${other?.point.sigma.display})`,
    diagnosis: { diagnosis: 'sigmoid-only' },
  };
}

function describeCounterexample(input: DiagnosisInput, record: SampleRecord, named: readonly NamedQuantity[]): { text: string; data: Counterexample } {
  const values: [string, number][] = [];
  const model = input.scope.model;
  if (model && !input.step.pure) for (const [name, size] of Object.entries(record.point.dims)) values.push([name, size]);
  for (const [name, value] of record.indices) values.push([name, value]);
  if (input.scope.sigmas.length > 1) values.push([`σ=${record.point.sigma.name}`, NaN]);
  const mentions = new Map<string, Mention>([...input.step.expectedInfo.mentions, ...input.step.claimedInfo.mentions]);
  const env = new Env(input.scope.model, record.point, new Map(record.indices));
  const shown = [...named.map((q) => ({ text: q.text, read: (e: Env) => scalarOrUndefined(q.run(e)) })), ...mentions.values()];
  // Sizes and indices already listed (a named factor n) are not repeated.
  const seen = new Set<string>(values.map(([name]) => name));
  // The derivative being claimed is already shown as the expected value.
  if (input.target) seen.add(input.target);
  for (const mention of shown.filter((m) => !seen.has(m.text) && seen.add(m.text)).slice(0, 8)) {
    try {
      const value = mention.read(env);
      if (value !== undefined && Number.isFinite(value)) values.push([mention.text, value]);
    } catch {
      // A mention that cannot be read at this point is simply left out.
    }
  }
  const assignments = values.map(([name, v]) => (Number.isNaN(v) ? name : `${name}=${formatNumber(v)}`)).join(', ');
  const claimed = formatTensor(record.claimed);
  const expected = formatTensor(record.expected);
  const where = assignments ? `at ${assignments}: ` : '';
  return {
    text: `${where}claimed ${claimed}, expected ${expected}`,
    data: {
      values: Object.fromEntries(values.filter(([, v]) => !Number.isNaN(v))),
      ...(input.scope.sigmas.length > 1 ? { sigma: record.point.sigma.name } : {}),
      claimed: Array.from(record.claimed.v),
      expected: Array.from(record.expected.v),
      point: record.point.index,
      ...(record.indices.size > 0 ? { indices: Object.fromEntries(record.indices) } : {}),
    },
  };
}

export function formatTensor(t: Tensor): string {
  if (t.isScalar) return formatNumber(t.v[0]);
  const items = Array.from(t.v.slice(0, 6), formatNumber);
  if (t.size > 6) items.push('…');
  return t.cols === 1 || t.rows === 1 ? `(${items.join(', ')})${t.cols === 1 && t.rows > 1 ? 'ᵀ' : ''}` : `[${items.join(', ')}]`;
}

function scalarOrUndefined(t: Tensor): number | undefined {
  return t.isScalar ? t.v[0] : undefined;
}

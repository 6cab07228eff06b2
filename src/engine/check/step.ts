import type { Node, SymNode } from '../parse/ast';
import { ShapeError } from '../evaluate/tensor';
import { CompileError, Compiler } from '../semantics/compile';
import { EvaluationError } from '../semantics/rules';
import { diagnose } from './diagnose';
import { compileStep, sampleStep, type CompiledStep, type SampleRecord, type Tolerance } from './evaluate-step';
import type { StepOutcome, StepRequest } from './step-io';
import type { Evidence } from './evidence';
import type { Evaluator, Scope } from '../semantics/scope';
import { proveSymbolically } from './symbolic-form';
import { explainShapeError } from './shape-explain';
import { guessedShapes } from './shape-certainty';
import { withNote } from './step-notes';
import { unknownShapesMessage } from '../semantics/shape-guard';
import { checkReadings, otherReadings } from './readings';
import { atSmallConstants } from './small-constant-points';
import { atWholeBounds } from './whole-bounds';
import { withMeansRead } from './means';
import { firstOrderOnly } from './first-order';
import { approximationOrder } from './approximation-order';
import { chainRule } from './chain-rule';
import { withStandIns } from './generic-function-claims';
import { withShapesFromNotation } from './shapes-from-notation';
import { withOpaqueFunctions } from './opaque-function-claims';
import { withinInputRounding } from './input-rounding';
import { isConstantExpression } from '../models/symbol-uses';
import { decimalsIn, literalEntries, numberLiteral, significantDigits } from '../semantics/literal';

const MIN_VALID_FRACTION = 0.5;

/** Decide one step: evaluate both sides at every sample point; explain a mismatch, and check it again under the text's other readings; a chain rule in quantities nothing defines by its form, a claim about functions nothing defines with stand-ins for them, one in free vectors and matrices in the shapes its notation gives, one about functions of a vector nothing defines with their values and gradients as unknowns. */
export function checkStep(request: StepRequest): StepOutcome {
  const outcome = inReadings(request);
  return chainRule(request, outcome) ?? withStandIns(request, outcome, inReadings) ?? withShapesFromNotation(request, outcome, inReadings) ?? withOpaqueFunctions(request, outcome, inShapeReadings) ?? outcome;
}

/** The step under the text's readings, and in the shapes its notation gives where it needs them. */
function inShapeReadings(request: StepRequest): StepOutcome {
  const outcome = inReadings(request);
  return withShapesFromNotation(request, outcome, inReadings) ?? outcome;
}

function inReadings(request: StepRequest): StepOutcome {
  return otherReadings(decideStep(request), request, decideStep);
}

/** One step at every sample point, under the model's readings (readings.ts checkReadings). */
function decideStep(request: StepRequest): StepOutcome {
  const read = withMeansRead(request);
  if ('verdict' in read) return read;
  const atSmall = atSmallConstants(atWholeBounds(read));
  const check = (r: StepRequest) => checkReadings(r, checkPoints);
  const outcome = check(atSmall);
  return firstOrderOnly(atSmall, outcome, check) ?? approximationOrder(atSmall, outcome, check) ?? outcome;
}

/** One reading of the step: at the request's points as given. */
function checkPoints(request: StepRequest): StepOutcome {
  const isUpdate = request.op === 'update' && isParameter(request.expected, request.scope);
  const expectedNode = isUpdate ? timeShifted(request.expected) : request.expected;
  let step: CompiledStep;
  try {
    step = compileStep(expectedNode, request.claimed, request.scope);
  } catch (error) {
    return failure(error);
  }
  const tolerance = toleranceFor(request, step);
  let records: SampleRecord[];
  try {
    records = sampleStep(step, request.scope, request.points, tolerance);
  } catch (error) {
    if (error instanceof ShapeError) {
      const explained = explainShapeError(step, expectedNode, request.claimed, request.scope, request.points);
      const misfit = explained ? explained.message : `the shapes do not fit: ${error.message}`;
      const guess = guessedShapes(step, [expectedNode, request.claimed], request.scope);
      if (guess) return unsupported(`not decided: ${misfit.replace(/; e\.g\. [\s\S]*$/, '')}, but ${guess}; declare the shapes with a shapes directive`, { reason: 'shapes uncertain' });
      if (explained) return { verdict: 'mismatch', message: explained.message, evidence: { method: 'numeric', ...explained.diagnosis, failingPoints: explained.failingPoints } };
      return { verdict: 'mismatch', message: misfit, evidence: { method: 'numeric', diagnosis: 'shape' } };
    }
    return failure(error);
  }
  const valid = records.filter((r) => isFinite(r));
  if (records.length === 0 || valid.length < records.length * MIN_VALID_FRACTION) {
    return unsupported('could not evaluate both sides at enough sample points (outside their domain?)', { points: records.length, valid: valid.length });
  }
  const points = new Set(valid.map((r) => r.point.index)).size;
  const evidence = {
    method: 'numeric' as const,
    points,
    evaluations: valid.length,
    tolerance,
    ...(step.pure ? { identity: true as const } : {}),
    ...(isConstantExpression(request.expected) && isConstantExpression(request.claimed) ? { arithmetic: true as const } : {}),
    ...bindingSubsetOf(valid),
    maxError: maxError(valid),
  };
  const agrees = valid.every((r) => r.agrees);
  const cutOff = !agrees && cutOffAnswer(request, valid);
  if (agrees || cutOff) {
    // Scalars commute: agreement with matrices sampled as scalars proves nothing (semantics/shape-guard.ts).
    if (step.matrixOnScalars.length > 0) return unsupported(unknownShapesMessage(step.matrixOnScalars), { reason: 'shapes unknown', checked: evidence });
    const symbolic = request.symbolicTimeoutMs > 0 ? proveSymbolically(request.expected, request.claimed, request.scope, request.symbolicTimeoutMs, request.symbolicBudget) : undefined;
    const proved = symbolic?.status === 'proved' ? '; proved symbolically' : '';
    return { verdict: 'verified', message: `verified at ${points} sample points (${valid.length} evaluations${bindingNote(evidence.indexBindings)})${proved}${cutOff ? '; the answer is the value cut off after its last digit, not rounded' : ''}`, evidence: { ...evidence, ...(symbolic ? { symbolic } : {}) } };
  }
  // Exact, the numbers differ; but the numbers it is computed from may be rounded (0.48 of 0.4803).
  if (withinInputRounding(request, valid)) {
    return unsupported('not decided: the answer differs from the exact value, but lies within the rounding of the numbers it is computed from (each may be rounded from an earlier result)', { reason: 'rounded inputs', checked: evidence });
  }
  const current = isUpdate ? compileCurrent(request.expected, request.scope, step) : compileCurrent(timeBase(request.expected), request.scope, step);
  const diagnosis = diagnose({ step, scope: request.scope, records: valid, tolerance, target: request.target, current, claimedNode: request.claimed });
  if (diagnosis.evidence.diagnosis === 'shape') {
    // Sides of different shapes: a mistake only where the shapes are the model's, not guesses.
    const guess = guessedShapes(step, [expectedNode, request.claimed], request.scope);
    if (guess) {
      const what = diagnosis.summary.replace(/; e\.g\. [\s\S]*$/, '');
      return unsupported(`not decided: ${what}, but ${guess}; declare the shapes with a shapes directive`, { reason: 'shapes uncertain', checked: { ...evidence, ...diagnosis.evidence } });
    }
  }
  // A counterexample in scalars is one in 1×1 matrices: still a mismatch, saying how it was found.
  const scalars = step.matrixOnScalars.length > 0 ? `${step.matrixOnScalars.join(', ')} read as scalars (1×1), no shape being declared` : '';
  return { verdict: 'mismatch', message: withNote(diagnosis.summary, scalars), evidence: { ...evidence, ...diagnosis.evidence } };
}

function toleranceFor(request: StepRequest, step: CompiledStep): Tolerance {
  const base: Tolerance = { rtol: request.tol, atol: 1e-12 };
  const approximate = request.op === 'approx';
  // A side written as a number is the answer, counted to the precision it is written to, whatever the
  // other side's numbers (`3.888 − 0.001·99.0436 = 3.79`, `22/7 ≈ 3`). Otherwise a decimal answer
  // (`-1.667`) counts to its precision, and an ≈ always does.
  const answer = writtenAnswer(request);
  // `X^\top(Y - PY) = 0`: a sum that cancels leaves rounding of the size of its terms, not of 0.
  if (answer && !approximate && numberLiteral(answer) === 0) return { rtol: base.rtol, atol: ZERO_ATOL };
  const decimals = answer
    ? decimalsIn(answer)
    : Math.max(step.claimedInfo.constant || approximate ? step.claimedInfo.decimals : 0, step.expectedInfo.constant || approximate ? step.expectedInfo.decimals : 0);
  if (!approximate && decimals === 0) return base;
  const halfUnit = (places: number) => 0.5 * 10 ** -places * (1 + 1e-9);
  // `f(x + h) ≈ f(x) + hf'(x)`, no number written: within 1%.
  if (approximate && decimals === 0 && !answer) return { rtol: Math.max(request.tol, 1e-2), atol: 1e-9 };
  // In `(-1.667, 0.33, 1)` each entry counts to its own precision (an integer entry to the finest one).
  const entries = step.claimedInfo.constant || approximate ? literalEntries(request.claimed) : undefined;
  const entryAtol = entries?.map((entry) => halfUnit(decimalsIn(entry) || decimals));
  return { rtol: base.rtol, atol: halfUnit(decimals), ...(entryAtol ? { entryAtol } : {}) };
}

/** An `=` answer cut off with at least this many significant digits is as good as rounded: within 0.1 %. */
const CUT_OFF_SIGNIFICANT_DIGITS = 4;

/**
 * `6\cos(3^2) \approx -5.46` for −5.4668, `\frac{65-25}{70-25} = 0.8888` for 0.88889: a number written by
 * cutting the digits off (toward zero) rather than rounding them. An ≈ is as approximate; an `=` only
 * with enough significant digits, as a calculator shows them (`\frac{1}{21} = 0.047` for 0.0476 is a
 * rounding slip, as the review's answers round).
 */
function cutOffAnswer(request: StepRequest, records: readonly SampleRecord[]): boolean {
  const answer = writtenAnswer(request);
  if (!answer || (request.op !== 'approx' && request.op !== '=')) return false;
  const places = decimalsIn(answer);
  if (request.op === '=' && significantDigits(numberLiteral(answer) ?? 0, places) < CUT_OFF_SIGNIFICANT_DIGITS) return false;
  const unit = 10 ** -places;
  const answerClaimed = answer === request.claimed;
  return records.every((record) => {
    const [written, value] = answerClaimed ? [record.claimed, record.expected] : [record.expected, record.claimed];
    if (!written.isScalar || !value.isScalar) return false;
    const [w, v] = [written.v[0], value.v[0]];
    // The value with its digits past the unit dropped is the number written (6 cut off at units is 6, not 5).
    const cut = Math.trunc(Math.abs(v) / unit + 1e-9) * unit;
    return (w === 0 || Math.sign(w) === Math.sign(v)) && Math.abs(cut - Math.abs(w)) < unit * 1e-6;
  });
}

/** How far from 0 a side claimed to be 0 may come out: the rounding of sums that cancel (inverses, projections). */
const ZERO_ATOL = 1e-8;


/** A number written as such: `3.79`, `-5.46`. */
function isNumber(node: Node): boolean {
  return numberLiteral(node) !== undefined;
}

/** The side of the step written as a number, the answer (`3.888 - 0.001 \cdot 99.0436 = 3.79`), if one is. */
function writtenAnswer(request: StepRequest): Node | undefined {
  return isNumber(request.claimed) ? request.claimed : isNumber(request.expected) ? request.expected : undefined;
}

/** The largest subset of index bindings that stood for all of them at a point, if any did. */
function bindingSubsetOf(records: readonly SampleRecord[]): { indexBindings?: { checked: number; total: number } } {
  let worst: { checked: number; total: number } | undefined;
  for (const r of records) if (r.bindingSubset && (!worst || r.bindingSubset.total > worst.total)) worst = r.bindingSubset;
  return worst ? { indexBindings: { ...worst } } : {};
}

/** A verified claim says when its free indices were not all checked. */
function bindingNote(subset: { checked: number; total: number } | undefined): string {
  if (!subset) return '';
  return `; ${subset.checked} of the ${subset.total.toLocaleString('en-US')} bindings of the free indices at a point, chosen at random with the first and last indices and equal and different ones`;
}

function isFinite(record: SampleRecord): boolean {
  return record.expected.v.every(Number.isFinite) && record.claimed.v.every(Number.isFinite);
}

function maxError(records: readonly SampleRecord[]): number {
  let worst = 0;
  for (const r of records) {
    if (r.expected.size !== r.claimed.size) continue;
    for (let i = 0; i < r.expected.size; i++) worst = Math.max(worst, Math.abs(r.expected.v[i] - r.claimed.v[i]));
  }
  return worst;
}

/** `b ← …`, `b := …`: a parameter of the model on the left of an update. */
function isParameter(node: Node, scope: Scope): boolean {
  if (node.kind !== 'sym' || !scope.model) return false;
  const key = scope.model.resolveSymbol(node);
  const timed = node.sub?.kind === 'indices' && node.sub.items.some(mentionsTime);
  return key !== undefined && scope.model.parameters.includes(key) && !timed;
}

/** `θ ← …` means `θ_{t+1} = …`: rewrite the left side as the next iterate. */
function timeShifted(node: Node): Node {
  const loc = node.loc;
  const time: Node = { kind: 'bin', op: '+', left: { kind: 'sym', name: 't', loc }, right: { kind: 'num', value: 1, decimals: 0, loc }, loc };
  return { kind: 'pow', base: node, exp: time, parenExp: true, loc };
}

/** The parameter itself, for an expected side written as `b_{t+1}` or `b^{(t+1)}`. */
function timeBase(node: Node): Node | undefined {
  if (node.kind === 'pow' && node.base.kind === 'sym') return node.base;
  if (node.kind === 'sym' && node.sub?.kind === 'indices') {
    const items = node.sub.items.filter((i) => !mentionsTime(i));
    if (items.length === node.sub.items.length) return undefined;
    const sym: SymNode = { ...node, sub: items.length ? { kind: 'indices', items, loc: node.sub.loc } : undefined };
    return sym;
  }
  return undefined;
}

function mentionsTime(node: Node): boolean {
  return (node.kind === 'sym' && node.name === 't') || (node.kind === 'bin' && mentionsTime(node.left));
}

function compileCurrent(node: Node | undefined, scope: Scope, step: CompiledStep): Evaluator | undefined {
  if (!node || !step.expectedInfo.hasTimeStep) return undefined;
  try {
    return new Compiler(scope, step.pure).compile(node).run;
  } catch {
    return undefined;
  }
}

function unsupported(message: string, evidence: Evidence): StepOutcome {
  return { verdict: 'unsupported', message, evidence };
}

function failure(error: unknown): StepOutcome {
  if (error instanceof CompileError || error instanceof EvaluationError) return unsupported(error.message, { reason: error.message });
  if (error instanceof ShapeError) return { verdict: 'mismatch', message: `the shapes do not fit: ${error.message}`, evidence: { diagnosis: 'shape' } };
  // Anything else is a bug or a spent budget: the claim guard (claim-guard.ts) reports it, with its cause.
  throw error;
}

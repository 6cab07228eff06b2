// `-\log(0.48) = 0.733`: a number computed from numbers that are themselves rounded (0.48 of an
// earlier 0.4803) is only as precise as they are. A written answer that lies between the values the
// other side takes when each of its decimals moves by half a unit of its last digit (0.475 … 0.485
// gives 0.7236 … 0.7444) may be right, so it is not decided; one outside that range is still wrong.
// Through a function (log, exp, a root) or a power that is no whole number (e^{4.60517}), any decimal
// may be rounded. In a sum or product only a number of three or more significant digits is taken for a
// rounded result (`0.524(0.476) \cdot -0.386 = -0.096252` of y = 0.52409); one written short is a given, exact
// (0.5 × 0.42 = 0.22 is a slip, and so is a learning rate 0.001 times 99.0436 off in the second decimal).
import type { Node } from '../parse/ast';
import { mapNums } from '../parse/nodes';
import { decimalsIn, literalEntries, numberLiteral, significantDigits } from '../semantics/literal';
import { some } from '../semantics/walk';
import { isConstantExpression } from '../models/symbol-uses';
import { compileStep, sampleStep, type SampleRecord } from './evaluate-step';
import type { StepRequest } from './step-io';

/** More decimals than this on one side are too many corners to try (2^n evaluations). */
const MAX_ROUNDED_INPUTS = 6;

/** Significant digits that make a number in a sum or product look like a rounded result rather than a given. */
const RESULT_DIGITS = 3;

/** Whether the number `n` may be rounded from an earlier result: any decimal through a function, a long one otherwise. */
function mayBeRounded(n: Node, viaFunction: boolean): boolean {
  return n.kind === 'num' && n.decimals > 0 && (viaFunction || significantDigits(n.value, n.decimals) >= RESULT_DIGITS);
}

/** The numbers in `node` that may be rounded from earlier results. */
function roundedInputs(node: Node, viaFunction: boolean): number {
  let count = 0;
  some(node, (n) => (mayBeRounded(n, viaFunction) && count++, false));
  return count;
}

/** A function applied, or a power that is no whole number: what makes a rounded input's error matter. */
function throughFunction(node: Node): boolean {
  return some(node, (n) => {
    if (n.kind === 'call') return true;
    if (n.kind !== 'pow') return false;
    const exponent = numberLiteral(n.exp);
    return exponent === undefined || !Number.isInteger(exponent);
  });
}

/**
 * Whether the step writes a number (or a vector of numbers) for a side with no variables, and each lies
 * within the range that side takes over every corner of its rounded inputs, each moved by ± half a unit of
 * its last digit, widened by the rounding of the number written (`records`: the step's evaluations, for
 * a sample point).
 */
export function withinInputRounding(request: StepRequest, records: readonly SampleRecord[]): boolean {
  if (request.op !== '=' && request.op !== 'approx') return false;
  const written = (node: Node) => (numberLiteral(node) !== undefined ? [node] : literalEntries(node)?.every((entry) => numberLiteral(entry) !== undefined) ? literalEntries(node) : undefined);
  const claimedIsAnswer = written(request.claimed) !== undefined;
  if (!claimedIsAnswer && written(request.expected) === undefined) return withinRoundingOfOtherSide(request, records);
  const [answer, computed] = claimedIsAnswer ? [request.claimed, request.expected] : [request.expected, request.claimed];
  const entries = written(answer);
  const viaFunction = throughFunction(computed);
  const inputs = roundedInputs(computed, viaFunction);
  if (!entries || records.length === 0 || !isConstantExpression(computed) || inputs === 0 || inputs > MAX_ROUNDED_INPUTS) return false;
  const range = roundingRange(computed, viaFunction, inputs, request, records[0], entries.length);
  if (!range) return false;
  const [low, high] = range;
  return entries.every((entry, i) => {
    const half = 0.5 * 10 ** -decimalsIn(entry) * (1 + 1e-9);
    const value = numberLiteral(entry)!;
    return low[i] - half <= value && value <= high[i] + half;
  });
}

/**
 * `1 - \tanh^2(1) = 1 - (0.762)^2`: an exact side against one computed from a rounded number
 * (tanh 1 ≈ 0.762): whether the exact value lies within the range the other takes over its rounding.
 */
function withinRoundingOfOtherSide(request: StepRequest, records: readonly SampleRecord[]): boolean {
  const sides = [request.expected, request.claimed];
  if (records.length === 0 || !sides.every((side) => isConstantExpression(side))) return false;
  const inputs = sides.map((side) => roundedInputs(side, throughFunction(side)));
  const rounded = inputs.findIndex((count) => count > 0);
  if (rounded < 0 || inputs[1 - rounded] > 0 || inputs[rounded] > MAX_ROUNDED_INPUTS) return false;
  const exact = (rounded === 0 ? records[0].claimed : records[0].expected).v;
  const range = roundingRange(sides[rounded], throughFunction(sides[rounded]), inputs[rounded], request, records[0], exact.length);
  if (!range) return false;
  const [low, high] = range;
  return exact.every((value, i) => low[i] - 1e-12 <= value && value <= high[i] + 1e-12);
}

/** The range `computed` takes, entry by entry, over every corner of its rounded inputs (each ± half a unit of its last digit), at the record's point. */
function roundingRange(computed: Node, viaFunction: boolean, inputs: number, request: StepRequest, record: SampleRecord, length: number): [number[], number[]] | undefined {
  const low: number[] = Array.from({ length }, () => Infinity);
  const high: number[] = Array.from({ length }, () => -Infinity);
  try {
    for (let corner = 0; corner < 2 ** inputs; corner++) {
      let at = 0;
      const moved = mapNums(computed, (n) => {
        if (!mayBeRounded(n, viaFunction)) return n;
        const sign = (corner >> at++) & 1 ? 1 : -1;
        return { ...n, value: n.value + sign * 0.5 * 10 ** -n.decimals };
      });
      const [evaluated] = sampleStep(compileStep(moved, moved, request.scope), request.scope, [record.point], { rtol: 0, atol: 0 });
      const values = evaluated?.expected.v;
      if (!values || values.length !== length || !values.every(Number.isFinite)) return undefined;
      values.forEach((v, i) => ((low[i] = Math.min(low[i], v)), (high[i] = Math.max(high[i], v))));
    }
  } catch {
    return undefined;
  }
  return [low, high];
}

// `-\log(0.48) = 0.733`: a number computed from numbers that are themselves rounded (0.48 of an
// earlier 0.4803) is only as precise as they are. A written answer that lies between the values the
// other side takes when each of its decimals moves by half a unit of its last digit (0.475 … 0.485
// gives 0.7236 … 0.7444) may be right, so it is not decided; one outside that range is still wrong.
// Only through a function (step.ts): a sum or product of numbers as written (0.5 × 0.42 = 0.22) is exact.
import type { Node } from '../parse/ast';
import type { Scope } from '../semantics/scope';
import type { SamplePoint } from '../semantics/model';
import { some } from '../semantics/walk';
import { mapNums } from '../parse/nodes';
import { compileStep, sampleStep } from './evaluate-step';

/** More decimals than this on one side are too many corners to try (2^n evaluations). */
const MAX_ROUNDED_INPUTS = 6;

/** The decimals written with a fractional part in `node` (`0.48`, not `2`), each a rounded input. */
function roundedInputs(node: Node): number {
  let count = 0;
  some(node, (n) => (n.kind === 'num' && n.decimals > 0 && count++, false));
  return count;
}

/**
 * Whether the written number `answer` lies within the range `computed` (a side with no variables)
 * takes over every corner of its rounded inputs, each moved by ± half a unit of its last digit.
 */
export function withinInputRounding(computed: Node, answer: number, scope: Scope, point: SamplePoint): boolean {
  const inputs = roundedInputs(computed);
  if (inputs === 0 || inputs > MAX_ROUNDED_INPUTS) return false;
  let low = Infinity;
  let high = -Infinity;
  for (let corner = 0; corner < 2 ** inputs; corner++) {
    let at = 0;
    const moved = mapNums(computed, (n) => {
      if (n.decimals === 0) return n;
      const sign = (corner >> at++) & 1 ? 1 : -1;
      return { ...n, value: n.value + sign * 0.5 * 10 ** -n.decimals };
    });
    const [record] = sampleStep(compileStep(moved, moved, scope), scope, [point], { rtol: 0, atol: 0 });
    if (!record?.expected.isScalar) return false;
    const value = record.expected.v[0];
    if (!Number.isFinite(value)) return false;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return low <= answer && answer <= high;
}

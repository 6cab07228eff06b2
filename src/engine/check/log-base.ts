// `\log(100) = 2` where the text calls log₁₀ "log": `\log` with no base written is ln to the checker
// (as in most of machine learning), but common logarithms (base 10) and information theory's (base 2)
// write it the same way. A claim that fails with ln and holds in one of those bases is not decided.
import type { Node } from '../parse/ast';
import { mapCalls } from '../parse/nodes';
import { some } from '../semantics/walk';
import type { StepOutcome, StepRequest } from './step-io';

/** The other bases `\log` is written for. */
const BASES = [10, 2] as const;

/** `\log x` as `\log x / \log b`. */
function inBase(node: Node, base: number): Node {
  return mapCalls(node, (call) => {
    if (call.fn !== 'log' || call.args.length !== 1) return call;
    const loc = call.loc;
    const lnBase: Node = { ...call, args: [{ kind: 'num', value: base, decimals: 0, loc }] };
    return { kind: 'bin', op: '/', left: call, right: lnBase, loc };
  });
}

/** The outcome as not decided when it fails with ln but holds with `\log` in base 10 or 2; else as it is. */
export function asLogBase(outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  if (outcome.verdict !== 'mismatch') return outcome;
  const writesLog = (node: Node) => some(node, (n) => n.kind === 'call' && n.fn === 'log');
  if (!writesLog(request.expected) && !writesLog(request.claimed)) return outcome;
  for (const base of BASES) {
    const reread = check({ ...request, expected: inBase(request.expected, base), claimed: inBase(request.claimed, base) });
    if (reread.verdict === 'verified') {
      return { verdict: 'unsupported', message: `not decided: with \\log read as ln this does not hold, but it does with log base ${base}, and the math does not write the base`, evidence: { reason: 'log base', checked: outcome.evidence } };
    }
  }
  return outcome;
}

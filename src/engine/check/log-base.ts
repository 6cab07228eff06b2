// `\log(100) = 2` where the text calls log₁₀ "log": `\log` with no base written is ln to the checker
// (as in most of machine learning), but common logarithms (base 10) and information theory's (base 2)
// write it the same way. A claim that fails with ln and holds in one of those bases is not decided.
import type { Node } from '../parse/ast';
import { mapCalls } from '../parse/nodes';
import type { OtherReading } from './reread';

/** `\log x` as `\log x / \log b`. */
function inBase(node: Node, base: number): Node {
  return mapCalls(node, (call) => {
    if (call.fn !== 'log' || call.args.length !== 1) return call;
    const loc = call.loc;
    const lnBase: Node = { ...call, args: [{ kind: 'num', value: base, decimals: 0, loc }] };
    return { kind: 'bin', op: '/', left: call, right: lnBase, loc };
  });
}

/** `\log` read in base 10, then in base 2: the other bases it is written for. */
export const LOG_BASES: readonly OtherReading[] = [10, 2].map((base) => ({
  applies: (node: Node) => node.kind === 'call' && node.fn === 'log',
  rewrite: (node: Node) => inBase(node, base),
  message: `not decided: with \\log read as ln this does not hold, but it does with log base ${base}, and the math does not write the base`,
  reason: 'log base',
}));

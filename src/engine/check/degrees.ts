// `2\sqrt{8}\cos(45) = 4` where the text gives the angle as 45°: sin, cos and tan of a number are in
// radians to the checker, as in analysis and in code, but notes on geometry (the angle between two
// vectors) write angles in degrees without the ° sign. A claim that fails in radians and holds with
// every number the trigonometric functions take read in degrees is not decided.
import type { Node } from '../parse/ast';
import { mapCalls } from '../parse/nodes';
import { numberLiteral } from '../semantics/literal';
import type { OtherReading } from './reread';

const TRIGONOMETRIC: ReadonlySet<string> = new Set(['sin', 'cos', 'tan']);

/** A trigonometric function of a number (`\cos(45)`, `\sin 30`): the only angles degrees are read into. */
function isTrigOfNumber(node: Node): boolean {
  return node.kind === 'call' && TRIGONOMETRIC.has(node.fn) && node.args.length === 1 && numberLiteral(node.args[0]) !== undefined;
}

/** Every trigonometric function of a number with its argument in degrees: `\cos(45)` as `\cos(45π/180)`. */
function inDegrees(node: Node): Node {
  return mapCalls(node, (call) => {
    if (!isTrigOfNumber(call)) return call;
    const degrees = numberLiteral(call.args[0])!;
    return { ...call, args: [{ kind: 'num', value: (degrees * Math.PI) / 180, decimals: 17, loc: call.args[0].loc }] };
  });
}

/** Angles in degrees, for sin, cos and tan of numbers. */
export const IN_DEGREES: OtherReading = {
  applies: isTrigOfNumber,
  rewrite: inDegrees,
  message: 'not decided: with the angles in radians this does not hold, but it does with them in degrees, and the math does not write the unit',
  reason: 'angle unit',
};

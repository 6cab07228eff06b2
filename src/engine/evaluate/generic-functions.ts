// Stand-ins for a function the text names but never defines (f, g, φ): at each sample point, a
// smooth function of its own, a·s(b·t + c) + d·t with s one of GENERIC_INSTANCES and a, b, c, d drawn
// from the point and the function's name. A claim that holds for all of them holds for any smooth f
// (as a claim in free variables holds for any value); one that fails for some may still hold for the
// f the text means, so only agreement decides anything (check/generic-function-claims.ts).
import { GENERIC_INSTANCES, type Nonlinearity } from './activations';
import { hashString, Random } from './random';

/** The stand-in for function `name` at sample point `pointIndex`, with its derivatives. */
export function genericFunction(name: string, pointIndex: number): Nonlinearity {
  const base = GENERIC_INSTANCES[pointIndex % GENERIC_INSTANCES.length];
  const random = new Random(hashString(`function:${name}`) ^ Math.imul(pointIndex + 1, 2654435761));
  const a = random.awayFromZero(0.5, 2);
  const b = random.awayFromZero(0.5, 1.5);
  const c = random.uniform(-1, 1);
  const d = random.uniform(-1, 1);
  return {
    name: `${name}~${base.name}`,
    display: `${a.toFixed(2)}·${base.name}(${b.toFixed(2)}t ${c < 0 ? '−' : '+'} ${Math.abs(c).toFixed(2)}) ${d < 0 ? '−' : '+'} ${Math.abs(d).toFixed(2)}t`,
    maxOrder: base.maxOrder,
    derivative(order, x) {
      const outer = a * b ** order * base.derivative(order, b * x + c);
      return order === 0 ? outer + d * x : order === 1 ? outer + d : outer;
    },
  };
}

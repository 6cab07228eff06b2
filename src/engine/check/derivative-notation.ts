// Two ways of writing one derivative (`f'(x) = \frac{df(x)}{dx}`, `\frac{d}{dz}\sigma(z) = \sigma'(z)`,
// `\partial_x f := \frac{\partial f}{\partial x}`): a statement of notation, which claims nothing to check.
import type { Node } from '../parse/ast';
import { describe } from '../semantics/describe';
import { isBuiltinFunction } from '../semantics/rules';

interface WrittenDerivative {
  /** `f'`, `\frac{d…}{d…}`, `\partial`, `\nabla`. */
  readonly style: string;
  readonly of: string;
  readonly wrt: string;
  readonly order: number;
}

/** `f'(x)`, `f''(x)`, `\frac{df}{dx}`, `\frac{d f(x)}{dx}`, `\frac{d}{dx} f(x)`, `\nabla_x f`: which derivative it writes. */
function writtenDerivative(node: Node): WrittenDerivative | undefined {
  if (node.kind === 'call' && node.primes > 0 && node.args.length === 1 && node.args[0].kind === 'sym') {
    return { style: 'prime', of: node.fn, wrt: describe(node.args[0]), order: node.primes };
  }
  if (node.kind !== 'deriv' || node.wrt.kind !== 'sym' || node.wrt2) return undefined;
  const of = node.of;
  const wrt = describe(node.wrt);
  if (of.kind === 'sym' && !of.primes) return { style: node.style, of: describe(of), wrt, order: node.order };
  if (of.kind === 'call' && of.primes === 0 && of.args.length === 1 && describe(of.args[0]) === wrt) return { style: node.style, of: of.fn, wrt, order: node.order };
  return undefined;
}

/**
 * True when `left` and `right` are the same derivative of a function the document defines
 * (`documented`), or of a known function (σ, tanh) written with d or a prime, written two ways (or twice
 * the same way). A model's (`\frac{\partial L}{\partial w} = \nabla_w L`) is a fact about the model's
 * quantity to check.
 */
export function isDerivativeNotation(left: Node, right: Node, documented: (name: string) => boolean): boolean {
  const [a, b] = [writtenDerivative(left), writtenDerivative(right)];
  if (!a || !b) return false;
  // A known function's (σ, the activation, whichever function it stands for): written with d or a prime,
  // of a scalar; `\frac{\partial \sigma(z)}{\partial z} = \sigma'(z)` of a vector z says its Jacobian is diagonal.
  const known = (isBuiltinFunction(a.of) || a.of === 'sigma') && [a, b].every((w) => w.style === 'd' || w.style === 'prime');
  if (!known && !documented(a.of)) return false;
  return a.of === b.of && a.wrt === b.wrt && a.order === b.order;
}

// Hyper-dual numbers v + a·ε₁ + b·ε₂ + ab·ε₁ε₂ (ε₁² = ε₂² = 0): forward-mode AD of second order.
// Seeding variable x on ε₁ and y on ε₂ and evaluating f gives ∂f/∂x in `a`, ∂f/∂y in `b` and the
// exact ∂²f/∂x∂y in `ab` (x on both for ∂²f/∂x²), with no step size and no cancellation, unlike
// finite differences. Scalars only: second derivatives are of functions of numbers.
import { activationNamed } from './activations';

export interface HyperDual {
  readonly v: number;
  readonly a: number;
  readonly b: number;
  readonly ab: number;
}

export function constant(v: number): HyperDual {
  return { v, a: 0, b: 0, ab: 0 };
}

/** `v` seeded on ε₁, ε₂ or both. */
export function seeded(v: number, first: boolean, second: boolean): HyperDual {
  return { v, a: first ? 1 : 0, b: second ? 1 : 0, ab: 0 };
}

export function add(x: HyperDual, y: HyperDual): HyperDual {
  return { v: x.v + y.v, a: x.a + y.a, b: x.b + y.b, ab: x.ab + y.ab };
}

export function sub(x: HyperDual, y: HyperDual): HyperDual {
  return { v: x.v - y.v, a: x.a - y.a, b: x.b - y.b, ab: x.ab - y.ab };
}

export function neg(x: HyperDual): HyperDual {
  return { v: -x.v, a: -x.a, b: -x.b, ab: -x.ab };
}

export function mul(x: HyperDual, y: HyperDual): HyperDual {
  return { v: x.v * y.v, a: x.a * y.v + x.v * y.a, b: x.b * y.v + x.v * y.b, ab: x.ab * y.v + x.a * y.b + x.b * y.a + x.v * y.ab };
}

/** g(x) for a scalar function with its first two derivatives at x.v: the chain rule of second order. */
export function apply(x: HyperDual, g0: number, g1: number, g2: number): HyperDual {
  return { v: g0, a: g1 * x.a, b: g1 * x.b, ab: g2 * x.a * x.b + g1 * x.ab };
}

export function div(x: HyperDual, y: HyperDual): HyperDual {
  return mul(x, apply(y, 1 / y.v, -1 / (y.v * y.v), 2 / (y.v * y.v * y.v)));
}

/** x^n for a constant n; x^y otherwise as e^{y ln x}. */
export function pow(x: HyperDual, y: HyperDual): HyperDual {
  if (y.a === 0 && y.b === 0 && y.ab === 0) {
    const n = y.v;
    return apply(x, x.v ** n, n * x.v ** (n - 1), n * (n - 1) * x.v ** (n - 2));
  }
  const e = Math.exp(y.v * Math.log(x.v));
  const exponent = mul(y, apply(x, Math.log(x.v), 1 / x.v, -1 / (x.v * x.v)));
  return apply(exponent, e, e, e);
}

/** A function of one number with its first two derivatives. */
type Twice = (x: number) => readonly [number, number, number];

const FUNCTIONS: Readonly<Record<string, Twice>> = {
  exp: (x) => [Math.exp(x), Math.exp(x), Math.exp(x)],
  log: (x) => [Math.log(x), 1 / x, -1 / (x * x)],
  ln: (x) => [Math.log(x), 1 / x, -1 / (x * x)],
  sqrt: (x) => [Math.sqrt(x), 0.5 / Math.sqrt(x), -0.25 / (x * Math.sqrt(x))],
  sin: (x) => [Math.sin(x), Math.cos(x), -Math.sin(x)],
  cos: (x) => [Math.cos(x), -Math.sin(x), -Math.cos(x)],
  tan: (x) => {
    const t = Math.tan(x);
    return [t, 1 + t * t, 2 * t * (1 + t * t)];
  },
  sec: (x) => {
    const s = 1 / Math.cos(x);
    const t = Math.tan(x);
    return [s, s * t, s * (t * t + s * s)];
  },
  arctan: (x) => [Math.atan(x), 1 / (1 + x * x), (-2 * x) / (1 + x * x) ** 2],
};

/** The named function (`exp`, `sin`, an activation such as `tanh`) with its first two derivatives, if it has them. */
export function twiceDifferentiable(name: string): Twice | undefined {
  const own = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (own) return own;
  const activation = activationNamed(name);
  return activation && activation.maxOrder >= 3 ? (x) => [activation.derivative(0, x), activation.derivative(1, x), activation.derivative(2, x)] : undefined;
}

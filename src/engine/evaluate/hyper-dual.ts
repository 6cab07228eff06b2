// Hyper-dual numbers v + a·ε₁ + b·ε₂ + ab·ε₁ε₂ (ε₁² = ε₂² = 0): forward-mode AD of second order.
// Seeding variable x on ε₁ and y on ε₂ and evaluating f gives ∂f/∂x in `a`, ∂f/∂y in `b` and the
// exact ∂²f/∂x∂y in `ab` (x on both for ∂²f/∂x²), with no step size and no cancellation, unlike
// finite differences. Scalars only: second derivatives are of functions of numbers.
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

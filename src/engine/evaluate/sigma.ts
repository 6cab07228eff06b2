import { ownKeysOnly } from '../source/own-keys';
/**
 * Nonlinearities σ with their derivatives. `derivative(n, x)` is the n-th derivative; forward-mode AD
 * through σ^(n) needs σ^(n+1), so each defines a few orders.
 */
export interface Nonlinearity {
  readonly name: string;
  /** How a teacher would name it in a message. */
  readonly display: string;
  readonly maxOrder: number;
  derivative(order: number, x: number): number;
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

export const SIGMOID: Nonlinearity = {
  name: 'sigmoid',
  display: 'the sigmoid',
  maxOrder: 3,
  derivative(n, x) {
    const s = sig(x);
    switch (n) {
      case 0: return s;
      case 1: return s * (1 - s);
      case 2: return s * (1 - s) * (1 - 2 * s);
      default: return s * (1 - s) * (1 - 6 * s + 6 * s * s);
    }
  },
};

export const TANH: Nonlinearity = {
  name: 'tanh',
  display: 'tanh',
  maxOrder: 3,
  derivative(n, x) {
    const t = Math.tanh(x);
    switch (n) {
      case 0: return t;
      case 1: return 1 - t * t;
      case 2: return -2 * t * (1 - t * t);
      default: return (1 - t * t) * (6 * t * t - 2);
    }
  },
};

export const RELU: Nonlinearity = {
  name: 'relu',
  display: 'ReLU',
  maxOrder: 3,
  derivative(n, x) {
    if (n === 0) return x > 0 ? x : 0;
    if (n === 1) return x > 0 ? 1 : 0;
    return 0;
  },
};

export const SOFTPLUS: Nonlinearity = {
  name: 'softplus',
  display: 'softplus',
  maxOrder: 3,
  derivative(n, x) {
    if (n === 0) return x > 30 ? x : Math.log1p(Math.exp(x));
    return SIGMOID.derivative(n - 1, x);
  },
};

/** x³/6 + x: smooth, unbounded, not a sigmoid relative; catches claims true for one σ only. */
const CUBIC: Nonlinearity = {
  name: 'cubic',
  display: 'z³/6 + z',
  maxOrder: 3,
  derivative(n, x) {
    return [x ** 3 / 6 + x, x * x / 2 + 1, x, 1][Math.min(n, 3)];
  },
};

const SINE: Nonlinearity = {
  name: 'sin',
  display: 'sin',
  maxOrder: 3,
  derivative(n, x) {
    return [Math.sin(x), Math.cos(x), -Math.sin(x), -Math.cos(x)][n % 4];
  },
};

export const NAMED_NONLINEARITIES: Record<string, Nonlinearity> = {
  sigmoid: SIGMOID,
  tanh: TANH,
  relu: RELU,
  softplus: SOFTPLUS,
};
ownKeysOnly(NAMED_NONLINEARITIES);

/** For σ=generic, sample points cycle through these, so a claim true only for the sigmoid fails. */
export const GENERIC_INSTANCES: readonly Nonlinearity[] = [SIGMOID, TANH, SOFTPLUS, CUBIC, SINE];

// The activation functions σ: the one table of the σ a document (`derivcheck: sigma=tanh`), the
// CLI (`--sigma`) or the editor's settings can name, with their derivatives; and the functions a
// `sigma=generic` check cycles through. Adding an activation is one entry in ACTIVATIONS.
import erf from '@stdlib/math-base-special-erf';
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

/** A σ that can be named, with what it is for help texts and pickers. */
export interface Activation extends Nonlinearity {
  readonly description: string;
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

export const SIGMOID: Activation = {
  name: 'sigmoid',
  display: 'the sigmoid',
  description: 'σ(z) = 1/(1 + e^(−z)), the default',
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

const TANH: Activation = {
  name: 'tanh',
  display: 'tanh',
  description: 'σ(z) = tanh z',
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

export const RELU: Activation = {
  name: 'relu',
  display: 'ReLU',
  description: 'σ(z) = max(0, z)',
  maxOrder: 3,
  derivative(n, x) {
    if (n === 0) return x > 0 ? x : 0;
    if (n === 1) return x > 0 ? 1 : 0;
    return 0;
  },
};

const SOFTPLUS: Activation = {
  name: 'softplus',
  display: 'softplus',
  description: 'σ(z) = log(1 + e^z)',
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

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** The standard normal density φ. */
const normalDensity = (x: number) => INV_SQRT_2PI * Math.exp(-0.5 * x * x);

/** The activation functions a document can name, in the order pickers list them. */
export const ACTIVATIONS: readonly Activation[] = [
  SIGMOID,
  TANH,
  RELU,
  SOFTPLUS,
  {
    name: 'gelu',
    display: 'GELU',
    description: 'σ(z) = z·Φ(z), Φ the standard normal distribution function',
    maxOrder: 3,
    derivative(n, x) {
      // zΦ(z), Φ + zφ, (2 − z²)φ, (z³ − 4z)φ, with φ′ = −zφ.
      if (n === 0) return 0.5 * x * (1 + erf(x / Math.SQRT2));
      if (n === 1) return 0.5 * (1 + erf(x / Math.SQRT2)) + x * normalDensity(x);
      if (n === 2) return (2 - x * x) * normalDensity(x);
      return (x * x * x - 4 * x) * normalDensity(x);
    },
  },
];

const BY_NAME: Readonly<Record<string, Activation>> = ownKeysOnly(Object.fromEntries(ACTIVATIONS.map((a) => [a.name, a])));

/** The activation function of that name (`tanh`), if there is one. */
export function activationNamed(name: string): Activation | undefined {
  return BY_NAME[name];
}

/** `sigma=generic`: σ is any nonlinearity; a check cycles through GENERIC_INSTANCES. */
export const GENERIC_SIGMA = {
  name: 'generic',
  description: 'any σ: sample points cycle through the sigmoid, tanh, softplus and two others, so a claim true for one σ only is caught',
} as const;

/** What `sigma=` (and `--sigma`, the editor's setting) may name: an activation, or generic. */
export const SIGMA_CHOICES: readonly { readonly name: string; readonly description: string }[] = [...ACTIVATIONS, GENERIC_SIGMA];

/** For σ=generic, sample points cycle through these, so a claim true only for the sigmoid fails. */
export const GENERIC_INSTANCES: readonly Nonlinearity[] = [SIGMOID, TANH, SOFTPLUS, CUBIC, SINE];

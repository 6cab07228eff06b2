// Small constants a document writes without giving a value: ε (`\epsilon`, `\varepsilon`), the
// stabiliser of batchnorm's √(σ² + ε) and of numerical formulas. They are sampled as small positive
// numbers: never 0, where a claim that drops ε, or squares it, would pass (issue 13), and never
// negative, where √(σ² + ε) or log(x + ε) would not exist.
import { hashString, Random } from '../evaluate/random';

const NAMES: ReadonlySet<string> = new Set(['epsilon', 'eps']);

/** True for the key of a small constant (`epsilon`: `\epsilon` and `\varepsilon` alike). */
export function isSmallConstant(key: string): boolean {
  return NAMES.has(key);
}

/** A small positive value, in [0.01, 0.1]: far enough from 0 that ε, ε² and √ε are told apart at the default tolerance. */
export function sampleSmallConstant(rng: Random): number {
  return rng.uniform(0.01, 0.1);
}

/** A small constant of its own stream per name, seed and point, so that drawing it shifts no other value. */
export function smallConstantAt(name: string, seed: number, pointIndex: number): number {
  return sampleSmallConstant(new Random(hashString(`small:${name}`) ^ Math.imul(seed + 1, 2654435761) ^ Math.imul(pointIndex + 1, 7919)));
}

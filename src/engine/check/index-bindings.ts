// The bindings of a claim's free indices (`i`, `j` of ∂z_i/∂b_j) that a sample point is evaluated
// at. Every binding when they are few; past MAX_INDEX_BINDINGS a seeded subset that always holds the
// first and the last index of each, and for each pair of indices bindings with them equal and
// different, so that a claim wrong only at the end of a range (δ_{i9}δ_{j9} with k = 10) or only off
// the diagonal (indices swapped) is still caught. The caller says when a subset was checked.
import { hashString, Random } from '../evaluate/random';

/** Bindings evaluated per sample point at most (10 × 10 for two indices of size 10 are all checked). */
export const MAX_INDEX_BINDINGS = 100;

/** A free index and the number of values it ranges over (1..size). */
export interface IndexRange {
  readonly name: string;
  readonly size: number;
}

export interface IndexBindings {
  readonly bindings: Map<string, number>[];
  /** All bindings there are (the product of the sizes); more than `bindings.length` when a subset was chosen. */
  readonly total: number;
}

/** The bindings to evaluate at the sample point `pointIndex` (the subset, when one is needed, is seeded by it). */
export function chooseBindings(ranges: readonly IndexRange[], pointIndex: number, limit = MAX_INDEX_BINDINGS): IndexBindings {
  const sizes = ranges.map((r) => Math.max(0, Math.floor(r.size)));
  const total = sizes.reduce((a, b) => a * b, 1);
  if (total <= limit) return { bindings: everyBinding(ranges, sizes), total };
  const chosen = new Map<string, number[]>();
  const add = (values: number[]) => {
    if (chosen.size < limit) chosen.set(values.join(','), values);
  };
  const last = sizes.slice();
  add(sizes.map(() => 1));
  add(last);
  // Each pair of indices equal and different, at both ends of their ranges.
  for (let a = 0; a < sizes.length; a++) {
    for (let b = a + 1; b < sizes.length; b++) {
      const common = Math.min(sizes[a], sizes[b]);
      const with2 = (va: number, vb: number) => sizes.map((s, i) => (i === a ? va : i === b ? vb : s));
      add(with2(common, common));
      add(with2(1, sizes[b]));
      add(with2(sizes[a], 1));
      if (common > 1) add(with2(1, 2));
    }
  }
  const rng = new Random(hashString(`${ranges.map((r) => r.name).join(',')}@${pointIndex}`));
  // Random bindings until the limit; bounded tries, since duplicates are skipped.
  for (let tries = 0; chosen.size < limit && tries < limit * 20; tries++) add(sizes.map((s) => rng.integer(1, s)));
  const bindings = [...chosen.values()].map((values) => new Map(ranges.map((r, i) => [r.name, values[i]])));
  return { bindings, total };
}

function everyBinding(ranges: readonly IndexRange[], sizes: readonly number[]): Map<string, number>[] {
  let bindings: Map<string, number>[] = [new Map()];
  ranges.forEach((range, position) => {
    const next: Map<string, number>[] = [];
    for (const binding of bindings) for (let i = 1; i <= sizes[position]; i++) next.push(new Map(binding).set(range.name, i));
    bindings = next;
  });
  return bindings;
}

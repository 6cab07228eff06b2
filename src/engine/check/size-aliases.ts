// A built-in model's sizes under the document's names (issue 13, section 4): a student who writes
// `A \in \mathbb{R}^{m \times n}` for the ridge model's A (n×d in the model) means by I_n the model's
// I_d. The declared shape of a model's leaf names its sizes; they are matched with the model's own by
// the leaf's shape at sample points where the model's sizes differ.
import { Random } from '../evaluate/random';
import { SIGMOID } from '../evaluate/activations';
import type { ShapeSpec } from '../models/shapes';
import type { Model } from '../semantics/model';

/** How many sample points are drawn to tell the model's sizes apart. */
const PROBES = 8;

/**
 * The document's size names that stand for other sizes of `model` (`m` → `n`, `n` → `d`), from the
 * shapes declared for the model's leaves; undefined when there are none or they do not fit together.
 */
export function sizeAliases(model: Model, declared: Readonly<Record<string, ShapeSpec>>): ReadonlyMap<string, string> | undefined {
  const leaves = Object.entries(declared).filter(([key]) => {
    const role = model.nodes.get(key)?.role;
    return role === 'input' || role === 'parameter';
  });
  if (leaves.length === 0) return undefined;
  // For each document size name, the model sizes it can be: those equal to it at every probe.
  const candidates = new Map<string, Set<string>>();
  const random = new Random(7919);
  for (let index = 0; index < PROBES; index++) {
    const point = model.samplePoint(random, index, { seed: 7919, count: PROBES, dims: {}, sigmas: [SIGMOID] });
    for (const [key, shape] of leaves) {
      const value = point.leaves.get(key);
      if (!value) continue;
      for (const [written, size] of [[shape.rows, value.rows], [shape.cols, value.cols]] as const) {
        if (typeof written !== 'string') continue;
        const fitting = Object.keys(point.dims).filter((name) => point.dims[name] === size);
        const before = candidates.get(written);
        candidates.set(written, new Set(before ? [...before].filter((name) => fitting.includes(name)) : fitting));
      }
    }
  }
  const aliases = new Map<string, string>();
  for (const [written, names] of candidates) {
    if (names.size !== 1) return undefined;
    aliases.set(written, [...names][0]);
  }
  // Two names of the document for one size of the model, or the other way round, fit no reading.
  if (new Set(aliases.values()).size !== aliases.size) return undefined;
  return [...aliases].some(([written, name]) => written !== name) ? aliases : undefined;
}

import type { Model, SamplePoint } from '../models/model';
import { seeded, type Tensor } from '../evaluate/tensor';

/** What forward-mode AD perturbs: a model node, a user definition, or a free variable; one entry of it. */
export interface Seed {
  readonly key: string;
  readonly index: number;
}

/**
 * One evaluation: a sample point, bound indices, the seeded input (if differentiating) and a memo
 * of node values. A derivative evaluates its operand in a child environment with a new seed, so
 * ∂L/∂z_i perturbs z_i and recomputes everything downstream of it, as a chain rule means.
 */
export class Env {
  private readonly memo = new Map<string, Tensor>();

  constructor(
    readonly model: Model | null,
    readonly point: SamplePoint,
    readonly indices: Map<string, number>,
    readonly seed: Seed | null = null,
    /** Evaluate σ where σ′ is written and σ′ where σ is (to diagnose a swap). */
    readonly swapSigma = false,
    /** Values bound to a user function's parameters while its body is evaluated. */
    readonly params: ReadonlyMap<string, Tensor> = new Map(),
    /** Quantities pinned by an evaluation bar `…|_{z=0}`, by memo key; children keep them. */
    readonly overrides: ReadonlyMap<string, Tensor> = new Map(),
  ) {}

  child(seed: Seed): Env {
    return new Env(this.model, this.point, new Map(this.indices), seed, this.swapSigma, this.params, this.overrides);
  }

  withParams(params: ReadonlyMap<string, Tensor>): Env {
    return new Env(this.model, this.point, this.indices, this.seed, this.swapSigma, params, this.overrides);
  }

  withOverrides(overrides: ReadonlyMap<string, Tensor>): Env {
    return new Env(this.model, this.point, this.indices, this.seed, this.swapSigma, this.params, new Map([...this.overrides, ...overrides]));
  }

  /** The value of a model node, computed through the graph, seeded if it is the seed's node. */
  node(key: string): Tensor {
    return this.cached(`node:${key}`, () => {
      const leaf = this.point.leaves.get(key);
      if (leaf) return leaf;
      const spec = this.model?.nodes.get(key);
      if (!spec?.compute) throw new Error(`model node ${key} has no value`);
      return spec.compute((k) => this.node(k), this.point);
    });
  }

  /**
   * Memoised value under `key`, seeded when `key` is the seed's key. Keys: 'node:z', 'user:delta[2]',
   * 'var:z'.
   */
  cached(key: string, compute: () => Tensor): Tensor {
    let value = this.memo.get(key);
    if (value === undefined) {
      value = this.overrides.get(key) ?? compute();
      if (this.seed && this.seed.key === key) value = seeded(value, this.seed.index);
      this.memo.set(key, value);
    }
    return value;
  }
}

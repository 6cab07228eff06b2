import type { Model, SamplePoint } from './model';
import { seeded, type Tensor } from '../evaluate/tensor';
import { tick } from './deadline';
import { EvaluationError } from './evaluation-error';

/**
 * Model node values at one point of one model: unseeded, and by seed (a model node's key, then the
 * seeded entry). Tensors are never mutated once made, so every evaluation at the point shares them.
 */
interface NodeStore {
  readonly unseeded: Map<string, Tensor>;
  readonly seeded: Map<string, Map<number, Map<string, Tensor>>>;
}

/**
 * Each point's node values, for as long as the point is in use (a document check keeps its points;
 * a bounded, evicting store was measured to raise the peak memory: evicted values become old garbage).
 */
const NODE_STORES = new WeakMap<SamplePoint, Map<Model, NodeStore>>();

function nodeStore(model: Model, point: SamplePoint): NodeStore {
  let byModel = NODE_STORES.get(point);
  if (!byModel) NODE_STORES.set(point, (byModel = new Map()));
  let store = byModel.get(model);
  if (!store) byModel.set(model, (store = { unseeded: new Map(), seeded: new Map() }));
  return store;
}

/**
 * Drops the node values computed at a point and at the points derived from it (they would be
 * computed again if needed): a finished check lets go of them while its report lives on.
 */
export function releaseNodeValues(point: SamplePoint): void {
  NODE_STORES.delete(point);
  for (const derived of DERIVED_POINTS.get(point)?.values() ?? []) NODE_STORES.delete(derived);
  DERIVED_POINTS.delete(point);
}

/** Equal shape, kind, values and tangents (NaN equal to NaN). */
function sameTensor(a: Tensor, b: Tensor): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols || a.kind !== b.kind) return false;
  for (let i = 0; i < a.v.length; i++) if (!Object.is(a.v[i], b.v[i]) || !Object.is(a.d[i], b.d[i])) return false;
  return a.v.length === b.v.length && a.d.length === b.d.length;
}

/** The empty map of parameters and overrides (never written: both are read-only). */
const NONE: ReadonlyMap<string, Tensor> = new Map();

/** `node:${key}` for each node key, made once. */
const NODE_KEYS = new Map<string, string>();

function nodeMemoKey(key: string): string {
  let memoKey = NODE_KEYS.get(key);
  if (memoKey === undefined) NODE_KEYS.set(key, (memoKey = `node:${key}`));
  return memoKey;
}

/** Points derived from a point (under a convention, a slip, at an optimum), by what they are derived for. */
const DERIVED_POINTS = new WeakMap<SamplePoint, Map<string, SamplePoint>>();

/**
 * The point `make` derives from `point`, made once per `tag` (`make` must depend on nothing else),
 * so the derived point keeps its node values for every step that reads it.
 */
export function derivedPoint(point: SamplePoint, tag: string, make: () => SamplePoint): SamplePoint {
  let derived = DERIVED_POINTS.get(point);
  if (!derived) DERIVED_POINTS.set(point, (derived = new Map()));
  let result = derived.get(tag);
  if (!result) derived.set(tag, (result = make()));
  return result;
}

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
  private memoMap: Map<string, Tensor> | undefined;
  /** This evaluation's view of the shared node values (null: not shared, an evaluation bar pins a quantity). */
  private nodeMemo: Map<string, Tensor> | null | undefined;
  /** How many node computations are under way (their inputs are read at depth > 0). */
  private computing = 0;

  constructor(
    readonly model: Model | null,
    readonly point: SamplePoint,
    readonly indices: Map<string, number>,
    readonly seed: Seed | null = null,
    /** Evaluate σ where σ′ is written and σ′ where σ is (to diagnose a swap). */
    readonly swapSigma = false,
    /** Values bound to a user function's parameters while its body is evaluated. */
    readonly params: ReadonlyMap<string, Tensor> = NONE,
    /** Quantities pinned by an evaluation bar `…|_{z=0}`, by memo key; children keep them. */
    readonly overrides: ReadonlyMap<string, Tensor> = NONE,
    /** The node values of this point and model (passed on to children, found when not given). */
    private store?: NodeStore,
  ) {
    // Every evaluation makes an Env: the finest place a claim's time budget can stop it.
    tick();
  }

  /**
   * The environment of a derivative's operand: a new seed and memo, the same indices. The map is
   * shared, not copied: every binding made while an operand is evaluated (a sum's index, a family's)
   * is undone before that evaluation returns or throws, so the parent sees its own bindings again.
   */
  child(seed: Seed): Env {
    return new Env(this.model, this.point, this.indices, seed, this.swapSigma, this.params, this.overrides, this.store);
  }

  withParams(params: ReadonlyMap<string, Tensor>): Env {
    return new Env(this.model, this.point, this.indices, this.seed, this.swapSigma, params, this.overrides, this.store);
  }

  withOverrides(overrides: ReadonlyMap<string, Tensor>): Env {
    return new Env(this.model, this.point, this.indices, this.seed, this.swapSigma, this.params, new Map([...this.overrides, ...overrides]));
  }

  private get memo(): Map<string, Tensor> {
    return (this.memoMap ??= new Map());
  }

  /**
   * The value of a model node, computed through the graph, seeded if it is the seed's node. A node's
   * value depends only on the model, the point and the seed, so it is computed once per point and
   * seed for every claim and index binding that needs it (unless an evaluation bar pins a quantity).
   */
  node(key: string): Tensor {
    if (this.nodeMemo === undefined) this.nodeMemo = this.sharedNodeMemo();
    const shared = this.nodeMemo;
    // Under a seed, only the node an expression asks for is shared (a derivative's operand, e.g. L
    // for ∂L/∂y_j): the nodes computed on the way to it stay in this evaluation's memo, so the shared
    // values hold one tensor per seed, not a copy of the graph.
    if (shared === null || (this.computing > 0 && shared !== this.store!.unseeded)) {
      // As `cached`, without a closure per call.
      const memoKey = nodeMemoKey(key);
      let local = this.memo.get(memoKey);
      if (local === undefined) {
        local = this.overrides.get(memoKey) ?? this.computeNode(key);
        if (this.seed !== null && this.seed.key === memoKey) local = seeded(local, this.seed.index);
        this.memo.set(memoKey, local);
      }
      return local;
    }
    let value = shared.get(key);
    if (value === undefined) {
      value = this.computeNode(key);
      if (this.seed !== null && this.seed.key === nodeMemoKey(key)) value = seeded(value, this.seed.index);
      else if (shared !== this.store!.unseeded) {
        // A node the seed does not reach has its unseeded value: keep that one, not a copy.
        const unseeded = this.store!.unseeded.get(key);
        if (unseeded !== undefined && sameTensor(unseeded, value)) value = unseeded;
      }
      shared.set(key, value);
    }
    return value;
  }

  private sharedNodeMemo(): Map<string, Tensor> | null {
    if (!this.model || this.overrides.size > 0) return null;
    const store = (this.store ??= nodeStore(this.model, this.point));
    // Only a seed on a model node changes node values (user quantities and free variables are downstream).
    if (this.seed === null || !this.seed.key.startsWith('node:')) return store.unseeded;
    let byIndex = store.seeded.get(this.seed.key);
    if (!byIndex) store.seeded.set(this.seed.key, (byIndex = new Map()));
    let nodes = byIndex.get(this.seed.index);
    if (!nodes) byIndex.set(this.seed.index, (nodes = new Map()));
    return nodes;
  }

  private computeNode(key: string): Tensor {
    const leaf = this.point.leaves.get(key);
    if (leaf) return leaf;
    const spec = this.model?.nodes.get(key);
    // A quantity the text both gives a number and defines by a formula can end up with neither here: no value, not a crash.
    if (!spec?.compute) throw new EvaluationError(`${spec?.display ?? key} has no value here`);
    this.computing++;
    try {
      return spec.compute((k) => this.node(k), this.point);
    } finally {
      this.computing--;
    }
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

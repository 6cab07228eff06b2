// The points a claim is evaluated at: seeded random instances of the model in scope, drawn once per
// model, σ, sizes and given values, and shared by every claim read in that context; and the one
// point hovers show, seeded by the hover seed, with `derivcheck: at …` pins applied.
import { Random } from '../evaluate/random';
import { fromValues } from '../evaluate/tensor';
import { parseExpression } from '../parse/parser';
import type { SymNode } from '../parse/ast';
import type { Model, SamplePoint } from '../semantics/model';
import type { Scope } from '../semantics/scope';
import { releaseNodeValues } from '../semantics/env';
import { checkDeadline } from '../semantics/deadline';
import { DefinedModel } from '../models/defined';
import { MODELS } from '../models/registry';
import { formatTensor } from './diagnose';
import type { NamedValue } from './handle';
import type { DefinitionBook } from './book';
import type { DocumentSettings } from './document-settings';

/** The model's identity for caches: the document's own model changes with each definition. */
export function modelId(model: Model | null): string | undefined {
  return model instanceof DefinedModel ? model.fingerprint : model?.name;
}

export class SamplePoints {
  private readonly drawn = new Map<string, SamplePoint[]>();
  private readonly hoverPoints = new Map<string, SamplePoint>();

  constructor(
    private readonly settings: DocumentSettings,
    private readonly book: DefinitionBook,
    private readonly hoverSeed: number | undefined,
  ) {}

  /** The sample points of a scope (with no model, the MLP's, for their free variables and σ); `sizes` pins sizes besides the settings' (`n = 1`, a special case). */
  of(scope: Scope, sizes: Readonly<Record<string, number>> = {}): SamplePoint[] {
    const { seed, samples } = this.settings.values;
    const dims = { ...this.settings.values.dims, ...sizes };
    const key = JSON.stringify([modelId(scope.model), dims, seed, samples, scope.sigmas.map((s) => s.name), this.book.givenFor(scope.model)]);
    let points = this.drawn.get(key);
    if (!points) {
      const rng = new Random(seed * 7919 + 17);
      const sampling = { seed, count: samples, dims: this.book.dimsFor(scope.model, dims), sigmas: scope.sigmas, given: this.book.givenFor(scope.model) };
      const model = scope.model ?? MODELS.mlp;
      // Drawing a point can be costly (ridge solves for its minimizer): part of the claim's budget.
      points = Array.from({ length: samples }, (_, i) => (checkDeadline(), model.samplePoint(rng, i, sampling)));
      this.drawn.set(key, points);
    }
    return points;
  }

  /** The point hovers use: seeded by the hover seed, with `derivcheck: at …` pins applied. */
  hover(scope: Scope): SamplePoint {
    const { dims, seed } = this.settings.values;
    const key = JSON.stringify([modelId(scope.model), dims, seed, this.settings.pins, this.hoverSeed, scope.sigmas.map((s) => s.name), this.book.givenFor(scope.model)]);
    let point = this.hoverPoints.get(key);
    if (!point) this.hoverPoints.set(key, (point = this.drawHoverPoint(scope)));
    return point;
  }

  private drawHoverPoint(scope: Scope): SamplePoint {
    const model = scope.model ?? MODELS.mlp;
    const pins = this.settings.pins;
    const dims = this.book.dimsFor(model, this.settings.values.dims);
    const leafPins = new Map<string, number>();
    for (const [name, value] of Object.entries(pins)) {
      if (name === model.defaultDim) dims[name] = value;
      const node = parseExpression(name);
      const key = node?.kind === 'sym' ? model.resolveSymbol(node) : undefined;
      if (key) leafPins.set(key, value);
    }
    const seed = this.hoverSeed ?? this.settings.values.seed;
    const sampling = { seed, count: 1, dims, sigmas: scope.sigmas, given: this.book.givenFor(model) };
    const point = model.samplePoint(new Random(seed * 104729 + 3), 0, sampling);
    const leaves = new Map(point.leaves);
    for (const [key, value] of leafPins) if (leaves.get(key)?.isScalar) leaves.set(key, fromValues(1, 1, [value]));
    return { ...point, leaves, free: (name) => pins[name] ?? point.free(name) };
  }

  /** The hover point's values, for display. */
  hoverValues(scope: Scope): NamedValue[] {
    const model = scope.model;
    const point = this.hover(scope);
    const values: NamedValue[] = Object.entries(point.dims).map(([name, size]) => ({ name, value: String(size) }));
    for (const [key, value] of point.leaves) {
      const display = model?.nodes.get(key)?.display ?? key;
      values.push({ name: display, value: formatTensor(value) });
    }
    // Where σ is a quantity of the model (batchnorm's standard deviation), it is not a nonlinearity.
    const loc = { start: 0, end: 0 };
    const indexedSigma: SymNode = { kind: 'sym', name: 'sigma', sub: { kind: 'indices', items: [{ kind: 'sym', name: 'i', loc }], loc }, loc };
    // …and where σ_i is (ridge's singular values).
    const sigmaIsQuantity = model?.resolveSymbol({ kind: 'sym', name: 'sigma', loc }) !== undefined || model?.resolveSymbol(indexedSigma) !== undefined;
    if (!sigmaIsQuantity) values.push({ name: 'σ', value: point.sigma.display });
    return values;
  }

  /** Checking is over: the node values computed at the points are let go (a report's handles keep the checker alive). */
  release(): void {
    for (const points of this.drawn.values()) for (const point of points) releaseNodeValues(point);
    this.drawn.clear();
  }
}

// The settings a document is checked with, as its directives change them from where they appear
// on: sampling and tolerance, the model named, σ (named, or chosen by a definition `σ(z) = …`), the
// hover point's pins, and the lines an `ignore-next-line` directive hides.
import { activationNamed, GENERIC_INSTANCES, GENERIC_SIGMA, SIGMOID, type Nonlinearity } from '../evaluate/activations';
import type { Settings } from './directives';
import type { ShapeSpec } from '../models/shapes';
import { CHECK_DEFAULTS } from './defaults';
import type { CheckOptions } from './options';

export class DocumentSettings {
  readonly values: Settings;
  /** σ chosen by a definition (`σ(z) = \tanh(z)`): it wins over the named one until a directive names σ again. */
  sigmaOverride: Nonlinearity | undefined;
  /** σ named by a directive or an option: a later `σ(z) = …` is then a claim, not a definition. */
  sigmaFromDirective: boolean;
  /** Values and indices pinned for hovers by `derivcheck: at …`. */
  pins: Record<string, number> = {};
  /** Lines an `ignore-next-line` directive hides (1-based). */
  readonly ignoredLines = new Set<number>();

  constructor(options: CheckOptions) {
    this.values = {
      model: options.model ?? CHECK_DEFAULTS.model,
      sigma: options.sigma ?? CHECK_DEFAULTS.sigma,
      dims: {},
      seed: options.seed ?? CHECK_DEFAULTS.seed,
      samples: Math.max(1, options.samples ?? CHECK_DEFAULTS.samples),
      tol: options.tol ?? CHECK_DEFAULTS.tol,
      shapes: {},
    };
    this.sigmaFromDirective = options.sigma !== undefined;
  }

  /** The shapes of the document's own symbols: those the text declares, and a directive's over them. */
  get ownShapes(): Record<string, ShapeSpec> {
    return { ...this.values.declared, ...this.values.shapes };
  }

  /** The σ instances sample points cycle through (one, unless σ is generic). */
  get sigmas(): readonly Nonlinearity[] {
    if (this.sigmaOverride) return [this.sigmaOverride];
    if (this.values.sigma === GENERIC_SIGMA.name) return GENERIC_INSTANCES;
    return [activationNamed(this.values.sigma) ?? SIGMOID];
  }

  /** True once a directive, an option or a definition chose σ (a later `σ(z) = …` is then a claim). */
  get sigmaChosen(): boolean {
    return this.sigmaOverride !== undefined || this.sigmaFromDirective;
  }
}

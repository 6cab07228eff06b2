// The settings a document is checked with, as its directives change them from where they appear
// on: sampling and tolerance, the model named, σ (named, or chosen by a definition `σ(z) = …`), the
// hover point's pins, and the lines an `ignore-next-line` directive hides.
import type { Nonlinearity } from '../evaluate/sigma';
import { GENERIC_INSTANCES, NAMED_NONLINEARITIES } from '../evaluate/sigma';
import type { Settings } from './directives';
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
      model: options.model ?? 'auto',
      sigma: options.sigma ?? 'sigmoid',
      dims: {},
      seed: options.seed ?? 1,
      samples: Math.max(1, options.samples ?? 16),
      tol: options.tol ?? 1e-9,
      shapes: {},
    };
    this.sigmaFromDirective = options.sigma !== undefined;
  }

  /** The σ instances sample points cycle through (one, unless σ is generic). */
  get sigmas(): readonly Nonlinearity[] {
    if (this.sigmaOverride) return [this.sigmaOverride];
    if (this.values.sigma === 'generic') return GENERIC_INSTANCES;
    return [NAMED_NONLINEARITIES[this.values.sigma] ?? NAMED_NONLINEARITIES.sigmoid];
  }

  /** True once a directive, an option or a definition chose σ (a later `σ(z) = …` is then a claim). */
  get sigmaChosen(): boolean {
    return this.sigmaOverride !== undefined || this.sigmaFromDirective;
  }
}

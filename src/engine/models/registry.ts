// The one table of models. Auto-detection reads the built-in models from it; the directive parser,
// the CLI's help and `--model`, the editor's `derivcheck.defaultModel` setting and the Insert Model
// Directive picker read the choices (scripts/sync-manifest.ts writes them into package.json, and a
// test holds them equal). Adding a model is one file (a Model) and one line in BUILTIN_MODELS.
import type { Model } from '../semantics/model';
import { ownKeysOnly } from '../source/own-keys';
import { MLP } from './mlp';
import { RIDGE } from './ridge';
import { BATCHNORM, BATCHNORM_MEAN } from './batchnorm';
import { DEFINED_MODEL_DESCRIPTION } from './defined';

/** The built-in models, in the order auto-detection prefers them on a tie. */
export const BUILTIN_MODELS: readonly Model[] = [
  MLP,
  RIDGE,
  // The mean-only layer first: an equation both batchnorm models read alike (no σ in it) goes to the
  // simpler one unless its section or the previous equation chose the full layer.
  BATCHNORM_MEAN,
  BATCHNORM,
];

/** The built-in models by name. */
export const MODELS: Readonly<Record<string, Model>> = ownKeysOnly(Object.fromEntries(BUILTIN_MODELS.map((m) => [m.name, m])));

/** What `model=` may name: auto-detection, a built-in model, the document's own model, or none. */
export const MODEL_CHOICES: readonly { readonly name: string; readonly description: string }[] = [
  { name: 'auto', description: 'A built-in model only where the document shows it is about it (its distinctive symbols); free variables elsewhere.' },
  ...BUILTIN_MODELS,
  { name: 'custom', description: DEFINED_MODEL_DESCRIPTION },
  { name: 'none', description: 'No model: claims are read in free variables.' },
];

/** Other names a directive may use for a choice: `model=free` is `model=none`. */
export const MODEL_ALIASES: Readonly<Record<string, string>> = ownKeysOnly({ free: 'none' });

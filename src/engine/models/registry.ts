import type { Model } from '../semantics/model';
import { MLP } from './mlp';
import { RIDGE } from './ridge';
import { BATCHNORM, BATCHNORM_MEAN } from './batchnorm';
import { ownKeysOnly } from '../source/own-keys';

/** The models a document can name in `derivcheck: model=…`. */
export const MODELS: Readonly<Record<string, Model>> = {
  mlp: MLP,
  ridge: RIDGE,
  // The mean-only layer first: an equation both batchnorm models read alike (no σ in it) goes to the
  // simpler one unless its section or the previous equation chose the full layer.
  'batchnorm-mean': BATCHNORM_MEAN,
  batchnorm: BATCHNORM,
};
ownKeysOnly(MODELS);

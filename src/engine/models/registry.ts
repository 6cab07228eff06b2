import type { Model } from './model';
import { MLP } from './mlp';

/** The models a document can name in `derivcheck: model=…`. */
export const MODELS: Readonly<Record<string, Model>> = {
  mlp: MLP,
};

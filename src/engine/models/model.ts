import type { Random } from '../evaluate/random';
import type { Nonlinearity } from '../evaluate/sigma';
import type { Tensor } from '../evaluate/tensor';
import type { SymNode } from '../parse/ast';

/** A quantity of a model's computational graph: an input, a parameter, or an intermediate. */
export interface ModelNode {
  readonly key: string;
  /** How to write it in messages: 'ŷ', 'σ(z)', 'A'. */
  readonly display: string;
  /** Its definition, for hovers and messages: 'z = Ax + b'. */
  readonly definition?: string;
  readonly role: 'input' | 'parameter' | 'intermediate' | 'output';
  /** Intermediates compute from other nodes; inputs and parameters are sampled. */
  compute?(get: (key: string) => Tensor, point: SamplePoint): Tensor;
}

/** One random instance of a model: sizes, leaf values, the σ in force, the learning rate. */
export interface SamplePoint {
  readonly index: number;
  /** Named sizes: k for the MLP. */
  readonly dims: Readonly<Record<string, number>>;
  readonly leaves: ReadonlyMap<string, Tensor>;
  readonly sigma: Nonlinearity;
  readonly learningRate: number;
  /** A value for a free scalar variable (pure identities), stable per point and name. */
  free(name: string): number;
}

export interface SamplingOptions {
  readonly seed: number;
  readonly count: number;
  /** Pinned sizes, e.g. {k: 3} from a directive. */
  readonly dims: Readonly<Record<string, number>>;
  readonly sigmas: readonly Nonlinearity[];
}

export interface Model {
  readonly name: string;
  readonly nodes: ReadonlyMap<string, ModelNode>;
  /** The model key a symbol denotes (ignoring its index subscript), if any. */
  resolveSymbol(sym: SymNode): string | undefined;
  /** Keys whose mention ties a claim to the model (a claim without them may be a pure identity). */
  readonly anchors: ReadonlySet<string>;
  /** Parameters trained by gradient descent (update rules refer to them). */
  readonly parameters: readonly string[];
  /** The size name that indexes a node (for sums and free indices): 'k'. */
  readonly defaultDim: string;
  /** Composite forms recognised structurally: σ applied to node `of` is node `is`. */
  readonly sigmaOf: Readonly<Record<string, string>>;
  samplePoint(rng: Random, index: number, options: SamplingOptions): SamplePoint;
  /** LaTeX snippets (with `i` as the index) of quantities whose ratio explains a wrong claim. */
  readonly factorHints: readonly string[];
  /** LaTeX snippets of derivatives a wrong claim may have computed instead. */
  readonly gradientHints: readonly string[];
  /** The correct formulas of the loss's derivatives, by the model key differentiated against; `{i}` is the index. */
  readonly answers: { readonly of: string; readonly wrt: Readonly<Record<string, string>> };
}

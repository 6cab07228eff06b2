import type { Random } from '../evaluate/random';
import type { Nonlinearity } from '../evaluate/activations';
import type { Tensor } from '../evaluate/tensor';
import type { Node, SymNode } from '../parse/ast';

/** A quantity of a model's computational graph: an input, a parameter, or an intermediate. */
export interface ModelNode {
  readonly key: string;
  /** How to write it in messages: 'ŷ', 'σ(z)', 'A'. */
  readonly display: string;
  /** Its definition, for hovers and messages: 'z = Ax + b'. */
  readonly definition?: string;
  /** Its formula as LaTeX in the model's own letters, `i` for the index (`Ax + b`): a wrong claim's expected right side. */
  readonly formula?: string;
  readonly role: 'input' | 'parameter' | 'intermediate' | 'output';
  /**
   * Defined by a formula in other nodes (z = Ax + b, μ = (1/m) Σ x_i): a text that writes that formula
   * defines the quantity, it does not claim anything. Not so x* = argmin f, whose closed form is a result.
   */
  readonly definedByFormula?: true;
  /** Intermediates compute from other nodes; inputs and parameters are sampled. */
  compute?(get: (key: string) => Tensor, point: SamplePoint): Tensor;
  /** 'column': one index selects a column (u_i of U), not an entry. */
  readonly indexedBy?: 'column';
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
  /**
   * Values for leaves that are small constants the document did not give (batchnorm's ε), used in
   * place of the leaf's own (0) by the claims that write them (semantics/small-constants.ts).
   */
  readonly smallConstants?: ReadonlyMap<string, Tensor>;
}

export interface SamplingOptions {
  readonly seed: number;
  readonly count: number;
  /** Pinned sizes, e.g. {k: 3} from a directive. */
  readonly dims: Readonly<Record<string, number>>;
  readonly sigmas: readonly Nonlinearity[];
  /** Values the document states for leaves (`x = (1, 7, 7, 9)`, `\\gamma = 1`), by model key; NaN marks an entry not given. */
  readonly given?: Readonly<Record<string, readonly number[]>>;
}

/** A known wrong convention (the unbiased variance): a claim equal to the left side evaluated under it gets `hint`. */
export interface ModelSlip {
  readonly name: string;
  /** In a student's words: 'this uses the unbiased 1/(m−1) variance; batchnorm uses 1/m'. */
  readonly hint: string;
  /** The same sample point, computed under the wrong convention. */
  at(point: SamplePoint): SamplePoint;
  /**
   * The slip is what a computational graph calls the local partial, with these quantities (keys)
   * held fixed: for the derivative of a node other than the output, in a document that takes
   * derivatives by them too (∂x̂_i/∂x_i beside ∂x̂_i/∂μ), a reading, not a mistake.
   */
  readonly localPartial?: { readonly held: readonly string[]; readonly phrase: string };
}

export interface Model {
  /** What `derivcheck: model=…` calls it. */
  readonly name: string;
  /** What it is, in one sentence, for help texts and pickers. */
  readonly description: string;
  readonly nodes: ReadonlyMap<string, ModelNode>;
  /** The model key a symbol denotes (ignoring its index subscript), if any. */
  resolveSymbol(sym: SymNode): string | undefined;
  /** Keys whose mention ties a claim to the model (a claim without them may be a pure identity). */
  readonly anchors: ReadonlySet<string>;
  /**
   * Quantities whose symbols are the model's own notation (ŷ, λ, x*, μ_B), not letters any text uses:
   * two of them in one equation say that its section is about a built-in model (check/model-evidence.ts).
   */
  readonly distinctive?: ReadonlySet<string>;
  /**
   * Quantities whose indexed entries are the model's notation too (`C_i`, `z_i` of the MLP, `\hat x_i`;
   * not ridge's `x_m`). A distinctive quantity not listed here is evidence only bare (`\beta`, not `\beta_0`).
   */
  readonly distinctiveEntries?: ReadonlySet<string>;
  /**
   * Distinctive quantities whose letters are as common elsewhere (batchnorm's β and ε, which regression
   * writes `y_i = x_i^\top\beta + \epsilon`): no evidence, and not counted among the model's quantities.
   */
  readonly weakEvidence?: ReadonlySet<string>;
  /**
   * Distinctive quantities that other math writes together too (a Gaussian's μ and σ, which batchnorm
   * also writes): together they tie a text to the model only with one more of its distinctive symbols.
   */
  readonly commonTogether?: ReadonlySet<string>;
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
  /** Leaves a document may give values for by stating them (`x = (1, 7, 7, 9)`): sampling then uses those values. */
  readonly givable?: ReadonlySet<string>;
  /** Subscript letters that name the batch, not an index (`B` in `\\mu_B`, `\\sigma_B^2`). */
  readonly labelSubscripts?: ReadonlySet<string>;
  /** Squares that are nodes of their own: `{sigma: 'var'}` makes `\\sigma^2` the variance node (so ∂L/∂σ² is defined). */
  readonly squareOf?: Readonly<Record<string, string>>;
  /**
   * Quantities defined as the factors of another (A = UΣVᵀ defines U, Σ and V): a text that writes the
   * factorization restates their definition (check/model-restatements.ts).
   */
  readonly factorizations?: readonly { readonly of: string; readonly factors: readonly string[] }[];
  /** Wrong conventions to recognise in a mismatch. */
  readonly slips?: readonly ModelSlip[];
  /** Size names a document may write besides `defaultDim` (n, d, r). */
  readonly sizeNames?: readonly string[];
  /** Keys whose numeric subscript is part of the name (`W_1` of a network with numbered layers): the symbol is the whole node, not an entry. */
  readonly subscriptNames?: ReadonlySet<string>;
  /** Vectors and matrices: a claim that mentions one is read in the model, never as an identity in free scalars (which commute). */
  readonly matrixKeys?: ReadonlySet<string>;
  /** A node's shape in size names (['n', 'd']; ['1', '1'] for a scalar) at a point, for messages about shapes. */
  symbolicShape?(key: string, point: SamplePoint): readonly [string, string] | undefined;
  /** The body a node is defined by, in the document's own model (a built-in model's nodes are code). */
  bodyOf?(key: string): Node | undefined;
  /**
   * A leaf that is only a symbol the document uses, neither defined nor declared (the document's own
   * model): a derivative of it is of nothing, never 0.
   */
  isUndefinedLeaf?(key: string): boolean;
  /** Accepted readings of some nodes (thin or full SVD); the first is the default. */
  readonly conventions?: readonly ModelConvention[];
  /** Known wrong formulas: a claim equal to one of them everywhere gets its hint. */
  readonly wrongForms?: readonly { readonly latex: string; readonly hint: string }[];
  /**
   * Equations in `variable` that fail for a general value may be optimality conditions
   * (`2A^T(Ax-b) + 2λx = 0`): they are checked again with `variable` set to node `at`.
   */
  readonly optimum?: { readonly variable: string; readonly at: string; readonly description: string };
}

/** One accepted reading of some nodes: a claim that mentions them is accepted under the first convention whose shapes fit. */
export interface ModelConvention {
  readonly name: string;
  /** For messages and evidence: 'the thin SVD (U n×r, Σ r×r, V d×r)'. */
  readonly description: string;
  /** The nodes whose value depends on the convention. */
  readonly keys: ReadonlySet<string>;
  /** The same sample point, read under this convention. */
  at(point: SamplePoint): SamplePoint;
}

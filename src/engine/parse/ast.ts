import type { SourceRange } from '../source/location';

/**
 * The math AST. Every node carries `loc`, a range into the text that was parsed (span-local
 * offsets). The parser is purely syntactic: it does not know the model, so it never decides whether
 * `b^{(t+1)}` is a power or a time step, or whether `f(x)` is a call or a product; the node kinds
 * below keep enough information for the checker to decide.
 */
export type Node =
  | NumNode
  | SymNode
  | CallNode
  | BinNode
  | NegNode
  | PowNode
  | TransposeNode
  | DerivNode
  | SumNode
  | IndicatorNode
  | TupleNode
  | NormNode
  | IndexNode
  | AtNode;

interface Base {
  readonly loc: SourceRange;
}

export interface NumNode extends Base {
  readonly kind: 'num';
  readonly value: number;
  /** Digits after the decimal point as written (`-1.667` → 3; `2` → 0). */
  readonly decimals: number;
}

/**
 * A symbol: `x`, `b_i`, `A_{ij}`, `\hat y`, `y_{\text{pred}}`, `\sigma_i`, `\delta_{ij}`, `x^*`.
 * `name` is the canonical base name: Latin letters as written ('y', 'A'), Greek letters by their
 * command name without backslash ('sigma', 'alpha', 'delta'), multi-letter names from \text,
 * \mathrm, \operatorname as written ('pred', 'ReLU'). Unicode Greek letters map to the same names.
 */
export interface SymNode extends Base {
  readonly kind: 'sym';
  readonly name: string;
  /** `\hat`/`\widehat` → 'hat', `\bar`/`\overline` → 'bar', `\tilde`/`\widetilde` → 'tilde', `\vec` → 'vec', `\dot` → 'dot'. */
  readonly accent?: 'hat' | 'bar' | 'tilde' | 'vec' | 'dot';
  /** Font commands applied (`\mathbf x` → 'bf'); informational. */
  readonly font?: string;
  readonly sub?: Subscript;
  /** `x^*` → true. */
  readonly star?: boolean;
  /** Number of primes: `y'` → 1. */
  readonly primes?: number;
}

/**
 * `label`: a textual subscript: `y_{pred}`, `y_{\text{true}}`, `x_{ridge}` (a run of three or more
 * letters, or any \text/\mathrm content).
 * `indices`: one expression per index: `b_i` → [i]; `A_{ij}` → [i, j]; `A_{i,j}` → [i, j];
 * `b_{t+1}` → [t+1]; `x_1` → [1].
 */
export type Subscript =
  | { readonly kind: 'label'; readonly text: string; readonly loc: SourceRange }
  | { readonly kind: 'indices'; readonly items: readonly Node[]; readonly loc: SourceRange };

/**
 * A function application. `fn` is canonical: 'sigma', 'exp', 'log', 'ln', 'tanh', 'sigmoid',
 * 'relu', 'softplus', 'sqrt', 'max', 'min', 'sin', 'cos', or a user symbol name ('f', 'L', 'g').
 * `\sigma'(z)` and `\sigma^\prime(z)` → primes 1. `\tanh^2(z)` is Pow(Call tanh, 2).
 * `\log x` (no parentheses) → args [x]. `\sqrt{x}` → fn 'sqrt'.
 * `ambiguous` is true when a plain symbol that is not a known function name is followed by a
 * parenthesised single argument (`f(x)`, `C(y - \hat y)`): the checker decides between a call and a
 * product. A parenthesised list with commas (`L(y, \hat y)`) is always a call.
 */
export interface CallNode extends Base {
  readonly kind: 'call';
  readonly fn: string;
  readonly fnLoc: SourceRange;
  readonly primes: number;
  readonly args: readonly Node[];
  readonly ambiguous?: boolean;
  /** For `ambiguous` calls, the symbol node of the would-be function (so it can become a factor). */
  readonly fnSym?: SymNode;
}

/**
 * Binary operators. '*' is an explicit `*`; 'cdot' is `\cdot`; 'times' is `\times`; 'juxt' is
 * implicit multiplication; 'odot' is `\odot` or `\circ` (elementwise); '/' covers `/` and \frac.
 */
export interface BinNode extends Base {
  readonly kind: 'bin';
  readonly op: '+' | '-' | '*' | 'cdot' | 'times' | 'juxt' | 'odot' | '/';
  readonly left: Node;
  readonly right: Node;
}

export interface NegNode extends Base {
  readonly kind: 'neg';
  readonly arg: Node;
}

/** `x^2`, `e^{-z}`, `A^{-1}`, and also `b^{(t+1)}`, which the checker may read as a time step. */
export interface PowNode extends Base {
  readonly kind: 'pow';
  readonly base: Node;
  readonly exp: Node;
  /** True when the exponent was wrapped in parentheses inside the braces: `b^{(t+1)}`. */
  readonly parenExp?: boolean;
  /** True when it was wrapped in brackets: `a^{[l]}`, `z^{[2]}` (a layer index where the base is a letter). */
  readonly bracketExp?: boolean;
  /** True when the base is a symbol in parentheses: `(x)^{(2)}` is a power, whatever `x^{(2)}` is. */
  readonly groupedBase?: boolean;
}

/** `C^T`, `C^\top`, `C^{\top}`, `C^\intercal`, `C^{\mathsf T}`. */
export interface TransposeNode extends Base {
  readonly kind: 'transpose';
  readonly arg: Node;
}

/**
 * A derivative.
 * - `\frac{\partial L}{\partial b_i}` → style 'partial', of L, wrt b_i.
 * - `\frac{dL}{dd}`, `\frac{\mathrm{d}L}{\mathrm{d}d}` → style 'd'.
 * - `\frac{d}{dz}\sigma(z)`, `\frac{\partial}{\partial z}(…)` → operator form: `of` is the operand,
 *   which extends over the rest of the multiplicative term; `operatorForm` true.
 * - `\partial L / \partial b_i` → as \frac.
 * - `\partial_{b_i} L` → style 'partial', operatorForm true.
 * - `\nabla_b L` → style 'nabla', wrt b, of L.
 * - `\frac{\partial^2 L}{\partial b_i^2}` → order 2; `\frac{\partial^2 f}{\partial x \partial y}` → order 2, wrt x, wrt2 y.
 */
export interface DerivNode extends Base {
  readonly kind: 'deriv';
  readonly style: 'partial' | 'd' | 'nabla';
  readonly of: Node;
  readonly wrt: Node;
  readonly order: number;
  readonly operatorForm: boolean;
  /** The second variable of a mixed partial `\frac{\partial^2 f}{\partial x \partial y}` (order 2; `wrt` is x). */
  readonly wrt2?: Node;
}

/** `\sum_{j=1}^{k} body`, `\sum_j body`, `\sum_{j} body`. The body extends over the rest of the multiplicative term. */
export interface SumNode extends Base {
  readonly kind: 'sum';
  readonly index: string;
  readonly indexLoc: SourceRange;
  readonly lower?: Node;
  readonly upper?: Node;
  readonly body: Node;
}

export interface CompareNode extends Base {
  readonly kind: 'compare';
  readonly op: '>' | '<' | '>=' | '<=' | '=' | '!=';
  readonly left: Node;
  readonly right: Node;
}

/** `\mathbb{1}[z > 0]`, `\mathbb{1}\{z>0\}`, `\mathbf{1}(z>0)`, `1_{z>0}`, `\mathbb{1}_{z>0}`. */
export interface IndicatorNode extends Base {
  readonly kind: 'indicator';
  readonly cond: CompareNode;
}

/** A literal vector: `(1, 7, 7, 9)`, `\{1,7,7,9\}`, `[1, 2]`, or the rows of a `bmatrix`/`pmatrix`. */
export interface TupleNode extends Base {
  readonly kind: 'tuple';
  /** Row-major. A plain list `(1, 7, 7, 9)` is a column: four rows of one item each. */
  readonly rows: readonly (readonly Node[])[];
  readonly delim: '(' | '[' | '{' | 'matrix';
}

/** `\|x\|`, `\lVert x \rVert`, `\left\| x \right\|` (norm); `|x|` (abs). `\|x\|_2^2` is Pow(Norm, 2). */
export interface NormNode extends Base {
  readonly kind: 'norm';
  readonly arg: Node;
  readonly abs: boolean;
  /** The norm's subscript: `\|x\|_1`, `\|x\|_2`, `\|A\|_F`, `\|x\|_\infty` (none: the Euclidean norm of a vector). */
  readonly p?: NormSubscript;
}

export type NormSubscript = 1 | 2 | 'F' | 'inf';

/**
 * A component of an expression that is not a symbol: `(\nabla_b L)_i`, `\left(Ax+b\right)_i`,
 * `[v]_{ij}`, `\sigma'(z)_i`, `(C^\top)_{i}`. `indices` follow the rules of a symbol's subscript
 * (`_{ij}` and `_{i,j}` → [i, j]), except that a run of letters is always indices, never a label.
 * `base` is never a SymNode: a symbol keeps its own `sub` (`b_i`, and `(b)_i` → b_i).
 * When `base` is an ambiguous CallNode (`C(y - \hat y)_i`), TeX attaches `_i` to the closing
 * parenthesis: read as a product, it is C · (y - ŷ)_i.
 */
export interface IndexNode extends Base {
  readonly kind: 'index';
  readonly base: Node;
  readonly indices: readonly Node[];
}

/**
 * An evaluation bar: `\frac{\partial L}{\partial b}\bigg|_{b = b_t}`, `\left. … \right|_{z=0}`,
 * `X|_{x=1, y=2}`. `body` is the postfix atom before the bar (an operator-form derivative such as
 * `\frac{d}{dz}\sigma(z)\Big|_{z=0}` takes the bar as a whole); `bindings` are the `name = value`
 * pairs of the subscript, in order; `name` is usually a SymNode.
 */
export interface AtNode extends Base {
  readonly kind: 'at';
  readonly body: Node;
  readonly bindings: readonly { readonly name: Node; readonly value: Node }[];
}

/** The relations that separate the members of a chain. 'update' is `\leftarrow`, `\gets`, `:=`. */
export type RelOp = '=' | 'approx' | 'update';

/** `a = b \approx c`: members [a, b, c], ops ['=', 'approx']. A plain expression has one member. */
export interface Chain {
  /** Set when the text starts with a relation (an aligned row `&= c` that continues the previous row). */
  readonly leadingOp?: RelOp;
  readonly leadingOpLoc?: SourceRange;
  readonly members: readonly Node[];
  readonly ops: readonly RelOp[];
  readonly opLocs: readonly SourceRange[];
  readonly loc: SourceRange;
}

/** A parse failure. `message` names what was expected ("expected '}' to close '{' at 5"). */
export interface ParseFailure {
  readonly message: string;
  readonly loc: SourceRange;
  /**
   * True when the text is recognised but the checker cannot evaluate it (ellipses, \prod,
   * integrals, \lim, cases, mixed partials, determinants, \binom, \pm, inverse functions,
   * `\log_2`, inequalities, …); absent for syntax errors and unknown commands.
   */
  readonly unsupported?: boolean;
}

export type ParseResult = { ok: true; chain: Chain } | { ok: false; error: ParseFailure };

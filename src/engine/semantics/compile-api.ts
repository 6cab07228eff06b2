// The compiler as the compiling of each family of nodes (compile-symbols.ts, compile-operators.ts,
// compile-calls.ts, compile-calculus.ts) sees it: its state, what it learned so far, and the helpers
// the families share. The Compiler (compile.ts) implements it; the families never import it.
import type { Node, SymNode } from '../parse/ast';
import type { SourceRange } from '../source/location';
import type { Env } from './env';
import type { Compiled, Evaluator, Scope } from './scope';

/** Why a claim cannot be evaluated: an unknown symbol, an unsupported construct. Carries its location. */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly loc: SourceRange,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

/** A quantity the claim mentions, with a way to read its value (for counterexamples). */
export interface Mention {
  readonly text: string;
  readonly read: (env: Env) => number | undefined;
}

/** What the compiler learned about an expression besides its evaluator. */
export interface CompileInfo {
  /** Free index letters (not bound by a sum) → functions giving the size they index at a point. */
  readonly freeIndices: Map<string, ((env: Env) => number)[]>;
  readonly mentions: Map<string, Mention>;
  hasDerivative: boolean;
  hasTimeStep: boolean;
  /** True when the expression has no symbol at all (a numeric answer like `-1.667`). */
  constant: boolean;
  /** The most decimals written in any number literal. */
  decimals: number;
  /** Free variables read as scalars only because nothing gives their shape (by how they are written). */
  readonly shapeless: Set<string>;
  /** Free variables read whole (x) and by entries (x_1, x_i), by key (the first with how it is written): one may not be both. */
  readonly freeWholes: Map<string, string>;
  readonly freeEntries: Set<string>;
  /** The upper bounds of the sums over the entries of a vector differentiated by entry (the K of Σ_{j=1}^K e^{z_j}): the claim's free indices run up to them. */
  readonly entryBounds: ((env: Env) => number)[];
}

export function newInfo(): CompileInfo {
  return { freeIndices: new Map(), mentions: new Map(), hasDerivative: false, hasTimeStep: false, constant: true, decimals: 0, shapeless: new Set(), freeWholes: new Map(), freeEntries: new Set(), entryBounds: [] };
}

export interface CompilerApi {
  readonly scope: Scope;
  /** Compiling a claim without model anchors as an identity in free scalar variables. */
  readonly pure: boolean;
  readonly info: CompileInfo;
  /** Index letters bound by enclosing sums or by the definition being compiled (pushed and popped). */
  readonly bound: string[];
  /** The parameters of the user function being compiled. */
  readonly params: readonly string[];
  /** How many derivatives enclose what is being compiled. */
  derivativeDepth: number;
  /** Inside an evaluation bar: what it mentions has values at the bar's point, not the sample's, so no counterexample shows them. */
  barDepth: number;
  compile(node: Node): Compiled;
  /** A compiler of its own (its own info) in the same scope. */
  child(pure: boolean, boundIndices?: readonly string[], params?: readonly string[]): CompilerApi;
  /** A model node or a user quantity, whole or one entry (`A_i`, `A_{ij}`). */
  nodeReference(key: string, sym: SymNode | undefined, indices: readonly Node[], whole: Evaluator, display?: string): Compiled;
  /** Free index letters used as the indices of a family take their range from the family's body. */
  recordFreeIndexHints(indices: readonly Node[]): void;
  /** An index expression (`i`, `j`, `1`, `i+1`) evaluated to a 1-based integer. */
  indexExpr(node: Node): (env: Env) => number;
  /** Records a quantity for counterexamples; those inside a derivative (L in ∂L/∂b) say little. */
  mention(text: string, read: (env: Env) => number | undefined): void;
}

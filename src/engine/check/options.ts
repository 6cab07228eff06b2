import type { SourceRange } from '../source/location';
import type { CheckCache } from './cache';


/** How a document is checked: sampling, tolerance, default model and σ, budgets, caches and hooks. */
export interface CheckOptions {
  /** Seed for the sample points; default 1. */
  readonly seed?: number;
  /** Number of random sample points; default 16, at least 16 is recommended. */
  readonly samples?: number;
  /** Relative tolerance; default 1e-9. */
  readonly tol?: number;
  /** Model to check against unless a directive says otherwise; default 'auto'. */
  readonly model?: string;
  /** The σ used unless the document selects one; default 'sigmoid'. */
  readonly sigma?: string;
  /** The symbolic prover's time limit per claim in ms (0 disables it); default 300. */
  readonly symbolicTimeoutMs?: number;
  /**
   * The prover time one check of a document may spend in all, in ms; default 500 (the wait for the
   * prover's first start in a process is not counted). Once spent, verified steps are not sent to
   * the prover (their evidence says `skipped`); verdicts never change.
   */
  readonly symbolicBudgetMs?: number;
  /** Step outcomes from earlier checks, reused when a step and its context are unchanged. */
  readonly cache?: CheckCache;
  /** Seed of the point hovers evaluate at (Resample draws a new one); default: the seed. */
  readonly hoverSeed?: number;
  /**
   * Time budget of one claim in ms: its model choice, numeric check at every point, readings,
   * diagnosis and symbolic proof (whose limit becomes what is left of it). Past it the work stops
   * and the claim is `unsupported`, code 'too-complex'. Default 200; 0 or Infinity: no budget.
   */
  readonly claimBudgetMs?: number;
  /**
   * Called with the cause of an unexpected exception while checking a claim (the claim becomes an
   * `unsupported` finding, code 'internal-error', and the rest of the document is still checked).
   */
  readonly onInternalError?: (error: unknown, range: SourceRange) => void;
  /**
   * Check only the claims of math spans that end at or after this document offset; the claims
   * before it still take effect (definitions, given values, model choices, directives) but get no
   * verdict and no finding. For an answer about one claim now (a hover while the document is being
   * edited): its verdict is the same as in a check of the whole document.
   */
  readonly verdictsFrom?: number;
  /**
   * The text of the local files a LaTeX document loads (a defs.sty beside it for `\usepackage{defs}`,
   * `\input{macros}`): their macro definitions apply from the start. The caller reads them
   * (extract/companions.ts names them); the engine reads no files.
   */
  readonly companions?: readonly string[];
}

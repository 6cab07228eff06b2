import type { SourceRange } from '../source/location';

/** A named value shown to the user: `x = 0.52`. */
export interface NamedValue {
  readonly name: string;
  readonly value: string;
}

/** A sub-expression of a claim, evaluated at the hover sample point. */
export interface Inspection {
  /** Document range of the sub-expression. */
  readonly range: SourceRange;
  /** Readable form: "σ(z_i)". */
  readonly text: string;
  /** Its value at the hover point ("0.7311", or "(0.1, −0.2)ᵀ"). */
  readonly value: string;
  /** For a model quantity, its definition: "z = Ax + b". */
  readonly definition?: string;
}

/** "Yours vs expected" as one variable sweeps a range. */
export interface Sweep {
  readonly variable: string;
  readonly xs: number[];
  readonly claimed: (number | null)[];
  readonly expected: (number | null)[];
}

/** The values of both sides of a claim at the hover sample point. */
export interface SideValues {
  readonly left: string;
  readonly right: string;
  /** The point: free indices, sizes, the variables the claim mentions. */
  readonly values: NamedValue[];
}

/**
 * Live access to one checked step, for editors: hovers, the report panel's expected expression and
 * plot. Everything is computed on demand (nothing here runs while checking).
 */
export interface ClaimHandle {
  /** LaTeX of the left (expected) and right (claimed) sides as written. */
  readonly leftLatex: string;
  readonly rightLatex: string;
  /** The left side (what the claim is about) written from its parse, for rendering. */
  readonly targetLatex: string;
  /** Both sides in the Unicode of messages (`∂L/∂b_i`, `−2(y − ŷ)C_iσ′(z_i)`). */
  readonly leftText: string;
  readonly rightText: string;
  /** The step as checked, written from its parse in LaTeX that KaTeX renders (whatever notation the text used). */
  readonly latex: string;
  /** Where the right side is written in the document (of `rightLatex` when the text is LaTeX as checked). */
  readonly rightRange: SourceRange;
  /** Both sides at the hover point; undefined when they cannot be evaluated. */
  sides(): SideValues | undefined;
  /** The innermost sub-expression at a document offset, with its value at the hover point. */
  inspect(offset: number): Inspection | undefined;
  /** For a scalar claim: both sides as one mentioned variable sweeps a range. */
  sweep(count?: number): Sweep | undefined;
  /** For a mismatch, a right side that holds, as LaTeX (expected-form.ts); undefined when none can be built. */
  expectedLatex(): string | undefined;
}

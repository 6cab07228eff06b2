import type { SourceRange } from '../source/location';

/** The verdicts, in the order summaries list them. */
export const VERDICTS = ['verified', 'mismatch', 'unparsed', 'unsupported'] as const;

export type Verdict = (typeof VERDICTS)[number];

/** One checked step (or one piece of math that could not be parsed), located in the document. */
export interface Finding {
  readonly verdict: Verdict;
  /** Document offsets of the step. */
  readonly range: SourceRange;
  /** The step's source text. */
  readonly text: string;
  /** What the left side means, when known: "∂L/∂A_i". */
  readonly target?: string;
  /** One line, as a teacher would say it. */
  readonly message: string;
  /** Free-form machine-readable detail: method, counterexample, ratio, points checked… */
  readonly evidence: Record<string, unknown>;
  /** Where related definitions or previous steps are (document offsets), for editors. */
  readonly related?: { readonly range: SourceRange; readonly message: string }[];
  /** Why a claim was not decided, when it is the checker's limit: 'too-complex' (time budget), 'internal-error'. */
  readonly code?: 'too-complex' | 'internal-error';
}

import type { SourceRange } from '../source/location';
import type { Evidence } from './evidence';
import type { Verdict } from './verdict';

export type { Verdict };

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
  /** Machine-readable detail: how it was decided, a mismatch's diagnosis and counterexample, why a claim was not decided. */
  readonly evidence: Evidence;
  /** Where related definitions or previous steps are (document offsets), for editors. */
  readonly related?: { readonly range: SourceRange; readonly message: string }[];
  /** Why a claim was not decided, when it is the checker's limit: 'too-complex' (time budget), 'internal-error'. */
  readonly code?: 'too-complex' | 'internal-error';
}

import type { SourceRange } from '../source/location';
import type { Evidence } from './evidence';
import type { Verdict } from './verdict';

export type { Verdict };

/** Between a mismatch's summary and its example point ("sign error: …; e.g. at k=2, …: claimed 1, expected −1"). */
export const EXAMPLE_SEPARATOR = '; e.g. ';

/** A message without its example point: the summary, for places with room for one short line (the Problems panel). */
export function summaryOf(message: string): string {
  const example = message.indexOf(EXAMPLE_SEPARATOR);
  return example < 0 ? message : message.slice(0, example);
}

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

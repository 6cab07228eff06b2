// A mismatch read again with some of the text's notation taken another way (angles in degrees, a
// negative number powered whole): a claim that holds then is not decided, since the text does not say
// which reading it means.
import type { Node } from '../parse/ast';
import { some } from '../semantics/walk';
import type { StepOutcome, StepRequest } from './step-io';

export interface OtherReading {
  /** A node the other reading changes: without one, there is nothing to read again. */
  readonly applies: (node: Node) => boolean;
  /** Both sides, read the other way. */
  readonly rewrite: (node: Node) => Node;
  readonly message: string;
  readonly reason: string;
}

/** The outcome as not decided when it is a mismatch as written but holds under `reading`; else as it is. */
export function heldWhenReadAs(reading: OtherReading, outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  if (outcome.verdict !== 'mismatch') return outcome;
  if (!some(request.expected, reading.applies) && !some(request.claimed, reading.applies)) return outcome;
  const reread = check({ ...request, expected: reading.rewrite(request.expected), claimed: reading.rewrite(request.claimed) });
  if (reread.verdict !== 'verified') return outcome;
  return { verdict: 'unsupported', message: reading.message, evidence: { reason: reading.reason, checked: outcome.evidence } };
}

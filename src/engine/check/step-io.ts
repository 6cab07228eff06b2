// What checking one step takes (both sides, the operator, the scope and points) and gives (a verdict,
// a message, evidence): shared by the step check and the readings that re-run it.
import type { Node, RelOp } from '../parse/ast';
import type { SamplePoint } from '../semantics/model';
import type { Scope } from '../semantics/scope';
import type { Evidence } from './evidence';
import type { Verdict } from './finding';
import type { SymbolicBudget } from './symbolic-form';

export interface StepRequest {
  /** The side already established (the left side, or the previous row). */
  readonly expected: Node;
  /** The side being claimed. */
  readonly claimed: Node;
  readonly op: RelOp;
  readonly scope: Scope;
  readonly points: readonly SamplePoint[];
  readonly tol: number;
  readonly target?: string;
  readonly symbolicTimeoutMs: number;
  /** The document's remaining prover time (none: only the limit per step applies). */
  readonly symbolicBudget?: SymbolicBudget;
}

export interface StepOutcome {
  readonly verdict: Verdict;
  readonly message: string;
  readonly evidence: Evidence;
}

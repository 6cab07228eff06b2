// Each claim is checked within its time budget (CheckOptions.claimBudgetMs) and apart from the
// others: a claim that runs out of time or throws becomes one finding on itself, "too complex to
// check in time" or "internal error while checking this claim", and the next claim is checked.
import type { SourceRange } from '../source/location';
import { withinBudget } from '../semantics/deadline';
import type { Finding } from './finding';
import type { ClaimHandle } from './handle';
import { CHECK_DEFAULTS } from './defaults';
import type { CheckOptions } from './options';

/** What a check reports: findings in order, live handles and the time each claim took. */
export interface CheckOutput {
  readonly findings: Finding[];
  readonly handles: Map<Finding, ClaimHandle>;
  /**
   * The time each claim's check took in ms (CheckOptions.claimBudgetMs measures the same), kept
   * beside the findings so that findings stay the same from one check to the next.
   */
  readonly elapsed: Map<Finding, number>;
}

export class ClaimGuard {
  /** Time one claim may take (Infinity: no limit). */
  private readonly budgetMs: number;

  constructor(
    private readonly text: string,
    private readonly options: CheckOptions,
    private readonly output: CheckOutput,
  ) {
    const budget = options.claimBudgetMs ?? CHECK_DEFAULTS.claimBudgetMs;
    this.budgetMs = budget > 0 && Number.isFinite(budget) ? budget : Infinity;
  }

  /**
   * Checks one claim (a step, or a definition) within the claim budget, from `startedAt`: its
   * findings get the time it took. A spent budget or an unexpected exception replaces them with one
   * finding on the claim; the caller goes on with the next claim. `target` is only read for that
   * finding (describing the claim's head costs more than re-checking an unchanged step). False when
   * the check did not complete.
   */
  claim(range: SourceRange, target: () => string | undefined, startedAt: number, check: () => void): boolean {
    const { findings, handles, elapsed } = this.output;
    const before = findings.length;
    const result = withinBudget(this.budgetMs, check, startedAt);
    const elapsedMs = Math.round(result.elapsedMs * 100) / 100;
    if (!result.ok) {
      for (const partial of findings.splice(before)) handles.delete(partial);
      findings.push(this.failedClaim(result.error, result.overBudget, range, target()));
    }
    for (let i = before; i < findings.length; i++) elapsed.set(findings[i], elapsedMs);
    return result.ok;
  }

  /** The finding of a claim whose check ran out of time or threw. */
  private failedClaim(error: unknown, overBudget: boolean, range: SourceRange, target: string | undefined): Finding {
    if (!overBudget) return { ...this.internalError(error, range), ...(target ? { target } : {}) };
    const message = `too complex to check in time (over ${this.budgetMs} ms)`;
    return {
      verdict: 'unsupported',
      code: 'too-complex',
      range,
      text: this.text.slice(range.start, range.end),
      ...(target ? { target } : {}),
      message,
      evidence: { reason: 'too complex to check in time', budgetMs: this.budgetMs },
    };
  }

  /** An unexpected exception as a finding on what was being checked; the cause goes to the caller's hook. */
  internalError(error: unknown, range: SourceRange): Finding {
    const cause = error instanceof Error ? error.message : String(error);
    try {
      this.options.onInternalError?.(error, range);
    } catch {
      // A failing logger must not stop the check.
    }
    return {
      verdict: 'unsupported',
      code: 'internal-error',
      range,
      text: this.text.slice(range.start, range.end),
      message: `internal error while checking this claim: ${cause}`,
      evidence: { internalError: cause, stack: error instanceof Error ? error.stack : undefined },
    };
  }
}

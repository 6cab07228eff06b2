// The time budget of one claim (CheckOptions.claimBudgetMs). Checking is synchronous and one claim is
// checked at a time (the sliced job runs a whole claim within one step), so the running claim's
// deadline is module state: the hot loops (sample points, readings, diagnosis hypotheses, every
// evaluation) reach it without threading it through every signature.
//
// A claim's time is the lesser of its wall-clock time and the process's CPU time over it: on a
// loaded machine the process waits for a core, and that wait must not turn a normal claim into a
// "too complex" one (verdicts would depend on the load); on an idle machine both are the same.

/** Thrown from the hot loops once the running claim's budget is spent; withinBudget turns it into a result. */
export class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`too complex to check in time (over ${budgetMs} ms)`);
    this.name = 'BudgetExceeded';
  }
}

/**
 * CPU time of the process in ms. A read is a system call (~0.1 ms here; reading it for every claim
 * was 11 % of a 5,000-claim check), so a reading up to CPU_READING_MAX_AGE_MS old is reused unless
 * `fresh`: a claim's CPU time can be over-counted by that much, never under-counted.
 */
function cpuNow(fresh = false): number {
  const now = performance.now();
  if (fresh || now - cpuReading.at > CPU_READING_MAX_AGE_MS) {
    const { user, system } = process.cpuUsage();
    cpuReading = { at: now, ms: (user + system) / 1000 };
  }
  return cpuReading.ms;
}
const CPU_READING_MAX_AGE_MS = 25;
let cpuReading = { at: -Infinity, ms: 0 };

interface Frame {
  /** When the budget may be spent at the earliest (wall clock); Infinity without a budget. */
  deadline: number;
  readonly startedAt: number;
  readonly cpuStart: number;
  readonly budgetMs: number;
  /** Set once the deadline was hit: a caller that swallowed the throw cannot turn the claim into a verdict. */
  expired: boolean;
  /** Time not charged to the claim (the prover's first start in a process). */
  excludedMs: number;
}

let frame: Frame | undefined;
let ticks = 0;
/** Evaluations between two clock reads in tick(): a read costs more than a small evaluation. */
const TICK_EVERY = 16;

export type BudgetResult<T> =
  | { readonly ok: true; readonly value: T; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: unknown; readonly overBudget: boolean; readonly elapsedMs: number };

/**
 * Runs `f` as one claim with `budgetMs` of time from `startedAt` (0 or a non-finite budget: none).
 * Never throws: a spent budget or any exception is in the result, with the time the claim took.
 */
export function withinBudget<T>(budgetMs: number, f: () => T, startedAt = performance.now()): BudgetResult<T> {
  const saved = frame;
  const limited = Number.isFinite(budgetMs) && budgetMs > 0;
  // The CPU clock starts now: time before `startedAt` counts on the wall clock only (not less than its CPU time).
  const own: Frame = { deadline: limited ? startedAt + budgetMs : Infinity, startedAt, cpuStart: cpuNow() - (performance.now() - startedAt), budgetMs, expired: false, excludedMs: 0 };
  frame = own;
  const elapsed = () => spentMs(own);
  try {
    const value = f();
    if (own.expired) return { ok: false, error: new BudgetExceeded(budgetMs), overBudget: true, elapsedMs: elapsed() };
    return { ok: true, value, elapsedMs: elapsed() };
  } catch (error) {
    return { ok: false, error, overBudget: own.expired || error instanceof BudgetExceeded, elapsedMs: elapsed() };
  } finally {
    frame = saved;
  }
}

/** The claim's time so far: the lesser of wall-clock and CPU time, less the time not charged. */
function spentMs(f: Frame): number {
  const wall = performance.now() - f.startedAt;
  // Within the budget on the wall clock, the lesser of the two is too: no need to read the CPU clock.
  if (wall - f.excludedMs <= f.budgetMs) return Math.max(0, wall - f.excludedMs);
  return Math.max(0, Math.min(wall, cpuNow(true) - f.cpuStart) - f.excludedMs);
}

/** Stops the running claim (throws BudgetExceeded) once its budget is spent. */
export function checkDeadline(): void {
  const current = frame;
  if (current === undefined || current.deadline === Infinity) return;
  // The wall clock is the cheap first test: before the deadline, no time measure can be over budget.
  if (current.expired || (performance.now() > current.deadline && spentMs(current) > current.budgetMs)) {
    current.expired = true;
    throw new BudgetExceeded(current.budgetMs);
  }
}

/** checkDeadline for the innermost loops (one evaluation): reads the clock every few calls only. */
export function tick(): void {
  if (frame !== undefined && frame.deadline !== Infinity && ++ticks % TICK_EVERY === 0) checkDeadline();
}

/** What is left of the running claim's budget in ms (Infinity when there is none). */
export function remainingMs(): number {
  if (frame === undefined || frame.deadline === Infinity) return Infinity;
  return Math.max(0, frame.budgetMs - spentMs(frame));
}

/** Time spent on something that is not the claim's (waiting for the prover's first start): not charged. */
export function excludeFromBudget(ms: number): void {
  if (frame === undefined || !(ms > 0)) return;
  frame.excludedMs += ms;
  frame.deadline += ms;
}

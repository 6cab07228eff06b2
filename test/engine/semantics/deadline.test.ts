// One claim's time budget (semantics/deadline.ts) on its own: withinBudget's results, the deadline
// stopping a loop and staying spent when the stop is swallowed, time excluded from the budget.
import * as assert from 'node:assert/strict';
import { BudgetExceeded, checkDeadline, excludeFromBudget, remainingMs, tick, withinBudget } from '../../../src/engine/semantics/deadline';

/** Runs checkDeadline until it throws (the budget is spent), returning what it threw. */
function untilStopped(): unknown {
  for (;;) {
    try {
      checkDeadline();
    } catch (error) {
      return error;
    }
  }
}

describe('the claim time budget (deadline)', () => {
  it('returns the value of a claim that finishes, with its time', () => {
    const result = withinBudget(1000, () => 42);
    assert.ok(result.ok);
    assert.equal(result.value, 42);
    assert.ok(result.elapsedMs >= 0 && result.elapsedMs < 1000);
  });

  it('stops a claim past its budget, saying so', () => {
    const result = withinBudget(3, () => {
      throw untilStopped();
    });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.overBudget);
    assert.ok(!result.ok && result.error instanceof BudgetExceeded);
    assert.ok(!result.ok && result.error instanceof Error && result.error.message === 'too complex to check in time (over 3 ms)');
  });

  it('a stop that the claim swallowed still ends the claim as over budget', () => {
    const result = withinBudget(3, () => {
      untilStopped();
      return 'swallowed';
    });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.overBudget && result.error instanceof BudgetExceeded && result.error.budgetMs === 3);
    // Once spent, the budget stays spent: every later check stops at once.
    const again = withinBudget(3, () => {
      try {
        untilStopped();
      } catch {
        // unreachable
      }
      checkDeadline();
      return 'after';
    });
    assert.equal(again.ok, false);
  });

  it('another error is not over budget; a BudgetExceeded thrown from inside is', () => {
    const other = withinBudget(1000, () => {
      throw new Error('boom');
    });
    assert.ok(!other.ok && !other.overBudget && other.error instanceof Error && other.error.message === 'boom');
    const inner = withinBudget(1000, () => {
      throw new BudgetExceeded(5);
    });
    assert.ok(!inner.ok && inner.overBudget);
  });

  it('0 or a non-finite budget is no budget', () => {
    for (const budget of [0, Infinity, NaN]) {
      const result = withinBudget(budget, () => {
        checkDeadline();
        for (let i = 0; i < 100; i++) tick();
        return remainingMs();
      });
      assert.ok(result.ok && result.value === Infinity, String(budget));
    }
    assert.equal(remainingMs(), Infinity);
  });

  it('tick() reaches the deadline within a few calls', () => {
    const result = withinBudget(2, () => {
      const start = performance.now();
      while (performance.now() - start < 2000) tick();
      return 'not stopped';
    });
    assert.ok(!result.ok && result.overBudget);
  });

  it('time excluded from the budget (the prover’s first start) moves the deadline', () => {
    const result = withinBudget(5, () => {
      excludeFromBudget(60_000);
      const start = performance.now();
      while (performance.now() - start < 15) checkDeadline();
      return remainingMs();
    });
    assert.ok(result.ok, 'stopped although the time was excluded');
    assert.ok(result.value > 0 && result.value <= 5);
  });

  it('says what is left of the budget', () => {
    const result = withinBudget(10_000, () => remainingMs());
    assert.ok(result.ok && result.value > 9000 && result.value <= 10_000);
  });
});

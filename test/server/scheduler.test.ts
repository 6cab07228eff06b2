import * as assert from 'node:assert/strict';
import { CheckScheduler, type Task } from '../../src/server/scheduler';
import { normalizeSettings } from '../../src/server/settings';
import { DEFAULT_SETTINGS } from '../../src/protocol/protocol';

/** Resolves after the current event-loop turn and its immediates. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('check scheduling', () => {
  let runs: string[];
  let scheduler: CheckScheduler;
  beforeEach(() => {
    runs = [];
    scheduler = new CheckScheduler(
      (uri) => void runs.push(uri),
      (_uri, error) => assert.fail(String(error)),
    );
  });
  afterEach(() => scheduler.dispose());

  it('checks at most one document per event-loop turn', async () => {
    for (const uri of ['a', 'b', 'c']) scheduler.schedule(uri, 0);
    await nextTurn();
    assert.deepEqual(runs, ['a']);
    await nextTurn();
    assert.deepEqual(runs, ['a', 'b']);
    await scheduler.whenIdle('c');
    assert.deepEqual(runs, ['a', 'b', 'c']);
  });

  it('a newer schedule supersedes a queued one (generation counter), so a burst checks once', async () => {
    scheduler.schedule('a', 0);
    scheduler.schedule('a', 0);
    scheduler.schedule('a', 5);
    assert.ok(scheduler.isPending('a'));
    await scheduler.whenIdle('a');
    assert.deepEqual(runs, ['a']);
  });

  it('flush runs a debounced check without waiting for its delay', async () => {
    scheduler.schedule('a', 60_000);
    scheduler.flush('a');
    await scheduler.whenIdle('a');
    assert.deepEqual(runs, ['a']);
  });

  it('cancel (close) drops the pending check and releases its waiters', async () => {
    scheduler.schedule('a', 0);
    const idle = scheduler.whenIdle('a');
    scheduler.cancel('a');
    await idle;
    await nextTurn();
    assert.deepEqual(runs, []);
  });

  it('a failing check is reported and does not stop the others', async () => {
    const errors: string[] = [];
    const failing = new CheckScheduler(
      (uri) => {
        if (uri === 'bad') throw new Error('boom');
        runs.push(uri);
      },
      (uri, error) => errors.push(`${uri}: ${(error as Error).message}`),
    );
    failing.schedule('bad', 0);
    failing.schedule('good', 0);
    await failing.whenIdle('good');
    assert.deepEqual([errors, runs], [['bad: boom'], ['good']]);
  });
});

describe('checks in slices', () => {
  /** A check of `steps` pieces that logs each piece; a slice of 0 ms runs one piece per turn. */
  function task(log: string[], name: string, steps: number): Task & { cancelled: boolean } {
    let done = 0;
    return {
      cancelled: false,
      step() {
        log.push(`${name}${++done}`);
        return done < steps;
      },
      cancel() {
        this.cancelled = true;
      },
    };
  }

  it('gives the event loop a turn between slices, so requests are answered during a long check', async () => {
    const log: string[] = [];
    const scheduler = new CheckScheduler(() => task(log, 'a', 3), assert.fail, 0);
    scheduler.schedule('a', 0);
    // A request that arrives while the check runs is handled at the end of the check's first turn.
    setImmediate(() => log.push('request'));
    await scheduler.whenIdle('a');
    assert.deepEqual(log, ['a1', 'request', 'a2', 'a3']);
    scheduler.dispose();
  });

  it('documents being checked take turns, a slice each', async () => {
    const log: string[] = [];
    const scheduler = new CheckScheduler((uri) => task(log, uri, 2), assert.fail, 0);
    scheduler.schedule('a', 0);
    scheduler.schedule('b', 0);
    await Promise.all([scheduler.whenIdle('a'), scheduler.whenIdle('b')]);
    assert.deepEqual(log, ['a1', 'b1', 'a2', 'b2']);
    scheduler.dispose();
  });

  /**
   * Starts checking 'a' (a check of three slices, each logged as `v<n>-<slice>`), lets one slice run,
   * then calls `interrupt` and waits until 'a' is idle: the first check is cancelled, the next runs whole.
   */
  async function interruptedAfterOneSlice(interrupt: (scheduler: CheckScheduler) => void): Promise<void> {
    const log: string[] = [];
    const tasks: ReturnType<typeof task>[] = [];
    const scheduler = new CheckScheduler(() => {
      tasks.push(task(log, `v${tasks.length + 1}-`, 3));
      return tasks[tasks.length - 1];
    }, assert.fail, 0);
    scheduler.schedule('a', 0);
    await nextTurn();
    assert.deepEqual(log, ['v1-1']);
    interrupt(scheduler);
    await scheduler.whenIdle('a');
    assert.deepEqual(log, ['v1-1', 'v2-1', 'v2-2', 'v2-3']);
    assert.deepEqual(tasks.map((t) => t.cancelled), [true, false]);
    scheduler.dispose();
  }

  it('a new schedule stops the running check at its next slice, and the new one runs from the start', () =>
    interruptedAfterOneSlice((scheduler) => scheduler.schedule('a', 0)));

  it('a document closed mid-check and opened again under the same URI (an untitled name reused) is checked afresh', () =>
    // Closed and reopened within one turn: the old check is still queued when the new one is.
    interruptedAfterOneSlice((scheduler) => {
      scheduler.cancel('a');
      scheduler.schedule('a', 0);
    }));

  it('a check that waits for work off the thread (blocked) gives its turns to others, then resumes', async () => {
    const log: string[] = [];
    let unblock!: () => void;
    const waiting: Task & { blocked?: Promise<unknown> } = {
      blocked: undefined,
      step() {
        if (log.includes('a: extracted')) {
          log.push('a: checked');
          return false;
        }
        log.push('a: extracting');
        this.blocked = new Promise<void>((resolve) => (unblock = resolve)).then(() => {
          log.push('a: extracted');
          this.blocked = undefined;
        });
        return true;
      },
    };
    const scheduler = new CheckScheduler((uri) => (uri === 'a' ? waiting : task(log, uri, 2)), assert.fail, 0);
    scheduler.schedule('a', 0);
    scheduler.schedule('b', 0);
    await scheduler.whenIdle('b');
    assert.ok(scheduler.isPending('a'), 'a waits, and still counts as pending');
    unblock();
    await scheduler.whenIdle('a');
    assert.deepEqual(log, ['a: extracting', 'b1', 'b2', 'a: extracted', 'a: checked']);
    scheduler.dispose();
  });

  it('a check superseded while it waits is cancelled when the wait ends', async () => {
    let unblock!: () => void;
    let cancelled = 0;
    let runs = 0;
    const scheduler = new CheckScheduler(() => {
      runs++;
      const blocked = runs === 1 ? new Promise<void>((resolve) => (unblock = resolve)) : undefined;
      return { blocked, step: () => runs === 1, cancel: () => void cancelled++ };
    }, assert.fail, 0);
    scheduler.schedule('a', 0);
    await nextTurn();
    scheduler.schedule('a', 0);
    await scheduler.whenIdle('a');
    unblock();
    await nextTurn();
    assert.deepEqual([runs, cancelled], [2, 1]);
    scheduler.dispose();
  });

  it('a step that throws ends its check, is reported, and releases the waiters', async () => {
    const errors: unknown[] = [];
    const scheduler = new CheckScheduler(() => ({ step: () => { throw new Error('boom'); } }), (_uri, error) => errors.push(error), 0);
    scheduler.schedule('a', 0);
    await scheduler.whenIdle('a');
    assert.equal(errors.length, 1);
    assert.equal(scheduler.isPending('a'), false);
    scheduler.dispose();
  });
});

describe('settings from the client', () => {
  it('keeps valid values and falls back to the default for each bad one', () => {
    const settings = normalizeSettings({ run: 'onSave', debounceMs: -5, severity: { mismatch: 'warning', unparsed: 'loud' }, samples: 1e9, languages: ['markdown', 3] });
    assert.equal(settings.run, 'onSave');
    assert.equal(settings.debounceMs, DEFAULT_SETTINGS.debounceMs);
    assert.deepEqual(settings.severity, { ...DEFAULT_SETTINGS.severity, mismatch: 'warning' });
    assert.equal(settings.samples, DEFAULT_SETTINGS.samples);
    assert.deepEqual(settings.languages, DEFAULT_SETTINGS.languages);
  });

  it('treats a missing section as the defaults', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  });
});

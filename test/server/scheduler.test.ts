import * as assert from 'node:assert/strict';
import { CheckScheduler } from '../../src/server/scheduler';
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
      (uri) => runs.push(uri),
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

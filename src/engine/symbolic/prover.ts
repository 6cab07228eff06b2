/*
 * Symbolic-proof adapter: asks nerdamer-prime, in a worker thread, whether left - right reduces to
 * exactly 0. Why the input whitelist: nerdamer is string-in, string-out, but some of its entry
 * points compile expressions to JavaScript (Expression.buildFunction and Build.build use
 * `new Function`; defint and numeric root finding reach them), and its parser looks names up in
 * plain objects, so a name such as `constructor` reaches Object.prototype. Our strings are written
 * by our own code, yet from formulas that students typed, so nothing is sent unless it matches a
 * whitelist grammar (grammar.ts): only letters, digits, underscore, space and + - * / ^ ( ) . , as
 * characters; numbers, operators, parentheses and identifiers that start with a letter and are not
 * Object.prototype properties as tokens; calls only to a fixed list of elementary functions plus
 * symbolic `diff` (no integrate, defint, solve, ...); commas only inside calls; at most 2,000
 * characters. The worker checks the same grammar again, never calls buildFunction, and replaces
 * Build.build with a function that throws, so no document text can reach an eval-like path.
 * Requests go by postMessage; replies come back through a SharedArrayBuffer that this thread
 * waits on with Atomics.wait, which keeps proveEqual synchronous and lets it kill a looping worker.
 */
import { Worker } from 'node:worker_threads';
import { locateWorkerScript } from '../platform/worker-location';
import { validateExpression } from './grammar';
import {
  STATE_EMPTY,
  STATE_FAILED,
  STATE_READY,
  STATE_REPLY,
  SLOT_REPLY_ID,
  SLOT_STATE,
  createBuffer,
  headerOf,
  readReply,
  type ProveRequest,
  type WorkerInit,
} from './protocol';

export interface SymbolicResult {
  /** 'skipped': not attempted, the document's prover time being spent (check/symbolic-form.ts). */
  status: 'proved' | 'not-proved' | 'timeout' | 'error' | 'skipped';
  /** Wall-clock time of the whole call, including a worker start when one was needed (0 when remembered). */
  ms: number;
  /** proved: the strategy that reached 0; not-proved: the residual; timeout/error/skipped: the reason. */
  detail?: string;
  /** The answer of an earlier call with the same expressions and time limit. */
  cached?: boolean;
  /** Part of `ms` spent waiting for a worker to start. */
  startupMs?: number;
}

export interface ProveOptions {
  /** Budget for the proof itself (worker start-up is not counted). Default 300 ms. */
  timeoutMs?: number;
  /**
   * How long to wait for a worker that is still starting (default: up to 10 s); past it the result
   * is 'skipped' and the worker goes on starting for later calls.
   */
  startupWaitMs?: number;
  /**
   * Let nerdamer stop itself at 80% of the budget (its TIMEOUT setting), which keeps the warm
   * worker alive. The hard deadline (terminate + fresh worker) applies either way. Default true;
   * false is for tests of the hard path.
   */
  cooperative?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 300;
const MAX_TIMEOUT_MS = 60_000;
/** How long a worker may take to load nerdamer and warm up (tsx compiles sources on the fly). */
const STARTUP_TIMEOUT_MS = 10_000;

interface Slot {
  worker: Worker;
  buffer: SharedArrayBuffer;
  header: Int32Array;
  ready: boolean;
  /** Set asynchronously by the 'error'/'exit' listeners. */
  dead?: string;
}

let slot: Slot | undefined;
let nextId = 1;
/** Once a worker failed to start, later calls fail fast instead of blocking again. */
let startupFailure: string | undefined;


function spawn(): Slot | string {
  const location = locateWorkerScript(__dirname, 'symbolic-worker.js', 'worker.ts', 'symbolic worker');
  if (typeof location === 'string') return location;
  const buffer = createBuffer();
  const init: WorkerInit = { buffer };
  let worker: Worker;
  try {
    worker = new Worker(location.file, {
      workerData: init,
      execArgv: location.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
  } catch (error) {
    return `cannot start symbolic worker: ${(error as Error).message}`;
  }
  worker.unref();
  const created: Slot = { worker, buffer, header: headerOf(buffer), ready: false };
  // Without an 'error' listener a crashing worker would throw in the host process.
  worker.on('error', (error) => (created.dead ??= `symbolic worker crashed: ${error.message}`));
  worker.on('exit', (code) => (created.dead ??= `symbolic worker exited (code ${code})`));
  return created;
}

function discard(current: Slot): void {
  if (slot === current) slot = undefined;
  current.worker.terminate().catch(() => undefined);
}

/** Block until the state slot leaves `from` or `deadline` passes; returns the state seen. */
function waitWhile(header: Int32Array, from: number, deadline: number): number {
  let state = Atomics.load(header, SLOT_STATE);
  while (state === from) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    Atomics.wait(header, SLOT_STATE, from, left);
    state = Atomics.load(header, SLOT_STATE);
  }
  return state;
}

/** readyWorker's answer when the worker is still starting and the caller would not wait longer. */
const STILL_STARTING = Symbol('still starting');

/** True once a worker of this process has finished starting (later starts are replacements). */
let everReady = false;

/**
 * Returns a started worker, or the reason none could be started. `maxWaitMs`: how long to wait for
 * a worker that is still starting; past it STILL_STARTING is returned and the worker keeps starting.
 */
function readyWorker(maxWaitMs = STARTUP_TIMEOUT_MS): Slot | string | typeof STILL_STARTING {
  if (startupFailure) return startupFailure;
  if (slot?.dead) discard(slot);
  if (!slot) {
    const created = spawn();
    if (typeof created === 'string') return (startupFailure = created);
    slot = created;
  }
  if (slot.ready) return slot;
  const current = slot;
  const patient = maxWaitMs >= STARTUP_TIMEOUT_MS;
  const state = waitWhile(current.header, STATE_EMPTY, Date.now() + (patient ? STARTUP_TIMEOUT_MS : Math.max(0, maxWaitMs)));
  if (state === STATE_READY) {
    current.ready = true;
    everReady = true;
    return current;
  }
  if (!patient && state === STATE_EMPTY && !current.dead) return STILL_STARTING;
  discard(current);
  startupFailure =
    state === STATE_FAILED
      ? readReply(current.buffer).detail ?? 'symbolic worker failed to start'
      : current.dead ?? `symbolic worker did not start within ${STARTUP_TIMEOUT_MS} ms`;
  return startupFailure;
}

/** True once a symbolic worker of this process has started (waiting for a later one replaces a killed one). */
export function proverStarted(): boolean {
  return everReady;
}

/**
 * Decides whether nerdamer reduces `left - right` to exactly 0. Synchronous; never throws.
 * 'proved' is sound only as far as nerdamer is; 'not-proved' means nerdamer did not get to 0.
 */
export function proveEqual(left: string, right: string, options: ProveOptions = {}): SymbolicResult {
  const start = Date.now();
  let startupMs = 0;
  const done = (status: SymbolicResult['status'], detail?: string): SymbolicResult => ({
    status,
    ms: Date.now() - start,
    ...(startupMs > 0 ? { startupMs } : {}),
    ...(detail === undefined ? {} : { detail }),
  });
  try {
    const problem = validateExpression(left) ?? validateExpression(right);
    if (problem) return done('error', problem);
    const requested = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(requested > 0)) return done('error', `invalid timeoutMs ${requested}`);
    const timeoutMs = Math.min(requested, MAX_TIMEOUT_MS);

    const waitFrom = Date.now();
    const current = readyWorker(options.startupWaitMs);
    startupMs = Date.now() - waitFrom;
    if (current === STILL_STARTING) return done('skipped', `the symbolic worker was still starting after ${startupMs} ms`);
    if (typeof current === 'string') return done('error', current);

    const request: ProveRequest = { id: nextId++, left, right, timeoutMs, cooperative: options.cooperative ?? true };
    Atomics.store(current.header, SLOT_STATE, STATE_EMPTY);
    const posted = Date.now();
    current.worker.postMessage(request);
    const state = waitWhile(current.header, STATE_EMPTY, posted + timeoutMs);
    if (state === STATE_REPLY && Atomics.load(current.header, SLOT_REPLY_ID) === request.id) {
      const reply = readReply(current.buffer);
      return done(reply.status, reply.detail);
    }
    // No answer in time: nerdamer may be looping. Kill it and start the replacement right away
    // (it boots in its own thread while the caller carries on).
    discard(current);
    const replacement = spawn();
    if (typeof replacement !== 'string') slot = replacement;
    return done('timeout', `no answer within ${timeoutMs} ms; worker terminated`);
  } catch (error) {
    return done('error', `symbolic prover: ${(error as Error).message}`);
  }
}

/**
 * Starts a worker in the background without waiting for it (non-blocking), so that the first
 * proveEqual does not pay the start-up (about 0.1 s to load nerdamer plus up to 1 s of warm-up).
 */
export function prestartProver(): void {
  if (slot || startupFailure) return;
  const created = spawn();
  if (typeof created !== 'string') slot = created;
}

/** Terminates the worker (if any) and forgets a start-up failure. */
export function shutdownProver(): void {
  if (slot) discard(slot);
  startupFailure = undefined;
  everReady = false;
}

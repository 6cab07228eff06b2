/**
 * When documents get checked. Checking is CPU work on the server's only thread, so:
 * - each document has one debounce slot: a newer schedule replaces the pending one;
 * - each schedule gives the document a new generation, and a queued or running check whose generation
 *   is no longer current is dropped (a newer schedule will run it with the newer text);
 * - a check is a task run in slices of about SLICE_MS, with setImmediate in between, so that
 *   hovers and other requests are answered while a long document is being checked; documents
 *   being checked take turns, one slice each;
 * - a task that waits for work done off this thread (the extraction of a LaTeX document) leaves the
 *   queue until that work is done, and then continues, unless a newer schedule superseded it.
 */

/** A check that runs a piece at a time. */
export interface Task {
  /** Runs the next piece of work; false once the task is finished. */
  step(): boolean;
  /** The task was superseded or its document closed before it finished. */
  cancel?(): void;
  /** Set while the task waits for work off this thread: it gets no turn until this settles. */
  readonly blocked?: Promise<unknown>;
}

/**
 * How long one turn of checking may run before the event loop gets a turn (one piece may overrun
 * it). Short: a request crosses several turns inside vscode-jsonrpc (read, handle, write each wait
 * for a setImmediate), and each of those turns also runs a slice. Measured on a 2,000-line
 * document: a hover on another document answered in ~80 ms (p50) with 15 ms slices, ~50 ms with 5.
 */
export const SLICE_MS = 5;

interface Slot {
  generation: number;
  timer?: NodeJS.Timeout;
  /** True from the moment the slot's current generation is in the run queue until it has run. */
  queued: boolean;
  /** Callers waiting for the pending check to finish (CHECK_REQUEST, code lens, hover). */
  waiters: (() => void)[];
}

interface Job {
  readonly uri: string;
  readonly generation: number;
  /** Set once the check started (its first slice). */
  task?: Task;
}

export class CheckScheduler {
  private readonly slots = new Map<string, Slot>();
  private readonly queue: Job[] = [];
  private pumping = false;
  /**
   * Generations are numbered across all documents, not per slot: a document closed and opened again
   * under the same URI (an untitled name reused) gets a new slot, and a job of the old one still in
   * the queue must never pass for the new one's.
   */
  private lastGeneration = 0;

  /**
   * `run` starts checking one document: it either does the whole check (and publishes) at once, or
   * returns a task the scheduler runs slice by slice. It should not throw, but `onError` catches it
   * (and a task's step) if it does.
   */
  constructor(
    private readonly run: (uri: string) => Task | void,
    private readonly onError: (uri: string, error: unknown) => void,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** Checks `uri` after `delayMs` (0: at the next turn), replacing whatever was pending for it. */
  schedule(uri: string, delayMs: number): void {
    const slot = this.slot(uri);
    const generation = (slot.generation = ++this.lastGeneration);
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.queued = false;
    if (delayMs <= 0) this.enqueue(uri, generation);
    else slot.timer = setTimeout(() => this.enqueue(uri, generation), delayMs);
  }

  /** Runs a check that waits for its debounce now (a hover needs the current text checked). */
  flush(uri: string): void {
    const slot = this.slots.get(uri);
    if (slot?.timer === undefined) return;
    clearTimeout(slot.timer);
    slot.timer = undefined;
    this.enqueue(uri, slot.generation);
  }

  /** True while a check of `uri` waits for its debounce, waits for its turn, or runs. */
  isPending(uri: string): boolean {
    const slot = this.slots.get(uri);
    return slot !== undefined && (slot.timer !== undefined || slot.queued);
  }

  /** Resolves once no check is pending for `uri` (at once when none is). */
  whenIdle(uri: string): Promise<void> {
    const slot = this.slots.get(uri);
    if (!slot || !this.isPending(uri)) return Promise.resolve();
    return new Promise((resolve) => slot.waiters.push(resolve));
  }

  /** Forgets a document (closed): its pending check never runs, a running one stops, and its waiters resolve. */
  cancel(uri: string): void {
    const slot = this.slots.get(uri);
    if (!slot) return;
    clearTimeout(slot.timer);
    this.slots.delete(uri);
    for (const resolve of slot.waiters.splice(0)) resolve();
  }

  dispose(): void {
    for (const uri of [...this.slots.keys()]) this.cancel(uri);
    for (const job of this.queue.splice(0)) job.task?.cancel?.();
  }

  private slot(uri: string): Slot {
    let slot = this.slots.get(uri);
    if (!slot) this.slots.set(uri, (slot = { generation: 0, queued: false, waiters: [] }));
    return slot;
  }

  private enqueue(uri: string, generation: number): void {
    const slot = this.slots.get(uri);
    if (!slot || slot.generation !== generation) return;
    slot.timer = undefined;
    slot.queued = true;
    this.queue.push({ uri, generation });
    this.wake();
  }

  private wake(): void {
    if (!this.pumping) {
      this.pumping = true;
      setImmediate(() => this.pump());
    }
  }

  /** One turn: one slice of the first live job (a superseded one is dropped without costing a turn). */
  private pump(): void {
    while (this.queue.length > 0) {
      const job = this.queue[0];
      const slot = this.slots.get(job.uri);
      // Superseded (a newer schedule is pending) or closed: the newer schedule runs instead.
      if (!slot || slot.generation !== job.generation || !slot.queued) {
        this.queue.shift();
        job.task?.cancel?.();
        continue;
      }
      const result = this.slice(job);
      if (result === 'done') {
        this.queue.shift();
        slot.queued = false;
        if (!this.isPending(job.uri)) for (const resolve of slot.waiters.splice(0)) resolve();
      } else if (result === 'more') {
        // Documents being checked take turns.
        if (this.queue.length > 1) this.queue.push(this.queue.shift()!);
      } else {
        this.queue.shift();
        const resume = () => {
          if (this.slots.get(job.uri) !== slot || slot.generation !== job.generation || !slot.queued) return job.task?.cancel?.();
          this.queue.push(job);
          this.wake();
        };
        result.then(resume, resume);
      }
      break;
    }
    if (this.queue.length > 0) setImmediate(() => this.pump());
    else this.pumping = false;
  }

  /** Runs `job` for up to one slice: finished (or failed), more to do, or waiting for the promise. */
  private slice(job: Job): 'done' | 'more' | Promise<unknown> {
    const deadline = performance.now() + this.sliceMs;
    try {
      if (!job.task) {
        const task = this.run(job.uri);
        if (!task) return 'done';
        job.task = task;
      }
      do {
        if (!job.task.step()) return 'done';
        if (job.task.blocked) return job.task.blocked;
      } while (performance.now() < deadline);
      return 'more';
    } catch (error) {
      this.onError(job.uri, error);
      return 'done';
    }
  }
}

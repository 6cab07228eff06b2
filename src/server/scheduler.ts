/**
 * When documents get checked. Checking is synchronous CPU work on the server's only thread, so:
 * - each document has one debounce slot: a newer schedule replaces the pending one;
 * - each schedule bumps the document's generation, and a queued check whose generation is no
 *   longer current is dropped (a newer schedule will run it with the newer text);
 * - at most one document is checked per event-loop turn, with setImmediate in between, so hovers
 *   and other requests are answered between two documents.
 */

interface Slot {
  generation: number;
  timer?: NodeJS.Timeout;
  /** True from the moment the slot's current generation is in the run queue until it has run. */
  queued: boolean;
  /** Callers waiting for the pending check to finish (CHECK_REQUEST, code lens, hover). */
  waiters: (() => void)[];
}

export class CheckScheduler {
  private readonly slots = new Map<string, Slot>();
  private readonly queue: { uri: string; generation: number }[] = [];
  private pumping = false;

  /** `run` checks one document and publishes; it should not throw, but `onError` catches it if it does. */
  constructor(
    private readonly run: (uri: string) => void,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  /** Checks `uri` after `delayMs` (0: at the next turn), replacing whatever was pending for it. */
  schedule(uri: string, delayMs: number): void {
    const slot = this.slot(uri);
    const generation = ++slot.generation;
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

  /** Forgets a document (closed): its pending check never runs, and its waiters resolve. */
  cancel(uri: string): void {
    const slot = this.slots.get(uri);
    if (!slot) return;
    clearTimeout(slot.timer);
    this.slots.delete(uri);
    for (const resolve of slot.waiters.splice(0)) resolve();
  }

  dispose(): void {
    for (const uri of [...this.slots.keys()]) this.cancel(uri);
    this.queue.length = 0;
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
    if (!this.pumping) {
      this.pumping = true;
      setImmediate(() => this.pump());
    }
  }

  /** One document per turn. */
  private pump(): void {
    const job = this.queue.shift();
    if (job) this.runJob(job.uri, job.generation);
    if (this.queue.length > 0) setImmediate(() => this.pump());
    else this.pumping = false;
  }

  private runJob(uri: string, generation: number): void {
    const slot = this.slots.get(uri);
    // Superseded (a newer schedule is pending) or closed: the newer schedule runs instead.
    if (!slot || slot.generation !== generation || !slot.queued) return;
    slot.queued = false;
    try {
      this.run(uri);
    } catch (error) {
      this.onError(uri, error);
    }
    if (!this.isPending(uri)) for (const resolve of slot.waiters.splice(0)) resolve();
  }
}

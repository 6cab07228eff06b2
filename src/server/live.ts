import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckCache, startCheck, type CheckJob, type CheckOptions } from '../engine';
import { DEFAULT_SETTINGS, type Settings, type Summary } from '../protocol/protocol';
import { ClaimIndex, EMPTY_SUMMARY } from './claims';
import { toDiagnostics } from './diagnostics';
import { Extractor } from './extractor';
import { languageSupport } from './languages';
import { describeError, type Logger } from './log';
import { CheckScheduler, type Task } from './scheduler';

/** Checks slower than this are logged, so a user who sees lag can tell the checker from the editor. */
const SLOW_CHECK_MS = 500;
/** Hover seeds drawn by Resample: any 31-bit integer. */
const MAX_HOVER_SEED = 2 ** 31 - 1;

/** Where results go (the LSP connection; a fake in tests). */
export interface Publisher {
  diagnostics(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  status(uri: string, version: number, summary: Summary): void;
  /** Code lenses changed without an edit (settings, Resample): ask the client to re-request them. */
  refreshLenses(): void;
}

/** A document and its check, when the check is of the document's current text. */
export interface Checked {
  readonly document: TextDocument;
  readonly claims: ClaimIndex;
}

interface DocumentState {
  /** Kept per document across edits: unchanged steps are not re-evaluated. */
  readonly cache: CheckCache;
  hoverSeed?: number;
  /** The latest check, and the version it checked (TextDocuments updates documents in place). */
  checked?: { readonly version: number; readonly claims: ClaimIndex };
  /** The check in progress, a piece at a time (see CheckScheduler). */
  running?: Running;
  /** Requests waiting for the running check to get far enough (`Waiter` returns true once served). */
  progress: Waiter[];
  /**
   * Whether the next check's results reach the client's code lenses only through a refresh: not
   * after an edit, after which the client asks for lenses again by itself (and the request waits for
   * the check), but after new settings, Resample, a check on request or on save.
   */
  refreshLenses: boolean;
}

interface Running {
  readonly version: number;
  /** Undefined while the document is being extracted off this thread (LaTeX, code). */
  job?: CheckJob;
  /** Time spent checking, over all slices. */
  workMs: number;
}

type Waiter = () => boolean;

/**
 * The open documents and their checks: what runs when (run mode, debounce), and publishing the
 * results. Nothing is checked before `start` (the client's settings are not known until then).
 */
export class LiveChecker {
  private readonly states = new Map<string, DocumentState>();
  private readonly scheduler: CheckScheduler;
  /** LaTeX and code documents are extracted on a worker thread (their extractors cannot be cut into pieces). */
  private readonly extractor: Extractor;
  private settings: Settings = DEFAULT_SETTINGS;
  private started = false;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly publisher: Publisher,
    private readonly logger: Logger,
    private readonly withRelatedInformation: () => boolean,
  ) {
    this.scheduler = new CheckScheduler(
      (uri) => this.run(uri),
      (uri, error) => this.logger.error(`derivcheck: checking ${uri} failed: ${describeError(error)}`),
    );
    this.extractor = new Extractor((message) => this.logger.info(message));
  }

  /** Settings arrived (first time, or changed): re-check what the run mode says should be checked. */
  start(settings: Settings): void {
    // VS Code both answers the initial pull and pushes the same settings once: check once.
    if (this.started && JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    this.settings = settings;
    this.started = true;
    for (const document of this.documents.all()) {
      const state = this.state(document.uri);
      if (!this.enabled(document)) this.clear(document.uri);
      else if (settings.run !== 'manual' || state.checked) this.schedule(state, document.uri, 0, true);
    }
  }

  opened(document: TextDocument): void {
    const state = this.state(document.uri);
    if (this.started && this.enabled(document) && this.settings.run !== 'manual') this.schedule(state, document.uri, 0, false);
  }

  changed(document: TextDocument): void {
    if (this.started && this.enabled(document) && this.settings.run === 'onType') this.schedule(this.state(document.uri), document.uri, this.settings.debounceMs, false);
  }

  saved(document: TextDocument): void {
    if (this.started && this.enabled(document) && this.settings.run === 'onSave') this.schedule(this.state(document.uri), document.uri, 0, true);
  }

  closed(uri: string): void {
    this.scheduler.cancel(uri);
    this.states.delete(uri);
    this.publisher.diagnostics(uri, undefined, []);
  }

  /**
   * The check of the document's current text, waiting for a pending one (`flush`: without its
   * debounce). With `offset`, a check in progress answers as soon as it has checked every span up
   * to `offset` (findings there are final: a step depends only on what comes before it), so a
   * hover does not wait for the rest of a long document.
   */
  async current(uri: string, flush: boolean, offset?: number): Promise<Checked | undefined> {
    if (this.scheduler.isPending(uri)) {
      if (flush) this.scheduler.flush(uri);
      if (offset === undefined) await this.scheduler.whenIdle(uri);
      else await Promise.race([this.scheduler.whenIdle(uri), this.reached(uri, offset)]);
    }
    return this.fresh(uri) ?? (offset === undefined ? undefined : this.partial(uri, offset));
  }

  /** Checks now, whatever the run mode (CHECK_REQUEST, the report panel). */
  async checkNow(uri: string): Promise<Checked | undefined> {
    if (!this.documents.get(uri)) return undefined;
    this.schedule(this.state(uri), uri, 0, true);
    await this.scheduler.whenIdle(uri);
    return this.fresh(uri);
  }

  async summary(uri: string): Promise<Summary> {
    return (await this.checkNow(uri))?.claims.summary() ?? EMPTY_SUMMARY;
  }

  /** Draws a new hover point for one document or every checked one, and re-checks them. */
  async resample(uri: string | undefined): Promise<void> {
    const uris = uri !== undefined ? [uri] : [...this.states].filter(([, s]) => s.checked).map(([u]) => u);
    const checks = uris.filter((u) => this.documents.get(u)).map((u) => {
      this.state(u).hoverSeed = 1 + Math.floor(Math.random() * MAX_HOVER_SEED);
      return this.checkNow(u);
    });
    await Promise.all(checks);
  }

  dispose(): void {
    this.scheduler.dispose();
    this.extractor.dispose();
  }

  private fresh(uri: string): Checked | undefined {
    const document = this.documents.get(uri);
    const checked = this.states.get(uri)?.checked;
    return document && checked && checked.version === document.version ? { document, claims: checked.claims } : undefined;
  }

  /** The running check of the current text, when it has passed `offset`. */
  private runningPast(uri: string, offset: number): Running | undefined {
    const document = this.documents.get(uri);
    const running = this.states.get(uri)?.running;
    return document && running && running.version === document.version && (running.job?.reached ?? 0) > offset ? running : undefined;
  }

  /** The findings so far of the running check of the current text, when it has passed `offset`. */
  private partial(uri: string, offset: number): Checked | undefined {
    const document = this.documents.get(uri);
    const running = this.runningPast(uri, offset);
    return document && running?.job ? { document, claims: new ClaimIndex(running.job.report()) } : undefined;
  }

  /** Resolves once the running check of the current text has passed `offset` (never, if no check gets there). */
  private reached(uri: string, offset: number): Promise<void> {
    const state = this.states.get(uri);
    if (!state) return new Promise(() => undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = () => {
        if (!this.runningPast(uri, offset)) return false;
        resolve();
        return true;
      };
      if (!waiter()) state.progress.push(waiter);
    });
  }

  private enabled(document: TextDocument): boolean {
    return this.settings.languages.includes(document.languageId);
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) this.states.set(uri, (state = { cache: new CheckCache(), progress: [], refreshLenses: false }));
    return state;
  }

  private schedule(state: DocumentState, uri: string, delayMs: number, refreshLenses: boolean): void {
    state.refreshLenses = refreshLenses;
    this.scheduler.schedule(uri, delayMs);
  }

  private clear(uri: string): void {
    const state = this.states.get(uri);
    if (state?.checked) this.publisher.diagnostics(uri, undefined, []);
    if (state) state.checked = undefined;
  }

  /**
   * Starts checking the document's current text: a task the scheduler runs a slice at a time;
   * publishes when it is complete. If the text changes under it without a new schedule (run mode
   * onSave or manual), it starts over on the new text.
   */
  private run(uri: string): Task | undefined {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document || !state) return undefined;
    if (!this.enabled(document)) return void this.clear(uri);
    const task: Task & { blocked?: Promise<unknown> } = {
      step: () => {
        if (state.running !== running) return false;
        if (this.documents.get(uri) !== document) return this.stop(state, running);
        if (document.version !== running.version) running = begin();
        const job = running.job;
        if (!job) return true; // extracting: `blocked` is set
        const started = performance.now();
        const more = job.step();
        running.workMs += performance.now() - started;
        if (!more) this.publish(uri, document, state, running, job);
        this.progressed(state);
        return more;
      },
      cancel: () => void this.stop(state, running),
    };
    const begin = (): Running => {
      const language = languageSupport(document.languageId).language;
      const text = document.getText();
      const options = this.options(state);
      const started: Running = { version: document.version, workMs: 0 };
      state.running = started;
      if (language === 'markdown') {
        started.job = startCheck(text, language, options);
      } else {
        task.blocked = this.extractor.extract(text, language).then((extraction) => {
          started.job = startCheck(text, language, options, extraction);
          task.blocked = undefined;
        });
      }
      return started;
    };
    let running = begin();
    return task;
  }

  private stop(state: DocumentState, running: Running): false {
    if (state.running === running) state.running = undefined;
    this.progressed(state);
    return false;
  }

  /** Serves the requests waiting for the running check that can now be answered. */
  private progressed(state: DocumentState): void {
    if (state.progress.length > 0) state.progress = state.progress.filter((served) => !served());
  }

  private publish(uri: string, document: TextDocument, state: DocumentState, running: Running, job: CheckJob): void {
    state.running = undefined;
    // Whoever still waits for progress is answered by the finished check (CheckScheduler.whenIdle).
    state.progress = [];
    const claims = new ClaimIndex(job.report());
    state.checked = { version: running.version, claims };
    if (running.workMs > SLOW_CHECK_MS) this.logger.info(`derivcheck: checking ${uri} took ${Math.round(running.workMs)} ms`);
    this.publisher.diagnostics(uri, document.version, toDiagnostics(document, claims, this.settings, this.withRelatedInformation()));
    this.publisher.status(uri, document.version, claims.summary());
    if (state.refreshLenses) this.publisher.refreshLenses();
    state.refreshLenses = false;
  }

  private options(state: DocumentState): CheckOptions {
    const s = this.settings;
    return { seed: s.seed, samples: s.samples, tol: s.tolerance, model: s.defaultModel, cache: state.cache, hoverSeed: state.hoverSeed };
  }
}

import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckCache, startCheck, type CheckJob, type CheckOptions, type DocumentLanguage, type Extraction } from '../engine';
import { BYTES_PER_MB, DEFAULT_SETTINGS, type CodeLensMode, type Settings, type Summary } from '../protocol/protocol';
import { ClaimIndex } from './claims';
import { EMPTY_SUMMARY } from '../protocol/summary';
import { toDiagnostics } from './diagnostics';
import { Extractor } from './extractor';
import { checkedKindOf, documentKind } from './languages';
import { describeError, type Logger } from './log';
import { CheckScheduler, SLICE_MS, type Task } from './scheduler';
import { mayBeOver, surelyOver, tooLargeDiagnostic, Utf8Meter } from './size';
import { readCompanions } from './companions';
import { kindById } from '../engine/extract/kinds';
import { fileURLToPath } from 'node:url';

/** Checks slower than this are logged, so a user who sees lag can tell the checker from the editor. */
const SLOW_CHECK_MS = 500;
/**
 * How long a hover's own check may hold the thread before it continues in slices. Longer than a
 * slice: edits read meanwhile would make its answer moot (ContentModified), and a hover is what
 * the user is waiting for; short enough that a cold, long document does not freeze the server.
 */
const HOVER_TURN_MS = 50;
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

/**
 * What `current` answers when the document was edited while the request waited: an answer about
 * the text the request was asked on no longer exists (LSP's ContentModified).
 */
export const CONTENT_MODIFIED = 'content-modified';

/** A request's cancellation, as vscode-jsonrpc's CancellationToken has it. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

interface DocumentState {
  /** Kept per document across edits: unchanged steps are not re-evaluated. */
  readonly cache: CheckCache;
  hoverSeed?: number;
  /** The latest check, and the version it checked (TextDocuments updates documents in place). */
  checked?: { readonly version: number; readonly claims: ClaimIndex };
  /** The check in progress, a piece at a time (see CheckScheduler). */
  running?: Running;
  /** A hover's own check of the text up to its claim (see `focusOn`), kept for hovers it already answers. */
  focus?: Focus;
  /** Requests waiting for the running check to get far enough (`Waiter` returns true once served). */
  progress: Waiter[];
  /** Requests that stop waiting when the document is edited or closed. */
  readonly edits: Set<() => void>;
  /** The UTF-8 size of a version, once measured (only documents whose length leaves it in doubt are). */
  size?: { readonly version: number; readonly bytes: number };
  /**
   * Whether the next check's results reach the client's code lenses only through a refresh: not
   * after an edit, after which the client asks for lenses again by itself (and the request waits for
   * the check), but after new settings, Resample, a check on request or on save.
   */
  refreshLenses: boolean;
}

interface Running {
  readonly version: number;
  /** Set while the text's UTF-8 size is measured, before anything else (see `maxFileSizeMB`). */
  meter?: Utf8Meter;
  /** Undefined while measuring, or while the document is being extracted off this thread (LaTeX, code). */
  job?: CheckJob;
  /** Time spent checking, over all slices. */
  workMs: number;
  /** A LaTeX or code document's extraction, once the worker returned it (a hover's own check reuses it). */
  extraction?: Extraction;
}

/** A check that gives verdicts only from `from` on (CheckOptions.verdictsFrom), run as far as a hover needed. */
interface Focus {
  readonly version: number;
  readonly from: number;
  readonly job: CheckJob;
}

type Waiter = () => boolean;

/**
 * The open documents and their checks: what runs when (run mode, debounce), and publishing the
 * results. Nothing is checked before `start` (the client's settings are not known until then).
 */
/** How long a check request waits for the document it names to be opened (its didOpen overtaken). */
const ARRIVAL_WAIT_MS = 2000;
/** How many times a check request runs the check before answering without one. */
const CHECK_NOW_ATTEMPTS = 2;

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

  /** Which blocks get a code lens (the settings'). */
  get codeLensMode(): CodeLensMode {
    return this.settings.codeLens;
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
      else if (this.runMode !== 'manual' || state.checked) this.schedule(state, document.uri, 0, true);
    }
  }

  /** The run mode in force: the settings', or manual while live checking is paused. */
  private get runMode(): Settings['run'] {
    return this.paused ? 'manual' : this.settings.run;
  }

  private paused = false;

  /**
   * Pauses live checking (the editor's Toggle Live Checking, kept in its workspace state): results
   * would go stale, so they are cleared; resuming checks every open document again. Check Current
   * Document still checks while paused.
   */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    for (const document of this.documents.all()) {
      if (paused) {
        this.interrupt(document.uri);
        this.scheduler.cancel(document.uri);
        this.clear(document.uri);
      } else if (this.started && this.enabled(document) && this.runMode !== 'manual') {
        this.schedule(this.state(document.uri), document.uri, 0, true);
      }
    }
  }

  opened(document: TextDocument): void {
    const state = this.state(document.uri);
    if (this.started && this.enabled(document) && this.runMode !== 'manual') this.schedule(state, document.uri, 0, false);
  }

  changed(document: TextDocument): void {
    this.interrupt(document.uri);
    if (this.started && this.enabled(document) && this.runMode === 'onType') this.schedule(this.state(document.uri), document.uri, this.settings.debounceMs, false);
  }

  saved(document: TextDocument): void {
    if (this.started && this.enabled(document) && this.runMode === 'onSave') this.schedule(this.state(document.uri), document.uri, 0, true);
  }

  closed(uri: string): void {
    this.interrupt(uri);
    this.scheduler.cancel(uri);
    this.states.delete(uri);
    this.publisher.diagnostics(uri, undefined, []);
  }

  /**
   * The check of the document's current text, waiting for a pending one (`flush`: without its
   * debounce). With `offset` (a hover), the answer is a check of the text up to `offset`: the
   * document's check once it is past `offset` (findings there are final: a step depends only on
   * what comes before it), or the hover's own check (`focusOn`), whichever gets there first; a
   * hover waits neither for the debounce nor for the rest of the document. Undefined for a
   * document that is not checked (unknown, disabled, over the size limit) or when `cancellation` fires;
   * CONTENT_MODIFIED when the document is edited meanwhile (edits can come faster than checks:
   * waiting for the newest text could take as long as the user types).
   */
  async current(uri: string, flush: boolean, offset?: number, cancellation?: Cancellation): Promise<Checked | undefined | typeof CONTENT_MODIFIED> {
    if (this.tooLarge(uri)) return undefined;
    for (let attempt = 0; this.scheduler.isPending(uri); attempt++) {
      const state = this.states.get(uri);
      if (!state) return undefined;
      // A hover gets a check of its own, up to its claim (see `focusOn`): answered on this turn when
      // that takes up to HOVER_TURN_MS, else in slices alongside the document's check, whichever gets there first.
      const focus = offset === undefined ? undefined : this.focusOn(uri, state, offset);
      if (focus && advanceFocus(focus, offset!, HOVER_TURN_MS)) return this.focused(uri, focus);
      // After the message behind this request is read, which is often the next keystroke: a check
      // of this text would then be thrown away, and a step of it cannot be interrupted.
      if (flush && !focus && attempt === 0) setImmediate(() => this.scheduler.flush(uri));
      const stops: (() => void)[] = [];
      const interrupted = new Promise<'edited' | 'cancelled'>((resolve) => {
        const edited = () => resolve('edited');
        state.edits.add(edited);
        stops.push(() => state.edits.delete(edited));
        if (cancellation?.isCancellationRequested) resolve('cancelled');
        const listener = cancellation?.onCancellationRequested(() => resolve('cancelled'));
        if (listener) stops.push(() => listener.dispose());
      });
      // Without a focus yet (a LaTeX or code document still being extracted), one is tried again once possible.
      const progress = offset === undefined ? undefined : this.reached(state, uri, offset, !focus);
      if (progress) stops.push(progress.stop);
      const focusing = focus ? inSlices(focus, offset!) : undefined;
      if (focusing) stops.push(focusing.stop);
      const ready = Promise.race([this.scheduler.whenIdle(uri), ...(progress ? [progress.reached] : []), ...(focusing ? [focusing.reached] : [])]).then(() => 'ready' as const);
      const outcome = await Promise.race([ready, interrupted]);
      for (const stop of stops) stop();
      if (outcome === 'edited') return CONTENT_MODIFIED;
      if (outcome === 'cancelled') return undefined;
      if (focus && focus.job.reached > offset! && !this.fresh(uri)) return this.focused(uri, focus);
      if (focus || offset === undefined || this.fresh(uri) || this.runningPast(uri, offset)) break;
    }
    return this.fresh(uri) ?? (offset === undefined ? undefined : this.partial(uri, offset));
  }

  /**
   * True when the document is over `maxFileSizeMB`, as far as is known without measuring now: by
   * its length (one comparison per request), or by the measured size of this version.
   */
  tooLarge(uri: string): boolean {
    const document = this.documents.get(uri);
    if (!document) return false;
    const size = this.states.get(uri)?.size;
    const limit = this.limitBytes();
    return surelyOver(document.getText().length, limit) || (size?.version === document.version && size.bytes > limit);
  }

  /** Checks now, whatever the run mode (CHECK_REQUEST, the report panel). */
  async checkNow(uri: string): Promise<Checked | undefined> {
    // A document over the size limit gets its notice published again, and is not checked.
    if (!this.documents.get(uri) && !(await this.arrival(uri))) return undefined;
    // A check superseded or stopped between the schedule and the answer (the document reopened under its
    // name, its text changed) leaves no check of the current text: run it once more before answering.
    for (let attempt = 0; attempt < CHECK_NOW_ATTEMPTS; attempt++) {
      this.schedule(this.state(uri), uri, 0, true);
      await this.scheduler.whenIdle(uri);
      const checked = this.fresh(uri);
      if (checked || !this.documents.get(uri) || this.tooLarge(uri)) return checked;
    }
    return this.fresh(uri);
  }

  /**
   * Whether a document the server does not have yet opens within a moment: a request for one just
   * opened can reach the server before the client's didOpen for it (Check Current Document right
   * after opening an untitled document), and would otherwise be answered with empty counts.
   */
  private arrival(uri: string): Promise<boolean> {
    return new Promise((resolve) => {
      const opened = this.documents.onDidOpen((event) => {
        if (event.document.uri !== uri) return;
        clearTimeout(timer);
        opened.dispose();
        resolve(true);
      });
      const timer = setTimeout(() => {
        opened.dispose();
        resolve(false);
      }, ARRIVAL_WAIT_MS);
    });
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

  /**
   * A check of the current text for a hover at `offset`, when the document's own check has not got
   * there: it skips the verdicts of the claims before the hovered one (they still take effect: a
   * claim's verdict depends on what precedes it, never on the verdicts there; see
   * CheckOptions.verdictsFrom). While the document is edited, that takes a few ms where the whole
   * check, re-checking each changed step before the claim, takes tens of ms or more. Undefined when
   * the document's check is past `offset`, or when it cannot be done now: a LaTeX or code document
   * whose extraction (off this thread) is not back, or a document whose size is still being measured.
   */
  private focusOn(uri: string, state: DocumentState, offset: number): Focus | undefined {
    const possible = this.focusable(uri, state, offset);
    if (!possible) return undefined;
    const { document, language, running } = possible;
    // A focus that has got there already answers (another sub-expression of the same claim); one
    // that would have to check the verdicts between its claim and this one is not used.
    const kept = state.focus;
    if (kept && kept.version === document.version && kept.from <= offset && kept.job.reached > offset) return kept;
    const options: CheckOptions = { ...this.options(state, uri), verdictsFrom: offset };
    state.focus = { version: document.version, from: offset, job: startCheck(document.getText(), language, options, running?.extraction) };
    return state.focus;
  }

  /** What `focusOn` needs, when it can check now. */
  private focusable(uri: string, state: DocumentState, offset: number): { document: TextDocument; language: DocumentLanguage; running?: Running } | undefined {
    const document = this.documents.get(uri);
    if (!document || !this.enabled(document) || this.runningPast(uri, offset)) return undefined;
    if (state.size?.version !== document.version && mayBeOver(document.getText().length, this.limitBytes())) return undefined;
    const language = documentKind(document, this.settings.languages);
    const running = state.running?.version === document.version ? state.running : undefined;
    if (language !== 'markdown' && !running?.extraction) return undefined;
    return { document, language, running };
  }

  /** A hover's answer from its focus (see `focusOn`): the findings from the hovered claim on are final. */
  private focused(uri: string, focus: Focus): Checked | undefined {
    const document = this.documents.get(uri);
    return document && document.version === focus.version ? { document, claims: new ClaimIndex(focus.job.report()) } : undefined;
  }

  /** The findings so far of the running check of the current text, when it has passed `offset`. */
  private partial(uri: string, offset: number): Checked | undefined {
    const document = this.documents.get(uri);
    const running = this.runningPast(uri, offset);
    return document && running?.job ? { document, claims: new ClaimIndex(running.job.report()) } : undefined;
  }

  /**
   * Resolves once the running check of the current text has passed `offset` (never, if no check
   * gets there), or with `orFocusable` once a hover's own check could start (`focusable`: the
   * extraction it needs is back); `stop` forgets the waiter of a request that stopped waiting.
   */
  private reached(state: DocumentState, uri: string, offset: number, orFocusable = false): { reached: Promise<void>; stop: () => void } {
    let waiter: Waiter = () => false;
    const reached = new Promise<void>((resolve) => {
      waiter = () => {
        if (!this.runningPast(uri, offset) && !(orFocusable && this.focusable(uri, state, offset))) return false;
        resolve();
        return true;
      };
      if (!waiter()) state.progress.push(waiter);
    });
    return { reached, stop: () => void (state.progress = state.progress.filter((w) => w !== waiter)) };
  }

  /** Requests waiting on `uri` stop: it was edited or closed. */
  private interrupt(uri: string): void {
    const edits = this.states.get(uri)?.edits;
    if (!edits?.size) return;
    const waiting = [...edits];
    edits.clear();
    for (const stop of waiting) stop();
  }

  private limitBytes(): number {
    return this.settings.maxFileSizeMB * BYTES_PER_MB;
  }

  private enabled(document: TextDocument): boolean {
    return checkedKindOf(document, this.settings.languages) !== undefined;
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) this.states.set(uri, (state = { cache: new CheckCache(), progress: [], edits: new Set(), refreshLenses: false }));
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
        const started = performance.now();
        const more = advance(running);
        running.workMs += performance.now() - started;
        this.progressed(state);
        return more;
      },
      cancel: () => void this.stop(state, running),
    };
    /** One piece of the check: a chunk of the size measurement, or a step of the check proper. */
    const advance = (current: Running): boolean => {
      if (current.meter) {
        if (current.meter.step()) return true;
        const bytes = current.meter.bytes;
        current.meter = undefined;
        state.size = { version: current.version, bytes };
        if (bytes <= this.limitBytes()) {
          checkText(current);
          return true;
        }
        this.publishTooLarge(uri, document, state, bytes);
        return false;
      }
      const job = current.job;
      if (!job) return true; // extracting: `blocked` is set
      const more = job.step();
      if (!more) this.publish(uri, document, state, current, job);
      return more;
    };
    const checkText = (current: Running): void => {
      const language = documentKind(document, this.settings.languages);
      const text = document.getText();
      // A LaTeX file on disk may load its notation from files beside it (\usepackage{defs}).
      const companions = kindById(language).extractor === 'latex' && uri.startsWith('file:') ? readCompanions(fileURLToPath(uri), text) : [];
      const options = { ...this.options(state, uri), ...(companions.length > 0 ? { companions } : {}) };
      if (language === 'markdown') {
        current.job = startCheck(text, language, options);
      } else {
        task.blocked = this.extractor.extract(text, language, companions).then((extraction) => {
          current.extraction = extraction;
          current.job = startCheck(text, language, options, extraction);
          task.blocked = undefined;
        });
      }
    };
    const begin = (): Running => {
      const started: Running = { version: document.version, workMs: 0 };
      state.running = started;
      // The size first: a document over the limit is neither extracted nor checked.
      const known = state.size?.version === document.version ? state.size.bytes : undefined;
      if (known !== undefined) {
        if (known > this.limitBytes()) started.meter = Utf8Meter.measured(known);
        else checkText(started);
      } else if (mayBeOver(document.getText().length, this.limitBytes())) {
        started.meter = new Utf8Meter(document.getText());
      } else {
        checkText(started);
      }
      return started;
    };
    let running = begin();
    return task;
  }

  /** Instead of a check: one notice at the top of the document, and nothing for hovers or lenses. */
  private publishTooLarge(uri: string, document: TextDocument, state: DocumentState, bytes: number): void {
    state.checked = undefined;
    this.deliver(uri, document, state, [tooLargeDiagnostic(bytes, this.settings.maxFileSizeMB)], EMPTY_SUMMARY);
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
    const claims = new ClaimIndex(job.report());
    state.checked = { version: running.version, claims };
    if (running.workMs > SLOW_CHECK_MS) this.logger.info(`derivcheck: checking ${uri} took ${Math.round(running.workMs)} ms`);
    this.deliver(uri, document, state, toDiagnostics(document, claims, this.settings, this.withRelatedInformation()), claims.summary());
  }

  /** The end of a check of the current text (or of its size measure): its results go out, and what served the wait goes. */
  private deliver(uri: string, document: TextDocument, state: DocumentState, diagnostics: Diagnostic[], summary: Summary): void {
    state.running = undefined;
    state.focus = undefined;
    // Whoever still waits for progress is answered by the finished check (CheckScheduler.whenIdle).
    state.progress = [];
    this.publisher.diagnostics(uri, document.version, diagnostics);
    this.publisher.status(uri, document.version, summary);
    if (state.refreshLenses) this.publisher.refreshLenses();
    state.refreshLenses = false;
  }

  private options(state: DocumentState, uri: string): CheckOptions {
    const s = this.settings;
    // No symbolic proofs: the prover blocks this thread (Atomics.wait, up to 300 ms a proof) for
    // evidence that no hover, lens or panel shows. Verdicts never depend on it.
    return {
      seed: s.seed,
      samples: s.samples,
      tol: s.tolerance,
      model: s.defaultModel,
      // σ as the settings name it; the default is not passed, so that `σ(z) = \tanh(z)` still chooses σ (named, it would be a claim).
      ...(s.defaultSigma !== DEFAULT_SETTINGS.defaultSigma ? { sigma: s.defaultSigma } : {}),
      cache: state.cache,
      hoverSeed: state.hoverSeed,
      symbolicTimeoutMs: 0,
      claimBudgetMs: s.claimBudgetMs,
      onInternalError: (error, range) => this.logger.error(`derivcheck: internal error while checking characters ${range.start}–${range.end} of ${uri}: ${describeError(error)}`),
    };
  }
}

/** Steps a hover's check until it is past `offset` (true) or `ms` have passed (false). */
function advanceFocus(focus: Focus, offset: number, ms: number): boolean {
  const deadline = performance.now() + ms;
  while (focus.job.reached <= offset) {
    if (!focus.job.step()) return true;
    if (performance.now() >= deadline) return focus.job.reached > offset;
  }
  return true;
}

/** Runs a hover's check a slice per turn of the event loop until it is past `offset` or stopped. */
function inSlices(focus: Focus, offset: number): { reached: Promise<void>; stop: () => void } {
  let stopped = false;
  const reached = new Promise<void>((resolve) => {
    const turn = () => {
      if (stopped) return;
      if (advanceFocus(focus, offset, SLICE_MS)) resolve();
      else setImmediate(turn);
    };
    setImmediate(turn);
  });
  return { reached, stop: () => void (stopped = true) };
}


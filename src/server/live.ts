import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckCache, type CheckOptions } from '../engine';
import { DEFAULT_SETTINGS, type Settings, type Summary } from '../protocol/protocol';
import { ClaimIndex, EMPTY_SUMMARY } from './claims';
import { toDiagnostics } from './diagnostics';
import { languageSupport } from './languages';
import { describeError, type Logger } from './log';
import { CheckScheduler } from './scheduler';

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
}

/**
 * The open documents and their checks: what runs when (run mode, debounce), and publishing the
 * results. Nothing is checked before `start` (the client's settings are not known until then).
 */
export class LiveChecker {
  private readonly states = new Map<string, DocumentState>();
  private readonly scheduler: CheckScheduler;
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
      else if (settings.run !== 'manual' || state.checked) this.scheduler.schedule(document.uri, 0);
    }
  }

  opened(document: TextDocument): void {
    this.state(document.uri);
    if (this.started && this.enabled(document) && this.settings.run !== 'manual') this.scheduler.schedule(document.uri, 0);
  }

  changed(document: TextDocument): void {
    if (this.started && this.enabled(document) && this.settings.run === 'onType') this.scheduler.schedule(document.uri, this.settings.debounceMs);
  }

  saved(document: TextDocument): void {
    if (this.started && this.enabled(document) && this.settings.run === 'onSave') this.scheduler.schedule(document.uri, 0);
  }

  closed(uri: string): void {
    this.scheduler.cancel(uri);
    this.states.delete(uri);
    this.publisher.diagnostics(uri, undefined, []);
  }

  /** The check of the document's current text, waiting for a pending one (`flush`: without its debounce). */
  async current(uri: string, flush: boolean): Promise<Checked | undefined> {
    if (this.scheduler.isPending(uri)) {
      if (flush) this.scheduler.flush(uri);
      await this.scheduler.whenIdle(uri);
    }
    return this.fresh(uri);
  }

  /** Checks now, whatever the run mode (CHECK_REQUEST, the report panel). */
  async checkNow(uri: string): Promise<Checked | undefined> {
    if (!this.documents.get(uri)) return undefined;
    this.state(uri);
    this.scheduler.schedule(uri, 0);
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
  }

  private fresh(uri: string): Checked | undefined {
    const document = this.documents.get(uri);
    const checked = this.states.get(uri)?.checked;
    return document && checked && checked.version === document.version ? { document, claims: checked.claims } : undefined;
  }

  private enabled(document: TextDocument): boolean {
    return this.settings.languages.includes(document.languageId);
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) this.states.set(uri, (state = { cache: new CheckCache() }));
    return state;
  }

  private clear(uri: string): void {
    const state = this.states.get(uri);
    if (state?.checked) this.publisher.diagnostics(uri, undefined, []);
    if (state) state.checked = undefined;
  }

  /** One synchronous check of the document's current text, then publish. */
  private run(uri: string): void {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document || !state) return;
    if (!this.enabled(document)) return this.clear(uri);
    const started = performance.now();
    const report = languageSupport(document.languageId).check(document.getText(), this.options(state));
    const elapsedMs = performance.now() - started;
    // The check is synchronous, so the text cannot change under it; the guard keeps that an
    // invariant should checking ever move off this thread: a result for an older version is dropped.
    if (this.documents.get(uri)?.version !== document.version) return;
    const claims = new ClaimIndex(report);
    state.checked = { version: document.version, claims };
    if (elapsedMs > SLOW_CHECK_MS) this.logger.info(`derivcheck: checking ${uri} took ${Math.round(elapsedMs)} ms`);
    this.publisher.diagnostics(uri, document.version, toDiagnostics(document, claims, this.settings, this.withRelatedInformation()));
    this.publisher.status(uri, document.version, claims.summary());
    this.publisher.refreshLenses();
  }

  private options(state: DocumentState): CheckOptions {
    const s = this.settings;
    return { seed: s.seed, samples: s.samples, tol: s.tolerance, model: s.defaultModel, cache: state.cache, hoverSeed: state.hoverSeed };
  }
}

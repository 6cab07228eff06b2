import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  CHECK_REQUEST,
  REPORT_REQUEST,
  RESAMPLE_REQUEST,
  SETTINGS_SECTION,
  STATUS_NOTIFICATION,
  PAUSE_NOTIFICATION,
  type PauseParams,
  type CheckParams,
  type Report,
  type ReportParams,
  type ResampleParams,
  type StatusParams,
  type Summary,
} from '../protocol/protocol';
import { enabledLanguages, NOTEBOOK_CELL_SCHEME, PLAINTEXT, plaintextGlob } from './languages';
import { namedByCell } from './notebooks';
import type { Log } from './log';

const CLIENT_ID = 'derivcheck';
const CLIENT_NAME = 'Derivation Checker';
const SERVER_MODULE = 'dist/server.js';
/** Restarts allowed within RESTART_WINDOW_MS before the client gives up (and says so in the log). */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

type LanguageClientModule = typeof import('vscode-languageclient/node');
let languageClientModule: Promise<LanguageClientModule> | undefined;

/**
 * vscode-languageclient (with vscode-jsonrpc and the protocol) is most of the client's code: webpack
 * puts it in its own chunk (dist/extension-languageclient.js), loaded on the turn after activate()
 * returns so that activating the extension does not wait for it.
 */
function loadLanguageClient(): Promise<LanguageClientModule> {
  languageClientModule ??= new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => import(/* webpackChunkName: "languageclient" */ 'vscode-languageclient/node'))
    .catch((error: unknown) => {
      languageClientModule = undefined; // the next start tries again
      throw error;
    });
  return languageClientModule;
}

/**
 * The language server connection: starts `dist/server.js` over IPC, restarts it when the checked
 * languages change, and re-emits its status notifications. All failures go to the log.
 */
export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private running: Promise<LanguageClient> | undefined;
  private disposed = false;
  /** Live checking paused (the workspace's Toggle Live Checking): told to the server at start and on change. */
  private paused = false;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  /** A document's counts changed (after every check the server makes). */
  readonly onStatus = this.statusEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.statusEmitter];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    /** Told of every publication of diagnostics before VS Code shows it (Check Workspace keeps released files' findings). */
    private readonly onPublished: (uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]) => void = () => undefined,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.languages`)) {
          this.log.info('derivcheck.languages changed: restarting the language server with the new document selector');
          void this.restart();
        }
      }),
    );
  }

  /** Starts the server (once); resolves when it is ready for requests. */
  start(): Promise<LanguageClient> {
    if (this.running) return this.running;
    const running: Promise<LanguageClient> = this.create().catch((error: unknown) => {
      if (!this.disposed) this.log.error('the language server did not start', error);
      if (this.running === running) this.running = undefined;
      throw error;
    });
    this.running = running;
    return running;
  }

  async restart(): Promise<void> {
    // A start still loading the client module has no client to stop yet: let it finish first.
    await this.running?.catch(() => undefined);
    const old = this.client;
    this.client = undefined;
    this.running = undefined;
    if (old) await old.stop().catch((error: unknown) => this.log.error('stopping the language server', error));
    await this.start().catch(() => undefined);
  }

  /** Pauses or resumes live checking in the server (now if it runs, else when it starts). */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (this.client?.isRunning()) this.sendPaused(this.client);
  }

  private sendPaused(client: LanguageClient): void {
    client.sendNotification(PAUSE_NOTIFICATION, { paused: this.paused } satisfies PauseParams).catch((error: unknown) => this.log.error('pausing live checking', error));
  }

  check(uri: vscode.Uri): Promise<Summary> {
    return this.request<CheckParams, Summary>(CHECK_REQUEST, { uri: uri.toString() });
  }

  report(uri: vscode.Uri): Promise<Report | null> {
    return this.request<ReportParams, Report | null>(REPORT_REQUEST, { uri: uri.toString() });
  }

  resample(uri: vscode.Uri | undefined): Promise<unknown> {
    return this.request<ResampleParams, unknown>(RESAMPLE_REQUEST, uri ? { uri: uri.toString() } : {});
  }

  private async request<P, R>(method: string, params: P): Promise<R> {
    const client = await this.start();
    return client.sendRequest<R>(method, params);
  }

  private async create(): Promise<LanguageClient> {
    const { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, TransportKind } = await loadLanguageClient();
    if (this.disposed) throw new Error('the extension was deactivated before the language server started');
    const module = this.context.asAbsolutePath(SERVER_MODULE);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const languages = enabledLanguages();
    const startsPaused = this.paused;
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(languages),
      synchronize: { configurationSection: SETTINGS_SECTION },
      initializationOptions: { paused: startsPaused },
      // A notebook's cells are listed under it in the Problems panel, each at a line of its own: name the cell.
      middleware: {
        handleDiagnostics: (uri, diagnostics, next) => {
          const named = namedByCell(uri, diagnostics);
          this.onPublished(uri, named);
          next(uri, named);
        },
      },
      outputChannel: this.log.channel,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(ErrorAction, CloseAction),
      initializationFailedHandler: (error) => {
        this.log.error('the language server failed to initialize', error);
        return false;
      },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => this.statusEmitter.fire(params));
    await client.start();
    // Paused or resumed while it started.
    if (this.paused !== startsPaused) this.sendPaused(client);
    this.log.info(`language server started (${module})`);
    return client;
  }

  /** Restarts a crashed server a few times, logging instead of showing notifications. */
  private errorHandler(
    ErrorAction: LanguageClientModule['ErrorAction'],
    CloseAction: LanguageClientModule['CloseAction'],
  ): LanguageClientOptions['errorHandler'] {
    const restarts: number[] = [];
    return {
      error: (error, _message, count) => {
        this.log.error(`language server connection error (${count ?? 1})`, error);
        return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: () => {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length > MAX_RESTARTS) {
          this.log.error('language server', new Error(`it stopped ${restarts.length} times in 3 minutes; not restarting it`));
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        this.log.info('the language server stopped; restarting it');
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    const client = this.client;
    this.client = undefined;
    this.running = undefined;
    if (client) await client.stop().catch(() => undefined);
  }
}

/**
 * The documents the server gets: the enabled languages in files, untitled buffers and the
 * workspace's own (virtual) scheme, plain-text files of an enabled kind's extension (see
 * checkedKindOf), plus the Markdown cells of notebooks.
 */
export function documentSelector(languages: readonly string[]): DocumentSelector {
  const schemes = [...new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])];
  const pattern = plaintextGlob(languages);
  return [
    ...languages.flatMap((language) => schemes.map((scheme) => ({ scheme, language }))),
    ...schemes.map((scheme) => ({ scheme, language: PLAINTEXT, pattern })),
    { notebook: '*', language: 'markdown' },
    // Notebook cells: Markdown, and code cells of the enabled languages (their comments).
    ...[...new Set(['markdown', ...languages])].map((language) => ({ scheme: NOTEBOOK_CELL_SCHEME, language })),
  ];
}

import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
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
  type Summary,
} from '../protocol/protocol';
import packageJson from '../../package.json';
import { codeActions } from './actions';
import { EMPTY_SUMMARY } from '../protocol/summary';
import { hoverAt } from './hover';
import { codeLenses } from './lens';
import { CONTENT_MODIFIED, LiveChecker } from './live';
import { describeError } from './log';
import { buildReport } from './report';
import { normalizeSettings } from './settings';
import { validatingSync } from './sync';

const SERVER_NAME = 'derivcheck';
/** Request: the server process's memory (`process.memoryUsage()` and whether it was collected first). */
export const MEMORY_REQUEST = 'derivcheck/memory';

/** What the client can do, from `initialize`. */
interface ClientSupport {
  configuration: boolean;
  dynamicConfiguration: boolean;
  relatedInformation: boolean;
  codeLensRefresh: boolean;
}

/**
 * Starts the language server on the transport the command line names (`--stdio`, `--node-ipc`,
 * `--socket=N`, `--pipe=NAME`), as vscode-languageclient and other editors launch it.
 */
export function startServer(): void {
  serve(createConnection(ProposedFeatures.all));
}

/** Wires the LSP handlers of `connection` to a LiveChecker, and starts listening. */
export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const support: ClientSupport = { configuration: false, dynamicConfiguration: false, relatedInformation: false, codeLensRefresh: false };
  /** Settings from `initializationOptions`, for clients that do not answer workspace/configuration. */
  let initialSettings: unknown;
  const logger = { error: (m: string) => connection.console.error(m), info: (m: string) => connection.console.info(m) };
  const logFailure = (what: string) => (error: unknown) => logger.error(`derivcheck: ${what} failed: ${describeError(error)}`);
  const checker = new LiveChecker(
    documents,
    {
      diagnostics: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }).catch(logFailure('publishing diagnostics')),
      status: (uri, version, summary) => void connection.sendNotification(STATUS_NOTIFICATION, { uri, version, summary }).catch(logFailure('sending status')),
      refreshLenses: () => {
        if (support.codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(logFailure('refreshing code lenses'));
      },
    },
    logger,
    () => support.relatedInformation,
  );

  /** A request handler that logs instead of throwing: a bad request gets `fallback`, never a crash. */
  function guarded<P, R>(
    name: string,
    fallback: R,
    handler: (params: P, token: CancellationToken) => R | ResponseError | Promise<R | ResponseError>,
  ): (params: P, token: CancellationToken) => Promise<R | ResponseError> {
    return async (params, token) => {
      try {
        return await handler(params, token);
      } catch (error) {
        logFailure(name)(error);
        return fallback;
      }
    };
  }

  /** The answer to a request on a text that was edited before it could be answered (clients drop it quietly). */
  const contentModified = (what: string) => new ResponseError(LSPErrorCodes.ContentModified, `the document changed before the ${what} could be answered`);

  async function pullSettings(pushed?: unknown): Promise<void> {
    let raw: unknown = pushed ?? initialSettings;
    if (support.configuration) {
      try {
        raw = await connection.workspace.getConfiguration({ section: SETTINGS_SECTION });
      } catch (error) {
        logFailure('reading settings')(error);
      }
    }
    checker.start(normalizeSettings(raw));
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    support.configuration = caps.workspace?.configuration === true;
    support.dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    support.relatedInformation = caps.textDocument?.publishDiagnostics?.relatedInformation === true;
    support.codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
    const options = params.initializationOptions as Record<string, unknown> | undefined;
    initialSettings = options?.[SETTINGS_SECTION];
    if (options?.paused === true) checker.setPaused(true);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: SERVER_NAME, version: packageJson.version },
    };
  });

  connection.onInitialized(() => {
    if (support.dynamicConfiguration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(logFailure('registering for settings'));
    }
    void pullSettings();
  });

  connection.onNotification(PAUSE_NOTIFICATION, (params: PauseParams | undefined) => checker.setPaused(params?.paused === true));

  connection.onDidChangeConfiguration((params) => {
    // Clients without workspace/configuration push the settings here instead.
    const pushed = (params.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    void pullSettings(pushed);
  });

  /** TextDocuments fires a content change on open too; this tells it from an edit. */
  const openedVersions = new Map<string, number>();
  documents.onDidOpen((e) => {
    openedVersions.set(e.document.uri, e.document.version);
    checker.opened(e.document);
  });
  documents.onDidChangeContent((e) => {
    if (e.document.version !== openedVersions.get(e.document.uri)) checker.changed(e.document);
  });
  documents.onDidSave((e) => checker.saved(e.document));
  documents.onDidClose((e) => {
    openedVersions.delete(e.document.uri);
    checker.closed(e.document.uri);
  });

  connection.onHover(
    guarded('hover', null, async ({ textDocument, position }, token) => {
      const document = documents.get(textDocument.uri);
      // Before anything that reads the text (offsetAt computes its lines): a 50 MB document is not read.
      if (!document || checker.tooLarge(document.uri)) return null;
      const offset = offsetIn(document, position);
      if (offset === undefined) return null;
      // Answered once the hovered claim is checked, not the whole document (LiveChecker.current).
      const checked = await checker.current(document.uri, true, offset, token);
      if (checked === CONTENT_MODIFIED) return contentModified('hover');
      return checked ? hoverAt(checked.document, checked.claims, offset) : null;
    }),
  );

  connection.onCodeLens(
    guarded('code lens', [], async ({ textDocument }, token) => {
      const checked = await checker.current(textDocument.uri, false, undefined, token);
      if (checked === CONTENT_MODIFIED) return contentModified('code lenses');
      return checked ? codeLenses(checked.document, checked.claims, checker.codeLensMode) : [];
    }),
  );

  connection.onCodeAction(
    guarded('code actions', [], async ({ textDocument, context }, token) => {
      const document = documents.get(textDocument.uri);
      if (!document || checker.tooLarge(document.uri)) return [];
      // Diagnostics come back from the client: only those whose range is in this text.
      const sent: unknown = context?.diagnostics;
      const diagnostics = (Array.isArray(sent) ? (sent as Diagnostic[]) : []).filter(
        (d) => offsetIn(document, d?.range?.start) !== undefined && offsetIn(document, d?.range?.end) !== undefined,
      );
      if (diagnostics.length === 0) return [];
      const checked = await checker.current(document.uri, false, undefined, token);
      if (checked === CONTENT_MODIFIED) return contentModified('code actions');
      return codeActions(document, diagnostics, checked?.claims);
    }),
  );

  connection.onRequest(
    REPORT_REQUEST,
    guarded<ReportParams, Report | null>('report', null, async ({ uri }, token) => {
      const current = await checker.current(uri, true, undefined, token);
      // The panel asks again on the next status notification; meanwhile it gets the newest text's report.
      const checked = (current === CONTENT_MODIFIED ? undefined : current) ?? (await checker.checkNow(uri));
      return checked ? buildReport(checked.document, checked.claims) : null;
    }),
  );
  connection.onRequest(CHECK_REQUEST, guarded<CheckParams, Summary>('check', EMPTY_SUMMARY, ({ uri }) => checker.summary(uri)));
  connection.onRequest(RESAMPLE_REQUEST, guarded<ResampleParams | undefined, null>('resample', null, async (params) => {
    await checker.resample(params?.uri);
    return null;
  }));

  // For bug reports and the load test: the server's memory, after a full collection when node runs
  // with --expose-gc (without it, uncollected garbage blurs a leak).
  connection.onRequest(MEMORY_REQUEST, () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    return { ...process.memoryUsage(), collected: gc !== undefined };
  });

  connection.onShutdown(() => checker.dispose());
  documents.listen(validatingSync(connection, logger.error));
  connection.listen();
}

/**
 * The offset of a position the client sent, or undefined when it is not in the document (a line
 * past the last, a negative or fractional number, not a position at all). A character past the
 * end of its line means the line's end, as the LSP specification says.
 */
function offsetIn(document: TextDocument, position: Position | undefined): number | undefined {
  if (typeof position !== 'object' || position === null) return undefined;
  const { line, character } = position;
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0 || line >= document.lineCount) return undefined;
  return document.offsetAt(position);
}

import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CHECK_REQUEST,
  REPORT_REQUEST,
  RESAMPLE_REQUEST,
  SETTINGS_SECTION,
  STATUS_NOTIFICATION,
  type CheckParams,
  type Report,
  type ReportParams,
  type ResampleParams,
  type Summary,
} from '../protocol/protocol';
import { prestartProver } from '../engine/symbolic/prover';
import packageJson from '../../package.json';
import { codeActions } from './actions';
import { EMPTY_SUMMARY } from './claims';
import { hoverAt } from './hover';
import { codeLenses } from './lens';
import { LiveChecker } from './live';
import { describeError } from './log';
import { buildReport } from './report';
import { normalizeSettings } from './settings';

const SERVER_NAME = 'derivcheck';

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
  function guarded<P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params) => {
      try {
        return await handler(params);
      } catch (error) {
        logFailure(name)(error);
        return fallback;
      }
    };
  }

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
    initialSettings = (params.initializationOptions as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
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
    // The symbolic prover's worker loads nerdamer while the first documents are checked numerically.
    prestartProver();
    if (support.dynamicConfiguration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(logFailure('registering for settings'));
    }
    void pullSettings();
  });

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
    guarded('hover', null, async ({ textDocument, position }) => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      // A long document's check in progress answers once it has checked the hovered claim.
      const checked = await checker.current(textDocument.uri, true, document.offsetAt(position));
      return checked ? hoverAt(checked.document, checked.claims, checked.document.offsetAt(position)) : null;
    }),
  );

  connection.onCodeLens(
    guarded('code lens', [], async ({ textDocument }) => {
      const checked = await checker.current(textDocument.uri, false);
      return checked ? codeLenses(checked.document, checked.claims) : [];
    }),
  );

  connection.onCodeAction(
    guarded('code actions', [], async ({ textDocument, context }) => {
      const document = documents.get(textDocument.uri);
      if (!document) return [];
      const checked = await checker.current(textDocument.uri, false);
      return codeActions(document, context.diagnostics, checked?.claims);
    }),
  );

  connection.onRequest(
    REPORT_REQUEST,
    guarded<ReportParams, Report | null>('report', null, async ({ uri }) => {
      const checked = (await checker.current(uri, true)) ?? (await checker.checkNow(uri));
      return checked ? buildReport(checked.document, checked.claims) : null;
    }),
  );
  connection.onRequest(CHECK_REQUEST, guarded<CheckParams, Summary>('check', EMPTY_SUMMARY, ({ uri }) => checker.summary(uri)));
  connection.onRequest(RESAMPLE_REQUEST, guarded<ResampleParams | undefined, null>('resample', null, async (params) => {
    await checker.resample(params?.uri);
    return null;
  }));

  connection.onShutdown(() => checker.dispose());
  documents.listen(connection);
  connection.listen();
}

// Derivation Checker for VS Code: a thin language client plus what only VS Code has (the report
// panel, the status bar, the commands). Checking, diagnostics, hovers, code lenses and code
// actions live in the language server (dist/server.js).
import * as vscode from 'vscode';
import { livePaused, registerCommands } from './commands';
import { Log } from './log';
import { ReportPanel, type RenderedReport } from './panel/reportPanel';
import { ServerConnection } from './server';
import { StatusBar } from './statusBar';
import { CellStatus } from './cellStatus';
import { WorkspaceFindings } from './workspaceFindings';
import { DOCUMENT_KINDS } from '../engine/extract/kinds';

/** The notebook types whose cells get a verdict in their status bar (the table of kinds'). */
const NOTEBOOK_TYPES = DOCUMENT_KINDS.flatMap((k) => ('notebookType' in k ? [k.notebookType] : []));

const OUTPUT_CHANNEL = 'Derivation Checker';

/** What activate() returns: hooks for the integration tests (and other extensions). */
export interface DerivcheckApi {
  /** Resolves when the language server is running. */
  readonly ready: Promise<void>;
  /** The status bar text for the active document, or undefined while the item is hidden. */
  statusText(): string | undefined;
  readonly onDidChangeStatus: vscode.Event<string | undefined>;
  /** How many findings Check Workspace keeps for a file no editor shows (0 while its live ones are shown). */
  workspaceFindings(uri: vscode.Uri): number;
  readonly panel: {
    readonly isOpen: () => boolean;
    readonly uri: () => string | undefined;
    /** The webview put a report in its DOM. */
    readonly onDidRender: vscode.Event<RenderedReport>;
    /** The last report the webview rendered (undefined while closed). */
    readonly lastRendered: () => RenderedReport | undefined;
  };
}

let connection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): DerivcheckApi {
  const log = new Log(OUTPUT_CHANNEL);
  const workspaceFindings = new WorkspaceFindings();
  const server = new ServerConnection(context, log, (uri, diagnostics) => workspaceFindings.published(uri, diagnostics));
  connection = server;
  const statusBar = new StatusBar(server, log);
  // Toggle Live Checking's state, kept per workspace: told before the server starts.
  const paused = livePaused(context);
  server.setPaused(paused);
  statusBar.setPaused(paused);
  const panel = new ReportPanel(context.extensionUri, server, log);
  const cellStatus = new CellStatus(statusBar);
  context.subscriptions.push(cellStatus, ...NOTEBOOK_TYPES.map((type) => vscode.notebooks.registerNotebookCellStatusBarItemProvider(type, cellStatus)));
  context.subscriptions.push(log, workspaceFindings, statusBar, panel, ...registerCommands({ context, server, panel, statusBar, log, workspaceFindings }));

  const ready = server.start().then(() => undefined);
  ready.catch(() => undefined); // logged by start(); requests retry the start
  return {
    ready,
    statusText: () => statusBar.text,
    onDidChangeStatus: statusBar.onDidChange,
    workspaceFindings: (uri) => workspaceFindings.kept(uri).length,
    panel: {
      isOpen: () => panel.isOpen,
      uri: () => panel.uri?.toString(),
      onDidRender: panel.onDidRender,
      lastRendered: () => panel.lastRendered,
    },
  };
}

export async function deactivate(): Promise<void> {
  const server = connection;
  connection = undefined;
  await server?.dispose();
}

import * as vscode from 'vscode';
import type { HostToWebview, PanelState, Range, Report, WebviewToHost } from '../../protocol/protocol';
import { isChecked } from '../languages';
import type { Log } from '../log';
import { affects, reportOf, reportSubject } from '../notebookReport';
import { activeNotebook, cellOf } from '../notebooks';
import type { ServerConnection } from '../server';
import { localResourceRoots, webviewHtml } from './html';

export const REPORT_VIEW_TYPE = 'derivcheck.report';

/** What the webview reported after putting a report in its DOM. */
export interface RenderedReport {
  readonly uri: string | null;
  readonly version: number;
  readonly claims: number;
}

/**
 * The report panel (one at a time). It shows the report of the document it follows (the active
 * checked editor; for a notebook's cell, the whole notebook), refreshes when the server's status for
 * that document (or one of the notebook's cells) changes, reveals a claim's range when its row is
 * clicked, and is restored after a reload by the serializer.
 */
export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private documentUri: vscode.Uri | undefined;
  private focus: string | undefined;
  /** Newest report sent or being sent; a response for an older generation is dropped. */
  private generation = 0;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private webviewReady = false;
  /** The report of the followed document; undefined until it arrives. */
  private lastReport: Report | null | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedReport>();
  /** What the webview last reported rendering. */
  lastRendered: RenderedReport | undefined;
  /** The webview put a report in its DOM. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.renderedEmitter];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerConnection,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: PanelState | undefined) => {
          const uri = typeof state?.uri === 'string' ? vscode.Uri.parse(state.uri) : undefined;
          this.attach(panel, uri ?? this.activeDocumentUri());
        },
      }),
      server.onStatus((status) => {
        if (this.panel && this.documentUri && affects(status.uri, this.documentUri)) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isChecked(editor.document)) this.follow(reportSubject(editor.document.uri).uri);
      }),
      vscode.window.onDidChangeActiveNotebookEditor((editor) => {
        if (this.panel && editor) this.follow(editor.notebook.uri);
      }),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The document the panel shows. */
  get uri(): vscode.Uri | undefined {
    return this.documentUri;
  }

  /** Opens (or reveals) the panel on `uri` (default: the active document), focused on `claimId`. */
  show(uri?: vscode.Uri, claimId?: string): void {
    const subject = uri ? reportSubject(uri, claimId) : { uri: this.activeDocumentUri() ?? this.documentUri, claimId };
    const target = subject.uri;
    claimId = subject.claimId;
    this.focus = claimId;
    if (this.panel) {
      this.panel.reveal(undefined, true);
      if (target && target.toString() !== this.documentUri?.toString()) this.follow(target);
      else if (claimId && this.webviewReady && this.lastReport?.uri === target?.toString()) this.post({ type: 'focus', claimId });
      else this.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      'Derivation Report',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: localResourceRoots(this.extensionUri) },
    );
    this.attach(panel, target);
  }

  private attach(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): void {
    this.panel?.dispose();
    this.panel = panel;
    this.webviewReady = false;
    this.documentUri = uri;
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(this.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    this.updateTitle();
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: WebviewToHost) => this.onMessage(message)),
      panel.onDidDispose(() => this.detach(panel)),
    ];
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri);
    this.refresh();
  }

  private detach(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
    this.panel = undefined;
    this.webviewReady = false;
    this.lastReport = undefined;
    this.lastRendered = undefined;
  }

  private follow(uri: vscode.Uri): void {
    if (uri.toString() === this.documentUri?.toString()) return;
    this.documentUri = uri;
    this.lastReport = undefined;
    this.updateTitle();
    this.refresh();
  }

  private updateTitle(): void {
    if (!this.panel) return;
    const name = this.documentUri ? this.documentUri.path.slice(this.documentUri.path.lastIndexOf('/') + 1) : '';
    this.panel.title = name ? `Derivations: ${name}` : 'Derivation Report';
  }

  /** The active checked document, or the active notebook. */
  private activeDocumentUri(): vscode.Uri | undefined {
    const notebook = activeNotebook();
    if (notebook) return notebook.uri;
    const document = vscode.window.activeTextEditor?.document;
    return document && isChecked(document) ? document.uri : undefined;
  }

  /** Asks the server for the report; coalesces bursts of status notifications into one request at a time. */
  refresh(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.fetchAndPost();
      } while (this.refreshAgain && this.panel);
    })().finally(() => (this.refreshing = undefined));
  }

  private async fetchAndPost(): Promise<void> {
    const generation = ++this.generation;
    const uri = this.documentUri;
    let report: Report | null = null; // no document: the webview says how to get one
    if (uri) {
      try {
        report = await reportOf(this.server, uri);
      } catch (error) {
        this.log.error(`the report of ${uri.toString()}`, error);
        return;
      }
    }
    if (generation !== this.generation || uri?.toString() !== this.documentUri?.toString()) return; // stale
    this.lastReport = report;
    this.sendReport();
  }

  private sendReport(): void {
    if (!this.webviewReady || this.lastReport === undefined) return; // sent on 'ready' or on arrival
    const focus = this.focus;
    this.focus = undefined;
    this.post({ type: 'report', report: this.lastReport, focus });
  }

  private onMessage(message: WebviewToHost): void {
    // The webview renders untrusted document content: check what it sends before acting on it.
    if (!isWebviewMessage(message)) {
      this.log.info(`ignored a malformed message from the report panel: ${String(JSON.stringify(message)).slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        this.sendReport();
        break;
      case 'reveal':
        // Only the document the panel shows (or its cells): a message cannot make the editor open anything else.
        if (!this.lastReport || !shownIn(this.lastReport, message.uri)) return;
        this.reveal(message.uri, message.range).catch((error: unknown) => this.log.error('revealing a claim', error));
        break;
      case 'copy':
        vscode.env.clipboard.writeText(message.text).then(
          () => this.post({ type: 'copied', text: message.text }),
          (error: unknown) => this.log.error('copying LaTeX', error),
        );
        break;
      case 'rendered':
        this.lastRendered = { uri: message.uri, version: message.version, claims: message.claims };
        this.renderedEmitter.fire(this.lastRendered);
        break;
    }
  }

  /** Selects the claim's range in its editor (opening it beside the panel if needed); a cell's, in its notebook. */
  private async reveal(uriText: string, range: Range): Promise<void> {
    const uri = vscode.Uri.parse(uriText);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const otherColumn = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const cell = cellOf(uri);
    if (cell) {
      const cells = new vscode.NotebookRange(cell.index, cell.index + 1);
      const shown = vscode.window.visibleNotebookEditors.find((e) => e.notebook === cell.notebook);
      const notebookEditor = await vscode.window.showNotebookDocument(cell.notebook, { viewColumn: shown?.viewColumn ?? otherColumn, selections: [cells], preserveFocus: false });
      notebookEditor.revealRange(cells, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
      // A rendered Markdown cell has no text editor: selecting the cell is what can be shown.
      const cellEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uriText);
      if (cellEditor) cellEditor.selection = new vscode.Selection(selection.start, selection.end);
      return;
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uriText);
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn ?? otherColumn, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private post(message: HostToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Whether `uri` is the report's document or one of its blocks' (a notebook's cell). */
function shownIn(report: Report, uri: string): boolean {
  return uri === report.uri || report.blocks.some((b) => b.cell?.uri === uri);
}

const isPosition = (p: unknown): boolean =>
  typeof p === 'object' && p !== null && Number.isSafeInteger((p as Range['start']).line) && Number.isSafeInteger((p as Range['start']).character);

/** The shape of WebviewToHost, checked at run time. */
function isWebviewMessage(message: unknown): message is WebviewToHost {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'reveal': {
      const range = m.range as Record<string, unknown> | undefined;
      return typeof m.uri === 'string' && typeof range === 'object' && range !== null && isPosition(range.start) && isPosition(range.end);
    }
    case 'copy':
      return typeof m.text === 'string';
    case 'rendered':
      return (typeof m.uri === 'string' || m.uri === null) && typeof m.version === 'number' && typeof m.claims === 'number';
    default:
      return false;
  }
}

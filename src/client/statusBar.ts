import * as vscode from 'vscode';
import { COMMANDS, SETTINGS_SECTION, type StatusParams, type Summary } from '../protocol/protocol';
import { isChecked } from './languages';
import { activeNotebook, cellOf, checkedCells } from './notebooks';
import { addSummaries, EMPTY_SUMMARY } from '../protocol/summary';
import type { Log } from './log';
import type { ServerConnection } from './server';

/** `∂ 12 ✓  2 ✗  3 ?`: verified, mismatched and unchecked (unparsed or unsupported) steps. */
export function statusText(summary: Summary): string {
  return `∂ ${summary.verified} ✓  ${summary.mismatch} ✗  ${summary.unparsed + summary.unsupported} ?`;
}

function tooltip(summary: Summary): string {
  return (
    `Derivation Checker: ${summary.verified} verified, ${summary.mismatch} mismatch, ` +
    `${summary.unparsed} unparsed, ${summary.unsupported} unsupported. Click to open the report.`
  );
}

/**
 * The status bar item of the active document. Counts come from the server's status notifications;
 * a document without counts yet is checked on focus (unless the run mode is manual).
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('derivcheck.status', vscode.StatusBarAlignment.Left, 50);
  private readonly summaries = new Map<string, Summary>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the new text (undefined when hidden). */
  readonly onDidChange = this.changed.event;
  private readonly summaryChanged = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's counts arrive (a notebook cell's status bar shows them). */
  readonly onDidChangeSummary = this.summaryChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.item, this.changed, this.summaryChanged];

  constructor(
    private readonly server: ServerConnection,
    private readonly log: Log,
  ) {
    this.item.name = 'Derivation Checker';
    this.item.command = COMMANDS.showReport;
    this.disposables.push(
      server.onStatus((params) => this.onStatus(params)),
      // No active text editor (the report panel or another view has the focus): keep what is shown.
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.refresh(true)),
      // A notebook's cells come and go as editors; the notebook's counts stay while it is shown.
      vscode.window.onDidChangeActiveNotebookEditor((editor) => editor && this.refresh(true)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        // The shown document is no longer in any editor (closed): nothing to show.
        if (this.shownUri && !this.shownNotebook && !editors.some((e) => e.document.uri.toString() === this.shownUri)) {
          this.shownUri = undefined;
          this.show(undefined);
        }
      }),
      vscode.window.onDidChangeVisibleNotebookEditors((editors) => {
        if (this.shownNotebook && !editors.some((e) => e.notebook === this.shownNotebook)) {
          this.shownNotebook = undefined;
          this.shownUri = undefined;
          this.show(undefined);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.summaries.delete(document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.languages`)) this.refresh(false);
      }),
    );
    this.refresh(true);
  }

  /** The text shown, or undefined when the item is hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;
  /** The document whose counts the item shows. */
  private shownUri: string | undefined;

  private paused = false;

  /** Live checking paused: the item says so instead of counts that would go stale. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.summaries.clear();
    this.refresh(false);
  }

  /** Records counts the client got some other way (Check Current Document). */
  record(uri: vscode.Uri, summary: Summary): void {
    this.onStatus({ uri: uri.toString(), version: -1, summary });
  }

  /** The last counts of a document (a notebook cell), if any. */
  summaryOf(uri: vscode.Uri): Summary | undefined {
    return this.summaries.get(uri.toString());
  }

  private onStatus(params: StatusParams): void {
    this.summaries.set(params.uri, params.summary);
    this.summaryChanged.fire(vscode.Uri.parse(params.uri));
    if (this.shownNotebook && cellOf(vscode.Uri.parse(params.uri))?.notebook === this.shownNotebook) this.refresh(false);
    else if (params.uri === this.shownUri) this.show(params.summary);
  }

  /** The notebook whose counts are shown (its checked cells, summed), when a notebook is active. */
  private shownNotebook: vscode.NotebookDocument | undefined;

  /** A notebook's counts: its checked cells' summed, once every one is known. */
  private notebookSummary(notebook: vscode.NotebookDocument): Summary | undefined {
    let sum = EMPTY_SUMMARY;
    for (const cell of checkedCells(notebook, isChecked)) {
      const summary = this.summaries.get(cell.uri.toString());
      if (!summary) return undefined;
      sum = addSummaries(sum, summary);
    }
    return sum;
  }

  private refresh(checkIfUnknown: boolean): void {
    const document = vscode.window.activeTextEditor?.document;
    const notebook = activeNotebook();
    if (notebook) {
      this.shownNotebook = notebook;
      this.shownUri = notebook.uri.toString();
      const summary = this.notebookSummary(notebook);
      this.show(summary ?? 'pending');
      if (!summary && checkIfUnknown && !this.paused) {
        for (const cell of checkedCells(notebook, isChecked)) {
          if (this.summaries.has(cell.uri.toString())) continue;
          this.server.check(cell.uri).then(
            (s) => this.record(cell.uri, s),
            (error: unknown) => this.log.error(`checking ${cell.uri.toString()} for the status bar`, error),
          );
        }
      }
      return;
    }
    this.shownNotebook = undefined;
    if (!document) return; // keep the item of the last text editor
    if (!isChecked(document)) {
      this.shownUri = undefined;
      this.show(undefined);
      return;
    }
    this.shownUri = document.uri.toString();
    const summary = this.summaries.get(this.shownUri);
    if (summary) {
      this.show(summary);
      return;
    }
    this.show('pending');
    const run = vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get<string>('run');
    if (checkIfUnknown && run !== 'manual' && !this.paused) {
      this.server.check(document.uri).then(
        (s) => this.record(document.uri, s),
        (error: unknown) => this.log.error(`checking ${document.uri.toString()} for the status bar`, error),
      );
    }
  }

  private show(summary: Summary | 'pending' | undefined): void {
    if (summary === undefined) {
      this.item.hide();
      this.visible = false;
    } else if (this.paused && summary === 'pending') {
      this.item.text = '∂ paused';
      this.item.tooltip = 'Derivation Checker: live checking is paused (Toggle Live Checking resumes it; Check Current Document checks once). Click to open the report.';
      this.item.show();
      this.visible = true;
    } else {
      this.item.text = summary === 'pending' ? '∂ …' : statusText(summary);
      this.item.tooltip = summary === 'pending' ? 'Derivation Checker: not checked yet' : tooltip(summary);
      this.item.show();
      this.visible = true;
    }
    this.changed.fire(this.text);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

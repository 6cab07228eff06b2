// A verdict on each notebook cell, in the cell's own status bar ("∂ 2 ✓  1 ✗  0 ?"), as the window's
// status bar gives it for a whole document: a rendered Markdown cell otherwise shows nothing.
import * as vscode from 'vscode';
import { COMMANDS, type Summary } from '../protocol/protocol';
import { statusText } from './statusBar';

/** Where the counts come from: the status bar's record of the server's status notifications. */
export interface CellCounts {
  summaryOf(uri: vscode.Uri): Summary | undefined;
  readonly onDidChangeSummary: vscode.Event<vscode.Uri>;
}

export class CellStatus implements vscode.NotebookCellStatusBarItemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCellStatusBarItems = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly counts: CellCounts) {
    this.disposables.push(counts.onDidChangeSummary(() => this.changed.fire()));
  }

  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    const summary = this.counts.summaryOf(cell.document.uri);
    if (!summary || summary.verified + summary.mismatch + summary.unparsed + summary.unsupported === 0) return [];
    const item = new vscode.NotebookCellStatusBarItem(statusText(summary), vscode.NotebookCellStatusBarAlignment.Left);
    item.tooltip = `Derivation Checker: ${summary.verified} verified, ${summary.mismatch} mismatch, ${summary.unparsed} unparsed, ${summary.unsupported} unsupported in this cell. Click to open the report.`;
    item.command = { title: 'Show Report Panel', command: COMMANDS.showReport, arguments: [cell.document.uri.toString()] };
    return [item];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

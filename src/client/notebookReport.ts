// The report of what the user has open: a document's from the server, or a notebook's as a whole
// (the server checks each cell's text document on its own; protocol/notebook-report.ts joins them).
import * as vscode from 'vscode';
import { cellClaimId, notebookReport, type CellReport } from '../protocol/notebook-report';
import type { Report } from '../protocol/protocol';
import { isChecked } from './languages';
import { cellName, cellOf } from './notebooks';
import type { ServerConnection } from './server';

/** The open notebook whose file is `uri`, if any. */
export function openNotebook(uri: vscode.Uri): vscode.NotebookDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
}

/** What a report is of: a cell's claims are shown in their notebook's report, under the notebook's id for them. */
export function reportSubject(uri: vscode.Uri, claimId?: string): { uri: vscode.Uri; claimId?: string } {
  const cell = cellOf(uri);
  if (!cell) return { uri, claimId };
  return { uri: cell.notebook.uri, claimId: claimId === undefined ? undefined : cellClaimId(cell.index, claimId) };
}

/** The report of a document, or of an open notebook as a whole (its checked cells', in order). */
export async function reportOf(server: ServerConnection, uri: vscode.Uri): Promise<Report | null> {
  const notebook = openNotebook(uri);
  if (!notebook) return server.report(uri);
  // One cell at a time: the server checks a report's document first, and a code cell's on its one
  // extraction worker.
  const cells: CellReport[] = [];
  for (const cell of notebook.getCells().filter((c) => isChecked(c.document))) {
    const report = await server.report(cell.document.uri);
    if (report) cells.push({ index: cell.index, name: cellName(cell), report });
  }
  return notebookReport(uri.toString(), notebook.version, cells);
}

/** Whether a document's new counts change the report of `subject` (the document itself, or its notebook). */
export function affects(documentUri: string, subject: vscode.Uri): boolean {
  if (documentUri === subject.toString()) return true;
  return cellOf(vscode.Uri.parse(documentUri))?.notebook.uri.toString() === subject.toString();
}

// Notebooks as VS Code shows them: each cell is a text document of its own (scheme
// vscode-notebook-cell), so a finding's line and column are the cell's. These helpers name the cell.
import * as vscode from 'vscode';
import { NOTEBOOK_CELL_SCHEME } from './languages';

/** The notebook cell whose text document is `uri`, if it is one. */
export function cellOf(uri: vscode.Uri): vscode.NotebookCell | undefined {
  if (uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  const key = uri.toString();
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === key);
    if (cell) return cell;
  }
  return undefined;
}

/** The notebook the user is in: the active editor's, when it is a cell's; else the notebook editor with the focus. */
export function activeNotebook(): vscode.NotebookDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document ? cellOf(document.uri)?.notebook : vscode.window.activeNotebookEditor?.notebook;
}

/** "cell 4" (numbered from 1, as the notebook shows them). */
export function cellName(cell: vscode.NotebookCell): string {
  return `cell ${cell.index + 1}`;
}

/**
 * A cell's diagnostics with the cell named first ("cell 4: ∂L/∂b_i: sign error"): the Problems panel
 * lists every cell of a notebook under the notebook, each at a line of its own cell.
 */
export function namedByCell(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const cell = cellOf(uri);
  if (!cell) return diagnostics;
  const name = cellName(cell);
  for (const diagnostic of diagnostics) if (!diagnostic.message.startsWith(`${name}: `)) diagnostic.message = `${name}: ${diagnostic.message}`;
  return diagnostics;
}

/** The text documents of the notebook's cells that are checked: Markdown cells, and code cells for their comments. */
export function checkedCells(notebook: vscode.NotebookDocument, isChecked: (document: vscode.TextDocument) => boolean): vscode.TextDocument[] {
  return notebook.getCells().map((cell) => cell.document).filter(isChecked);
}

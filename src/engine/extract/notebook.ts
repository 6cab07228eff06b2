/** A Jupyter notebook's Markdown cells, joined into one document the checker reads in order. */
export interface NotebookDocument {
  /** The Markdown cells, separated by blank lines, so directives and definitions carry across cells. */
  readonly text: string;
  /** Per Markdown cell: its index in the notebook and where its text starts in `text`. */
  readonly cells: readonly { readonly index: number; readonly start: number; readonly end: number }[];
}

export class NotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookError';
  }
}

const CELL_SEPARATOR = '\n\n';

/** Reads an .ipynb (nbformat 4) file; throws NotebookError with a reason when it is not one. */
export function readNotebook(json: string): NotebookDocument {
  let notebook: unknown;
  try {
    notebook = JSON.parse(json);
  } catch (error) {
    throw new NotebookError(`not a notebook: invalid JSON (${(error as Error).message})`);
  }
  const cells = (notebook as { cells?: unknown } | null)?.cells; // `null` is valid JSON too
  if (!Array.isArray(cells)) throw new NotebookError('not a notebook: no "cells" array');
  let text = '';
  const located: { index: number; start: number; end: number }[] = [];
  cells.forEach((cell: { cell_type?: unknown; source?: unknown }, index) => {
    if (cell?.cell_type !== 'markdown') return;
    const source = Array.isArray(cell.source) ? cell.source.join('') : typeof cell.source === 'string' ? cell.source : '';
    if (text) text += CELL_SEPARATOR;
    located.push({ index, start: text.length, end: text.length + source.length });
    text += source;
  });
  return { text, cells: located };
}

/** The notebook cell holding a document offset, and the offset within that cell. */
export function cellAt(notebook: NotebookDocument, offset: number): { index: number; offset: number } | undefined {
  for (const cell of notebook.cells) {
    if (offset >= cell.start && offset <= cell.end) return { index: cell.index, offset: offset - cell.start };
  }
  return undefined;
}

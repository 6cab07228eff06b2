// The first half of the pipeline: a document's text, of a kind (extract/kinds.ts), to what its
// extractor finds. The one dispatch from a kind to its extractor; the language server's extraction
// thread runs it too (this file does not reach the checker, so that thread's bundle carries none).
import { ExtractionCache } from '../extract/chunks';
import { extractComments } from '../extract/comments';
import { kindById, type CodeLanguage, type DocumentKindId } from '../extract/kinds';
import { extractLatex } from '../extract/latex';
import { readNotebook, type NotebookDocument } from '../extract/notebook';
import type { Extraction } from '../extract/types';

/**
 * What a check reads: the text its findings' offsets refer to (for a notebook, its Markdown cells
 * joined), and for a notebook the cells, to locate offsets by cell.
 */
export interface DocumentText {
  readonly text: string;
  readonly notebook?: NotebookDocument;
}

/** The text a document of `kind` is checked as. Throws NotebookError for a notebook that is not one. */
export function documentText(text: string, kind: DocumentKindId): DocumentText {
  if (kindById(kind).extractor !== 'notebook') return { text };
  const notebook = readNotebook(text);
  return { text: notebook.text, notebook };
}

/**
 * A document's extraction, at once: its math spans, directives, headings and problems. `text` is
 * what documentText gives (a notebook's cells are Markdown). Markdown goes through `cache` when one
 * is given (see `extractionSteps`).
 */
export function extractDocument(text: string, kind: DocumentKindId, cache?: ExtractionCache, companions?: readonly string[]): Extraction {
  const steps = extractionSteps(text, kind, cache, companions);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * `extractDocument` a piece at a time: Markdown yields after each batch of runs it had to parse
 * (ExtractionCache); LaTeX and code are extracted in one piece. `companions`: the text of the local
 * files a LaTeX document loads, whose macro definitions it uses (companions.ts says which).
 */
export function* extractionSteps(text: string, kind: DocumentKindId, cache = new ExtractionCache(), companions: readonly string[] = []): Generator<void, Extraction> {
  const extractor = kindById(kind).extractor;
  if (extractor === 'latex') return extractLatex(text, undefined, companions);
  if (extractor === 'comments') return extractComments(text, kind as CodeLanguage);
  return yield* cache.steps(text);
}

import { kindById, kindOfLanguageId, type DocumentLanguage } from '../engine';

const IGNORE_DIRECTIVE = 'derivcheck: ignore-next-line';

/**
 * The kind a document is read as, by its language id (the engine's table of document kinds).
 * Editors other than VS Code may name Markdown differently or send no usable id: an unknown
 * language is read as Markdown, with its comments for directives.
 */
export function documentKind(languageId: string): DocumentLanguage {
  return kindOfLanguageId(languageId) ?? 'markdown';
}

/** The line "Ignore this claim" inserts, as a comment of the document's kind. */
export function ignoreDirectiveLine(languageId: string): string {
  return kindById(documentKind(languageId)).directiveLine(IGNORE_DIRECTIVE);
}

import { checkedKind, CHECKED_LANGUAGE_IDS, kindById, type DocumentLanguage } from '../engine';

const IGNORE_DIRECTIVE = 'derivcheck: ignore-next-line';

/** What the server knows of a document's kind: its language id and URI. */
interface DocumentNaming {
  readonly languageId: string;
  readonly uri: string;
}

/**
 * The kind the server reads a document as (the engine's table of document kinds: by its language
 * id, or a plain-text file by its extension), or undefined when `enabled` does not cover it.
 */
export function checkedKindOf(document: DocumentNaming, enabled: readonly string[]): DocumentLanguage | undefined {
  return checkedKind(document.languageId, document.uri, enabled);
}

/**
 * The kind of a document the server checks. Editors other than VS Code may name Markdown
 * differently or send no usable id: a document no kind claims is read as Markdown, with its
 * comments for directives.
 */
export function documentKind(document: DocumentNaming, enabled: readonly string[] = CHECKED_LANGUAGE_IDS): DocumentLanguage {
  return checkedKindOf(document, enabled) ?? 'markdown';
}

/** The line "Ignore this claim" inserts, as a comment of the document's kind. */
export function ignoreDirectiveLine(document: DocumentNaming): string {
  return kindById(documentKind(document)).directiveLine(IGNORE_DIRECTIVE);
}

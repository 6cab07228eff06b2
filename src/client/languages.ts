// Which documents the client hands the language server, as which language: everything is read
// from the engine's one table of document kinds (src/engine/extract/kinds.ts).
import * as vscode from 'vscode';
import { checkedKind, DOCUMENT_KINDS, kindById, kindOfLanguageId, PLAINTEXT, type DocumentKind, type DocumentLanguage } from '../engine/extract/kinds';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../protocol/protocol';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';
export { PLAINTEXT };

const KINDS: readonly DocumentKind[] = DOCUMENT_KINDS;

/** The language ids the user wants checked (`derivcheck.languages`). */
export function enabledLanguages(): string[] {
  const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string[]>('languages');
  return Array.isArray(configured) ? configured.filter((l) => typeof l === 'string') : [...DEFAULT_SETTINGS.languages];
}

/** The kinds with an enabled language id, and notebooks (their Markdown cells are always checked). */
function enabledKinds(languages: readonly string[]): DocumentKind[] {
  return KINDS.filter((k) => k.notebookType !== undefined || k.languageIds.some((id) => languages.includes(id)));
}

/** The extensions of the enabled kinds, each also in upper case (`.R`; globs are case-sensitive on Linux). */
function enabledExtensions(languages: readonly string[], notebooks: boolean): string[] {
  const extensions = enabledKinds(languages)
    .filter((k) => notebooks || k.notebookType === undefined)
    .flatMap((k) => k.extensions);
  return [...new Set(extensions.flatMap((e) => [e, e.toUpperCase()]))].sort();
}

/**
 * The kind a document is checked as, or undefined if it is not checked: a notebook's Markdown cell
 * as Markdown, and its code cell as a file of its language (its comments); else as the language
 * server decides (the table's checkedKind: its language id if enabled, a file VS Code opened as
 * plain text, e.g. `.mdx`, by its extension).
 */
export function checkedKindOf(document: vscode.TextDocument, languages: readonly string[] = enabledLanguages()): DocumentLanguage | undefined {
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) {
    if (document.languageId === 'markdown') return 'markdown';
    // A raw cell (plain text) has no extension of its own to go by: not checked.
    return document.languageId === PLAINTEXT ? undefined : checkedKind(document.languageId, '', languages);
  }
  return checkedKind(document.languageId, document.uri.path, languages);
}

/** Whether a document is one the server checks (see checkedKindOf). */
export function isChecked(document: vscode.TextDocument): boolean {
  return checkedKindOf(document) !== undefined;
}

/** The glob of the plain-text files checked by their extension (see checkedKindOf), for the document selector. */
export function plaintextGlob(languages: readonly string[]): string {
  return `**/*.{${enabledExtensions(languages, false).join(',')}}`;
}

/** A directive line in the comment syntax of the document's kind (Markdown's for others): `<!-- derivcheck: model=mlp -->`. */
export function directiveLine(document: vscode.TextDocument, body: string): string {
  return kindById(checkedKindOf(document) ?? kindOfLanguageId(document.languageId) ?? 'markdown').directiveLine(body);
}

/** The glob of the files Check Workspace reads: the extensions of the enabled kinds, and notebooks. */
export function workspaceGlob(languages: readonly string[]): string {
  return `**/*.{${enabledExtensions(languages, true).join(',')}}`;
}

// Which documents the client hands the language server, as which language: everything is read
// from the engine's one table of document kinds (src/engine/extract/kinds.ts).
import * as vscode from 'vscode';
import { DOCUMENT_KINDS, kindById, kindOfExtension, kindOfLanguageId, type DocumentKind } from '../engine/extract/kinds';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../protocol/protocol';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';
/** VS Code's language of a file it has no language for (an `.mdx` without an MDX extension). */
export const PLAINTEXT = 'plaintext';

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
 * The language id a document is checked as, or undefined if it is not checked: its own if enabled;
 * a notebook's Markdown cell as Markdown; and a file VS Code opened as plain text (no extension
 * knows it, e.g. `.mdx`) as the kind of its file extension, as the CLI reads it, when that kind is
 * enabled. A file VS Code gave some other language (`.m` as Objective-C) is left to that language.
 */
export function checkedLanguageId(document: vscode.TextDocument, languages: readonly string[] = enabledLanguages()): string | undefined {
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) return document.languageId === 'markdown' ? 'markdown' : undefined;
  if (languages.includes(document.languageId)) return document.languageId;
  if (document.languageId !== PLAINTEXT) return undefined;
  const extension = /\.([^./]+)$/.exec(document.uri.path)?.[1];
  const kind = extension === undefined ? undefined : kindOfExtension(extension);
  return kind && kindById(kind).languageIds.find((id) => languages.includes(id));
}

/** Whether a document is one the server checks (see checkedLanguageId). */
export function isChecked(document: vscode.TextDocument): boolean {
  return checkedLanguageId(document) !== undefined;
}

/** The glob of the plain-text files checked by their extension (see checkedLanguageId), for the document selector. */
export function plaintextGlob(languages: readonly string[]): string {
  return `**/*.{${enabledExtensions(languages, false).join(',')}}`;
}

/** A directive line in the comment syntax of a language (Markdown's for others): `<!-- derivcheck: model=mlp -->`. */
export function directiveLine(languageId: string, body: string): string {
  return kindById(kindOfLanguageId(languageId) ?? 'markdown').directiveLine(body);
}

/** The glob of the files Check Workspace reads: the extensions of the enabled kinds, and notebooks. */
export function workspaceGlob(languages: readonly string[]): string {
  return `**/*.{${enabledExtensions(languages, true).join(',')}}`;
}

import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../protocol/protocol';

/** Languages the checker can read, with their line comment (for directives) and file extensions. */
const LANGUAGES: Readonly<Record<string, { readonly comment: (body: string) => string; readonly extensions: readonly string[] }>> = {
  markdown: { comment: (b) => `<!-- ${b} -->`, extensions: ['md', 'markdown'] },
  latex: { comment: (b) => `% ${b}`, extensions: ['tex', 'ltx'] },
  tex: { comment: (b) => `% ${b}`, extensions: ['tex'] },
  python: { comment: (b) => `# ${b}`, extensions: ['py'] },
  julia: { comment: (b) => `# ${b}`, extensions: ['jl'] },
  r: { comment: (b) => `# ${b}`, extensions: ['r', 'R'] },
  matlab: { comment: (b) => `% ${b}`, extensions: ['m'] },
  javascript: { comment: (b) => `// ${b}`, extensions: ['js', 'mjs', 'cjs'] },
  typescript: { comment: (b) => `// ${b}`, extensions: ['ts', 'mts', 'cts'] },
  c: { comment: (b) => `// ${b}`, extensions: ['c', 'h'] },
  cpp: { comment: (b) => `// ${b}`, extensions: ['cpp', 'cc', 'cxx', 'hpp', 'hh'] },
  java: { comment: (b) => `// ${b}`, extensions: ['java'] },
};

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/** The language ids the user wants checked (`derivcheck.languages`). */
export function enabledLanguages(): string[] {
  const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string[]>('languages');
  return Array.isArray(configured) ? configured.filter((l) => typeof l === 'string') : [...DEFAULT_SETTINGS.languages];
}

/** Whether a document is one the server checks (an enabled language, or a notebook's Markdown cell). */
export function isChecked(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) return document.languageId === 'markdown';
  return enabledLanguages().includes(document.languageId);
}

/** A directive line in the document's comment syntax: `<!-- derivcheck: model=mlp -->`. */
export function directiveLine(languageId: string, body: string): string {
  return (LANGUAGES[languageId]?.comment ?? LANGUAGES.markdown.comment)(body);
}

/** The glob of the files Check Workspace reads: enabled languages' extensions and notebooks. */
export function workspaceGlob(languages: readonly string[]): string {
  const extensions = new Set<string>(['ipynb']);
  for (const language of languages) for (const ext of LANGUAGES[language]?.extensions ?? []) extensions.add(ext);
  return `**/*.{${[...extensions].sort().join(',')}}`;
}

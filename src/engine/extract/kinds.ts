// The one table of document kinds: how editors name each kind, which files are of it, how a
// directive is written in it, and which extractor reads it. The CLI (file extensions, --language),
// the language server (language ids, the "Ignore this claim" line), the VS Code client (Check
// Workspace, Insert Model Directive) and package.json (activation events, the default of
// `derivcheck.languages`; scripts/sync-manifest.ts writes them, a test holds them equal) all read
// it. Data only, so that the VS Code client can import it without the extractors.

/** Which extractor reads a kind (pipeline/extract.ts runs it). */
export type ExtractorName = 'markdown' | 'latex' | 'comments' | 'notebook';

export interface DocumentKind {
  readonly id: string;
  /** For help texts: "Markdown", "Python". */
  readonly name: string;
  readonly extractor: ExtractorName;
  /** Language ids of documents of this kind (VS Code's, and other editors' common ones). */
  readonly languageIds: readonly string[];
  /** File extensions, lowercase, without the dot; the first is the usual one. */
  readonly extensions: readonly string[];
  /** A line holding `body` as a comment of this kind: where directives are written. */
  readonly directiveLine: (body: string) => string;
  /** Code: what starts a line comment (`#`, `//`, R's `#'`), stripped before the comment's text is read. */
  readonly lineComment?: RegExp;
  /** The notebook type editors open these files as (a notebook's Markdown cells are checked as Markdown). */
  readonly notebookType?: string;
}

const html = (body: string) => `<!-- ${body} -->`;
const percent = (body: string) => `% ${body}`;
const hash = (body: string) => `# ${body}`;
const slashes = (body: string) => `// ${body}`;
const SLASH_COMMENT = /^\/\/+[!/]?/;
const HASH_COMMENT = /^#+/;

const code = <const Id extends string>(id: Id, name: string, languageIds: readonly string[], extensions: readonly string[], directiveLine: (body: string) => string, lineComment: RegExp) =>
  ({ id, name, extractor: 'comments', languageIds, extensions, directiveLine, lineComment }) as const;

/** In the order help texts list them; Markdown, the kind of files of unknown extension, first. */
export const DOCUMENT_KINDS = [
  { id: 'markdown', name: 'Markdown', extractor: 'markdown', languageIds: ['markdown', 'mdx'], extensions: ['md', 'markdown', 'mdx'], directiveLine: html },
  { id: 'latex', name: 'LaTeX', extractor: 'latex', languageIds: ['latex', 'tex', 'latex-expl3'], extensions: ['tex', 'ltx', 'latex'], directiveLine: percent },
  code('python', 'Python', ['python'], ['py', 'pyw'], hash, HASH_COMMENT),
  code('javascript', 'JavaScript', ['javascript', 'javascriptreact'], ['js', 'mjs', 'cjs', 'jsx'], slashes, SLASH_COMMENT),
  code('typescript', 'TypeScript', ['typescript', 'typescriptreact'], ['ts', 'mts', 'cts', 'tsx'], slashes, SLASH_COMMENT),
  code('c', 'C', ['c'], ['c', 'h'], slashes, SLASH_COMMENT),
  code('cpp', 'C++', ['cpp'], ['cpp', 'cc', 'cxx', 'hpp', 'hh'], slashes, SLASH_COMMENT),
  code('java', 'Java', ['java'], ['java'], slashes, SLASH_COMMENT),
  code('julia', 'Julia', ['julia'], ['jl'], hash, HASH_COMMENT),
  code('r', 'R', ['r'], ['r'], hash, /^#+'?/),
  code('matlab', 'MATLAB', ['matlab', 'octave'], ['m'], percent, /^(?:[%#]+|\.\.\.)/),
  { id: 'notebook', name: 'Jupyter notebook', extractor: 'notebook', languageIds: [], extensions: ['ipynb'], directiveLine: html, notebookType: 'jupyter-notebook' },
] as const satisfies readonly DocumentKind[];

export type DocumentKindId = (typeof DOCUMENT_KINDS)[number]['id'];
/** The kinds read by their comments. */
export type CodeLanguage = Extract<(typeof DOCUMENT_KINDS)[number], { extractor: 'comments' }>['id'];
/** The kinds a text editor holds as one document (a notebook is a set of cells). */
export type DocumentLanguage = Exclude<DocumentKindId, 'notebook'>;

const KINDS: readonly DocumentKind[] = DOCUMENT_KINDS;

export const CODE_LANGUAGES = KINDS.filter((k) => k.extractor === 'comments').map((k) => k.id) as readonly CodeLanguage[];

export function kindById(id: DocumentKindId): DocumentKind {
  return KINDS.find((k) => k.id === id)!;
}

/** The kind of a language id, if the checker reads it. */
export function kindOfLanguageId(languageId: string): DocumentLanguage | undefined {
  return KINDS.find((k) => k.languageIds.includes(languageId))?.id as DocumentLanguage | undefined;
}

/** The kind of a file extension (any case, without the dot), if one reads it. */
export function kindOfExtension(extension: string): DocumentKindId | undefined {
  const lower = extension.toLowerCase();
  return KINDS.find((k) => k.extensions.includes(lower))?.id as DocumentKindId | undefined;
}

/** The kind of a file by its extension; files of other kinds are read as Markdown. */
export function kindOfPath(path: string): DocumentKindId {
  const match = /\.([^./\\]+)$/.exec(path);
  return (match && kindOfExtension(match[1])) || 'markdown';
}

/** The language id editors give a file they know no language for (an `.mdx` without an MDX extension). */
export const PLAINTEXT = 'plaintext';

/**
 * The kind an editor's document is checked as, or undefined when it is not checked: by its language
 * id when that id is enabled (an enabled id no kind knows is read as Markdown); a document opened as
 * plain text, by its file extension (`path` may be a URI), as the CLI reads it, when that kind is
 * enabled. A document of any other language is left to that language (`.m` opened as Objective-C).
 */
export function checkedKind(languageId: string, path: string, enabled: readonly string[]): DocumentLanguage | undefined {
  if (enabled.includes(languageId)) return kindOfLanguageId(languageId) ?? 'markdown';
  if (languageId !== PLAINTEXT) return undefined;
  const extension = /\.([^./\\?#]+)(?:[?#].*)?$/.exec(path)?.[1];
  const kind = extension === undefined ? undefined : KINDS.find((k) => k.extensions.includes(extension.toLowerCase()));
  return kind && kind.extractor !== 'notebook' && kind.languageIds.some((id) => enabled.includes(id)) ? (kind.id as DocumentLanguage) : undefined;
}

/** Every extension some kind reads (a directory walk picks these up). */
export const KIND_EXTENSIONS: readonly string[] = KINDS.flatMap((k) => k.extensions);

/** Every language id the checker reads: the default of `derivcheck.languages`, and the activation events. */
export const CHECKED_LANGUAGE_IDS: readonly string[] = KINDS.flatMap((k) => k.languageIds);

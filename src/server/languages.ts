import type { DocumentLanguage } from '../engine';

/** What the server needs to know about a document language. */
export interface LanguageSupport {
  /** The extractor that reads documents of this language (the server checks with startCheck). */
  readonly language: DocumentLanguage;
  /** A line holding a directive, as a comment of this language (for "Ignore this claim"). */
  directiveLine(directive: string): string;
}

const IGNORE_DIRECTIVE = 'derivcheck: ignore-next-line';

const htmlComment = (d: string) => `<!-- ${d} -->`;
const percentComment = (d: string) => `% ${d}`;
const hashComment = (d: string) => `# ${d}`;
const slashComment = (d: string) => `// ${d}`;

const support = (language: DocumentLanguage, directiveLine: (d: string) => string): LanguageSupport => ({
  language,
  directiveLine,
});

/** The extractor and comment syntax per language id. */
const SUPPORT: Record<string, LanguageSupport> = {
  markdown: support('markdown', htmlComment),
  latex: support('latex', percentComment),
  tex: support('latex', percentComment),
  matlab: support('matlab', percentComment),
  octave: support('matlab', percentComment),
  python: support('python', hashComment),
  julia: support('julia', hashComment),
  r: support('r', hashComment),
  javascript: support('javascript', slashComment),
  javascriptreact: support('javascript', slashComment),
  typescript: support('typescript', slashComment),
  typescriptreact: support('typescript', slashComment),
  c: support('c', slashComment),
  cpp: support('cpp', slashComment),
  java: support('java', slashComment),
};

/**
 * Editors other than VS Code may name Markdown differently or send no usable id: an unknown
 * language is read as Markdown, with its comments for directives.
 */
const FALLBACK: LanguageSupport = SUPPORT.markdown;

export function languageSupport(languageId: string): LanguageSupport {
  return SUPPORT[languageId] ?? FALLBACK;
}

export function ignoreDirectiveLine(languageId: string): string {
  return languageSupport(languageId).directiveLine(IGNORE_DIRECTIVE);
}

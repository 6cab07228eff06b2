import { checkText, LineMap, type CheckOptions, type CheckReport } from '../engine';

/** What the server needs to know about a document language. */
export interface LanguageSupport {
  /** Checks a document of this language. Languages without an extractor yet report nothing. */
  check(text: string, options: CheckOptions): CheckReport;
  /** A line holding a directive, as a comment of this language (for "Ignore this claim"). */
  directiveLine(directive: string): string;
}

const IGNORE_DIRECTIVE = 'derivcheck: ignore-next-line';

const htmlComment = (d: string) => `<!-- ${d} -->`;
const percentComment = (d: string) => `% ${d}`;
const hashComment = (d: string) => `# ${d}`;
const slashComment = (d: string) => `// ${d}`;

/** No extractor yet (a later issue adds LaTeX and code-comment notations): an empty report. */
function nothingToCheck(text: string): CheckReport {
  return { findings: [], lineMap: new LineMap(text), blocks: [], handle: () => undefined, samplePoint: [] };
}

const MARKDOWN: LanguageSupport = { check: checkText, directiveLine: htmlComment };

/** Comment syntax per language id; every entry plugs in its extractor here when one exists. */
const SUPPORT: Record<string, LanguageSupport> = {
  markdown: MARKDOWN,
  latex: { check: nothingToCheck, directiveLine: percentComment },
  tex: { check: nothingToCheck, directiveLine: percentComment },
  matlab: { check: nothingToCheck, directiveLine: percentComment },
  python: { check: nothingToCheck, directiveLine: hashComment },
  julia: { check: nothingToCheck, directiveLine: hashComment },
  r: { check: nothingToCheck, directiveLine: hashComment },
  javascript: { check: nothingToCheck, directiveLine: slashComment },
  typescript: { check: nothingToCheck, directiveLine: slashComment },
  c: { check: nothingToCheck, directiveLine: slashComment },
  cpp: { check: nothingToCheck, directiveLine: slashComment },
  java: { check: nothingToCheck, directiveLine: slashComment },
};

/**
 * Editors other than VS Code may name Markdown differently or send no usable id; an unknown
 * language gets `//` comments and nothing checked.
 */
const FALLBACK: LanguageSupport = { check: nothingToCheck, directiveLine: slashComment };

export function languageSupport(languageId: string): LanguageSupport {
  return SUPPORT[languageId] ?? FALLBACK;
}

export function ignoreDirectiveLine(languageId: string): string {
  return languageSupport(languageId).directiveLine(IGNORE_DIRECTIVE);
}

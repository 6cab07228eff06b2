// Which extractor reads a document: Markdown (math spans and plain-notation prose), LaTeX, or the
// comments of a programming language. Shared by the CLI (by file extension) and the language server
// (by language id).
import type { CodeLanguage } from './extract/comments';
import type { CheckOptions } from './check/options';
import { checkCode, checkLatex, checkText, type CheckReport } from './index';
import { ownKeysOnly } from './source/own-keys';

export type DocumentLanguage = 'markdown' | 'latex' | CodeLanguage;

const BY_EXTENSION: Readonly<Record<string, DocumentLanguage>> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  tex: 'latex',
  ltx: 'latex',
  latex: 'latex',
  py: 'python',
  pyw: 'python',
  jl: 'julia',
  r: 'r',
  m: 'matlab',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  java: 'java',
};
ownKeysOnly(BY_EXTENSION);

/** The extensions read by a language of their own (not as Markdown by default), lowercase, without the dot. */
export const KNOWN_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** VS Code language ids (and other editors' common ones) to the extractor that reads them. */
const BY_LANGUAGE_ID: Readonly<Record<string, DocumentLanguage>> = {
  markdown: 'markdown',
  latex: 'latex',
  tex: 'latex',
  'latex-expl3': 'latex',
  python: 'python',
  julia: 'julia',
  r: 'r',
  matlab: 'matlab',
  octave: 'matlab',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  c: 'c',
  cpp: 'cpp',
  java: 'java',
};
ownKeysOnly(BY_LANGUAGE_ID);

/** The language of a file by its extension; files of other kinds are read as Markdown. */
export function languageOfPath(path: string): DocumentLanguage {
  const match = /\.([^./\\]+)$/.exec(path);
  return (match && BY_EXTENSION[match[1].toLowerCase()]) || 'markdown';
}

export function languageOfId(languageId: string): DocumentLanguage | undefined {
  return BY_LANGUAGE_ID[languageId];
}

/** Check a document with the extractor of its language. Never throws. */
export function checkDocument(text: string, language: DocumentLanguage, options: CheckOptions = {}): CheckReport {
  if (language === 'markdown') return checkText(text, options);
  if (language === 'latex') return checkLatex(text, options);
  return checkCode(text, language, options);
}

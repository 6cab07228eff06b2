// The engine's public API: pure TypeScript, no editor dependency.
import { ExtractionCache } from './extract/chunks';
import { DocumentChecker } from './check/document';
import type { Finding } from './check/finding';
import type { CheckOptions } from './check/options';
import type { ClaimHandle, NamedValue } from './check/handle';
import { LineMap, type SourceRange } from './source/location';
import { extractLatex } from './extract/latex';
import { withExtractionProblems } from './extract/latex-problems';
import { extractComments, type CodeLanguage } from './extract/comments';
import type { Extraction } from './extract/types';

export type { Finding, Verdict } from './check/finding';
export type { CheckOptions } from './check/options';
export type { ClaimHandle, Inspection, NamedValue, SideValues, Sweep } from './check/handle';
export { LineMap, type SourceRange } from './source/location';
export { CheckCache } from './check/cache';

/** One math block (a `$…$`, `$$…$$` or fenced block) and the steps found in it, in order. */
export interface Block {
  readonly range: SourceRange;
  readonly findings: readonly Finding[];
}

export interface CheckReport {
  readonly findings: Finding[];
  readonly lineMap: LineMap;
  /** Blocks that hold at least one finding, in document order. */
  readonly blocks: Block[];
  /** Live access to a step's values (hover, report panel); undefined for unparsed findings. */
  handle(finding: Finding): ClaimHandle | undefined;
  /** The time a claim's check took in ms (what CheckOptions.claimBudgetMs limits); undefined for math that did not parse. */
  elapsedMs?(finding: Finding): number | undefined;
  /** The point hovers evaluate at (after `derivcheck: at …` pins and the hover seed). */
  readonly samplePoint: NamedValue[];
}

/** Check a Markdown document: every step of every equation, in document order. Never throws. */
export function checkText(text: string, options: CheckOptions = {}): CheckReport {
  return checkExtraction(text, (options.cache?.extraction ?? new ExtractionCache()).extract(text), options);
}

/**
 * Check a LaTeX (.tex) document: its math (`$…$`, `\[…\]`, align, …) with the macros it defines
 * expanded; `% derivcheck: …` comments are directives. Never throws.
 */
export function checkLatex(text: string, options: CheckOptions = {}): CheckReport {
  const extraction = extractLatex(text);
  const report = checkExtraction(text, extraction, options);
  return { ...report, findings: withExtractionProblems(report.findings, extraction.problems, text) };
}

/** Check what an extractor found in `text` (spans and directives, in document order). Never throws. */
export function checkExtraction(text: string, extraction: Extraction, options: CheckOptions = {}): CheckReport {
  const lineMap = new LineMap(text);
  const checker = new DocumentChecker(text, options, lineMap);
  const findings = checker.run(extraction.spans, extraction.directives, extraction.headings);
  return {
    findings,
    lineMap,
    blocks: checker.blocks,
    handle: (finding) => checker.handles.get(finding),
    elapsedMs: (finding) => checker.elapsed.get(finding),
    samplePoint: checker.hoverPointValues(),
  };
}

/**
 * Check the comments of a code file: claims whose left side is a derivative (`# dL/dC_i = …`,
 * Python docstrings included) and `derivcheck:` directives in comments. Never throws.
 */
export function checkCode(text: string, language: CodeLanguage, options: CheckOptions = {}): CheckReport {
  return checkExtraction(text, extractComments(text, language), options);
}

export { extractLatex } from './extract/latex';
export { extractComments, CODE_LANGUAGES, type CodeLanguage } from './extract/comments';
export type { Extraction, MathSpan, Directive } from './extract/types';
export { readNotebook, cellAt, NotebookError, type NotebookDocument } from './extract/notebook';
export { checkDocument, languageOfId, languageOfPath, type DocumentLanguage } from './languages';
export { startCheck, extractDocument, type CheckJob, type DocumentExtraction } from './job';

// The engine's public API: pure TypeScript, no editor dependency. Re-exports only; a document is
// checked by the pipeline (pipeline/check.ts).
export { checkDocument, checkExtraction, checkLatex, checkText, startCheck, type CheckJob, type CheckReport, type Location } from './pipeline/check';
export { documentText, extractDocument, extractionSteps, type DocumentText } from './pipeline/extract';
export type { Block } from './check/document';
export type { Finding, Verdict } from './check/finding';
export { summaryOf } from './check/finding';
export type { Counterexample, Evidence } from './check/evidence';
export { shortPhrase, type Diagnosis, type DiagnosisKind } from './check/diagnosis';
export type { CheckOptions } from './check/options';
export type { ClaimHandle, Inspection, NamedValue, SideValues, Sweep } from './check/handle';
export { renderableLatex } from './parse/to-latex';
export { describeLatex } from './semantics/describe';
export { CheckCache } from './check/cache';
export { formatNumber } from './semantics/describe';
export { LineMap, type SourceRange } from './source/location';
export { extractLatex } from './extract/latex';
export { extractComments } from './extract/comments';
export type { Extraction, ExtractionProblem, Directive } from './extract/types';
export type { MathSpan } from './source/span';
export { readNotebook, cellAt, NotebookError, type NotebookDocument } from './extract/notebook';
export { CHECKED_LANGUAGE_IDS, checkedKind, CODE_LANGUAGES, DOCUMENT_KINDS, kindById, kindOfExtension, kindOfLanguageId, kindOfPath, type CodeLanguage, type DocumentKind, type DocumentKindId, type DocumentLanguage } from './extract/kinds';

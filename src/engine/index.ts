// The engine's public API: pure TypeScript, no editor dependency.
import { ExtractionCache } from './extract/chunks';
import { DocumentChecker } from './check/document';
import type { CheckOptions, Finding } from './check/finding';
import type { ClaimHandle, NamedValue } from './check/handle';
import { LineMap, type SourceRange } from './source/location';

export type { Finding, CheckOptions, Verdict } from './check/finding';
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
  /** The point hovers evaluate at (after `derivcheck: at …` pins and the hover seed). */
  readonly samplePoint: NamedValue[];
}

/** Check a Markdown document: every step of every equation, in document order. Never throws. */
export function checkText(text: string, options: CheckOptions = {}): CheckReport {
  const lineMap = new LineMap(text);
  const { spans, directives } = (options.cache?.extraction ?? new ExtractionCache()).extract(text);
  const checker = new DocumentChecker(text, options, lineMap);
  const findings = checker.run(spans, directives);
  return {
    findings,
    lineMap,
    blocks: checker.blocks,
    handle: (finding) => checker.handles.get(finding),
    samplePoint: checker.hoverPointValues(),
  };
}

export { readNotebook, cellAt, NotebookError, type NotebookDocument } from './extract/notebook';

// The engine's public API: pure TypeScript, no editor dependency.
import { extractMarkdown } from './extract/markdown';
import { DocumentChecker } from './check/document';
import type { CheckOptions, Finding } from './check/finding';
import { LineMap } from './source/location';

export type { Finding, CheckOptions, Verdict } from './check/finding';
export { LineMap } from './source/location';

export interface CheckReport {
  readonly findings: Finding[];
  readonly lineMap: LineMap;
}

/** Check a Markdown document: every step of every equation, in document order. Never throws. */
export function checkText(text: string, options: CheckOptions = {}): CheckReport {
  const lineMap = new LineMap(text);
  const { spans, directives } = extractMarkdown(text);
  const checker = new DocumentChecker(text, options);
  return { findings: checker.run(spans, directives), lineMap };
}

// The properties every document must have, whatever its content (fuzz.test.ts, scripts/fuzz.ts):
// checking never throws; every finding's range lies inside the document; math broken on purpose is
// never `verified`; no claim runs past its time budget (beyond the budget's granularity).
import { checkDocument, startCheck, type CheckOptions, type CheckReport, type Finding } from '../../../../src/engine';
import type { FuzzDocument } from './generators';

/**
 * How far past its budget a claim may end: the budget is read before each evaluation of a side at
 * a point, each reading and each diagnosis hypothesis, so one evaluation, the finding's assembly
 * and a garbage-collection pause may follow it. (A claim's time is the lesser of wall-clock and CPU
 * time, src/engine/check/deadline.ts, so waiting for a core on a loaded machine does not count.)
 */
export const BUDGET_GRANULARITY_MS = 50;

export interface Examined {
  readonly findings: readonly Finding[];
  /** Each claim's time in ms (CheckReport.elapsedMs). */
  readonly elapsed: ReadonlyMap<Finding, number>;
  /** Budget overruns that did not happen again when the document was checked once more (the machine's load). */
  readonly transientOverruns: number;
  /** An exception that escaped the engine (none expected). */
  readonly escape?: unknown;
  /** One line per broken property. */
  readonly violations: readonly string[];
}

/**
 * Checks `doc` (with the sliced job of the language server when `sliced`) and tests the properties.
 * Wall-clock time on a shared machine includes time the process was not running: an overrun counts
 * when it happens again on a second check of the same document (work that is not stopped always does).
 */
export function examine(doc: FuzzDocument, options: CheckOptions, sliced = false): Examined {
  const first = examineOnce(doc, options, sliced);
  if (!first.violations.some((v) => v.startsWith('budget overrun'))) return first;
  const second = examineOnce(doc, options, sliced);
  const overruns = (e: Examined) => e.violations.filter((v) => v.startsWith('budget overrun')).length;
  return { ...second, transientOverruns: Math.max(0, overruns(first) - overruns(second)) };
}

function examineOnce(doc: FuzzDocument, options: CheckOptions, sliced: boolean): Examined {
  let report: CheckReport;
  try {
    if (sliced) {
      const job = startCheck(doc.text, doc.language, options);
      while (job.step());
      report = job.report();
    } else {
      report = checkDocument(doc.text, doc.language, options);
    }
  } catch (escape) {
    return { findings: [], elapsed: new Map(), escape, transientOverruns: 0, violations: [`escape: ${escape instanceof Error ? (escape.stack ?? escape.message) : String(escape)}`] };
  }
  const findings = report.findings;
  const elapsed = new Map<Finding, number>();
  for (const f of findings) {
    const ms = report.elapsedMs?.(f);
    if (ms !== undefined) elapsed.set(f, ms);
  }
  const violations: string[] = [];
  const budget = options.claimBudgetMs ?? 200;
  const inside = (r: { start: number; end: number }) => Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= doc.text.length;
  for (const f of findings) {
    if (!inside(f.range)) violations.push(`invalid range ${f.range.start}-${f.range.end} (text length ${doc.text.length}): ${f.message}`);
    for (const related of f.related ?? []) if (!inside(related.range)) violations.push(`invalid related range ${related.range.start}-${related.range.end}`);
    if (f.verdict === 'verified') {
      const at = doc.broken.find((offset) => f.range.start <= offset && offset < f.range.end);
      if (at !== undefined) violations.push(`verified although it holds an unclosed '{' at ${at}: ${JSON.stringify(f.text)}`);
    }
    const ms = elapsed.get(f);
    if (ms !== undefined && ms > budget + BUDGET_GRANULARITY_MS) violations.push(`budget overrun: ${ms} ms > ${budget} ms + ${BUDGET_GRANULARITY_MS} ms: ${JSON.stringify(f.text.slice(0, 200))}`);
  }
  return { findings, elapsed, violations, transientOverruns: 0 };
}

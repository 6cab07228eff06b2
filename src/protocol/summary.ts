// Counts of verdicts: one document's (the status bar, the CHECK request), a workspace's, a CLI run's.
import { VERDICTS, type Verdict } from '../engine/check/verdict';
import type { Summary } from './protocol';

export { VERDICTS };

export const EMPTY_SUMMARY: Summary = Object.freeze(Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Summary);

/** The counts of these findings' verdicts. */
export function summarize(findings: Iterable<{ readonly verdict: Verdict }>): Summary {
  const counts = { ...EMPTY_SUMMARY };
  for (const f of findings) counts[f.verdict]++;
  return counts;
}

export function addSummaries(a: Summary, b: Summary): Summary {
  return Object.fromEntries(VERDICTS.map((v) => [v, a[v] + b[v]])) as Summary;
}

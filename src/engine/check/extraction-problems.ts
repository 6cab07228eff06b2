import type { Finding } from './finding';
import type { ExtractionProblem } from '../extract/types';

/**
 * Adds the extraction's problems to the checker's findings as `unparsed` findings, in document
 * order. A problem that explains a finding the math parser already reported there (a macro left
 * unexpanded is an "unknown command") replaces that finding's message instead of repeating it.
 */
export function withExtractionProblems(findings: readonly Finding[], problems: readonly ExtractionProblem[], text: string): Finding[] {
  const out = [...findings];
  for (const problem of problems) {
    const { start, end } = problem.range;
    const explained = out.findIndex((f) => (f.verdict === 'unparsed' || f.verdict === 'unsupported') && f.range.start < Math.max(end, start + 1) && start < Math.max(f.range.end, f.range.start + 1));
    if (explained >= 0) {
      const f = out[explained];
      out[explained] = { ...f, verdict: 'unparsed', message: `could not parse this math: ${problem.message}`, evidence: { ...f.evidence, reason: problem.message } };
      continue;
    }
    const finding: Finding = { verdict: 'unparsed', range: problem.range, text: text.slice(start, end), message: problem.message, evidence: { reason: problem.message } };
    const at = out.findIndex((f) => f.range.start > start);
    out.splice(at < 0 ? out.length : at, 0, finding);
  }
  return out;
}

import type { Finding, Location, Verdict } from '../engine';
import type { Summary } from '../protocol/protocol';
import { summarize as countVerdicts, VERDICTS } from '../protocol/summary';

/** One file's findings, located: what both output formats are made from. */
export interface FileResult {
  readonly path: string;
  readonly findings: readonly Finding[];
  /** 1-based line and column of a document offset; `cell` is the notebook cell index (0-based). */
  locate(offset: number): Location;
  /** What was odd about reading it (invalid UTF-8), one line each. */
  readonly warnings?: readonly string[];
}

/** An input that could not be read or checked (missing, too large, binary…), and why. */
export interface SkippedInput {
  readonly path: string;
  readonly reason: string;
}

export function summarize(files: readonly FileResult[]): Summary {
  return countVerdicts(files.flatMap((file) => file.findings));
}

/** The stable JSON schema (version 1): positions are 1-based; end is just past the last character. */
export function toJson(files: readonly FileResult[], skipped: readonly SkippedInput[] = []): string {
  const report = {
    version: 1,
    files: files.map((file) => ({
      path: file.path,
      ...(file.warnings?.length ? { warnings: file.warnings } : {}),
      claims: file.findings.map((finding) => {
        const start = file.locate(finding.range.start);
        const end = file.locate(finding.range.end);
        return {
          ...(start.cell !== undefined ? { cell: start.cell } : {}),
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          text: finding.text,
          verdict: finding.verdict,
          // Why an unsupported claim was not decided, when that is a limit of the tool: too-complex, internal-error.
          ...(finding.code ? { code: finding.code } : {}),
          ...(finding.target ? { target: finding.target } : {}),
          message: finding.message,
          evidence: finding.evidence,
        };
      }),
    })),
    summary: summarize(files),
    // Inputs not checked, with the reason (also on stderr); the exit code is then 2.
    skipped: skipped.map(({ path, reason }) => ({ path, reason })),
  };
  return JSON.stringify(report, null, 2);
}

const COLORS: Record<Verdict, string> = { verified: '\x1b[32m', mismatch: '\x1b[31m', unparsed: '\x1b[33m', unsupported: '\x1b[36m' };

/** eslint-like: `path:line:col  verdict  target: message`, then a summary line. */
export function toText(files: readonly FileResult[], options: { verbose: boolean; color: boolean; elapsedMs: number; skipped?: number }): string {
  const paint = (verdict: Verdict, text: string) => (options.color ? `${COLORS[verdict]}${text}\x1b[0m` : text);
  const lines: string[] = [];
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.verdict === 'verified' && !options.verbose) continue;
      const { line, column, cell } = file.locate(finding.range.start);
      const target = finding.target ? `${finding.target}: ` : '';
      const where = cell === undefined ? file.path : `${file.path}[cell ${cell}]`;
      lines.push(`${where}:${line}:${column}  ${paint(finding.verdict, finding.verdict.padEnd(11))}  ${target}${finding.message}`);
    }
  }
  const summary = summarize(files);
  const claims = VERDICTS.reduce((n, v) => n + summary[v], 0);
  const parts = VERDICTS.map((v) => `${summary[v]} ${v}`).join(', ');
  const mark = summary.mismatch > 0 || options.skipped ? '✗' : '✓';
  const skipped = options.skipped ? `; ${options.skipped} input${options.skipped === 1 ? '' : 's'} not checked` : '';
  lines.push(`${lines.length ? '\n' : ''}${mark} ${claims} claim${claims === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ${parts}${skipped} (${Math.round(options.elapsedMs)} ms)`);
  return lines.join('\n');
}

// The fixture documents' convention, shared by every suite of solution fixtures: a line holding
// `expect: <verdict> [+N …]` (inside a comment of the file's own syntax) marks the claim N lines below
// (default 1) as that verdict; every other claim must be verified, and every marked line must hold a
// claim. Notebooks count lines within each Markdown cell.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellAt, checkDocument, kindOfPath, readNotebook, type Finding } from '../../src/engine';

const MARKER = /expect:\s*(verified|mismatch|unparsed|unsupported)((?:\s+[+-]\d+)*)/;

/** Expected verdicts by 1-based line of `text`. */
export function expectations(text: string): Map<number, string> {
  const expected = new Map<number, string>();
  text.split('\n').forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const offsets = match[2].trim() ? match[2].trim().split(/\s+/).map(Number) : [1];
    for (const offset of offsets) expected.set(index + 1 + offset, match[1]);
  });
  return expected;
}

export interface FixtureResult {
  readonly findings: readonly Finding[];
  /** One line per disagreement with the markers (empty when the fixture holds). */
  readonly problems: string[];
  /** Where a finding is: `line`, or `cell:line` in a notebook. */
  lineOf(finding: Finding): string;
}

/** Checks one fixture file (any language the checker reads) against its markers. */
export function checkFixture(path: string): FixtureResult {
  const name = path.split('/').pop()!;
  const text = readFileSync(path, 'utf8');
  let findings: Finding[];
  let expected: Map<string, string>;
  let lineOf: (finding: Finding) => string;
  if (name.endsWith('.ipynb')) {
    const notebook = readNotebook(text);
    const report = checkDocument(notebook.text, 'markdown');
    findings = report.findings;
    expected = new Map();
    for (const cell of notebook.cells) {
      for (const [line, verdict] of expectations(notebook.text.slice(cell.start, cell.end))) expected.set(`${cell.index}:${line}`, verdict);
    }
    lineOf = (finding) => {
      const at = cellAt(notebook, finding.range.start)!;
      const cell = notebook.cells.find((c) => c.index === at.index)!;
      return `${at.index}:${notebook.text.slice(cell.start, cell.start + at.offset).split('\n').length}`;
    };
  } else {
    const report = checkDocument(text, kindOfPath(name));
    findings = report.findings;
    expected = new Map([...expectations(text)].map(([line, verdict]) => [String(line), verdict]));
    lineOf = (finding) => String(report.lineMap.position(finding.range.start).line);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const line = lineOf(finding);
    const want = expected.get(line) ?? 'verified';
    seen.add(line);
    if (finding.verdict !== want) problems.push(`${name}:${line} ${finding.verdict} (want ${want}): ${finding.text}\n    ${finding.message}`);
  }
  for (const line of expected.keys()) if (!seen.has(line)) problems.push(`${name}:${line}: expected a ${expected.get(line)}, found no claim`);
  return { findings, problems, lineOf };
}

/** The fixture files of a folder (its README excluded), sorted. */
export function fixtureFiles(dir: string, extension?: string): string[] {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('README') && (!extension || f.endsWith(extension)))
    .sort()
    .map((f) => join(dir, f));
}

// Solutions to the four review problems written by others, in every notation and place the checker
// reads (Markdown, LaTeX, code comments, notebooks). A line `expect: <verdict> [+N …]` inside a comment
// of the file's own syntax marks the claim N lines below (default 1) as that verdict; every other
// claim must be verified, and every marked line must hold a claim.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellAt, checkDocument, languageOfPath, readNotebook, type CheckReport } from '../../src/engine';

const DIR = join(__dirname, 'fixtures', 'solutions');
const MARKER = /expect:\s*(verified|mismatch|unparsed|unsupported)((?:\s+[+-]\d+)*)/;

/** Expected verdicts by 1-based line of `text`. */
function expectations(text: string): Map<number, string> {
  const expected = new Map<number, string>();
  text.split('\n').forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const offsets = match[2].trim() ? match[2].trim().split(/\s+/).map(Number) : [1];
    for (const offset of offsets) expected.set(index + 1 + offset, match[1]);
  });
  return expected;
}

/** The report and, for each finding, a stable "line" key: `cell:line` for notebooks. */
function check(name: string, text: string): { report: CheckReport; expected: Map<string, string>; lineOf: (offset: number) => string } {
  if (!name.endsWith('.ipynb')) {
    const report = checkDocument(text, languageOfPath(name));
    const expected = new Map([...expectations(text)].map(([line, verdict]) => [String(line), verdict]));
    return { report, expected, lineOf: (offset) => String(report.lineMap.position(offset).line) };
  }
  const notebook = readNotebook(text);
  const report = checkDocument(notebook.text, 'markdown');
  const expected = new Map<string, string>();
  for (const cell of notebook.cells) {
    for (const [line, verdict] of expectations(notebook.text.slice(cell.start, cell.end))) expected.set(`${cell.index}:${line}`, verdict);
  }
  const lineOf = (offset: number) => {
    const at = cellAt(notebook, offset)!;
    const cell = notebook.cells.find((c) => c.index === at.index)!;
    return `${at.index}:${notebook.text.slice(cell.start, cell.start + at.offset).split('\n').length}`;
  };
  return { report, expected, lineOf };
}

describe('solutions to the four review problems, in every notation (regression fixtures)', () => {
  const files = readdirSync(DIR).filter((f) => !f.startsWith('README')).sort();
  for (const name of files) {
    it(`${name}: every slip flagged, everything else verified`, () => {
      const { report, expected, lineOf } = check(name, readFileSync(join(DIR, name), 'utf8'));
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const finding of report.findings) {
        const line = lineOf(finding.range.start);
        const want = expected.get(line) ?? 'verified';
        seen.add(line);
        if (finding.verdict !== want) problems.push(`${name}:${line} ${finding.verdict} (want ${want}): ${finding.text}\n    ${finding.message}`);
      }
      for (const line of expected.keys()) if (!seen.has(line)) problems.push(`${name}:${line}: expected a ${expected.get(line)}, found no claim`);
      assert.deepEqual(problems, []);
    });
  }
});

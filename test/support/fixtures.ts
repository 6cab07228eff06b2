// The fixture documents' convention, shared by every suite of solution fixtures. Markers sit inside
// a comment of the file's own syntax (`<!-- … -->` in Markdown, `%` in LaTeX and MATLAB, `#` or `//`
// in code, a Markdown cell in a notebook); one comment may hold several.
//
// - `expect-claims: N` (once per fixture; by custom on its last line, where it shifts no claim's
//   line): the checker finds exactly N claims in the document. A fixture without it fails.
// - `expect: <verdict> [<diagnosis> …] [+N …]` marks the claims N lines below (default 1) as that
//   verdict. A mismatch names its diagnosis (the `diagnosis` of check/diagnosis.ts: `expect: mismatch
//   sign`): one kind for every claim of the line, or one per claim in order (`expect: mismatch differ
//   constant`). Every other claim must be verified, and every marked line must hold a claim.
//
// Notebooks count lines within each Markdown cell.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cellAt, checkDocument, kindOfPath, LineMap, readNotebook, type DocumentKindId, type Finding } from '../../src/engine';

const MARKER = /expect:\s*(verified|mismatch|unparsed|unsupported)((?:\s+[a-z][a-z-]*)*)((?:\s+[+-]\d+)*)/g;
const COUNT_MARKER = /expect-claims:\s*(\d+)/g;

/** What a marker expects of the claims on one line. */
export interface Expectation {
  readonly verdict: string;
  /** The diagnoses of the line's mismatches: one for all of them, or one per claim in order. */
  readonly diagnoses: readonly string[];
}

/** Expected verdicts (and diagnoses) by 1-based line of `text`. */
export function expectations(text: string): Map<number, Expectation> {
  const expected = new Map<number, Expectation>();
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(MARKER)) {
      const diagnoses = match[2].trim() ? match[2].trim().split(/\s+/) : [];
      const offsets = match[3].trim() ? match[3].trim().split(/\s+/).map(Number) : [1];
      for (const offset of offsets) expected.set(index + 1 + offset, { verdict: match[1], diagnoses });
    }
  });
  return expected;
}

/** The claim counts that `text` states (a fixture states exactly one). */
export function statedClaimCounts(text: string): number[] {
  return [...text.matchAll(COUNT_MARKER)].map((match) => Number(match[1]));
}

export interface FixtureResult {
  readonly findings: readonly Finding[];
  /** One line per disagreement with the markers (empty when the fixture holds). */
  readonly problems: string[];
  /** Where a finding is: `line`, or `cell:line` in a notebook. */
  lineOf(finding: Finding): string;
}

const VERIFIED: Expectation = { verdict: 'verified', diagnoses: [] };

/** Checks one fixture file (any language the checker reads) against its markers. */
export function checkFixture(path: string): FixtureResult {
  return checkFixtureText(basename(path), readFileSync(path, 'utf8'));
}

/** The findings of a document as checkDocument gives them. */
const checked = (text: string, kind: DocumentKindId): readonly Finding[] => checkDocument(text, kind).findings;

/**
 * Checks a fixture's text (`name` gives its kind) against its markers; `findingsOf` checks the
 * document, by default with checkDocument (another path through the engine may stand in for it).
 */
export function checkFixtureText(name: string, text: string, findingsOf = checked): FixtureResult {
  let findings: readonly Finding[];
  let expected: Map<string, Expectation>;
  let counts: number[];
  let lineOf: (finding: Finding) => string;
  if (name.endsWith('.ipynb')) {
    const notebook = readNotebook(text);
    findings = findingsOf(notebook.text, 'markdown');
    expected = new Map();
    for (const cell of notebook.cells) {
      for (const [line, want] of expectations(notebook.text.slice(cell.start, cell.end))) expected.set(`${cell.index}:${line}`, want);
    }
    counts = statedClaimCounts(notebook.text);
    lineOf = (finding) => {
      const at = cellAt(notebook, finding.range.start)!;
      const cell = notebook.cells.find((c) => c.index === at.index)!;
      return `${at.index}:${notebook.text.slice(cell.start, cell.start + at.offset).split('\n').length}`;
    };
  } else {
    findings = findingsOf(text, kindOfPath(name));
    expected = new Map([...expectations(text)].map(([line, want]) => [String(line), want]));
    counts = statedClaimCounts(text);
    const lines = new LineMap(text);
    lineOf = (finding) => String(lines.position(finding.range.start).line);
  }
  const problems: string[] = [];
  if (counts.length !== 1) {
    problems.push(`${name}: states ${counts.length === 0 ? 'no claim count' : `${counts.length} claim counts`} (one \`expect-claims: N\` marker)`);
  } else if (counts[0] !== findings.length) {
    problems.push(`${name}: ${findings.length} claims found (want ${counts[0]})`);
  }
  for (const [line, want] of expected) {
    if (want.verdict === 'mismatch' && want.diagnoses.length === 0) problems.push(`${name}:${line}: a mismatch marker must name the diagnosis`);
    if (want.verdict !== 'mismatch' && want.diagnoses.length > 0) problems.push(`${name}:${line}: only a mismatch has a diagnosis`);
  }
  const byLine = new Map<string, Finding[]>();
  for (const finding of findings) {
    const line = lineOf(finding);
    byLine.set(line, [...(byLine.get(line) ?? []), finding]);
  }
  for (const [line, onLine] of byLine) {
    const want = expected.get(line) ?? VERIFIED;
    const { diagnoses } = want;
    if (diagnoses.length > 1 && diagnoses.length !== onLine.length) {
      problems.push(`${name}:${line}: ${diagnoses.length} diagnoses marked for ${onLine.length} claims`);
    }
    onLine.forEach((finding, index) => {
      const diagnosis = finding.evidence.diagnosis;
      const wantDiagnosis = diagnoses.length > 1 ? diagnoses[index] : diagnoses[0];
      const got = `${finding.verdict}${diagnosis ? ` ${diagnosis}` : ''}`;
      const wanted = `${want.verdict}${wantDiagnosis ? ` ${wantDiagnosis}` : ''}`;
      if (finding.verdict !== want.verdict || (want.verdict === 'mismatch' && diagnosis !== wantDiagnosis)) {
        problems.push(`${name}:${line} ${got} (want ${wanted}): ${finding.text}\n    ${finding.message}`);
      }
    });
  }
  for (const line of expected.keys()) if (!byLine.has(line)) problems.push(`${name}:${line}: expected a ${expected.get(line)!.verdict}, found no claim`);
  return { findings, problems, lineOf };
}

/** The fixture files of a folder (its README excluded), sorted. */
export function fixtureFiles(dir: string, extension?: string): string[] {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('README') && (!extension || f.endsWith(extension)))
    .sort()
    .map((f) => join(dir, f));
}

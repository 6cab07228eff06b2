// The language server checks a piece at a time (engine startCheck): the same findings as the
// CLI's checkDocument, and what a partial report says before `reached` is already final.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, kindOfPath, LineMap, startCheck, type Finding } from '../../src/engine';
import { checkFixtureText } from '../support/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const DOCUMENTS = [
  ...fs.readdirSync(path.join(ROOT, 'examples')).map((f) => path.join('examples', f)),
  ...fs.readdirSync(path.join(ROOT, 'test/engine/fixtures/solutions')).map((f) => path.join('test/engine/fixtures/solutions', f)),
].filter((f) => !f.endsWith('.ipynb') && !f.endsWith('.json'));

const summary = (f: Finding) => `${f.range.start}-${f.range.end} ${f.verdict}: ${f.message}`;

/**
 * What a reader expects of the examples, by hand: the number of claims and every one that is not
 * verified (`line verdict diagnosis`). The fixtures state theirs in their markers.
 */
const EXAMPLES: Readonly<Record<string, { claims: number; wrong: string[] }>> = {
  'examples/problem1.md': { claims: 18, wrong: ['48 mismatch factor', '57 mismatch other-gradient', '65 mismatch ascent'] },
  'examples/problem1.py': { claims: 5, wrong: ['31 mismatch differ'] },
  'examples/problem1.tex': { claims: 16, wrong: ['32 mismatch differ', '53 mismatch factor', '60 mismatch sigma-swap'] },
};

/** Where the job's findings disagree with what a reader expects of the document (none when they agree). */
function disagreements(file: string, text: string, findings: readonly Finding[]): string[] {
  const example = EXAMPLES[file];
  if (!example) return checkFixtureText(path.basename(file), text, () => findings).problems;
  const lines = new LineMap(text);
  const wrong = findings.filter((f) => f.verdict !== 'verified').map((f) => `${lines.position(f.range.start).line} ${f.verdict} ${String(f.evidence.diagnosis)}`);
  const problems = findings.length === example.claims ? [] : [`${file}: ${findings.length} claims (want ${example.claims})`];
  return wrong.join('; ') === example.wrong.join('; ') ? problems : [...problems, `${file}: ${wrong.join('; ')} (want ${example.wrong.join('; ')})`];
}

describe('checking a piece at a time (startCheck) finds what checkDocument finds', function () {
  this.timeout(120_000);

  it('knows what a reader expects of every example', () => {
    assert.deepEqual(Object.keys(EXAMPLES), DOCUMENTS.filter((f) => f.startsWith('examples')).sort());
  });

  it('covers every language of the fixtures', () => {
    const languages = new Set(DOCUMENTS.map(kindOfPath));
    for (const language of ['markdown', 'latex', 'python', 'javascript', 'matlab', 'r', 'julia', 'c', 'cpp', 'java', 'typescript']) assert.ok(languages.has(language as never), language);
  });

  for (const file of DOCUMENTS) {
    it(file, () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const language = kindOfPath(file);
      const whole = checkDocument(text, language, { symbolicTimeoutMs: 0 });
      const job = startCheck(text, language, { symbolicTimeoutMs: 0 });
      const expected = whole.findings.map(summary);
      let steps = 0;
      let reached = 0;
      const partials: { reached: number; findings: string[] }[] = [];
      while (job.step()) {
        steps++;
        assert.ok(job.reached >= reached, 'reached never goes back');
        reached = job.reached;
        if (steps % 5 === 0) partials.push({ reached, findings: job.report().findings.filter((f) => f.range.start < reached).map(summary) });
      }
      assert.equal(job.done, true);
      assert.equal(job.reached, text.length);
      const report = job.report();
      assert.deepEqual(report.findings.map(summary), expected);
      // And both are what the document's reader expects, not merely equal to each other.
      assert.deepEqual(disagreements(file, text, report.findings), []);
      assert.deepEqual(
        report.blocks.map((b) => [b.range, b.findings.length]),
        whole.blocks.map((b) => [b.range, b.findings.length]),
      );
      // Before `reached`, a partial report already holds the final findings.
      for (const partial of partials) assert.deepEqual(partial.findings, expected.filter((_, i) => whole.findings[i].range.start < partial.reached));
      if (expected.length > 1) assert.ok(steps > 1, 'more than one piece');
    });
  }
});

describe('a check that gives verdicts only from an offset on (verdictsFrom, for hovers while editing)', function () {
  this.timeout(120_000);

  for (const file of DOCUMENTS) {
    it(file, () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const language = kindOfPath(file);
      const whole = checkDocument(text, language, { symbolicTimeoutMs: 0 });
      assert.deepEqual(disagreements(file, text, whole.findings), []);
      // Up to 16 claims spread over the document, the last one included.
      const starts = [...new Set(whole.findings.map((f) => f.range.start))].sort((a, b) => a - b);
      const picked = [...new Set(Array.from({ length: Math.min(16, starts.length) }, (_, i) => starts[Math.floor(((i + 1) * (starts.length - 1)) / Math.min(16, starts.length))]))];
      let skipped = 0;
      for (const offset of picked) {
        const job = startCheck(text, language, { symbolicTimeoutMs: 0, verdictsFrom: offset });
        while (job.reached <= offset && job.step());
        const focused = job.report().findings;
        // From the hovered claim to where the job got, the very findings of the whole check.
        const within = (f: Finding) => f.range.start >= offset && f.range.start < job.reached;
        assert.deepEqual(focused.filter(within).map(full), whole.findings.filter(within).map(full), `from ${offset}`);
        assert.ok(focused.some((f) => f.range.start === offset), `a finding at ${offset}`);
        // Claims before it were not checked (their spans end before the offset).
        const before = (f: Finding) => f.range.end < offset && f.verdict !== 'unparsed';
        skipped += whole.findings.filter(before).length - focused.filter(before).length;
      }
      if (picked.length > 1 && whole.findings.filter((f) => f.verdict === 'verified' || f.verdict === 'mismatch').length > 1) assert.ok(skipped > 0, 'claims before the offset are skipped');
    });
  }
});

/** A finding with everything a hover shows of it. */
function full(f: Finding): string {
  return JSON.stringify({ range: f.range, verdict: f.verdict, code: f.code, target: f.target, message: f.message, evidence: f.evidence });
}


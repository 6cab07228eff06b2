// The benchmark's claim generator (bench/generator.ts): its labels are the ground truth of the
// benchmark's accuracy figures (derivcheck's and SymPy's), so a claim it labels correct must be
// verified and a claim it labels wrong must be a mismatch.
import * as assert from 'node:assert/strict';
import { checkDocument, type DocumentLanguage } from '../../src/engine';
import { generateCorpus, singleClaimDocument, NOTATIONS, PROBLEMS } from '../../bench/generator';
import { matchFindings, summarize } from '../../bench/agreement';

describe('benchmark claim generator', function () {
  this.timeout(120_000);

  for (const [n, seed] of [[120, 1], [80, 7]] as const) {
    it(`${n} claims (seed ${seed}): correct claims verified, wrong claims mismatch`, () => {
      const corpus = generateCorpus(n, seed);
      assert.equal(corpus.claims.length, n);
      // Verdicts do not depend on the symbolic prover (extra evidence only): leave it out for speed.
      const verdicts = corpus.files.flatMap((file) =>
        matchFindings(corpus, file.kind, checkDocument(file.text, file.language as DocumentLanguage, { symbolicTimeoutMs: 0 }).findings),
      );
      const summary = summarize(verdicts);
      assert.deepEqual(summary.disagreements, []);
      assert.equal(summary.agree, n);
      assert.ok(summary.wrongTotal >= n / 5 && summary.correctTotal >= n / 2, `mix: ${summary.correctTotal} correct, ${summary.wrongTotal} wrong`);
    });
  }

  it('mixes every problem and notation, deterministically, with varied claims', () => {
    const corpus = generateCorpus(400, 3);
    for (const p of PROBLEMS) assert.ok(corpus.claims.some((c) => c.problem === p), p);
    for (const nt of NOTATIONS) assert.equal(corpus.claims.filter((c) => c.notation === nt).length, 100, nt);
    for (const c of corpus.claims) {
      const file = corpus.files.find((f) => f.kind === c.file)!;
      assert.equal(file.text.slice(c.start, c.end), c.text);
      assert.ok(c.sympy.lhs && c.sympy.rhs, `claim ${c.id} has a SymPy question`);
    }
    assert.ok(new Set(corpus.claims.map((c) => c.text)).size > 0.85 * corpus.claims.length);
    assert.deepEqual(generateCorpus(400, 3).files, corpus.files);
  });

  it('a claim alone in a small document gets the verdict it gets in its document', () => {
    const corpus = generateCorpus(40, 5);
    for (const claim of corpus.claims) {
      const doc = singleClaimDocument(corpus, claim);
      const report = checkDocument(doc.text, doc.language as DocumentLanguage, { symbolicTimeoutMs: 0 });
      const finding = report.findings.find((f) => f.range.start >= doc.start && f.range.start < doc.start + claim.text.length);
      assert.equal(finding?.verdict, claim.correct ? 'verified' : 'mismatch', `${claim.id}: ${claim.text}\n${doc.text}`);
    }
  });
});

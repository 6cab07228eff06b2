// The time budget of one claim (CheckOptions.claimBudgetMs): past it the work stops and the claim is
// `unsupported` ("too complex to check in time"), in checkDocument and in the sliced job alike.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, startCheck, type Finding } from '../../../src/engine';
import { CHECK_DEFAULTS } from '../../../src/engine/check/defaults';
import { proveEqual, shutdownProver } from '../../../src/engine/symbolic/prover';
import { BUDGET_GRANULARITY_MS } from '../pipeline/fuzz/properties';
import { EXAMPLES } from '../../support/paths';


const problem1 = readFileSync(join(EXAMPLES, 'problem1.md'), 'utf8');

/** A claim that takes far longer than a small budget (a 300-term sum at 100 points, every index), then a quick one. */
const HEAVY = `<!-- derivcheck: samples=100 -->\n\n$$\\frac{\\partial L}{\\partial b_i} = ${Array.from({ length: 300 }, () => 'C_i\\sigma(z_i)').join(' + ')}$$\n\n<!-- derivcheck: samples=16 -->\n\n$(a+b)^2 = a^2 + 2ab + b^2$\n`;

function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start}-${f.range.end} ${f.verdict} ${f.code ?? ''} ${f.message}`);
}

describe('claim time budget', () => {
  it('does not fire on normal claims, and records each claim’s time', () => {
    assert.equal(CHECK_DEFAULTS.claimBudgetMs, 200);
    const report = checkText(problem1, { symbolicTimeoutMs: 0 });
    const { findings } = report;
    // 21 steps, 3 of them the model's own definitions (z, y_pred, L: no claims).
    assert.equal(findings.length, 18);
    assert.deepEqual(findings.filter((f) => f.code === 'too-complex'), []);
    for (const f of findings) {
      const ms = report.elapsedMs!(f);
      assert.ok(typeof ms === 'number' && ms >= 0 && ms < CHECK_DEFAULTS.claimBudgetMs, `${f.text}: ${ms}`);
    }
  });

  it('stops a claim at its budget and says so on the claim; the next claim is still checked', () => {
    const unlimitedReport = checkText(HEAVY, { symbolicTimeoutMs: 0, claimBudgetMs: 0 });
    const unlimited = unlimitedReport.findings;
    assert.equal(unlimited[0].verdict, 'mismatch');
    const budget = 20;
    // The unlimited check must really be over the budget, or this test proves nothing.
    const unlimitedMs = unlimitedReport.elapsedMs!(unlimited[0])!;
    assert.ok(unlimitedMs > 3 * budget, `the heavy claim took only ${unlimitedMs} ms`);
    const report = checkText(HEAVY, { symbolicTimeoutMs: 0, claimBudgetMs: budget });
    const findings = report.findings;
    assert.equal(findings.length, 2);
    const [heavy, identity] = findings;
    assert.equal(heavy.verdict, 'unsupported');
    assert.equal(heavy.code, 'too-complex');
    assert.equal(heavy.message, 'too complex to check in time (over 20 ms)');
    assert.equal(heavy.target, '∂L/∂b_i');
    assert.deepEqual(heavy.range, unlimited[0].range);
    const stoppedAfter = report.elapsedMs!(heavy)!;
    assert.ok(stoppedAfter <= budget + BUDGET_GRANULARITY_MS, `stopped after ${stoppedAfter} ms`);
    assert.equal(identity.verdict, 'verified');
  });

  it('says the actual budget, and holds every claim to it', () => {
    const findings = checkText(problem1, { symbolicTimeoutMs: 0, claimBudgetMs: 0.001 }).findings;
    assert.equal(findings.length, 21);
    for (const f of findings) {
      assert.equal(f.verdict, 'unsupported');
      assert.equal(f.code, 'too-complex');
      assert.equal(f.message, 'too complex to check in time (over 0.001 ms)');
      assert.ok(f.range.start < f.range.end && f.range.end <= problem1.length);
    }
  });

  it('is honoured by the sliced checker of the language server', () => {
    for (const claimBudgetMs of [0.001, 20]) {
      const options = { symbolicTimeoutMs: 0, claimBudgetMs };
      const job = startCheck(HEAVY, 'markdown', options);
      while (job.step());
      const sliced = job.report().findings;
      assert.equal(sliced[0].code, 'too-complex');
      if (claimBudgetMs === 20) assert.deepEqual(summary(sliced), summary(checkText(HEAVY, options).findings));
    }
  });

  it('0 and Infinity mean no budget', () => {
    for (const claimBudgetMs of [0, Infinity]) {
      const findings = checkText(problem1, { symbolicTimeoutMs: 0, claimBudgetMs }).findings;
      assert.equal(findings.filter((f) => f.verdict === 'mismatch').length, 3);
      assert.equal(findings.filter((f) => f.verdict === 'verified').length, 15);
    }
  });

  it('gives the symbolic prover only what is left of the claim’s budget', () => {
    // An identity no other test proves: the prover's answers are remembered for the process.
    const text = '$(r+s)^2 - (r-s)^2 = 4rs$';
    // Under 20 ms left, a proof is not started at all (it could only time out).
    const [finding] = checkText(text, { symbolicTimeoutMs: 300, claimBudgetMs: 15 }).findings;
    if (finding.code !== 'too-complex') {
      // (too-complex: the numeric check alone took 15 ms on a loaded machine)
      assert.equal(finding.verdict, 'verified');
      assert.deepEqual(finding.evidence.symbolic, { status: 'skipped', ms: 0, detail: "the claim's time budget is spent" });
    }
    const proved = checkText(text, { symbolicTimeoutMs: 300, claimBudgetMs: 0 }).findings[0];
    assert.equal((proved.evidence.symbolic as { status: string }).status, 'proved');
  });
});

describe('prover time of a document (symbolicBudgetMs)', function () {
  // The first proof of the process waits for the prover's worker to start (not charged to a document).
  this.timeout(60_000);
  after(() => shutdownProver());

  /** Identities no other test proves (the prover's answers are remembered for the process), one per line. */
  const identities = (tag: number, count: number) =>
    Array.from({ length: count }, (_, i) => `$(q + ${tag + i})^2 = q^2 + ${2 * (tag + i)}q + ${(tag + i) ** 2}$`).join('\n\n');
  const symbolic = (f: Finding) => f.evidence.symbolic!;
  /** No claim budget and a generous limit per proof: only the document's prover time limits the prover. */
  const options = (symbolicBudgetMs: number) => ({ symbolicBudgetMs, symbolicTimeoutMs: 10_000, claimBudgetMs: 0 });

  it('is 500 ms by default', () => {
    assert.equal(CHECK_DEFAULTS.symbolicBudgetMs, 500);
  });

  it('with a budget of 0, sends no step to the prover: each says skipped, none "proved symbolically"', () => {
    const findings = checkText(identities(7100, 4), options(0)).findings;
    assert.equal(findings.length, 4);
    for (const f of findings) {
      assert.equal(f.verdict, 'verified');
      assert.deepEqual(symbolic(f), { status: 'skipped', ms: 0, detail: "the document's prover time (0 ms) is spent" });
      assert.equal(f.message, 'verified at 16 sample points (16 evaluations)');
    }
  });

  it('with a budget, proves the first steps, and says so', () => {
    const findings = checkText(identities(7200, 4), options(CHECK_DEFAULTS.symbolicBudgetMs)).findings;
    assert.equal(findings.length, 4);
    const [first] = findings;
    assert.equal(first.verdict, 'verified');
    assert.equal(symbolic(first).status, 'proved', JSON.stringify(symbolic(first)));
    assert.equal(first.message, 'verified at 16 sample points (16 evaluations); proved symbolically');
  });

  it('charges each proof to the budget and skips the steps after it is spent', () => {
    // Start the worker first: its start-up is then no part of the document's time.
    assert.equal(proveEqual('2*q', 'q+q', { timeoutMs: 10_000 }).status, 'proved');
    const budget = 20;
    const findings = checkText(identities(7300, 5), options(budget)).findings;
    assert.equal(findings.length, 5);
    // What each proof cost (evidence `ms`) comes off the budget; with under 20 ms left, none starts.
    let left = budget;
    for (const f of findings) {
      assert.equal(f.verdict, 'verified');
      if (left < 20) {
        assert.deepEqual(symbolic(f), { status: 'skipped', ms: 0, detail: `the document's prover time (${budget} ms) is spent` }, f.text);
        assert.doesNotMatch(f.message, /proved symbolically/);
      } else {
        assert.notEqual(symbolic(f).status, 'skipped', f.text);
        left -= symbolic(f).ms;
      }
    }
    assert.notEqual(symbolic(findings[0]).status, 'skipped', 'the first step is sent to the prover');
  });
});

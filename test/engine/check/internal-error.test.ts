// An unexpected exception while checking one claim is a finding on that claim, its cause goes to the
// caller's hook, and every other claim gets its usual verdict (checkDocument and the sliced job).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckCache, checkText, LineMap, startCheck, type CheckOptions, type Finding, type SourceRange } from '../../../src/engine';
import { ModelChoice } from '../../../src/engine/check/model-choice';
import type { StepOutcome } from '../../../src/engine/check/step-io';
import type { Chain } from '../../../src/engine/parse/ast';
import { EXAMPLES } from '../../support/paths';

const problem1 = readFileSync(join(EXAMPLES, 'problem1.md'), 'utf8');
/** The right side of a claim of examples/problem1.md (∂L/∂C_i), the one made to fail. */
const VICTIM = '-2(y_{true} - y_{pred})\\,\\sigma(z_i)';
const isVictim = (f: Finding) => f.text.endsWith(VICTIM);

/** A step cache that fails like a bug would, when asked for the victim's outcome: the claim's check throws there. */
class FaultyCache extends CheckCache {
  override lookup(key: string, compute: () => StepOutcome): StepOutcome {
    if (key.includes(`|${VICTIM}|`)) throw new TypeError('Cannot read properties of undefined (reading "rows")');
    return super.lookup(key, compute);
  }
}

function verdicts(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start}-${f.range.end} ${f.verdict} ${f.message}`);
}

/** Every claim of examples/problem1.md by line, as a reader marks it: three slips, the rest right (line 8 defines z, y_pred and L: no claims). */
const PROBLEM1 = [
  '15 verified', // σ(z) = 1/(1 + e^{−z})
  '19 verified', '20 verified', '21 verified', '22 verified', // (a)
  '29 verified', '29 verified', '29 verified', // (b)
  '34 verified', '35 verified', '38 verified', // (c): ∂L/∂C_i on line 38
  '45 verified', '47 verified', '48 mismatch factor', // (d): the 2 lost
  '54 verified', '57 mismatch other-gradient', // (e): the factor x lost
  '62 verified', '65 mismatch ascent', // (f): b_t + α∇_b L
];
/** The same, with the claim on `line` an internal error. */
const failingOn = (line: number) => PROBLEM1.map((entry) => (entry.startsWith(`${line} `) ? `${line} unsupported internal-error` : entry));

const lines = new LineMap(problem1);
/** Each finding as `line verdict [diagnosis] [code]`, to compare with PROBLEM1. */
function marked(findings: readonly Finding[]): string[] {
  return findings.map((f) => [lines.position(f.range.start).line, f.verdict, f.evidence.diagnosis, f.code].filter((part) => part !== undefined).join(' '));
}

describe('internal errors', () => {
  const normal = checkText(problem1, { symbolicTimeoutMs: 0 }).findings;

  it('checks problem1.md as a reader would, without a fault (the baseline of the tests below)', () => {
    assert.deepEqual(marked(normal), PROBLEM1);
  });

  function faultyRun(run: (options: CheckOptions) => Finding[]): { findings: Finding[]; logged: { error: unknown; range: SourceRange }[] } {
    const logged: { error: unknown; range: SourceRange }[] = [];
    const findings = run({ symbolicTimeoutMs: 0, cache: new FaultyCache(), onInternalError: (error, range) => logged.push({ error, range }) });
    return { findings, logged };
  }

  function assertOnlyVictimFailed(findings: Finding[], logged: { error: unknown; range: SourceRange }[]): void {
    assert.deepEqual(marked(findings), failingOn(38));
    const victims = normal.filter(isVictim);
    assert.equal(victims.length, 1, 'the victim claim is in the document once');
    assert.equal(findings.length, normal.length);
    for (const [i, f] of findings.entries()) {
      const expected = normal[i];
      assert.deepEqual(f.range, expected.range);
      if (!victims.includes(expected)) {
        assert.equal(`${f.verdict} ${f.message}`, `${expected.verdict} ${expected.message}`);
        continue;
      }
      assert.equal(f.verdict, 'unsupported');
      assert.equal(f.code, 'internal-error');
      assert.equal(f.message, 'internal error while checking this claim: Cannot read properties of undefined (reading "rows")');
      assert.equal(f.target, expected.target);
      assert.match(String(f.evidence.stack), /TypeError[\s\S]*lookup/);
    }
    assert.equal(logged.length, victims.length);
    for (const [i, entry] of logged.entries()) {
      assert.ok(entry.error instanceof TypeError);
      assert.deepEqual(entry.range, victims[i].range);
    }
  }

  it('checkText: the failing claim is an internal-error finding, logged; the rest is checked as usual', () => {
    const { findings, logged } = faultyRun((options) => checkText(problem1, options).findings);
    assertOnlyVictimFailed(findings, logged);
  });

  it('the sliced job of the language server does the same', () => {
    const { findings, logged } = faultyRun((options) => {
      const job = startCheck(problem1, 'markdown', options);
      while (job.step());
      return job.report().findings;
    });
    assertOnlyVictimFailed(findings, logged);
  });

  it('a logger that throws does not stop the check', () => {
    const findings = checkText(problem1, {
      symbolicTimeoutMs: 0,
      cache: new FaultyCache(),
      onInternalError: () => {
        throw new Error('logger down');
      },
    }).findings;
    assert.deepEqual(verdicts(findings.filter((f) => f.code !== 'internal-error')), verdicts(normal.filter((f) => !isVictim(f))));
    assert.deepEqual(marked(findings), failingOn(38));
  });

  it('a model choice that throws is an internal-error finding on its equation, logged, timed; the rest is checked', () => {
    // The model is chosen once per equation, before its claims: fail it for the victim's equation.
    const proto = ModelChoice.prototype as unknown as { select: (chain: Chain, offset: number) => unknown };
    const select = proto.select;
    let failingAt: number | undefined;
    proto.select = function (this: unknown, chain: Chain, offset: number) {
      if (failingAt === undefined && problem1.startsWith('\\frac{\\partial L}{\\partial C_i}', offset)) {
        failingAt = offset;
        throw new RangeError('model choice failed');
      }
      return select.call(this, chain, offset);
    };
    try {
      const logged: SourceRange[] = [];
      const report = checkText(problem1, { symbolicTimeoutMs: 0, onInternalError: (_error, range) => logged.push(range) });
      assert.ok(failingAt !== undefined, 'the victim equation was reached');
      const failed = report.findings.filter((f) => f.code === 'internal-error');
      assert.equal(failed.length, 1);
      const [finding] = failed;
      assert.equal(finding.message, 'internal error while checking this claim: model choice failed');
      assert.equal(finding.range.start, failingAt);
      assert.equal(finding.target, undefined);
      assert.deepEqual(logged, [finding.range]);
      assert.equal(typeof report.elapsedMs?.(finding), 'number');
      // Its claims are replaced by the one finding; every other claim is as usual.
      const victims = normal.filter((f) => f.range.start >= finding.range.start && f.range.end <= finding.range.end);
      assert.ok(victims.length >= 1);
      assert.deepEqual(verdicts(report.findings.filter((f) => f !== finding)), verdicts(normal.filter((f) => !victims.includes(f))));
      assert.deepEqual(marked(report.findings), failingOn(38));
    } finally {
      proto.select = select;
    }
  });
});

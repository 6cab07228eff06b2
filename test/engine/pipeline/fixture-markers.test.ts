// The fixture runner (test/support/fixtures.ts) is itself a test that can fail: a fixture that states
// no claim count, a wrong count, a mismatch without its diagnosis or with another one is a problem.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkFixture, statedClaimCounts } from '../../support/fixtures';
import { FIXTURES } from '../../support/paths';

const DIRECTIVE = '<!-- derivcheck: model=mlp sigma=sigmoid -->';
const RIGHT = '$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$';
const SIGN = '$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$';
const HALF = '$\\frac{\\partial L}{\\partial d} = -(y - \\hat y)$';

describe('fixture markers (expect-claims, expect: mismatch <diagnosis>)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'derivcheck-fixture-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const problemsOf = (name: string, ...lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return checkFixture(path).problems;
  };

  it('holds when the count and every verdict and diagnosis are as marked', () => {
    assert.deepEqual(problemsOf('ok.md', DIRECTIVE, '', RIGHT, '', '<!-- expect: mismatch sign -->', SIGN, '', '<!-- expect-claims: 2 -->'), []);
  });

  it('fails a fixture that states no claim count, or two', () => {
    assert.deepEqual(problemsOf('none.md', DIRECTIVE, '', RIGHT), ['none.md: states no claim count (one `expect-claims: N` marker)']);
    assert.deepEqual(problemsOf('two.md', DIRECTIVE, '', RIGHT, '<!-- expect-claims: 1 --> <!-- expect-claims: 1 -->'), ['two.md: states 2 claim counts (one `expect-claims: N` marker)']);
  });

  it('fails when the checker finds another number of claims (none at all, or one more)', () => {
    assert.deepEqual(problemsOf('nothing.md', DIRECTIVE, '', 'no math here', '', '<!-- expect-claims: 1 -->'), ['nothing.md: 0 claims found (want 1)']);
    assert.deepEqual(problemsOf('more.md', DIRECTIVE, '', RIGHT, '', RIGHT, '', '<!-- expect-claims: 1 -->'), ['more.md: 2 claims found (want 1)']);
  });

  it('fails a mismatch marker without a diagnosis, and a diagnosis on another verdict', () => {
    const problems = problemsOf('bare.md', DIRECTIVE, '', '<!-- expect: mismatch -->', SIGN, '<!-- expect: verified sign -->', RIGHT, '<!-- expect-claims: 2 -->');
    assert.deepEqual(problems.slice(0, 2), ['bare.md:4: a mismatch marker must name the diagnosis', 'bare.md:6: only a mismatch has a diagnosis']);
  });

  it('fails a mismatch with another diagnosis than marked', () => {
    const problems = problemsOf('other.md', DIRECTIVE, '', '<!-- expect: mismatch sign -->', HALF, '<!-- expect-claims: 1 -->');
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^other\.md:4 mismatch factor \(want mismatch sign\): /);
  });

  it('reads one diagnosis per claim of a line, in order, and several markers in one comment', () => {
    // ∂L/∂d = 2(y − ŷ) is a sign error; 2(y − ŷ) = −(y − ŷ) is −1/2 times its left side.
    const chain = '$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y) = -(y - \\hat y)$';
    assert.deepEqual(problemsOf('order.md', DIRECTIVE, '', '<!-- expect: mismatch sign sign-factor -->', chain, '<!-- expect-claims: 2 -->'), []);
    const swapped = problemsOf('swapped.md', DIRECTIVE, '', '<!-- expect: mismatch sign-factor sign -->', chain, '<!-- expect-claims: 2 -->');
    assert.deepEqual(swapped.map((p) => p.split(':').slice(0, 2).join(':')), ['swapped.md:4 mismatch sign (want mismatch sign-factor)', 'swapped.md:4 mismatch sign-factor (want mismatch sign)']);
    assert.deepEqual(problemsOf('count.md', DIRECTIVE, '', '<!-- expect: mismatch sign sign-factor sign -->', chain, '<!-- expect-claims: 2 -->'), ['count.md:4: 3 diagnoses marked for 2 claims']);
    const rows = ['$$', '\\begin{aligned}', `${SIGN.slice(1, -1)} \\\\`, HALF.slice(1, -1), '\\end{aligned}', '$$'];
    assert.deepEqual(problemsOf('rows.md', DIRECTIVE, '', '<!-- expect: mismatch sign +3 --> <!-- expect: mismatch factor +4 -->', ...rows, '<!-- expect-claims: 2 -->'), []);
  });
});

describe('every fixture document states its claim count', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : name.startsWith('README') ? [] : [path];
    });
  for (const path of files(FIXTURES)) {
    it(relative(FIXTURES, path), () => {
      assert.equal(statedClaimCounts(readFileSync(path, 'utf8')).length, 1);
    });
  }
});

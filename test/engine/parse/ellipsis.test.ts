// Sums written out with an ellipsis (src/engine/parse/ellipsis.ts): read as the sum over the index
// that runs, from the terms around the ellipsis; not guessed otherwise.
import assert from 'node:assert/strict';
import { parseChain } from '../../../src/engine/parse/parser';
import { show } from '../../../src/engine/parse/print';
import { check, displayBlocks, mismatch, only, verified } from '../../support/claims';

function sum(src: string): string {
  const r = parseChain(src);
  if (!r.ok) assert.fail(`${src}: ${r.error.message}`);
  return show(r.chain.members[0]);
}

describe('parser: a sum written out with an ellipsis', () => {
  const cases: [string, string][] = [
    ['a_1 + a_2 + \\dots + a_n', '(sum i 1 n a_i)'],
    ['a_1 + \\cdots + a_n', '(sum i 1 n a_i)'],
    ['1 + 2 + \\ldots + n', '(sum i 1 n i)'],
    ['x_0 w_0 + x_1 w_1 + \\cdots + x_n w_n + b', '(+ (sum i 0 n (juxt x_i w_i)) b)'],
    ['\\theta_0 + \\theta_1 x_1 + \\theta_2 x_2 + \\ldots + \\theta_p x_p', '(+ theta_0 (sum i 1 p (juxt theta_i x_i)))'],
    ['(a_1 - b_1)^2 + (a_2 - b_2)^2 + \\ldots + (a_n - b_n)^2', '(sum i 1 n (^ (- a_i b_i) 2))'],
    ['x_1^2 + x_2^2 + \\dots + x_{10}^2', '(sum i 1 10 (^ x_i 2))'],
    ['- a_1 - a_2 - \\dots - a_n', '(neg (sum i 1 n a_i))'],
    ['a_i + a_{1} + \\dots + a_n', '(+ a_i (sum j 1 n a_j))'],
  ];
  for (const [src, expected] of cases) it(src, () => assert.equal(sum(src), expected));

  it('does not guess a pattern it cannot read', () => {
    for (const src of ['a_1 b_2 + \\dots + a_n b_m', 'a_1 + \\dots - a_n', 'a_1 + \\dots + b_n', 'x_5 + \\dots + x_2', 'a_1 + a_2 + \\dots']) {
      const r = parseChain(src);
      assert.ok(!r.ok && r.error.unsupported, `${src}: ${r.ok ? show(r.chain.members[0]) : r.error.message}`);
    }
  });
});

describe('checking sums written out with an ellipsis', () => {
  it('verifies them against the same sum written with Σ, and flags a slip', () => {
    verified(check(displayBlocks('', '1 + 2 + \\dots + n = \\frac{n(n+1)}{2}', 'w_1x_{1} + \\dots + w_mx_{m} = \\sum_{j=1}^{m} x_{j}w_{j}', '\\sqrt{(a_1 - b_1)^2 + \\ldots + (a_n - b_n)^2} = \\sqrt{\\sum_{i=1}^n (a_i - b_i)^2} + 0')), 3);
    mismatch(only(check(displayBlocks('', 'x_1^2 + x_2^2 + \\dots + x_n^2 = \\sum_{i=1}^n x_i'))), undefined, /e\.g\. at n=\d/);
  });
});

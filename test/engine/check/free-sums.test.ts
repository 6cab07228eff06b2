// Sums and entries in free variables (issue 15): a bound nothing defines is a count, sampled as a
// whole number; x_1, x_i are free scalars of their own unless the claim also uses x whole; a series
// is not decided; a row that differs from a row nobody established is not blamed.
import * as assert from 'node:assert/strict';
import { check, displayBlocks, displayMath, mismatch, only, verified } from '../../support/claims';

describe('sums over a free count, and free entries x_1, x_i', () => {
  it('verifies identities of finite sums whose bound is a free count', () => {
    verified(
      check(
        displayBlocks(
          '',
          '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
          '\\sum_{i=1}^{n} (a_i + b_i) = \\sum_{i=1}^{n} a_i + \\sum_{i=1}^{n} b_i',
          '\\frac{1}{n}\\sum_{i=1}^{n} (x_i - m) = \\frac{1}{n}\\sum_{i=1}^{n} x_i - m',
          'x_1 + x_2 = x_2 + x_1',
          '2 \\sum_{n=1}^N (w x_n - y_n) x_n = 2 w \\sum_{n=1}^N x_n^2 - 2 \\sum_{n=1}^N y_n x_n',
        ),
      ),
      5,
    );
  });

  it('a slip in such a sum is a mismatch, with the count in the counterexample', () => {
    mismatch(only(check(displayBlocks('', '\\sum_{i=1}^{n} i = \\frac{n^2}{2}'))), undefined, /e\.g\. at n=\d/);
    mismatch(only(check(displayBlocks('', '(x_1 + x_2)^2 = x_1^2 + x_2^2'))), undefined, /x_1=/);
  });

  it('does not read x whole and its entries x_1 as unrelated scalars', () => {
    const finding = only(check(displayBlocks('', 'x^2 = x_1^2 + x_2^2')));
    assert.equal(finding.verdict, 'unsupported', finding.message);
    assert.match(finding.message, /x and entries of it \(x_…\) both appear/);
  });

  it('does not sample a series', () => {
    const finding = only(check(displayBlocks('', '\\sum_{i=0}^{\\infty} \\beta^i = \\frac{1}{1 - \\beta}')));
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /infinite sums \(series\) are not supported/);
  });
});

describe('a row that differs from a row nobody established', () => {
  it('is not decided: the row before may be the one that slipped', () => {
    // J is never defined, so the first row is not checked; the second differs from it (the first lacks a factor x_i).
    const findings = check(displayMath('\\frac{\\partial J}{\\partial \\beta} &= -2\\sum_{i=1}^N (y_i - \\beta x_i) \\\\\n&= -2\\sum_{i=1}^N (y_i - \\beta x_i) x_i'));
    const last = findings[findings.length - 1];
    assert.equal(last.verdict, 'unsupported', last.message);
    assert.match(last.message, /the row before could not be checked itself \(.*\), so which of the two slipped is not known/);
  });

  it('is not decided either after a row that goes on from a row that could not be read', () => {
    const findings = check(displayMath('f(x) &= (x + 1)^2 \\\\\n&= \\prod_{i=1}^{2} (x + 1) \\\\\n&= (x + 1)(x + 1) \\\\\n&= x^2 + x + 1'));
    const last = findings[findings.length - 1];
    assert.equal(last.verdict, 'unsupported', last.message);
    assert.match(last.message, /it goes on from a row that could not be read/);
  });

  it('is still a mismatch after a row that was verified or defined (a definition is what the rows after it must equal)', () => {
    const findings = check(displayMath('f(x) &= (x + 1)^2 \\\\\n&= x^2 + 2x + 1 \\\\\n&= x^2 + x + 1'));
    mismatch(findings[findings.length - 1]);
  });
});

describe('an expression set to zero, in free variables', () => {
  it('is a condition when it does not vanish for every value', () => {
    const finding = only(check(displayBlocks('', '0 = \\sum_{i=1}^n w_i y_i')));
    assert.equal(finding.verdict, 'unsupported', finding.message);
    assert.match(finding.message, /reads as a condition/);
  });

  it('is verified when it does', () => {
    verified(check(displayBlocks('', '\\sum_{i=1}^{n} (x_i - \\frac{1}{n}\\sum_{j=1}^{n} x_j) = 0')), 1);
  });
});

describe('σ given a new formula in math that cannot be read', () => {
  it('leaves later claims about σ undecided, in any section', () => {
    const text = [
      '## Tanh\n\n$$\\sigma(z) = \\tanh(z)$$\n',
      '## ReLU\n\n$$\\sigma(z) = \\max(0, z) = \\begin{cases} z & z > 0 \\\\ 0 & z \\le 0 \\end{cases}$$\n',
      '## Softmax\n\n$$\\frac{1}{1 + e^{-(z_1 - z_2)}} = \\sigma(z_1 - z_2)$$\n',
    ].join('\n');
    const findings = check(text);
    const last = findings[findings.length - 1];
    assert.equal(last.verdict, 'unsupported', last.message);
    assert.match(last.message, /σ is given above in math that could not be read/);
  });
});

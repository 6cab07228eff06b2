// What batches BA and BB (held-out notes, issue 15) showed: x̄ beside the entries of a sum is their
// mean; the model written for the i-th sample is a restatement; "assumed … as" and "the line of"
// introduce no claim; three shapes side by side are shapes; a bracketed operand is the bracket.
import * as assert from 'node:assert/strict';
import { check, displayBlocks, mismatch, only, paragraphs, verified } from '../../support/claims';

describe('held-out notes, batches BA and BB', () => {
  it('reads x̄ beside the entries x_i of a sum as their mean, and flags a slip made with it', () => {
    verified(check(displayBlocks('', '\\sum_{i=1}^n (x_i - \\overline{x})x_i = \\sum_{i=1}^n (x_i - \\overline{x})^2', '\\sum_{i=1}^n (x_i - \\bar x) = 0')), 2);
    mismatch(only(check(displayBlocks('', '\\sum_{i=1}^n (x_i - \\bar x)^2 = \\sum_{i=1}^n x_i^2 - \\bar x^2'))));
  });

  it('does not verify the definition of the mean with the mean, nor read x̄ otherwise than a definition used does', () => {
    const definition = check(displayBlocks('', '\\frac{1}{n} \\sum_{i=1}^n X_i = \\bar{X}'));
    assert.ok(definition.every((f) => f.verdict !== 'verified'), JSON.stringify(definition.map((f) => f.message)));
    const text = paragraphs('', 'Let $b = \\frac{\\sum_{n=1}^N x_n(y_n - \\bar{y})}{\\sum_{n=1}^N x_n(x_n - \\bar{x})}$.', '$$b = \\frac{\\sum_{n=1}^N (x_n - \\bar{x})(y_n - \\bar{y})}{\\sum_{n=1}^N (x_n - \\bar{x})^2}$$');
    assert.ok(check(text).every((f) => f.verdict !== 'mismatch'));
  });

  it('takes the model written for the i-th sample as a restatement, no claim', () => {
    const findings = check(paragraphs('', 'The population: $y=\\beta_0+\\beta_1 x+u$.', 'For sample $i$: $y_i=\\beta_0+\\beta_1x_i+u_i$.'));
    assert.deepEqual(findings.filter((f) => f.verdict === 'verified' || f.verdict === 'mismatch'), []);
  });

  it('reads "we assumed the threshold as" and "the line of" as introducing no claim', () => {
    const findings = check(paragraphs('Let $g(z) = \\frac{1}{1 + e^{-z}}$ and $z = 0$.\n\n', 'We assumed the threshold as $g(z) = 0.5$.', 'Now the line of $z = 3$ is the boundary.'));
    const last = findings.slice(-2);
    assert.deepEqual(last.map((f) => f.verdict), ['unsupported', 'unsupported'], JSON.stringify(last.map((f) => f.message)));
    assert.match(last[0].message, /assumed the threshold as/);
  });

  it('reads three shapes side by side as shapes, written in their parentheses', () => {
    const finding = only(check(displayBlocks('', '(1\\times2)(2\\times2)(2\\times1) = 1\\times1')));
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /\(1×2\)\(2×2\)\(2×1\) = 1×1/);
  });

  it('takes a derivative’s operand in brackets as the bracket alone; in parentheses with factors after it, as unclear', () => {
    verified(check(displayBlocks('', '\\frac{d}{dx}[\\log(x^4) \\sin(x^3)] = \\log(x^4)\\frac{d}{dx}[\\sin(x^3)] + \\frac{d}{dx}[\\log(x^4)]\\sin(x^3)')), 1);
    const unclear = only(check(displayBlocks('', '\\frac{d}{dx}(x^2)(x + 1) = 2x(x + 1)')));
    assert.equal(unclear.verdict, 'unsupported');
    assert.match(unclear.message, /operand of .* is unclear/);
  });
});

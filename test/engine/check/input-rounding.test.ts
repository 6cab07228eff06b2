// A number computed through a function from numbers that may be rounded (−log 0.48 for −log 0.4803)
// is not decided when the answer lies within their rounding (check/input-rounding.ts); outside it,
// or in plain arithmetic of short numbers as written (givens), a wrong answer stays a mismatch. In a sum
// or product, numbers of three or more significant digits may be rounded results too.
import * as assert from 'node:assert/strict';
import { check, displayBlocks, mismatch, only, paragraphs } from '../../support/claims';

const verdictOf = (latex: string) => only(check(paragraphs('', `$${latex}$`)));

describe('answers computed from rounded numbers', () => {
  it('does not decide -log(0.48) = 0.733: 0.475 … 0.485 gives 0.724 … 0.744', () => {
    const [finding] = check(displayBlocks('', '-\\log(0.48) = 0.733'));
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.evidence.reason, 'rounded inputs');
    assert.match(finding.message, /within the rounding of the numbers it is computed from/);
  });

  it('keeps an answer outside that range, and plain arithmetic of numbers as written, mismatches', () => {
    mismatch(check(displayBlocks('', '-\\log(0.48) = 0.80'))[0], 'value');
    mismatch(check(displayBlocks('', '\\sqrt{2.25} = 1.52'))[0], 'value');
    mismatch(check(displayBlocks('', '0.5 \\times 0.42 = 0.22'))[0], 'value');
  });

  it('leaves undecided a product of long decimals, each perhaps rounded from an earlier result, but keeps short givens exact', () => {
    const carried = verdictOf('0.524(0.476) \\cdot -0.386 = -0.096252');
    assert.equal(carried.verdict, 'unsupported');
    assert.equal(carried.evidence.reason, 'rounded inputs');
    assert.equal(verdictOf('0.524(0.476) \\cdot -0.386 = -0.0972').verdict, 'mismatch');
    assert.equal(verdictOf('0.524(0.476) \\cdot -0.386 = 0.096252').verdict, 'mismatch');
    assert.equal(verdictOf('0.5 \\cdot 0.42 = 0.22').verdict, 'mismatch');
  });

  it('does the same entry by entry for a vector of numbers (a softmax worked by hand)', () => {
    const softmax = '\\left[ \\frac{0.149}{1.517}, \\frac{1.0}{1.517}, \\frac{0.368}{1.517} \\right] \\approx [0.098, 0.659, %]';
    assert.equal(verdictOf(softmax.replace('%', '0.242')).evidence.reason, 'rounded inputs');
    assert.equal(verdictOf(softmax.replace('%', '0.252')).verdict, 'mismatch');
  });
});

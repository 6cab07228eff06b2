// A number written as an answer counts to the precision it is written to, whatever the numbers on
// the other side: `3.888 − 0.001·99.0436 = 3.79` holds, and `≈` with an integer means rounding to it.
import * as assert from 'node:assert/strict';
import { check, only, paragraphs, verified } from '../../support/claims';

const verdictOf = (latex: string) => only(check(paragraphs('', `$${latex}$`)));

describe('answers written as numbers', () => {
  it('rounds to the decimals of the answer, not of the numbers in the computation', () => {
    verified([verdictOf('3.888 - (0.001 \\cdot 99.0436) = 3.79')]);
    verified([verdictOf('3.79 = 3.888 - (0.001 \\cdot 99.0436)')]);
    verified([verdictOf('\\sigma(0.5) = 0.6225')]);
    const wrong = verdictOf('3.888 - (0.001 \\cdot 99.0436) = 3.78');
    assert.equal(wrong.verdict, 'mismatch');
    assert.equal(wrong.message, 'the left side is 3.7890; to 2 decimals that is 3.79, not 3.78');
  });

  it('reads ≈ an integer as rounding to it: 22/7 ≈ 3 and 704.375/9.875 ≈ 71 hold, ≈ 72 does not', () => {
    verified([verdictOf('22/7 \\approx 3')]);
    verified([verdictOf('704.375/9.875 \\approx 71')]);
    assert.equal(verdictOf('704.375/9.875 \\approx 72').message, 'the left side is 71.33, not 72');
  });

  it('reads ≈ as rounding or cutting the digits off: 6 cos(3²) = −5.4668 is ≈ −5.47 and ≈ −5.46, not ≈ −5.45', () => {
    verified([verdictOf('6 \\cdot \\cos(3^2) \\approx -5.47')]);
    verified([verdictOf('6 \\cdot \\cos(3^2) \\approx -5.46')]);
    assert.equal(verdictOf('6 \\cdot \\cos(3^2) \\approx -5.45').message, 'the left side is −5.467, not −5.45');
    assert.equal(verdictOf('6 \\cdot \\cos(3^2) = -5.46').verdict, 'mismatch');
  });

  it('reads an = answer cut off after four or more significant digits as a calculator shows it, a shorter one as a rounding slip', () => {
    const cut = verdictOf('\\frac{65 - 25}{70 - 25} = 0.8888');
    verified([cut]);
    assert.match(cut.message, /cut off after its last digit, not rounded/);
    verified([verdictOf('(-1)^2+\\cos (2)=0.5838')]);
    assert.equal(verdictOf('\\frac{65 - 25}{70 - 25} = 0.8887').verdict, 'mismatch');
    assert.equal(verdictOf('\\frac{1}{21} = 0.047').verdict, 'mismatch');
    assert.equal(verdictOf('\\frac{65 - 25}{70 - 25} = -0.8888').verdict, 'mismatch');
  });
});

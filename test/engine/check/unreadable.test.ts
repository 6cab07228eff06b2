// A symbol given a new value in math that could not be read: a later claim about it is not decided
// with its old value (held-out batch H: `p = \lfloor k/2 \rfloor = n` after an example's p = 1).
import * as assert from 'node:assert/strict';
import { check, mismatch, only } from '../../support/claims';

const claim = (text: string) => only(check(text).filter((f) => f.text.startsWith('o =')));

describe('values given in math that could not be read', () => {
  it('does not decide a claim with the old value of a symbol the text gives anew in unreadable math', () => {
    const finding = claim('An example: $p = 1$.\n\nIn general $p = \\lfloor k/2 \\rfloor$, and then $o = i + 2p$ means $o = i + 2$.\n');
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.message, 'not decided: p is given above in math that could not be read, so its value here is not known');
  });

  it('decides it again once the symbol is given where it can be read, and never counts a symbol it had not given', () => {
    mismatch(claim('An example: $p = 1$.\n\nIn general $p = \\lfloor k/2 \\rfloor$. Take $p = 2$: then $o = i + 2p$ means $o = i + 3$.\n'));
  });
});

describe('primed names', () => {
  it('takes k′ = k as a definition of the new name k′, not as a claim about a free k′', () => {
    assert.deepEqual(check("Take $k = 3$ and $s = 1$. The transposed one has $k' = k$, $s' = s$ and $p' = k - 1$."), []);
  });

  it('keeps y′ of a y the text gives a formula for what it was (a derivative, not a new name)', () => {
    assert.equal(only(check("Let $y = x^3$. Then $y' = 2x^2$.")).evidence.reason, 'condition');
  });
});

describe('invisible characters', () => {
  it('reads math with a zero-width space in it', () => {
    mismatch(only(check('$\\frac{d}{dx}\u200b x^2 = 3x\u200b$')));
  });
});

// Rearranging an equation to solve (`\frac{p}{1-p} = e^z`, then `p(1 + e^z) = e^z`) claims no identity:
// each step holds where the equation does (check/solving-steps.ts). The same equation written alone,
// or after a new heading, is still checked.
import * as assert from 'node:assert/strict';
import { check } from '../../support/claims';

const logit = (between: string) => `To get $p$ from $z$, we invert the logit:
$$\\frac{p}{1 - p} = e^z$$

Rearranging terms to solve for $p$:
$$p = e^z(1 - p)$$
${between}
$$p(1 + e^z) = e^z$$
`;

describe('steps of solving an equation', () => {
  it('does not check a rearrangement of the equation to solve just before as an identity', () => {
    const step = check(logit('')).find((f) => f.text === 'p(1 + e^z) = e^z');
    assert.equal(step?.verdict, 'unsupported');
    assert.equal(step?.evidence.reason, 'solving');
    assert.match(step!.message, /a step in solving p = e\^z\(1 - p\), the equation just before/);
  });

  it('does not take it for a step after a new section, or with no equation to solve before it (there it is an equation in p of its own)', () => {
    for (const text of [logit('\n## Another question\n'), 'We claim $$p(1 + e^z) = e^z$$']) {
      const step = check(text).find((f) => f.text === 'p(1 + e^z) = e^z');
      assert.equal(step?.evidence.reason, 'condition', step?.message);
    }
    // Written in both sides' variables, it is a claim, and wrong.
    assert.equal(check('We claim $$p(1 + e^z) = p e^z$$').find((f) => f.text === 'p(1 + e^z) = p e^z')?.verdict, 'mismatch');
  });

  it('does not take an equation in other variables for a step of solving, whatever prose comes between', () => {
    const step = check(logit('Next, an identity in q:\n')).find((f) => f.text === 'p(1 + e^z) = e^z');
    assert.equal(step?.evidence.reason, 'solving');
    const other = check(logit('').replace('$$p(1 + e^z) = e^z$$', '$$q(1 + e^z) = e^z$$')).find((f) => f.text === 'q(1 + e^z) = e^z');
    assert.notEqual(other?.evidence.reason, 'solving');
  });
});

describe('a formula, then the activation it is', () => {
  it('takes `p = \\frac{1}{1+e^{-z}} = \\sigma(z)` as naming σ, and still flags a wrong formula', () => {
    const named = check('$$p = \\frac{1}{1 + e^{-z}} = \\sigma(z)$$');
    assert.equal(named.find((f) => f.text.includes('\\sigma(z)')), undefined);
    const wrong = check('$$p = \\frac{1}{1 + e^{z}} = \\sigma(z)$$').find((f) => f.text.includes('\\sigma(z)'));
    assert.equal(wrong?.verdict, 'mismatch');
    assert.notEqual(check('$$\\frac{\\partial \\sin(s)}{\\partial s} = \\cos(s)$$')[0]?.verdict, undefined);
  });
});

// Cascades in chains (issue 13, section 6): only the first wrong step of a derivation is a mismatch;
// a next step that comes back to the right value says where the error is.
import * as assert from 'node:assert/strict';
import { check, mismatch } from '../../support/claims';

describe('cascades in chains', () => {
  it('reports the step after a wrong one, back at the right value, as following from the error', () => {
    const [wrong, back] = check('$$\n\\begin{aligned}\n\\frac{d}{dx}(x^2 + 3x) &= 2x + 2 \\\\\n&= 2x + 3\n\\end{aligned}\n$$\n');
    mismatch(wrong);
    assert.equal(back.verdict, 'unsupported');
    assert.equal(back.evidence.reason, 'cascade');
    assert.match(back.message, /^does not follow from the step before, but equals d\/dx \(x\^2 \+ 3x\): the error is in the step before$/);
  });

  it('keeps a second wrong value a mismatch, and a first wrong step one', () => {
    const [first, second] = check('$\\frac{d}{dx}(x^3) = 2x^2 = 4x^2$\n');
    mismatch(first);
    mismatch(second);
  });
});

describe('a slip repaired where the left side cannot be evaluated', () => {
  it('reports the step that comes back to the last step before the error as following from it', () => {
    const chain = 'm = \\frac{f(x+h)-f(x)}{(x+h)-x} \\\\ = \\frac{(x+h)^2-x^2}{(x+h)-x} \\\\ = \\frac{x^2 + h^2 + 2xh - x^2}{x - x - h} \\\\ = \\frac{h(2x + h)}{h}';
    const findings = check(`$$${chain}$$\n`);
    const [slip, back] = findings.slice(-2);
    mismatch(slip, 'sign');
    assert.equal(back.verdict, 'unsupported');
    assert.equal(back.evidence.reason, 'cascade');
    assert.match(back.message, /^does not follow from the step before, but equals .*, the step before it: the error is in the step before$/);
  });
});

describe('errors inherited in chains', () => {
  it('does not verify a step after a wrong one that follows from it but still differs from the left side', () => {
    const [wrong, inherited] = check('$$\n\\begin{aligned}\n\\frac{d}{dx}(x^2 + 3x) &= 2x + x + 2 \\\\\n&= 3x + 2\n\\end{aligned}\n$$\n');
    mismatch(wrong);
    assert.equal(inherited.verdict, 'unsupported');
    assert.equal(inherited.evidence.reason, 'inherited');
    assert.equal(inherited.message, 'follows from the step before, but an earlier step is wrong, so this still differs from d/dx (x^2 + 3x)');
  });
});

describe('steps after a row that differs from an unestablished one', () => {
  it('does not verify a row that follows from a row found to differ from its own row before', () => {
    // The first row cannot be read, so nothing establishes the second; the third differs from it (a lost factor 2), and the fourth only restates the third.
    const findings = check('$$\n\\begin{aligned}\nw &= ((a + b) \\\\\n&= 2(a + b) \\\\\n&= a + b \\\\\n&= b + a\n\\end{aligned}\n$$\n');
    const [differs, restated] = findings.slice(-2);
    assert.equal(differs.evidence.reason, 'unanchored', differs.message);
    assert.equal(restated.verdict, 'unsupported', restated.message);
    assert.equal(restated.evidence.reason, 'unanchored');
    assert.match(restated.message, /^not decided: this row follows from a \+ b, the row before, but that row differs from the one before it/);
  });
});


// The shapes of a claim's two sides (issue 13): sides of different shapes are never verified. Where
// the model fixes the shapes (the MLP's A is k×1) it is a mismatch, diagnosed as such; where a shape
// is only a guess (a leaf with no declared shape) it is unsupported (test/engine/models/defined.test.ts).
// The conventions that make two
// shapes one value stay: a gradient in either orientation, a diagonal Jacobian as its diagonal, the
// identity of the size it meets, `… = 0`.
import * as assert from 'node:assert/strict';
import { check, last, mismatch, verified } from '../../support/claims';
import { evidenceOf } from '../../support/evidence';

const MLP = '$$\\hat y = C\\sigma(Ax+b)+d$$\n\n';
/** The claim's finding, after the MLP's defining equation (itself a verified claim). */
const inMlp = (latex: string) => last(check(`<!-- derivcheck: model=mlp k=3 -->\n\n${MLP}$$${latex}$$\n`));

describe('the shapes of the two sides', () => {
  it('finds A = Aᵀ a mismatch of shapes in the MLP, where A is k×1', () => {
    const f = mismatch(inMlp('A = A^\\top'), 'shape', /^the shapes differ: the left side is a 3×1 column vector but the right side is a 1×3 row vector/);
    assert.deepEqual(evidenceOf(f, 'shape').expectedShape, [3, 1]);
    assert.deepEqual(evidenceOf(f, 'shape').claimedShape, [1, 3]);
    mismatch(inMlp('C^\\top = C'), 'shape');
    mismatch(inMlp('(Ax)^\\top = Ax'), 'shape');
  });

  it('also after the definition of ŷ with no directive', () => {
    const f = last(check(`${MLP}$A = A^\\top$\n`));
    assert.equal(f.text, 'A = A^\\top');
    mismatch(f, 'shape');
  });

  it('finds a vector and the diagonal matrix built from it different', () => {
    mismatch(inMlp('\\operatorname{diag}(A) = A'), 'shape', /3×3 matrix but the right side is a 3×1 column vector/);
  });

  it('keeps a gradient in either orientation', () => {
    verified([inMlp("\\frac{\\partial L}{\\partial b} = -2(y - \\hat y)\\,C^\\top \\odot \\sigma'(z)")]);
    verified([inMlp("\\frac{\\partial L}{\\partial b} = -2(y - \\hat y)\\,C \\odot \\sigma'(z)^\\top")]);
    verified([inMlp("(\\nabla_b L)^\\top = -2(y - \\hat y)\\,C^\\top \\odot \\sigma'(z)")]);
  });

  it('keeps a diagonal Jacobian written as its diagonal, scaled or negated too', () => {
    verified([inMlp("\\frac{\\partial \\sigma(z)}{\\partial z} = \\sigma'(z)")]);
    verified([inMlp("2\\frac{\\partial \\sigma(z)}{\\partial z} = 2\\sigma'(z)")]);
    verified([inMlp("-\\frac{\\partial \\sigma(z)}{\\partial z} = -\\sigma'(z)")]);
    verified([inMlp('\\frac{\\partial z}{\\partial b} = I')]);
  });

  it('keeps a zero of any shape', () => {
    verified([inMlp('\\frac{\\partial z}{\\partial b} - I = 0')]);
  });
});

describe('shapes that are only guesses', () => {
  it('does not decide a misfit of indices on leaves read as scalars (a_2 of an undeclared a)', () => {
    const [finding] = check('<!-- derivcheck: model=custom -->\n\n$q = a + b$\n\n$(a_1 + b_1) + (a_2 + b_2) = (a_1 + a_2) + (b_1 + b_2)$\n');
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.message, 'not decided: the shapes do not fit: index 2 is out of range 1..1, but no shape is declared for a, b, so they are read as scalars; declare the shapes with a shapes directive');
  });

  it('does not decide a definition whose sizes come from its indices alone', () => {
    const [finding] = check('<!-- derivcheck: model=custom -->\n\n$T = \\hat{e}_{1,1,1} + 2\\hat{e}_{1,1,2}$\n');
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.evidence.reason, 'shapes uncertain');
  });
});

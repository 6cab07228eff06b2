// What held-out batch I (JUDGING-I.md) showed the checker misread, each as a rule of its own.
import * as assert from 'node:assert/strict';
import { check, mismatch, only, verified } from '../../support/claims';

const reasonOf = (text: string, starts: string) => only(check(text).filter((f) => f.text.startsWith(starts))).evidence.reason;

describe('a softmax post is not about the MLP', () => {
  it('takes no model from the document’s own definition of the model’s output (ŷ_i as a softmax)', () => {
    assert.deepEqual(check('The output is\n\n$$\\hat{y}_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n'), []);
  });

  it('keeps a slip in the model’s own formula a claim about the model', () => {
    mismatch(only(check('The net is $\\hat y = C\\sigma(Ax) + d$.')));
  });

  it('still reads the MLP from its defining equation', () => {
    verified(check('The net is $\\hat y = C\\sigma(Ax + b) + d$ and $L = (y - \\hat y)^2$.\n\n$$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$$\n').filter((f) => f.text.startsWith('\\frac')), 1);
  });
});

describe('chain rules of Jacobians', () => {
  it('does not decide a product of derivatives whose shapes depend on a layout the text does not fix', () => {
    const text = 'The net is $\\hat y = C\\sigma(Ax + b) + d$ and $L = (y - \\hat y)^2$, with $z = Ax + b$.\n\n$$\\frac{dL}{dx} = \\frac{dL}{d\\hat{y}} \\cdot \\frac{d\\hat{y}}{dz} \\cdot \\frac{dz}{dx}$$\n';
    const finding = only(check(text).filter((f) => f.text.startsWith('\\frac{dL}{dx}')));
    assert.notEqual(finding.verdict, 'mismatch', finding.message);
  });
});

describe('matrices written without their shapes', () => {
  it('does not read |V| of a free capital as an absolute value', () => {
    assert.match(only(check('using $\\lvert \\sigma^2 V \\rvert = (\\sigma^2)^n \\lvert V \\rvert$')).message, /may be its determinant or its absolute value/);
    verified(check('$|-2| = 2$'), 1);
  });

  it('takes W V W^T = I_n as a condition on W and V', () => {
    assert.equal(reasonOf('$$W V W^\\mathrm{T} = I_n$$', 'W'), 'condition');
    mismatch(only(check('$\\frac{d}{dx} x^2 = 3x$')));
  });
});

// A text that uses a built-in model's letters for quantities of its own, where detection chose the model
// (check/own-definitions.ts): a definition whose shapes differ from the model's is not the model's, and
// not a mistake; a slip in writing the model's own formula stays a mismatch.
import * as assert from 'node:assert/strict';
import { check, mismatch } from '../../support/claims';

describe("the model's letters used for the text's own quantities", () => {
  const singleNeuron = [
    '# One neuron',
    '',
    'We define a cost and an activation:',
    '',
    '$$C(\\hat{y}) = \\frac{1}{2}(y - \\hat{y})^2$$',
    '',
    'where $\\hat{y}$ is the output and $z$ the input, and the output is',
    '',
    '$$\\hat{y} = \\sigma(z)$$',
    '',
    '$$\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y)C_i\\sigma\'(z_i)$$',
    '',
  ].join('\n');

  it('C(ŷ) = … (C a function, the model\'s C a matrix) and ŷ = σ(z) (without C and d, z a vector) are not the model\'s: not decided', () => {
    const findings = check(singleNeuron);
    const cost = findings.find((f) => f.text.startsWith('C(\\hat{y})'));
    const output = findings.find((f) => f.text === '\\hat{y} = \\sigma(z)');
    assert.ok(cost && output, JSON.stringify(findings.map((f) => f.text)));
    assert.equal(cost.verdict, 'unsupported', cost.message);
    assert.match(cost.message, /not the mlp model's \(it makes C a function of y\u0302; the model's C is a parameter, not a function\), and the shapes differ/);
    assert.equal(output.verdict, 'unsupported', output.message);
    assert.match(output.message, /a formula without C and d\), and the shapes differ/);
    assert.equal(cost.evidence.reason, 'doubted reading');
  });

  it('a slip in the model\'s own formula, or with a directive naming the model, stays a mismatch', () => {
    mismatch(check('$$\\hat y = C\\sigma(Ax + b)$$\n\nand $$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$$\n').find((f) => f.text.startsWith('\\hat y'))!);
    const named = check('<!-- derivcheck: model=mlp -->\n\n$$\\hat{y} = \\sigma(z)$$\n');
    assert.equal(named[0].verdict, 'mismatch', named[0].message);
  });
});

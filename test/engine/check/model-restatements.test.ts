// A built-in model's own formulas written in a text define its notation and claim nothing (issue 13:
// the forward pass of batchnorm restated in a blog post came back `verified`, which verified the model
// against itself). A wrong one stays a claim; results about the quantities stay claims.
import * as assert from 'node:assert/strict';
import { check, directive, displayBlocks, mismatch, only, verdicts, verified } from '../../support/claims';

const BATCHNORM_POST = [
  '\\mu_B = \\frac{1}{m}\\sum_{i=1}^{m} x_i',
  '\\sigma_B^2 = \\frac{1}{m}\\sum_{i=1}^{m} (x_i - \\mu_B)^2',
  '\\hat{x}_i = \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}',
  'y_i = \\gamma \\hat{x}_i + \\beta',
];

describe("a model's own formulas", () => {
  it('are definitions in a text that detected the model: no finding, and the model is still read', () => {
    assert.deepEqual(check(displayBlocks('# Batch normalization\n\n', ...BATCHNORM_POST)), []);
    // The claims after them are read in the model the formulas chose.
    const findings = check(displayBlocks('# Batch normalization\n\n', ...BATCHNORM_POST, '\\frac{\\partial L}{\\partial \\beta} = \\sum_{i=1}^{m} \\frac{\\partial L}{\\partial y_i}'));
    assert.equal(only(verified(findings)).evidence.model, 'batchnorm');
  });

  it('are definitions under a directive too (the setup of a solution)', () => {
    assert.deepEqual(check(displayBlocks(directive('model=mlp'), 'z = Ax + b', '\\hat y = C\\sigma(z) + d', 'L = (y - \\hat y)^2')), []);
    assert.deepEqual(check(displayBlocks(directive('model=ridge'), 'f(x) = \\|Ax - b\\|^2 + \\lambda\\|x\\|^2')), []);
  });

  it('stay claims when they are wrong: the unbiased variance, a lost square root, a sign', () => {
    mismatch(only(check(displayBlocks('# Batch normalization\n\n', BATCHNORM_POST[0], '\\sigma_B^2 = \\frac{1}{m-1}\\sum_{i=1}^{m} (x_i - \\mu_B)^2'))), 'slip', /unbiased/);
    mismatch(only(check(displayBlocks(directive('model=batchnorm'), '\\hat x_i = \\frac{x_i - \\mu}{\\sigma^2 + \\epsilon}'))));
    mismatch(only(check(displayBlocks(directive('model=mlp'), 'z = Ax - b'))));
  });

  it('are the first formula written for a quantity, or that one again; another formula after it is a result', () => {
    const ridge = directive('model=ridge');
    const findings = check(displayBlocks(ridge, 'f(x) = \\|Ax-b\\|^2 + \\lambda\\|x\\|^2', 'f(x) = x^\\top A^\\top Ax - 2b^\\top Ax + b^\\top b + \\lambda x^\\top x', 'f(x) = \\|Ax-b\\|^2 + \\lambda\\|x\\|^2'));
    assert.deepEqual(verdicts(findings).map((v) => v.split(':')[0]), ['verified']);
    assert.match(findings[0].text, /x\^\\top A\^\\top Ax/);
    // A later step of the same equation is a claim whatever it says.
    verified(check(displayBlocks(ridge, 'f(x) = \\|Ax-b\\|^2 + \\lambda\\|x\\|^2 = (Ax-b)^\\top(Ax-b) + \\lambda x^\\top x')), 1);
  });

  it('are not values: numbers put in, a function at a point, a number alone', () => {
    const batch = 'The batch is $x = (1, 7, 7, 9)$ with $\\gamma = 1$ and $\\beta = 0$.\n\n';
    verified(check(displayBlocks(directive('model=batchnorm') + batch, '\\hat x_1 = \\frac{1 - 6}{\\sqrt{9 + \\epsilon}}', '\\mu = 6')), 2);
    verified(check(displayBlocks(directive('model=ridge'), 'f(0) = \\|b\\|^2')), 1);
  });

  it('are not a formula that uses the quantity itself', () => {
    verified(check(displayBlocks(directive('model=ridge'), 'f(x) = f(x^*) + (x - x^*)^\\top(A^\\top A + \\lambda I)(x - x^*)')), 1);
  });
});

describe("a text's own definition of a model's quantity (detection chose the model)", () => {
  const MLP = '# Backprop\n\n';
  it('shadows the model from there on when it is the loss up to a factor, the convention ½', () => {
    const findings = check(displayBlocks(MLP, '\\hat y = C\\sigma(Ax + b) + d', 'L = \\frac12(\\hat y - y)^2', '\\frac{\\partial L}{\\partial d} = \\hat y - y', '\\frac{\\partial L}{\\partial d} = 2(\\hat y - y)'));
    assert.deepEqual(findings.map((f) => f.verdict), ['unsupported', 'verified', 'mismatch']);
    assert.equal(findings[0].evidence.reason, 'redefinition');
    assert.match(findings[0].message, /^not checked: the text's own definition of L \(the loss up to a constant factor\), not the mlp model's \(L = \(y − ŷ\)²\); it holds from here on$/);
  });

  it('shadows the model when it leaves out parameters the quantity depends on: another layer', () => {
    const text = displayBlocks('# Normalization\n\n', '\\mu_B = \\frac{1}{m}\\sum_{i=1}^m x_i', 'y = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B + \\epsilon}}');
    const finding = only(check(text));
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /own definition of y \(without γ and β\), not the batchnorm model's/);
  });

  it('stays a mismatch when it writes every parameter and differs otherwise: a slip', () => {
    for (const slip of ['y_i = \\gamma x_i + \\beta', 'y_k = \\gamma \\hat x_i + \\beta']) {
      mismatch(only(check(displayBlocks('# Batch normalization\n\n', ...BATCHNORM_POST.slice(0, 3), slip))));
    }
    mismatch(only(check(displayBlocks('# Batch normalization\n\n', BATCHNORM_POST[0], '\\hat x_i = \\frac{x_i + \\mu_B}{\\sqrt{\\sigma_B^2} + \\epsilon}'))));
  });

  it('stays a mismatch under a directive: the text answers the model’s problem', () => {
    mismatch(only(check(displayBlocks(directive('model=mlp'), 'L = \\frac12(y - \\hat y)^2'))), 'factor');
  });
});

describe('a name for a function’s value, then the function written out', () => {
  it('claims nothing when it is the function the text defined (y = x^2 after y = f(x) and f(x) = x^2)', () => {
    const text = '$$y = f(x)$$\n\nFor example $f(x) = x^2$:\n\n$$y = x^2$$\n\n$$\\frac{dy}{dx} = 2x$$\n';
    assert.deepEqual(verdicts(check(text)).map((v) => v.split(':')[0]), ['verified']);
  });
});

describe('a step of the model written out after its formula in one piece', () => {
  it('is a definition too (y_j = x̂_j γ_j + β_j after the whole forward pass); an expansion in the leaves is a result', () => {
    const whole = 'y = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}\\gamma + \\beta';
    assert.deepEqual(check(displayBlocks('# Layer\n\n', whole, '\\mu = \\frac{1}{m}\\sum_{i=1}^m x_i', 'y_j = \\hat{x}_j \\gamma + \\beta')), []);
    // The sum over entries is the component form: a result, checked.
    verified(check(displayBlocks(directive('model=mlp'), '\\hat y = C\\sigma(z) + d', '\\hat y = \\sum_{j=1}^{k} C_j\\sigma(z_j) + d')), 1);
  });
});

// The expression semantics as a student meets them: claims through elementary functions of model
// quantities, max, indicators, evaluation bars, time steps, sums and the document's own functions,
// each right claim verified and its wrong variant a mismatch (with the diagnosis a teacher would give).
import * as assert from 'node:assert/strict';
import { check, directive, displayBlocks, mismatch, only, paragraphs, verified } from '../../support/claims';

/** These claims are about the MLP of Problem 1, in documents that say so. */
const IN_MLP = directive('model=mlp');

describe('expression semantics in claims', () => {
  it('differentiates log, √, sin and cos of ŷ by the chain rule', () => {
    const findings = check(
      displayBlocks(
        '',
        '\\frac{\\partial \\log(\\hat y^2)}{\\partial d} = \\frac{2}{\\hat y}',
        '\\frac{\\partial \\sqrt{1 + \\hat y^2}}{\\partial d} = \\frac{\\hat y}{\\sqrt{1 + \\hat y^2}}',
        '\\frac{\\partial \\sin(\\hat y)}{\\partial C_i} = \\cos(\\hat y)\\sigma(z_i)',
        '\\frac{\\partial \\cos(\\hat y)}{\\partial d} = -\\sin(\\hat y)',
      ),
    );
    verified(findings, 4);
  });

  it('finds the slips in those derivatives', () => {
    const [half, sign] = check(
      displayBlocks(IN_MLP, '\\frac{\\partial \\log(\\hat y^2)}{\\partial d} = \\frac{1}{\\hat y}', '\\frac{\\partial \\cos(\\hat y)}{\\partial C_i} = \\sin(\\hat y)\\sigma(z_i)'),
    );
    mismatch(half, 'factor', /off by a factor of 2/);
    mismatch(sign, 'sign');
  });

  it('differentiates max(z_i, 0) into the indicator 𝟙[z_i > 0], not 𝟙[z_i < 0]', () => {
    const [right, wrong] = check(displayBlocks(IN_MLP, '\\frac{\\partial}{\\partial b_i}\\max(z_i, 0) = \\mathbb{1}[z_i > 0]', '\\frac{\\partial}{\\partial b_i}\\max(z_i, 0) = \\mathbb{1}[z_i < 0]'));
    verified([right]);
    mismatch(wrong);
  });

  it('evaluates at a pinned quantity: ∂L/∂d at d = 0', () => {
    const [right, wrong] = check(
      displayBlocks(IN_MLP, '\\left.\\frac{\\partial L}{\\partial d}\\right|_{d=0} = -2(y - C\\sigma(z))', '\\left.\\frac{\\partial L}{\\partial d}\\right|_{d=0} = -2(y - \\hat y)'),
    );
    verified([right]);
    mismatch(wrong);
  });

  it('takes one step of gradient descent, and says a step back is not supported', () => {
    const [descent, back] = check(displayBlocks(IN_MLP, 'b_{t+1} = b_t - \\alpha \\nabla_b L', 'b_{t-1} = b_t + \\alpha \\nabla_b L'));
    verified([descent]);
    assert.equal(back.verdict, 'unsupported');
    assert.equal(back.message, 'only one step of gradient descent (t+1) is supported');
  });

  it('calls the document’s own functions of several parameters', () => {
    const findings = check(paragraphs(IN_MLP, '$q(u, v) = u - v$', '$q(a, c) = -q(c, a)$', '$q(a, c) = q(c, a)$'));
    assert.equal(findings.length, 2);
    verified([findings[0]]);
    mismatch(findings[1], 'sign');
  });

  it('a function of the model differentiates through the model', () => {
    const findings = check(paragraphs(IN_MLP, '$g(u) = u\\,\\hat y$', '$\\frac{\\partial g(2)}{\\partial d} = 2$', '$\\frac{\\partial g(2)}{\\partial d} = 1$'));
    assert.equal(findings.length, 2);
    verified([findings[0]]);
    mismatch(findings[1]);
  });

  it('an index letter in an indicator is the index: Σ_j 𝟙[i = j] C_j is C_i', () => {
    const finding = only(check(displayBlocks(IN_MLP, '\\frac{\\partial L}{\\partial d}\\, C_i = -2(y - \\hat y)\\sum_{j=1}^{k} \\mathbb{1}[i = j]\\, C_j')));
    verified([finding]);
  });
});

// Derivatives by an entry of a vector written by its entries (issue 15, softmax and log-sum-exp
// derivations): ∂/∂z_k of Σ_j e^{z_j} takes k over the vector's entries, no further than the sums
// over them go, and differentiates each entry on its own; a definition the claim uses is read the
// same way for this claim only.
import * as assert from 'node:assert/strict';
import { check, directive, displayMath, mismatch, only, verified } from '../../support/claims';

const free = (latex: string) => only(check(displayMath(latex, directive('model=none'))));

describe('derivatives by an entry of a vector', () => {
  it('decides the derivatives of sums over the entries', () => {
    verified([free('\\frac{\\partial}{\\partial z_k} \\log\\sum_j e^{z_j} = \\frac{e^{z_k}}{\\sum_j e^{z_j}}')]);
    verified([free('\\frac{\\partial}{\\partial z_k} \\sum_j z_j^2 = 2 z_k')]);
    verified([free('\\frac{\\partial}{\\partial x_i} \\sum_{j} w_j x_j = w_i')]);
    verified([free('\\frac{\\partial (x_i x_j)}{\\partial x_k} = \\delta_{ik}x_j + x_i\\delta_{jk}')]);
    mismatch(free('\\frac{\\partial}{\\partial z_k} \\sum_j z_j^2 = 2 z_k^2'));
  });

  it('runs the free index no further than the sums over the entries (k ≤ K)', () => {
    verified([free('\\frac{d}{dz_k} \\log\\left(\\sum_{j=1}^{K} e^{z_j}\\right) = \\frac{e^{z_k}}{\\sum_{j=1}^{K} e^{z_j}}')]);
  });

  it('reads the softmax Jacobian from the text’s definition, and does not keep that reading for the claims after it', () => {
    const findings = check('Let $p_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}$.\n\n$$\\frac{\\partial p_k}{\\partial z_j} = p_k(\\delta_{jk} - p_j)$$\n\n$$\\frac{\\partial p_k}{\\partial z_k} = p_k(1 - p_k)$$\n');
    verified(findings.filter((f) => f.text.includes('partial')), 2);
    const wrong = only(check('Let $p_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}$.\n\n$$\\frac{\\partial p_k}{\\partial z_j} = p_k(\\delta_{jk} + p_j)$$\n').filter((f) => f.text.includes('partial')));
    assert.notEqual(wrong.verdict, 'verified', wrong.message);
  });
});

describe('softmax and log-sum-exp', () => {
  it('are functions of a whole vector, with their derivatives', () => {
    verified([free('\\frac{\\partial}{\\partial \\mathbf z} \\operatorname{logsumexp}(\\mathbf z) = \\operatorname{softmax}(\\mathbf z)')]);
    verified([free('\\nabla_{\\mathbf z} \\operatorname{LSE}(\\mathbf z) = \\operatorname{softmax}(\\mathbf z)')]);
    mismatch(free('\\operatorname{softmax}(2\\mathbf z) = \\operatorname{softmax}(\\mathbf z)'));
  });

  it('take the text’s own definition of them as a definition', () => {
    const f = free('\\operatorname{LSE}(z) = \\log \\sum_{k=1}^{K} e^{z_k}');
    assert.equal(f.evidence.reason, 'definition', f.message);
  });
});

describe('norms with a subscript', () => {
  it('reads ‖A‖_F, ‖A‖₂, ‖x‖₁ and ‖x‖_∞', () => {
    verified([free('\\|A\\|_F^2 = \\operatorname{tr}(A^\\top A)')]);
    verified([free('\\frac{\\partial}{\\partial X}\\|X\\|_F^2 = 2X')]);
    verified([free('\\|\\mathbf x\\|_1 = \\|-\\mathbf x\\|_1')]);
    verified([free('\\|2\\mathbf x\\|_\\infty = 2\\|\\mathbf x\\|_\\infty')]);
    verified([free('\\|A^\\top\\|_2 = \\|A\\|_2')]);
    mismatch(free('\\|2A\\|_F = \\|A\\|_F'));
    // Equal for a vector, not for a matrix: A may be either.
    assert.equal(free('\\|A\\|_2 = \\|A\\|_F').evidence.reason, 'shapes ambiguous');
  });
});

describe('notes over a relation', () => {
  it('drops a label over =, but not a limit under it', () => {
    verified([free('(a+b)^2 \\overset{(a)}{=} a^2 + 2ab + b^2')]);
    verified([free('(a+b)^2 \\stackrel{\\text{def}}{=} a^2 + 2ab + b^2')]);
    const limit = free('\\left(1+\\frac{1}{n}\\right)^{n} \\underset{n \\rightarrow \\infty}{=} e');
    assert.equal(limit.verdict, 'unsupported', limit.message);
  });
});

describe('definitions restated', () => {
  it('does not verify a claim that is the text’s definition written again, as it is or under the same function', () => {
    const text = 'Let $p_j = \\frac{e^{z_j}}{\\sum_{k=1}^{K} e^{z_k}}$.\n\n$$\\log p_j = \\log \\left(\\frac{e^{z_j}}{\\sum_{k=1}^{K} e^{z_k}}\\right)$$\n\n$$\\frac{e^{z_i}}{\\sum_{k=1}^{K}e^{z_k}} = p_i$$\n\n$$\\frac{\\partial p_i}{\\partial z_i} = p_i(1 - p_i)$$\n';
    const [logged, swapped, derivative] = check(text);
    for (const f of [logged, swapped]) {
      assert.equal(f.verdict, 'unsupported', f.message);
      assert.equal(f.evidence.reason, 'restated definition');
    }
    // The bound K of the definition's sum is a count, and i runs no further than it.
    verified([derivative]);
  });
});

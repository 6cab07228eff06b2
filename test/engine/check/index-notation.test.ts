// Index notation and directions, as real notes write them (issue 13): a product with an index in two
// of its factors sums over it in texts that use Einstein's convention, so such a step is not
// checked; `d/db F = … b_dot` is the derivative of F along the tangent ḃ (JAX's JVP rules).
import * as assert from 'node:assert/strict';
import { implicitSumIndex } from '../../../src/engine/check/implicit-sums';
import { check, mismatch, only, paragraphs, verified } from '../../support/claims';
import { expressionOf } from '../../support/parsed';

const each = (...lines: string[]) => check(paragraphs('', ...lines.map((l) => `$${l}$`)));
const summed = (left: string, right: string) => implicitSumIndex(expressionOf(left), expressionOf(right));

describe('implicit sums (index notation)', () => {
  it('finds an index in two factors of a product that the other side never writes', () => {
    assert.equal(summed('\\mathbf{1}_{j} e^{x_{j}} \\delta_{jn}', 'e^{x_n}'), 'j');
    assert.equal(summed('\\frac{\\partial \\sigma}{\\partial x_n}', '\\mathbf{1}_{j} \\frac{\\partial e^{x_{j}}}{\\partial x_{n}}'), 'j');
  });

  it('does not take an index twice in one factor, on both sides, or under an explicit Σ for a sum', () => {
    assert.equal(summed('\\frac{\\partial z_i}{\\partial A_i}', 'x'), undefined);
    assert.equal(summed('V \\mathrm{diag}(\\frac{\\sigma_i}{\\sigma_i^2 + \\lambda}) U^\\top b', 'x'), undefined);
    assert.equal(summed('\\sum_j A_{ij} x_j', 'z_i'), undefined);
    assert.equal(summed('C_i \\sigma\'(z_i)', 'g_i'), undefined);
    assert.equal(summed('x_{t+1}', 'x_t - \\alpha g_t'), undefined);
  });

  it('reports such a step as not checked, saying why', () => {
    const finding = only(each('e^{x_n} + e^{x_n} = \\mathbf{1}_{j} e^{x_{j}} \\delta_{jn} + e^{x_n}'));
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.message, 'not checked: index j is repeated on one side (in two factors of a product, or twice in one subscript) and not on the other, an implicit sum over j (index notation), which is not supported');
  });
});

describe('derivatives along a tangent (b_dot, \\dot b)', () => {
  it('reads d/dx F = … x_dot as the derivative of F along x_dot', () => {
    verified(each('\\frac{d}{dx} \\sin x = \\cos(x) x_{dot}'));
    verified(each('\\frac{d}{dx} x^3 = 3x^2 \\dot x'));
  });

  it('flags a wrong one, with its diagnosis', () => {
    mismatch(only(each('\\frac{d}{dM} M^{-1} = M^{-1} M_{dot} M^{-1}')), 'sign', /^sign error/);
  });

  it('does not decide a derivative whose right side brings in a variable the left side does not have', () => {
    const finding = only(each('\\frac{d}{dx} x^2 = 2y'));
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.evidence.reason, 'new variable');
  });
});

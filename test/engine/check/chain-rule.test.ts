// The chain rule in quantities the text never defines (src/engine/check/chain-rule.ts): decided by
// whether the factors link from the left side's function to its variable, and only where the
// numbers cannot decide.
import * as assert from 'node:assert/strict';
import { check, displayBlocks, mismatch } from '../../support/claims';

function finding(claim: string, header = '') {
  const findings = check(displayBlocks(header, claim));
  assert.ok(findings.length > 0, 'no claim found');
  return findings[0];
}

const P = (of: string, wrt: string) => `\\frac{\\partial ${of}}{\\partial ${wrt}}`;
const D = (of: string, wrt: string) => `\\frac{d${of}}{d${wrt}}`;

describe('the chain rule in quantities nothing defines', () => {
  const links: [string, RegExp][] = [
    [`${P('L', 'w')} = ${P('L', 'z')} \\cdot ${P('z', 'w')}`, /^verified as the chain rule: L depends on w through z, and the factors link up \(∂L\/∂z · ∂z\/∂w\)/],
    [`${D('L', '\\omega_1')} = ${D('L', 'a')} * ${D('a', 'z')} * ${D('z', '\\omega_1')}`, /through a, z/],
    [`${P('L', 'w')} = ${P('z', 'w')} ${P('L', 'z')}`, /verified as the chain rule/],
    [`${P('E', 'w')} = ${P('E', '\\mathrm{out}')} \\times ${P('\\mathrm{out}', '\\mathrm{net}')} \\times ${P('\\mathrm{net}', 'w')}`, /through out, net/],
    [`${P('L', 'w_{ij}')} = ${P('L', 'z_i')} ${P('z_i', 'w_{ij}')}`, /through z_i/],
    [`${P('L', 'x_j')} = \\sum_k ${P('L', 'z_k')} ${P('z_k', 'x_j')}`, /through z_k summed over k/],
    [`${P('L', 'z_j')} = \\sum_i ${P('L', 'u_i')} ${P('u_i', 'a_j')} ${P('a_j', 'z_j')}`, /through u_i, a_j summed over i/],
    [`${P('\\mathcal{L}', '\\mathbf{W}')} = ${P('\\mathcal{L}', '\\mathbf{z}')} \\cdot ${P('\\mathbf{z}', '\\mathbf{W}')}`, /verified as the chain rule/],
    [`${P('L(\\theta)', 'w_i')} = ${P('L(\\theta)', 'Z')} ${P('Z', 'w_i')}`, /verified as the chain rule/],
  ];
  for (const [claim, message] of links) {
    it(`${claim}: verified by its form`, () => {
      const f = finding(claim);
      assert.equal(f.verdict, 'verified', f.message);
      assert.match(f.message, message);
      assert.equal(f.evidence.method, 'chain-rule');
    });
  }

  it('a missing link is a mismatch that names it, and offers the chain with it', () => {
    const f = mismatch(finding(`${P('L', 'w')} = ${P('L', 'a')} ${P('z', 'w')}`), 'broken-chain', /^the chain is broken: ∂L\/∂a is followed by ∂z\/∂w, and nothing links a to z \(a factor ∂a\/∂z is missing\)/);
    assert.equal(f.evidence.diagnosis === 'broken-chain' && f.evidence.missing, '∂a/∂z');
    mismatch(finding(`${D('L', 'b')} = ${D('L', 'y')} \\cdot ${D('z', 'b')}`), 'broken-chain');
  });

  const undecided: [string, RegExp][] = [
    // y = f(g(x)): one quantity, two names.
    [`${D('y', 'x')} = ${D('f', 'g')} ${D('g', 'x')}`, /do not link y to x as written \(a quantity may go by two names\)/],
    // Ends at W where the left side asks for b: a slip, or θ for all the parameters.
    [`${P('L', 'b')} = ${P('L', 'z')} ${P('z', 'W')}`, /do not link L to b/],
    // ŷ and y: the same quantity written carelessly, or two.
    [`${P('L', 'w')} = ${P('L', '\\hat y')} ${P('y', 'w')}`, /do not link L to w/],
    // A sum over k that is not written (index notation), or one over nothing the chain runs through.
    [`${P('L', 'x_j')} = ${P('L', 'z_k')} ${P('z_k', 'x_j')}`, /implicit sum over k/],
    [`${P('L', 'x')} = \\sum_k ${P('L', 'z')} ${P('z', 'x')}`, /the sum over k does not run over its intermediate quantities/],
    // Matrices do not commute: only the written order or its reverse.
    [`${P('L', '\\mathbf{W}')} = ${P('\\mathbf{a}', '\\mathbf{z}')} ${P('L', '\\mathbf{a}')} ${P('\\mathbf{z}', '\\mathbf{W}')}`, /do not link L to W/],
  ];
  for (const [claim, message] of undecided) {
    it(`${claim}: not decided`, () => {
      const f = finding(claim);
      assert.equal(f.verdict, 'unsupported', f.message);
      assert.match(f.message, message);
    });
  }

  it('where the text defines the quantities, the numbers decide, as before', () => {
    const header = 'Let $L = (z - 1)^2$ and $z = 3w$.\n\n';
    const f = finding(`${P('L', 'w')} = ${P('L', 'z')} ${P('z', 'w')}`, header);
    assert.equal(f.verdict, 'verified', f.message);
    assert.notEqual(f.evidence.method, 'chain-rule');
  });

  it('only a derivative against a product of derivatives: other terms, ∇ and operators are left as they were', () => {
    for (const claim of [`${P('L', 'w')} = 2${P('L', 'z')} ${P('z', 'w')}`, `\\nabla_w L = \\nabla_z L ${P('z', 'w')}`, `${P('L', 'w')} = ${P('L', 'z')}`]) {
      const f = finding(claim);
      assert.notEqual(f.evidence.method, 'chain-rule', `${claim}: ${f.message}`);
      assert.notEqual(f.verdict, 'verified', `${claim}: ${f.message}`);
    }
  });
});

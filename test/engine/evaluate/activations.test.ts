import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/engine';
import { ACTIVATIONS, activationNamed, GENERIC_SIGMA, SIGMA_CHOICES } from '../../../src/engine/evaluate/activations';

/** Central difference of f at x, for an independent check of each derivative. */
function slope(f: (x: number) => number, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

describe('activation functions', () => {
  it('each derivative order is the slope of the order below it (central differences), away from kinks', () => {
    const xs = [-2.3, -0.7, -0.05, 0.3, 1.1, 2.9];
    for (const activation of ACTIVATIONS) {
      for (let order = 0; order < activation.maxOrder; order++) {
        for (const x of xs) {
          if (activation.name === 'relu' && Math.abs(x) < 0.1) continue;
          const want = slope((t) => activation.derivative(order, t), x);
          const got = activation.derivative(order + 1, x);
          assert.ok(Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want)), `${activation.name}: order ${order + 1} at ${x}: ${got} vs ${want}`);
        }
      }
    }
  });

  it('ReLU at its kink: ReLU(0) = 0 and ReLU′(0) = 0, as 𝟙[z > 0] says', () => {
    const relu = activationNamed('relu')!;
    assert.deepEqual([relu.derivative(0, 0), relu.derivative(1, 0)], [0, 0]);
    assert.deepEqual([relu.derivative(0, 2), relu.derivative(1, 2), relu.derivative(0, -2), relu.derivative(1, -2)], [2, 1, 0, 0]);
  });

  it('softplus is log(1 + e^z) up to 30 and z beyond (where e^z would overflow)', () => {
    const softplus = activationNamed('softplus')!;
    assert.equal(softplus.derivative(0, 30), Math.log1p(Math.exp(30)));
    assert.equal(softplus.derivative(0, 30.5), 30.5);
    assert.equal(softplus.derivative(0, 1000), 1000);
  });

  it('GELU is z·Φ(z): known values', () => {
    const gelu = activationNamed('gelu')!;
    // Φ(1) = 0.8413447460685429, Φ(−1) = 0.15865525393145707, φ(1) = 0.24197072451914337.
    assert.ok(Math.abs(gelu.derivative(0, 1) - 0.8413447460685429) < 1e-15);
    assert.ok(Math.abs(gelu.derivative(0, -1) + 0.15865525393145707) < 1e-15);
    assert.equal(gelu.derivative(0, 0), 0);
    assert.ok(Math.abs(gelu.derivative(1, 1) - (0.8413447460685429 + 0.24197072451914337)) < 1e-15);
    assert.ok(Math.abs(gelu.derivative(2, 1) - 0.24197072451914337) < 1e-15);
  });

  it('a directive names any of them: sigma=gelu checks the MLP with GELU', () => {
    const text = [
      '<!-- derivcheck: sigma=gelu -->',
      '',
      "$\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y) C_i \\sigma'(z_i)$",
      '',
      '$\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y) C_i \\sigma(z_i)(1 - \\sigma(z_i))$',
    ].join('\n');
    const findings = checkText(text, { symbolicTimeoutMs: 0 }).findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'mismatch']);
  });

  it('the choices of sigma= are the activations and generic, and softplus is one of them', () => {
    assert.deepEqual(SIGMA_CHOICES.map((c) => c.name), [...ACTIVATIONS.map((a) => a.name), GENERIC_SIGMA.name]);
    const findings = checkText('<!-- derivcheck: sigma=softplus -->\n\n$\\sigma\'(z) = \\frac{1}{1+e^{-z}}$\n', { symbolicTimeoutMs: 0 }).findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['verified']);
  });
});

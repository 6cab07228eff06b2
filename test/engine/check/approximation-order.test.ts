// Approximations in a small ε (or an increment h, Δt): checked as ε shrinks, against the powers of ε
// the approximation writes out (src/engine/check/approximation-order.ts).
import * as assert from 'node:assert/strict';
import { check, displayBlocks, mismatch } from '../../support/claims';

const F = 'Let $f(x) = \\sin x + x^2$ and $f\'(x) = \\cos x + 2x$.\n\n';

function verdictOf(header: string, claim: string) {
  const findings = check(displayBlocks(header, claim));
  return findings[findings.length - 1];
}

describe('first-order and higher approximations in a small ε', () => {
  const holds: [string, string, RegExp][] = [
    [F, "f(x + \\epsilon) \\approx f(x) + \\epsilon f'(x)", /verified to first order in ε: the difference between the sides shrinks as ε\^2/],
    ['', '\\sqrt{x^2 + \\epsilon} \\approx |x|', /verified to order 0 \(no power of ε written out\)/],
    ['', 'e^{\\epsilon} \\approx 1 + \\epsilon + \\frac{\\epsilon^2}{2}', /verified to second order in ε/],
    ['', '\\frac{1}{1 - \\epsilon} \\approx 1 + \\epsilon', /verified to first order/],
    ['', '\\log(1 + \\epsilon) \\approx \\epsilon', /verified to first order/],
    ['', "\\sigma'(z) \\approx \\frac{\\sigma(z + h) - \\sigma(z - h)}{2h}", /verified to order 0 \(no power of h written out\): the difference between the sides shrinks as h\^2/],
    ['Let $g(t) = e^{t}$.\n\n', "g(t + \\Delta t) \\approx g(t) + \\Delta t\\, g'(t)", /verified to first order in Δt/],
  ];
  for (const [header, claim, message] of holds) {
    it(`${claim}: holds to the order it writes out`, () => {
      const finding = verdictOf(header, claim);
      assert.equal(finding.verdict, 'verified', finding.message);
      assert.match(finding.message, message);
    });
  }

  const slips: [string, string, RegExp][] = [
    [F, "f(x + \\epsilon) \\approx f(x) - \\epsilon f'(x)", /^wrong at first order in ε: the ε terms of the two sides differ/],
    [F, 'f(x + \\epsilon) \\approx f(x) + 1', /^wrong at order 0 in ε: the two sides differ even as ε → 0/],
    ['', 'e^{\\epsilon} \\approx 1 + \\epsilon + \\epsilon^2', /^wrong at second order in ε: the ε\^2 terms/],
    ['', '(1 + \\epsilon)^2 \\approx 1 + \\epsilon', /^wrong at first order in ε/],
    ['Let $g(t) = e^{t}$.\n\n', "g(t + \\Delta t) \\approx g(t) - \\Delta t\\, g'(t)", /^wrong at first order in Δt/],
  ];
  for (const [header, claim, message] of slips) {
    it(`${claim}: a mismatch that says which order fails`, () => mismatch(verdictOf(header, claim), undefined, message));
  }

  it('does not shrink an increment the document gives a value (Δt := x/n, as in Euler’s method)', () => {
    const findings = check(displayBlocks('Let $f(x) = e^x$, with increments $\\Delta t := x/n$.\n\n', "f(t + \\Delta t) \\approx f(t) + \\Delta t f'(t)"));
    const finding = findings[findings.length - 1];
    assert.ok(finding.verdict !== 'mismatch', finding.message);
    assert.doesNotMatch(finding.message, /order/);
  });

  it('decides nothing where the small quantity is not clear', () => {
    for (const claim of [
      // δ of backpropagation is not an increment: no call adds it.
      '\\delta^{(l-1)} \\approx \\delta^{(l)}',
      'y_n \\approx x_n',
      // Two small quantities.
      'f(x + h, y + \\epsilon) \\approx f(x, y)',
    ]) {
      const finding = verdictOf('', claim);
      assert.ok(finding.verdict !== 'verified' && finding.verdict !== 'mismatch', `${claim}: ${finding.verdict} ${finding.message}`);
    }
  });
});

// Claims about functions the text names but never defines (check/generic-function-claims.ts): checked
// with a smooth stand-in for each at every sample point; verified when they hold for all of them,
// never a mismatch (the f the text means may be one they hold for).
import * as assert from 'node:assert/strict';
import { check, displayBlocks, displayMath } from '../../support/claims';
import { genericFunction } from '../../../src/engine/evaluate/generic-functions';

function finding(claim: string, header = '') {
  const findings = check(displayBlocks(header, claim));
  assert.ok(findings.length > 0, 'no claim found');
  return findings[findings.length - 1];
}

describe('functions the text never defines', () => {
  const rules: [string, RegExp][] = [
    ["\\frac{d}{dx}\\big(f(x)g(x)\\big) = f'(x)g(x) + f(x)g'(x)", /^verified for any f and g: the text does not define f and g/],
    ["\\frac{d}{dx} f(g(x)) = f'(g(x))\\,g'(x)", /verified for any f and g/],
    ["\\frac{d}{dx}\\frac{f(x)}{g(x)} = \\frac{f'(x)g(x) - f(x)g'(x)}{g(x)^2}", /verified for any f and g/],
    ["\\frac{d}{dx} e^{f(x)} = f'(x) e^{f(x)}", /^verified for any f: .* with f replaced by a different smooth function at each sample point/],
    ["\\frac{d}{dx} f(x)^2 = 2 f(x) f'(x)", /verified for any f/],
    ["f(x + \\epsilon) \\approx f(x) + \\epsilon f'(x)", /verified for any f: .*verified to first order in ε/],
    ["f'(x) \\approx \\frac{f(x + h) - f(x - h)}{2h}", /verified for any f/],
    ["\\frac{d}{dx} f'(x) = f''(x)", /verified for any f/],
  ];
  for (const [claim, message] of rules) {
    it(`${claim}: holds for every stand-in`, () => {
      const f = finding(claim);
      assert.equal(f.verdict, 'verified', f.message);
      assert.match(f.message, message);
      assert.ok(f.evidence.standIns && f.evidence.standIns.length > 0);
    });
  }

  const slips: [string, RegExp][] = [
    // The product rule as the product of the derivatives; the chain rule at the wrong point; a Taylor step with the wrong sign.
    ["\\frac{d}{dx}\\big(f(x)g(x)\\big) = f'(x)g'(x)", /the claim does not hold for every smooth f and g \(the two sides differ\); it may hold for the one meant/],
    ["\\frac{d}{dx} f(g(x)) = f'(x)\\,g'(x)", /does not hold for every smooth f and g/],
    ["f(x + \\epsilon) \\approx f(x) - \\epsilon f'(x)", /does not hold for every smooth f \(wrong at first order in ε\)/],
    // True of a linear f only: the text may mean one.
    ['f(2x) = 2f(x)', /does not hold for every smooth f/],
  ];
  for (const [claim, message] of slips) {
    it(`${claim}: not decided, never a mismatch`, () => {
      const f = finding(claim);
      assert.equal(f.verdict, 'unsupported', f.message);
      assert.match(f.message, message);
    });
  }

  it('the derivative of f written in two notations is notation, not a claim', () => {
    for (const claim of ["\\frac{\\partial h(z)}{\\partial z} = h'(z)", "\\frac{d}{dx} f(x) = \\frac{\\partial}{\\partial x} f(x)"]) {
      const f = finding(claim);
      assert.equal(f.verdict, 'unsupported', `${claim}: ${f.message}`);
      assert.equal(f.evidence.reason, 'notation');
    }
  });

  it('a row that follows for any f from a row nothing established is not decided (that row may have lost a sign)', () => {
    const findings = check(displayMath('\\frac{\\partial L}{\\partial w} = (t - h(x)w) * (h(x) * (x + 0)) = (t - h(x)w) h(x) x'));
    const lastRow = findings[findings.length - 1];
    assert.equal(lastRow.verdict, 'unsupported', lastRow.message);
    assert.match(lastRow.message, /follows from .* for any h, but the row before could not be checked itself/);
  });

  it('a function of a vector, and L, E, P (a loss, an expectation, a probability), get no stand-in', () => {
    const header = '<!-- derivcheck: shapes x=n -->\n\n';
    assert.notEqual(finding("f(\\mathbf{x} + \\epsilon) \\approx f(\\mathbf{x})", header).verdict, 'verified');
    for (const claim of ['\\frac{d}{dw} L(w)^2 = 2L(w)L\'(w)', 'E(x) + E(x) = 2E(x)']) assert.notEqual(finding(claim).verdict, 'verified', claim);
  });

  it('a definition in terms of f is compiled with stand-ins for its own claim only: later claims read f as undefined again', () => {
    const text = displayBlocks('Let $g(x) = f(x)^2$.\n\n', "g'(x) = 2f(x)f'(x)", "g'(x) = f'(x)^2", "g'(x) = 2f(x)f'(x)");
    assert.deepEqual(check(text).map((f) => f.verdict), ['verified', 'unsupported', 'verified']);
  });

  it('stand-ins differ between functions and between points, and their derivatives are exact', () => {
    const f = genericFunction('f', 0);
    assert.notEqual(f.derivative(0, 0.3), genericFunction('g', 0).derivative(0, 0.3));
    assert.notEqual(f.derivative(0, 0.3), genericFunction('f', 1).derivative(0, 0.3));
    for (const [order, x] of [[0, 0.3], [1, -0.7], [2, 1.1]] as const) {
      const h = 1e-5;
      const slope = (f.derivative(order, x + h) - f.derivative(order, x - h)) / (2 * h);
      assert.ok(Math.abs(slope - f.derivative(order + 1, x)) < 1e-6, `order ${order + 1} at ${x}`);
    }
  });
});

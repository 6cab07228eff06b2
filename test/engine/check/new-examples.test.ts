// A document's own model, sketched and then made concrete (`z = f(x, y)`, `x = g(t)`, then
// `z = \sin(x^2 + y^2)`, `x = e^t`): the concrete example is a new model, whose partials are local
// (∂z/∂x holds y fixed) and whose total derivative dz/dt goes through x and y (issue 13).
import * as assert from 'node:assert/strict';
import { check, mismatch, verified } from '../../support/claims';

const SECTION = [
  '## The chain rule',
  '',
  'Consider $z = f(x, y)$ with $x = g(t)$ and $y = h(t)$.',
  '',
  'For example',
  '',
  '$$',
  'z = \\sin(x^2 + y^2), \\qquad x = e^t, \\qquad y = t^2.',
  '$$',
  '',
].join('\n');

const claimsAfter = (text: string) => check(text).filter((f) => f.evidence.reason !== 'redefinition' && !f.message.startsWith('cannot use the definition'));

describe('a sketched model made concrete', () => {
  it('reads the concrete definitions as a new model, not as claims about the sketch', () => {
    const findings = check(`${SECTION}\n$\\frac{dx}{dt} = e^t$\n`);
    // The sketch cannot be evaluated (g is no function the document defines), and says so.
    assert.match(findings[0].message, /^cannot use the definition of x: g\(t\) reads as a function g applied to t/);
    assert.deepEqual(findings.filter((f) => f.evidence.reason === 'redefinition').map((f) => f.text), ['z = \\sin(x^2 + y^2)']);
    verified(findings.slice(-1));
  });

  it('checks local partials and the total derivative in it', () => {
    verified(claimsAfter(`${SECTION}\n$\\frac{\\partial z}{\\partial x} = 2x \\cos(x^2 + y^2)$\n\n$\\frac{d y}{d t} = 2t$\n\n$\\frac{dz}{dt} = 2x\\cos(x^2 + y^2)e^t + 2y\\cos(x^2 + y^2)2t$\n`), 3);
  });

  it('still flags a total derivative that misses a path', () => {
    const [wrong] = claimsAfter(`${SECTION}\n$\\frac{dz}{dt} = 2x\\cos(x^2 + y^2)e^t$\n`);
    mismatch(wrong);
  });

  it('keeps a wrong restatement of a concrete node a mistake in its own section', () => {
    const [wrong] = claimsAfter('$z = w x + b$, $L = (z - y)^2$\n\n$L = (z + y)^2$\n');
    assert.notEqual(wrong?.evidence.reason, 'redefinition');
  });
});

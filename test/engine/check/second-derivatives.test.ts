// Second derivatives in free variables (semantics/compile-second.ts): f''(x), d²/dx², ∂²f/∂x², the mixed
// ∂²f/∂x∂y and the Hessian ∇²f, evaluated by hyper-dual numbers (evaluate/hyper-dual.ts), exact.
import * as assert from 'node:assert/strict';
import { check, displayBlocks, mismatch } from '../../support/claims';
import * as H from '../../../src/engine/evaluate/hyper-dual';
import { parseExpression } from '../../../src/engine/parse/parser';
import { show } from '../../../src/engine/parse/print';
import { toLatex } from '../../../src/engine/parse/to-latex';
import { twiceDifferentiable } from '../../../src/engine/semantics/compile-second';

function verdictOf(header: string, claim: string) {
  const findings = check(displayBlocks(header, claim));
  assert.ok(findings.length > 0, 'no claim found');
  return findings[findings.length - 1];
}

const F = 'Let $f(x) = 3x^3 - 4x$.\n\n';
const G = 'Let $g(x, y) = x^2 y^3 + e^{xy}$.\n\n';
const Q = 'Let $q(x, y) = x^2 + 3xy + 2y^2$.\n\n';

describe('second derivatives in free variables', () => {
  const holds: [string, string][] = [
    [F, "f''(x) = 18x"],
    [F, '\\frac{d^2 f}{dx^2} = 18x'],
    ['', '\\frac{d^2}{dx^2}\\left(x^3 + \\sin x\\right) = 6x - \\sin x'],
    ['', '\\frac{d^2}{dz^2}\\sigma(z) = \\sigma(z)(1-\\sigma(z))(1-2\\sigma(z))'],
    ['Let $h(t) = \\ln(1 + t^2)$.\n\n', "h''(t) = \\frac{2(1 - t^2)}{(1 + t^2)^2}"],
    [G, '\\frac{\\partial^2 g}{\\partial x^2} = 2y^3 + y^2 e^{xy}'],
    [G, '\\frac{\\partial^2 g}{\\partial x \\partial y} = 6xy^2 + e^{xy}(1 + xy)'],
    [G, '\\frac{\\partial^2 g}{\\partial y \\partial x} = 6xy^2 + e^{xy} + xy e^{xy}'],
    [Q, '\\nabla^2 q(x, y) = \\begin{bmatrix} 2 & 3 \\\\ 3 & 4 \\end{bmatrix}'],
    [F, '\\nabla^2 f(x) = 18x'],
    ['Let $u(x) = \\sqrt{x^2 + 1}$.\n\n', "u''(x) = (x^2 + 1)^{-3/2}"],
  ];
  for (const [header, claim] of holds) {
    it(`${claim}: verified`, () => {
      const f = verdictOf(header, claim);
      assert.equal(f.verdict, 'verified', f.message);
    });
  }

  it('typical slips are mismatches: a factor, a sign, a lost cross term, a wrong Hessian entry', () => {
    mismatch(verdictOf(F, "f''(x) = 9x"), 'factor');
    mismatch(verdictOf('', '\\frac{d^2}{dx^2}\\left(x^3 + \\sin x\\right) = 6x + \\sin x'));
    mismatch(verdictOf(G, '\\frac{\\partial^2 g}{\\partial x \\partial y} = 6xy^2 + xy e^{xy}'));
    mismatch(verdictOf(Q, '\\nabla^2 q(x, y) = \\begin{bmatrix} 2 & 3 \\\\ 3 & 2 \\end{bmatrix}'));
  });

  it('not decided: the model\'s vectors, an undefined function, a third derivative', () => {
    const model = verdictOf('<!-- derivcheck: model=mlp -->\n\n', '\\frac{\\partial^2 L}{\\partial d^2} = 2');
    assert.equal(model.verdict, 'unsupported', model.message);
    assert.match(model.message, /second derivatives are taken in free variables only/);
    assert.equal(verdictOf(F, "f'''(x) = 18").verdict, 'unsupported');
    assert.notEqual(verdictOf('', '\\frac{\\partial^2 f}{\\partial x \\partial y} = 0').verdict, 'verified');
  });

  it('a mixed partial parses with both variables, and prints back as written', () => {
    const node = parseExpression('\\frac{\\partial^2 g}{\\partial x \\partial y}')!;
    assert.equal(show(node), '(deriv partial^2 g x y)');
    assert.equal(toLatex(node), '\\frac{\\partial^{2} g}{\\partial x \\partial y}');
  });

  it('hyper-dual arithmetic gives exact second derivatives', () => {
    // f(x, y) = x²y / (1 + x) at (2, 3): ∂²f/∂x∂y = (x² + 2x)/(1 + x)² = 8/9.
    const x = H.seeded(2, true, false);
    const y = H.seeded(3, false, true);
    const f = H.div(H.mul(H.mul(x, x), y), H.add(H.constant(1), x));
    assert.ok(Math.abs(f.ab - 8 / 9) < 1e-15, String(f.ab));
    // e^{sin x} at 0.5 on both lanes: (cos²x − sin x)e^{sin x}.
    const t = H.seeded(0.5, true, true);
    const [s0, s1, s2] = twiceDifferentiable('sin')!(t.v);
    const sin = H.apply(t, s0, s1, s2);
    const [e0, e1, e2] = twiceDifferentiable('exp')!(sin.v);
    const value = H.apply(sin, e0, e1, e2).ab;
    assert.ok(Math.abs(value - (Math.cos(0.5) ** 2 - Math.sin(0.5)) * Math.exp(Math.sin(0.5))) < 1e-14);
  });
});

// Two notations for one derivative claim nothing: `f'(x) = \frac{df(x)}{dx}` is notation.
import * as assert from 'node:assert/strict';
import { check, only, verified } from '../../support/claims';

describe('derivative notation', () => {
  it('reports two ways of writing one derivative as notation, not as a verified identity', () => {
    for (const latex of ["f'(x) = \\frac{df(x)}{dx}", "\\frac{df}{dx} = f'(x)", "f''(x) = \\frac{d^2 f}{dx^2}", '\\nabla_x f = f\'(x)']) {
      const finding = only(check(`Let $f(x) = x^3$. Then $${latex}$.`).filter((f) => f.text === latex));
      assert.equal(finding.verdict, 'unsupported', latex);
      assert.equal(finding.evidence.reason, 'notation', latex);
    }
  });

  it('still checks a derivative against another variable or order', () => {
    verified(check("Let $f(x) = x^3$. Then $f'(x) = \\frac{d}{dx} x^3$.").filter((f) => f.text.startsWith("f'")), 1);
  });
});

describe('derivative notation of known functions, and facts that are not notation', () => {
  it('reads a known function’s derivative written two ways as notation, and `:=` as notation whatever the function', () => {
    for (const latex of ["\\frac{d}{dz}\\sigma(z) = \\sigma'(z)", "\\frac{d\\sigma(z)}{dz} = \\sigma'(z)", '\\partial_x f := \\frac{\\partial f}{\\partial x}']) {
      const finding = only(check(`We write $${latex}$.`));
      assert.equal(finding.verdict, 'unsupported', latex);
      assert.equal(finding.evidence.reason, 'notation', latex);
    }
  });

  it('checks a known function’s derivative against its formula, and a model’s derivative written two ways', () => {
    verified(check("$\\frac{d}{dz}\\sigma(z) = \\sigma(z)(1 - \\sigma(z))$"), 1);
    assert.notEqual(only(check('$\\frac{\\partial L}{\\partial w} = \\nabla_w L$')).evidence.reason, 'notation');
  });
});

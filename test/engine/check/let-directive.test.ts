// `derivcheck: let f = L` (issue 13, section 8): a name of the document bound to the model's quantity,
// or to an expression, from the directive on, when detection cannot know that the document's J is the
// model's L.
import * as assert from 'node:assert/strict';
import { check, mismatch, verified } from '../../support/claims';
import { parseDirective } from '../../../src/engine/check/directives';

const MLP = '# Problem 1\n\n$$\\hat y = C\\sigma(Ax+b)+d$$\n\n';

describe('the let directive', () => {
  it("binds the document's J to the model's loss L, from the directive on", () => {
    const [before, right, wrong] = check(`${MLP}$\\frac{\\partial J}{\\partial d} = -2(y - \\hat y)$\n\n<!-- derivcheck: let J = L -->\n\n$\\frac{\\partial J}{\\partial d} = -2(y - \\hat y)$\n\n$\\frac{\\partial J}{\\partial d} = 2(y - \\hat y)$\n`);
    assert.equal(before.verdict, 'unsupported');
    verified([right]);
    mismatch(wrong, 'sign');
  });

  it('binds a name to an expression in free variables, whatever model came before', () => {
    const findings = check(`${MLP}# Free\n\n<!-- derivcheck: let f = x^2 + 1 -->\n\n$\\frac{df}{dx} = 2x$\n`);
    verified(findings);
    assert.equal(findings.length, 1, 'the MLP written out is a definition, no claim');
  });

  it('reports a binding it cannot read, at the directive', () => {
    assert.deepEqual(parseDirective('let = L'), [{ kind: 'error', message: 'derivcheck directive: let expects name = expression, e.g. let f = L' }]);
    const [finding] = check('<!-- derivcheck: let 2 = L -->\n');
    assert.equal(finding.verdict, 'unparsed');
    assert.equal(finding.message, "derivcheck directive: let: '2' is not a name to define (write f, \\ell, g(x) or W_1)");
    assert.equal(finding.text, '2');
  });
});

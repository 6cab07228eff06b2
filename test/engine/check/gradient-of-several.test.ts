// `\nabla f(x, y)` of a function the document defines of several variables: the column of its
// partial derivatives, written as a column, a bracket list or a transposed row; a slip in one entry
// is a mismatch at that entry; a gradient whose variables are not written is not decided.
import * as assert from 'node:assert/strict';
import { check, displayBlocks, mismatch, only, verified } from '../../support/claims';

const G = 'Let $g(x, y) = x^2 y + y^3$.\n\n';

describe('the gradient of a function of several variables, \\nabla g(x, y)', () => {
  it('verifies the column of partial derivatives however the vector is written', () => {
    verified(
      check(
        displayBlocks(
          G,
          '\\nabla g(x, y) = \\begin{bmatrix} 2xy \\\\ x^2 + 3y^2 \\end{bmatrix}',
          '\\nabla g(x, y) = [2xy, x^2 + 3y^2]^\\top',
          '\\nabla g(x, y) = (2xy, x^2 + 3y^2)',
        ),
      ),
      3,
    );
  });

  it('a wrong entry is a mismatch, with a counterexample', () => {
    const findings = check(displayBlocks(G, '\\nabla g(x, y) = \\begin{bmatrix} 2xy \\\\ x^2 + y^2 \\end{bmatrix}'));
    mismatch(findings[findings.length - 1], undefined, /claimed \(.*\)ᵀ, expected \(.*\)ᵀ/);
  });

  it('a row where a column is meant is not called wrong: the shapes differ, and the variables are scalars', () => {
    const findings = check(displayBlocks(G, '\\nabla g(x, y) = \\begin{bmatrix} 2xy & x^2 + 3y^2 \\end{bmatrix}'));
    assert.notEqual(findings[findings.length - 1].verdict, 'mismatch');
    assert.notEqual(findings[findings.length - 1].verdict, 'verified');
  });

  it('\\nabla of a function the document does not define, or with no variable written, is not decided', () => {
    for (const claim of ['\\nabla h(x, y) = [2x, 2y]', '\\nabla L = 0', '\\nabla \\hat v(S, \\mathbf w) = \\mathbf x(S)']) {
      const finding = only(check(displayBlocks('', claim)));
      assert.equal(finding.verdict, 'unsupported', `${claim}: ${finding.message}`);
    }
  });
});

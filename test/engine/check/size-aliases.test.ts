// A built-in model's sizes under the document's names (issue 13, section 4): `A \in \mathbb{R}^{m \times n}`
// for the ridge model's A (n×d in the model) makes the document's I_n the model's I_d.
import * as assert from 'node:assert/strict';
import { check, mismatch, verified } from '../../support/claims';
import { sizeAliases } from '../../../src/engine/check/size-aliases';
import { MODELS } from '../../../src/engine/models/registry';

const ridge = (m: string, n: string) =>
  [
    `We minimize $f(x) = \\|Ax - b\\|^2 + \\lambda\\|x\\|^2$ with $A \\in \\mathbb{R}^{${m} \\times ${n}}$, $b \\in \\mathbb{R}^${m}$ and $\\lambda > 0$.`,
    '',
    `The minimizer is $\\hat x = A^\\top(AA^\\top + \\lambda I_${m})^{-1} b$.`,
    '',
    `Equivalently $\\hat x = (A^\\top A + \\lambda I_${n})^{-1} A^\\top b$.`,
    '',
    `And a wrong one: $\\hat x = (A^\\top A + \\lambda I_${m})^{-1} A^\\top b$.`,
    '',
  ].join('\n');

describe('size aliases', () => {
  it('matches the document’s size names with the model’s by the declared shapes of its leaves', () => {
    assert.deepEqual([...(sizeAliases(MODELS.ridge, { A: { rows: 'm', cols: 'n' } }) ?? [])], [['m', 'n'], ['n', 'd']]);
    assert.deepEqual([...(sizeAliases(MODELS.ridge, { A: { rows: 'p', cols: 'q' }, b: { rows: 'p', cols: 1 } }) ?? [])], [['p', 'n'], ['q', 'd']]);
    // The model's own names need no alias; names that do not fit together give none.
    assert.equal(sizeAliases(MODELS.ridge, { A: { rows: 'n', cols: 'd' } }), undefined);
    assert.equal(sizeAliases(MODELS.ridge, { A: { rows: 'm', cols: 'm' } }), undefined);
  });

  for (const [m, n] of [['m', 'n'], ['p', 'q']]) {
    it(`reads I_${m} and I_${n} as the identities of A’s ${m} rows and ${n} columns`, () => {
      const findings = check(ridge(m, n)).filter((f) => f.text.startsWith('\\hat x'));
      verified(findings.slice(0, 2), 2);
      mismatch(findings[2], 'shape', new RegExp(`AᵀA \\+ λI_${m} adds ${n}×${n} and ${m}×${m}: .* \\(at ${m}=\\d+, ${n}=\\d+`));
    });
  }
});

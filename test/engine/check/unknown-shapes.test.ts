// Symbols of unknown shape (issue 13). Without a model that owns them or a shapes directive, free
// variables are sampled as scalars, and scalars commute: a claim that uses matrix operations on them
// (a transpose, an inverse of a capital, a product of capitals, a bold symbol, a norm, ⊙, diag) is
// never verified on scalar samples alone. Their shapes are then read from the notation
// (shapes-from-notation.test.ts); where the notation gives none that fits, the claim is unsupported,
// naming the symbols and the directive that makes it checkable (a counterexample in scalars, one in
// 1×1 matrices, stays a mismatch). A shapes directive gives them their shapes, and the claim is decided.
import * as assert from 'node:assert/strict';
import { check, directive, displayMath, mismatch, only, verified } from '../../support/claims';

const free = (latex: string, settings = '') => only(check(displayMath(latex, directive(`model=none${settings ? ` ${settings}` : ''}`))));

function unknownShapes(latex: string, names: RegExp): void {
  const f = free(latex);
  assert.equal(f.verdict, 'unsupported', `${latex}: ${f.verdict}: ${f.message}`);
  assert.match(f.message, /^shapes unknown: /, latex);
  assert.match(f.message, names, latex);
  assert.match(f.message, /declare them with a shapes directive, e\.g\. <!-- derivcheck: shapes /, latex);
}

describe('symbols of unknown shape', () => {
  it('does not verify matrix identities on scalar samples where the notation gives no shapes that fit', () => {
    // A capital inverted is a matrix; 1/A divides by a number.
    unknownShapes('A^{-1} = \\frac{1}{A}', /A/);
  });

  it('keeps a counterexample in scalars a mismatch: it is one in 1×1 matrices, and says so', () => {
    const f = mismatch(free('(AB)^{-1} = A^{-1} + B^{-1}'));
    assert.match(f.message, /\(A, B read as scalars \(1×1\), no shape being declared\)/);
    mismatch(free('x^\\top y = 2 y^\\top x'));
  });

  it('looks into the definitions a claim uses: capitals multiplied there are matrices', () => {
    const text = `${directive('model=none')}$M = AB$, $N = BA$\n\n$$M = N$$\n`;
    const f = only(check(text));
    assert.equal(f.verdict, 'mismatch', f.message);
    assert.match(f.message, /with the shapes the notation gives \(A a square matrix, B a square matrix\)/);
  });

  it('still decides identities in scalars: lower-case products, one capital times itself, inverses of numbers', () => {
    verified([free('(a+b)^2 = a^2 + 2ab + b^2')]);
    verified([free('N(N+1) = N^2 + N')]);
    verified([free('x^{-1} = \\frac{1}{x}')]);
    verified([free('2^{-1} = 0.5')]);
    mismatch(free('(a+b)^2 = a^2 + b^2'));
  });

  it('decides them with a shapes directive', () => {
    mismatch(free('AB = BA', 'shapes A=2x2 B=2x2'));
    verified([free('(AB)^\\top = B^\\top A^\\top', 'shapes A=2x2 B=2x2')]);
    mismatch(free('(AB)^\\top = A^\\top B^\\top', 'shapes A=2x2 B=2x2'));
    const inverse = verified([free('(AB)^{-1} = B^{-1}A^{-1}', 'shapes A=3x3 B=3x3')])[0];
    // The prover's symbols commute: it proves nothing about matrices.
    assert.equal(inverse.evidence.symbolic, undefined);
    assert.doesNotMatch(inverse.message, /proved symbolically/);
    mismatch(free('(AB)^{-1} = A^{-1}B^{-1}', 'shapes A=3x3 B=3x3'));
    verified([free('x^\\top y = y^\\top x', 'shapes x=3 y=3')]);
    verified([free('(Ax)^\\top = x^\\top A^\\top', 'shapes A=nxd x=d')]);
  });

  it('reads from the notation only the symbols that lack a shape', () => {
    const f = verified([free('(AB)^\\top = B^\\top A^\\top', 'shapes A=2x2')])[0];
    assert.match(f.message, /\(B a matrix; B a vector\)/);
  });

  it('in the document’s own model too: leaves with no declared shape are not multiplied or inverted as matrices', () => {
    const header = '$h = \\tanh(Wx + Vc)$\n\n';
    for (const latex of ['WV = VW', '(WV)^{-1} = W^{-1}V^{-1}']) {
      const f = only(check(`${header}$$${latex}$$\n`));
      assert.equal(f.evidence.model, 'custom');
      assert.equal(f.verdict, 'unsupported', `${latex}: ${f.message}`);
      assert.match(f.message, /^shapes unknown: W, V \(/);
    }
    const declared = '<!-- derivcheck: shapes W=2x2 V=2x2 x=2 c=2 -->\n\n' + header;
    mismatch(only(check(`${declared}$$WV = VW$$\n`)));
    verified([only(check(`${declared}$$(WV)^{-1} = V^{-1}W^{-1}$$\n`))]);
  });

  it('looks through the document’s definitions', () => {
    const text = `${directive('model=none')}$M = AB$\n\n$$M^\\top = B^\\top A^\\top$$\n`;
    const f = verified([only(check(text))])[0];
    assert.match(f.message, /A a matrix, B a matrix/);
  });
});

describe('nodes built from leaves of unknown shape', () => {
  it('does not call a matrix given for a node a shape mismatch when the node’s leaves have no shape (X = QR, then X = [[1, 2], …])', () => {
    const findings = check('The decomposition is $\\boldsymbol{X} = \\boldsymbol{QR}$.\n\nTake\n\n$$\n\\boldsymbol{X} = \\begin{bmatrix} 1 & 2\\\\ -1 & 0\\\\ 1 & 1\\end{bmatrix}\n$$\n');
    const given = only(findings.filter((f) => f.text.includes('bmatrix')));
    assert.equal(given.verdict, 'unsupported');
    assert.match(given.message, /^not decided: the shapes differ: .* no shape is declared for Q, R/);
  });
});

// Shapes read from notation (issue 15, "Matrix calculus in free variables"): bold lower-case letters
// and letters written transposed are vectors, capitals matrices, and the operations tie their sizes
// together (xᵀAx makes A square of x's length). A claim is decided in every reading of the shapes
// that fits: verified when it holds in all, a mismatch when it fails in all, and not decided when the
// readings disagree. No directive is needed; one given still decides.
import * as assert from 'node:assert/strict';
import { check, directive, displayMath, mismatch, only, verified } from '../../support/claims';

const free = (latex: string) => only(check(displayMath(latex, directive('model=none'))));
const holds = (latex: string) => verified([free(latex)])[0];

describe('shapes read from notation', () => {
  it('decides the matrix calculus of the issue, in either layout of a gradient', () => {
    const quadratic = holds('\\frac{\\partial}{\\partial \\mathbf x}(\\mathbf x^\\top A\\mathbf x) = (A + A^\\top)\\mathbf x');
    assert.match(quadratic.message, /with the shapes the notation gives \(x a vector, A a square matrix\)/);
    assert.deepEqual(quadratic.evidence.shapesFromNotation, ['x a vector, A a square matrix']);
    holds('\\frac{\\partial}{\\partial \\mathbf x}(\\mathbf x^\\top A\\mathbf x) = \\mathbf x^\\top(A + A^\\top)');
    holds('\\nabla_{\\mathbf w} \\|X\\mathbf w - \\mathbf y\\|^2 = 2X^\\top(X\\mathbf w - \\mathbf y)');
    holds('\\frac{\\partial}{\\partial X}\\operatorname{tr}(AX) = A^\\top');
    holds('\\nabla_X \\log\\det X = X^{-\\top}');
    holds('\\frac{\\partial}{\\partial X}\\det X = \\det(X)\\, X^{-\\top}');
    holds('\\frac{d \\boldsymbol{a}^{T} \\boldsymbol{X} \\boldsymbol{b}}{d \\boldsymbol{X}}=\\boldsymbol{a} \\boldsymbol{b}^{T}');
  });

  it('finds the typical slips: a wrong term, a missing factor 2, tr(AX) with A for Aᵀ (a transposed gradient), X⁻¹ for X⁻ᵀ', () => {
    mismatch(free('\\frac{\\partial}{\\partial \\mathbf x}(\\mathbf x^\\top A\\mathbf x) = A\\mathbf x + A\\mathbf x^\\top A'));
    mismatch(free('\\nabla_{\\mathbf w} \\|X\\mathbf w - \\mathbf y\\|^2 = X^\\top(X\\mathbf w - \\mathbf y)'));
    const trace = mismatch(free('\\frac{\\partial}{\\partial X}\\operatorname{tr}(AX) = A'));
    assert.match(trace.message, /transpose/);
    mismatch(free('\\nabla_X \\log\\det X = X^{-1}'));
  });

  it('decides matrix algebra: products do not commute, transposes and inverses reverse them', () => {
    const commute = mismatch(free('XY = YX'));
    assert.match(commute.message, /X a square matrix, Y a square matrix/);
    mismatch(free('(AB)^\\top = A^\\top B^\\top'));
    holds('(AB)^\\top = B^\\top A^\\top');
    holds('(AB)^{-1} = B^{-1}A^{-1}');
    mismatch(free('(AB)^{-1} = A^{-1}B^{-1}'));
    holds('\\operatorname{tr}(ABC) = \\operatorname{tr}(CAB)');
    mismatch(free('\\operatorname{tr}(AB) = \\operatorname{tr}(A)\\operatorname{tr}(B)'));
    holds('\\|\\mathbf{Xw} - \\mathbf y\\|_2^2 = (\\mathbf{Xw} - \\mathbf y)^\\top(\\mathbf{Xw} - \\mathbf y)');
  });

  it('checks every reading the notation allows, and names them', () => {
    // B may be a matrix or a vector: AB is then a matrix or a vector, and the claim holds for both.
    const f = holds('(AB)^\\top = B^\\top A^\\top');
    assert.match(f.message, /in each of the 2 readings of the shapes the notation allows \(A a matrix, B a matrix; A a matrix, B a vector\)/);
    assert.equal(f.evidence.shapesFromNotation?.length, 2);
  });

  it('samples sizes that keep the inverses it takes regular (XᵀX of a tall X)', () => {
    holds('\\mathbf X(\\mathbf X^\\top \\mathbf X)^{-1}\\mathbf X^\\top \\mathbf X = \\mathbf X');
    holds('(\\mathbf X (\\mathbf X^\\top \\mathbf X)^{-1})^\\top \\mathbf X = I');
  });

  it('does not decide a claim that holds in some readings and not in others', () => {
    // a may be a number or a vector: xᵀa x is a‖x‖² only for a number.
    const f = free('\\mathbf{x}^\\top a \\mathbf{x} = a \\|\\mathbf{x}\\|^2');
    assert.equal(f.verdict, 'unsupported', f.message);
    assert.equal(f.evidence.reason, 'shapes ambiguous');
    assert.match(f.message, /holds when x a vector, a a scalar, but not when x a vector, a a vector/);
  });

  it('does not verify a bold or inverted capital read only as a vector, nor one no reading fits', () => {
    // X + x adds a vector to X: X is a vector there, and a bold X is a matrix.
    const bold = free('\\mathbf{X} + \\mathbf{x} = \\mathbf{x} + \\mathbf{X}');
    assert.equal(bold.verdict, 'unsupported', bold.message);
    assert.match(bold.message, /X cannot be read as a matrix/);
    // X⁻¹ and 1/X cannot both be taken of a matrix.
    const inverse = free('X^{-1} = \\frac{1}{X}');
    assert.equal(inverse.verdict, 'unsupported', inverse.message);
    assert.match(inverse.message, /no reading of the shapes of X fits every operation of the claim/);
  });

  it('does not call a claim that holds for symmetric matrices wrong: the text may assume them', () => {
    const f = free('\\nabla_\\mathbf{x} \\left(\\frac{1}{2}\\mathbf{x}^\\top A\\mathbf{x}\\right)= A\\mathbf{x}');
    assert.equal(f.verdict, 'unsupported', f.message);
    assert.equal(f.evidence.reason, 'symmetric only');
    assert.match(f.message, /holds only where A is symmetric \(Aᵀ = A\)/);
    // Symmetric or not, a missing ½ is a slip.
    mismatch(free('\\nabla_\\mathbf{x} \\left(\\frac{1}{2}\\mathbf{x}^\\top A\\mathbf{x}\\right)= 2A\\mathbf{x}'));
  });

  it('reads differentials of matrices, the direction dX in the shape of X', () => {
    holds('d(XY) = dX\\,Y + X\\,dY');
    holds('\\mathrm{d}(\\mathbf{X}\\mathbf{Y}) = \\mathrm{d}\\mathbf{X}\\,\\mathbf{Y} + \\mathbf{X}\\,\\mathrm{d}\\mathbf{Y}');
    holds('d(X^{-1}) = -X^{-1}\\,dX\\,X^{-1}');
    holds('d\\log\\det X = \\operatorname{tr}(X^{-1} dX)');
    mismatch(free('d(XY) = Y\\,dX + X\\,dY'));
    // Holds for numbers only: X is inverted, so it is a matrix, and the claim fails for matrices.
    mismatch(free('d(X^{-1}) = -X^{-2}\\,dX'));
  });

  it('leaves a shapes directive in charge', () => {
    const f = only(check(displayMath('(AB)^\\top = A^\\top B^\\top', directive('model=none shapes A=2x3 B=3x2'))));
    assert.equal(f.verdict, 'mismatch');
    assert.equal(f.evidence.shapesFromNotation, undefined);
  });
});

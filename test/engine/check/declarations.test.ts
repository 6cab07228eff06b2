// Shapes the text declares (issue 13, section 4): `A \in \mathbb{R}^{m \times n}` gives A its shape,
// as a `shapes` directive does, within the part of the document it is written in.
import * as assert from 'node:assert/strict';
import { check, mismatch, only, verified } from '../../support/claims';
import { declarationsIn } from '../../../src/engine/check/declarations';

const declared = (latex: string) => declarationsIn(latex, (offset) => offset).map((d) => `${d.key}:${d.shape.rows}x${d.shape.cols}`);

describe('declarations: reading them', () => {
  it('reads matrices, vectors, scalars and lists of names, in LaTeX and Unicode', () => {
    assert.deepEqual(declared('A \\in \\mathbb{R}^{m \\times n}'), ['A:mxn']);
    assert.deepEqual(declared('\\mathbf x, \\mathbf y \\in \\mathbb{R}^d'), ['y:dx1', 'x:dx1']);
    assert.deepEqual(declared('\\lambda \\in \\mathbb R'), ['lambda:1x1']);
    assert.deepEqual(declared('W^{(1)} \\in \\mathbb{R}^{3\\times 2}'), ['W^(1):3x2']);
    assert.deepEqual(declared('p \\in \\mathbb{R^{n \\times 1}}'), ['p:nx1']);
    assert.deepEqual(declared('for all x \\in ℝ^n'), ['x:nx1']);
  });

  it('leaves out what is not one symbol’s shape: an entry of a family, a size that is a formula, a set', () => {
    assert.deepEqual(declared('x_i \\in \\mathbb{R}^d'), []);
    assert.deepEqual(declared('w \\in \\mathbb{R}^{d+1}'), []);
    assert.deepEqual(declared('y \\in \\{0, 1\\}'), []);
    assert.deepEqual(declared('\\sum_{i \\in S} x_i'), []);
  });
});

describe('declarations: what they decide', () => {
  const claim = (text: string) => only(check(text).filter((f) => f.text.includes('^\\top')));

  it('checks a matrix identity in the declared shapes, where matrices do not commute', () => {
    verified([claim('Let $A \\in \\mathbb{R}^{m \\times n}$ and $\\mathbf{x} \\in \\mathbb{R}^n$.\n\n$$(A\\mathbf{x})^\\top = \\mathbf{x}^\\top A^\\top$$\n')]);
    mismatch(claim('Let $A, B \\in \\mathbb{R}^{n \\times n}$.\n\n$$(AB)^\\top = A^\\top B^\\top$$\n'));
  });

  it('does not call a misfit of shapes read from the text a mistake', () => {
    const finding = claim('Let $A \\in \\mathbb{R}^{m \\times n}$ and $\\mathbf{x} \\in \\mathbb{R}^n$.\n\n$$(A\\mathbf{x})^\\top = A^\\top \\mathbf{x}^\\top$$\n');
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /read from the text/);
  });

  it('holds within its problem, as a definition does', () => {
    const finding = claim('# Sheet 1\n\n## Problem 1\n\nLet $A, B \\in \\mathbb{R}^{n \\times n}$.\n\n# Sheet 2\n\n## Problem 1\n\n$$(AB)^\\top = A^\\top B^\\top$$\n');
    // Not the declaration of Sheet 1: the shapes its notation gives (capitals multiplied are matrices).
    assert.equal(finding.verdict, 'mismatch', finding.message);
    assert.deepEqual(finding.evidence.shapesFromNotation, ['A a square matrix, B a square matrix']);
  });
});

describe('declarations: the document’s own model', () => {
  it('does not call a misfit a mistake when a leaf’s shape is only the text’s declaration (X ∈ ℝ^{N×D}, then one column)', () => {
    const text = 'Let $X \\in \\mathbb{R}^{N \\times D}$ and $R = X - \\mu$.\n\n$$\\frac{\\partial v}{\\partial R} = \\left( \\frac{1}{N} R^T R + \\epsilon \\right)^{-3/2} R$$\n';
    for (const finding of check(text)) assert.notEqual(finding.verdict, 'mismatch', `${finding.text}: ${finding.message}`);
  });
});

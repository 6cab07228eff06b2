// Equations the prose presents as premises (issue 13, section 2): a condition or an assumption is
// reported as not checked, never as a mismatch or as verified; the words next to the math decide.
import * as assert from 'node:assert/strict';
import { check, mismatch, only, verified } from '../../support/claims';
import { leadIn, premiseCue } from '../../../src/engine/check/premises';
import { extractDocument } from '../../../src/engine/pipeline/extract';

/** The words around the document's last math span. */
function around(text: string): { leadIn: string; cue: string | undefined } {
  const { spans } = extractDocument(text, 'markdown');
  const last = spans.length - 1;
  return { leadIn: leadIn(text, spans, last), cue: premiseCue(text, spans, last)?.words };
}

describe('premises: the words next to an equation', () => {
  it('reads the sentence before the math, earlier math written as $', () => {
    assert.deepEqual(around('We solved it. Let\n\n$$f(x) := e^x$$\n\nand\n\n$$g(x) = x$$\n'), { leadIn: 'Let $ and', cue: 'Let' });
    assert.deepEqual(around('the place where $w = 2$ is'), { leadIn: 'the place where', cue: 'where' });
    assert.deepEqual(around('Note that $f(0) = 1$ is an initial condition.'), { leadIn: 'Note that', cue: 'is an initial condition' });
  });

  it('stops at a sentence end, a long paragraph or a LaTeX list item', () => {
    assert.equal(around('Suppose this holds. Then we get\n\n$$y = 2$$\n').leadIn, 'Then we get');
    assert.equal(around('If we differentiate both sides term by term, we get:\n\n$$y = 2$$\n').cue, undefined);
    assert.equal(around('Assume a lot of things about the world here\n\n$$y = 2$$\n').cue, undefined);
  });
});

describe('premises: verdicts', () => {
  it('reports a condition after "where" or "if" as not checked, whether or not it holds', () => {
    // w is given, so f'(w) = 0 would be decided at it: it holds, and f'(w) = 1 does not.
    for (const condition of ["f'(w) = 0", "f'(w) = 1"]) {
      const text = `Let $f(w) = w^2 + 3w$. Hence $$w = -\\frac{3}{2}$$ The minimum is the place where $${condition}$.`;
      const finding = check(text).find((f) => f.text.startsWith("f'"));
      assert.equal(finding?.verdict, 'unsupported', text);
      assert.equal(finding?.evidence.reason, 'premise');
      assert.match(finding!.message, /^not checked: the text states this as a condition or an assumption \("where"\), not as a step$/);
    }
  });

  it('reports an equation the text calls a differential equation or an initial condition as not checked, also when written again', () => {
    const findings = check("Let $f(x) := e^x$. Note that $f'(x) = f(x)$ is a first-order differential equation and $f(0) = 1$ is an initial condition.\n\nBecause $f'(t) = f(t)$, we have the rest.\n");
    assert.deepEqual(findings.filter((f) => f.evidence.reason === 'premise').map((f) => f.text), ["f'(x) = f(x)", 'f(0) = 1', "f'(t) = f(t)"]);
  });

  it('forgets a named premise at the next heading', () => {
    const findings = check("# One\n\nLet $f(x) := e^x$. Here $f'(x) = f(x)$ is a differential equation.\n\n# Two\n\nLet $f(x) := e^x$. Then $f'(t) = f(t)$.\n");
    verified(findings.filter((f) => f.text === "f'(t) = f(t)"), 1);
  });

  it('keeps a definition, a result and a derivation introduced by those words what they are', () => {
    // "Let" and "where" introduce definitions and results too: only a condition (a side that is a number) is a premise.
    verified(check("Let $f(x) = x^2$. We find $f'(x) = 2x$, where $\\frac{d}{dx} x^2 = 2x$.").filter((f) => f.text.startsWith('\\frac')), 1);
    mismatch(only(check("Let $f(x) = x^2$. Then, where $\\frac{d}{dx} x^2 = 3x$, we go on.").filter((f) => f.text.startsWith('\\frac'))));
  });
});

describe('premises: definitions by a condition or by listed properties', () => {
  it('reports the condition of "we say … if …:", of "s.t." and the properties a definition lists as not checked', () => {
    const inverse = only(check('We say that $B$ is the *inverse* of $A$ if their product is the identity matrix:\n\n$$A A^{-1} = I$$\n'));
    assert.equal(inverse.evidence.reason, 'premise', inverse.message);
    assert.match(inverse.message, /\("we say … if"\)/i);
    const suchThat = only(check('A has an inverse (e.g. a matrix $A^{-1}$ exists s.t. $A A^{-1} = I$).\n'));
    assert.equal(suchThat.evidence.reason, 'premise', suchThat.message);
    const norm = check('A norm on $\\mathbb{R}^n$ is a function $||\\cdot||:\\mathbb{R}^n\\rightarrow \\mathbb{R}$ with the following properties:\n\n- $||\\mathbf{x}||>0$ for any $\\mathbf{x}$\n- $||\\lambda \\mathbf{x}|| = |\\lambda|\\, ||\\mathbf{x}||$ for any $\\lambda$\n');
    const axiom = only(norm.filter((f) => f.text.includes('lambda')));
    assert.equal(axiom.evidence.reason, 'premise', axiom.message);
  });

  it('checks the results a proposition lists ("It has the following properties:"), and a sentence that uses "e.g." or "s.t." before a step', () => {
    const findings = check('$P = A A^{-1}$ is a matrix. It has the following properties:\n\n- $P = I$.\n');
    assert.notEqual(only(findings.filter((f) => f.text === 'P = I')).evidence.reason, 'premise');
    verified(check('This gives, e.g., $(a+b)^2 = a^2 + 2ab + b^2$.\n'), 1);
  });
});


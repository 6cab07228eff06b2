// Partial derivatives on a small computational graph in free variables (c = a + b, d = b + 1,
// e = c d; held-out batch F): the graph's steps are the definitions, and a partial that depends on
// what is held fixed, or on a value the text set, is not decided.
import * as assert from 'node:assert/strict';
import { check, directive, displayBlocks, mismatch, only, verified } from '../../support/claims';

const GRAPH = 'Take $e = (a + b) * (b+1)$:\n\n$$\n\\begin{aligned}&c=a+b \\\\&d=b+1 \\\\&e=c * d\\end{aligned}\n$$\n\n';
const claims = (text: string) => check(text).filter((f) => f.text.includes('\\partial'));

describe('computational graphs in free variables', () => {
  it('takes e written through the steps just defined as e’s definition, not as a claim', () => {
    assert.deepEqual(check(GRAPH), []);
  });

  it('reads ∂e/∂c as the graph’s local partial, and checks the chain rule through it', () => {
    verified(claims(`${GRAPH}$$\\frac{\\partial e}{\\partial c} = d$$\n\n$$\\frac{\\partial e}{\\partial a} = \\frac{\\partial e}{\\partial c}\\frac{\\partial c}{\\partial a}$$\n`), 2);
    mismatch(only(claims(`${GRAPH}$$\\frac{\\partial e}{\\partial c} = c$$\n`)));
  });

  it('does not decide ∂e/∂c when e is written without c', () => {
    const finding = only(claims('Take $e = (a + b)(b + 1)$ and $c = a + b$. Then $\\frac{\\partial e}{\\partial c} = 0$.'));
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /e is not written in terms of c, so ∂e\/∂c depends on what is held fixed/);
  });

  it('does not decide a derivative by a symbol nothing uses, nor by one the text set to a number', () => {
    const unused = only(claims(`${directive('model=none')}Take $e = (a + b)(b + 1)$. Then $\\frac{\\partial e}{\\partial q} = 0$.`));
    assert.equal(unused.verdict, 'unsupported');
    assert.match(unused.message, /e does not depend on q as written/);
    assert.equal(only(claims('Take $e = (a + b)(b + 1)$. Then $\\frac{\\partial e}{\\partial q} = 0$.')).verdict, 'unsupported');
    const set = only(claims('Take $e = (a + b)(b + 1)$ and set $a = 2$. Then $\\frac{\\partial e}{\\partial a} = 0$.'));
    assert.equal(set.verdict, 'unsupported');
    assert.match(set.message, /a is given the value 2 here, so ∂e\/∂a at that value is not decided/);
  });
});

describe('derivatives the checker’s reading cannot make depend on their variable', () => {
  it('does not decide ∂L/∂c of the document’s own model when no definition L uses reaches c', () => {
    const findings = check(displayBlocks('', 'h = w x', 'g = c x', 'L = (h - y)^2', '\\frac{\\partial L}{\\partial c} = 2(h - y)x', '\\frac{\\partial L}{\\partial w} = 2(h - y)x'));
    const [byC, byW] = findings.slice(-2);
    assert.equal(byC.verdict, 'unsupported');
    assert.match(byC.message, /^L does not depend on c through the definitions the checker read, so ∂L\/∂c is not decided/);
    assert.equal(byW.verdict, 'verified');
  });

  it('does not decide ∂f/∂x of an f(a, x, y, z) whose y the text also defined as x²', () => {
    const findings = check('Take $y = x^2$; then $\\frac{dy}{dx} = 2x$.\n\nLet $f(a, x, y, z) = 3x^2y + az^3 + 5$. Then $\\frac{\\partial f}{\\partial x} = 6xy$.\n');
    const last = findings[findings.length - 1];
    assert.equal(last.verdict, 'unsupported');
    assert.match(last.message, /^y is a variable of f and is also defined above \(y = x\^2\)/);
  });
});

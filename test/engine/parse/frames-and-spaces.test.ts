// Markup around math that typesets as a frame, a colour or a space (issue 13, section 7): the math
// inside reads as if it were not there, and a typed space never cuts an equation in two.
import * as assert from 'node:assert/strict';
import { parseChain } from '../../../src/engine/parse/parser';
import { segmentMath } from '../../../src/engine/parse/segment';
import { showChain } from '../../../src/engine/parse/print';

/** The chain of `latex` as an S-expression, or the parser's message. */
function read(latex: string): string {
  const parsed = parseChain(latex);
  return parsed.ok ? showChain(parsed.chain) : `error: ${parsed.error.message}`;
}

/** The segments segmentMath cuts `latex` into, as masked text. */
function segments(latex: string): string[] {
  const { masked, segments: found } = segmentMath(latex);
  return found.map((s) => masked.slice(s.start, s.end));
}

describe('parser: colours and frames around an equation', () => {
  it('reads \\color{…}{…} and \\textcolor{…}{…} around a whole equation as the equation', () => {
    assert.equal(read('\\color{red}{a = b + c}'), 'a = (+ b c)');
    assert.equal(read('\\textcolor{blue}{a = b}'), 'a = b');
    assert.equal(read('\\color[rgb]{1,0,0}{a = b}'), 'a = b');
  });

  it('reads \\boxed{\\color{red}{…}}, the final answer of many solutions', () => {
    assert.equal(read('\\boxed{\\color{red}{\\frac{\\partial L}{\\partial w} = 2w}}'), '(deriv partial L w) = (juxt 2 w)');
    assert.equal(read('\\color{red}{\\boxed{a = b}}'), 'a = b');
  });

  it('refuses an unclosed frame with the brace it misses, at once (it used to loop forever)', () => {
    assert.equal(read('\\boxed{a = b'), "error: expected '}' to close '{' opened at offset 6, found '='");
    assert.equal(read('\\color{red}{a = b'), "error: expected '}' to close '{' opened at offset 11, found '='");
    assert.equal(read('a = \\text{ '), "error: expected '}' to close '{' opened at offset 9");
  });

  it('keeps a coloured group without a relation a group: \\color{red}{a + b}^2 is (a + b)²', () => {
    assert.equal(read('\\color{red}{a + b}^2'), '(^ (+ a b) 2)');
    assert.equal(read('x = \\textcolor{blue}{a + b}^2'), 'x = (^ (+ a b) 2)');
    assert.equal(read('{\\color{red} a} = b'), 'a = b');
  });
});

describe('typed spaces: \\text{ } inside an equation', () => {
  it('does not cut the right side at \\text{ }, \\mbox{~} or \\text{\\ }', () => {
    // The typed space and the blanks around it are masked: one segment, as long as the text.
    const blanks = (n: number) => ' '.repeat(n);
    assert.deepEqual(segments('L = a + b \\text{ } + c'), [`L = a + b${blanks(10)}+ c`]);
    assert.deepEqual(segments('L = a \\mbox{~} + c'), [`L = a${blanks(10)}+ c`]);
    assert.deepEqual(segments('L = a\\text{\\ }c'), [`L = a${blanks(9)}c`]);
    assert.deepEqual(segments('L = a \\text{\\quad} + c'), [`L = a${blanks(14)}+ c`]);
  });

  it('still cuts at prose \\text{…}', () => {
    assert.deepEqual(segments('a = b \\text{ for all } c = d'), ['a = b', 'c = d']);
  });

  it('parses a blank \\text{} as nothing wherever it stands', () => {
    assert.equal(read('L = a + b \\text{ } + c'), 'L = (+ (+ a b) c)');
    assert.equal(read('y = (a + \\text{ } b)'), 'y = (+ a b)');
    assert.equal(read('y = a\\text{}b'), 'y = (juxt a b)');
  });
});

describe('typography around names (issue 13: real notes)', () => {
  it('keeps \\text{ReLU}\\left(…\\right) one expression: a name applied, not prose', () => {
    assert.deepEqual(segments('z = \\text{ReLU}\\left( x \\right) = y'), ['z = \\text{ReLU}\\left( x \\right) = y']);
  });

  it('reads {\\varsigma}\'(z) as \\varsigma\'(z), and \\mathbf{x}{[2]} as the label x^{[2]}', () => {
    assert.equal(read("{\\varsigma}'(z)"), read("\\varsigma'(z)"));
    assert.equal(read('\\mathbf{x}{[2]}'), read('\\mathbf{x}^{[2]}'));
    assert.equal(read('\\frac{1}{[x]}'), read('\\frac{1}{x}'));
    assert.equal(read('\\operatorname{relu}(x)'), read('\\operatorname{relu}(x)'));
  });

  it('reads plain TeX’s font switches as the font commands: {\\bf x} is \\mathbf{x}, a_{\\rm in} is a_{\\mathrm{in}}', () => {
    assert.equal(read('{\\bf x}^\\top {\\bf y} = {\\bf y}^\\top {\\bf x}'), read('\\mathbf{x}^\\top \\mathbf{y} = \\mathbf{y}^\\top \\mathbf{x}'));
    assert.equal(read('a_{\\rm in} \\delta_{\\rm out}'), read('a_{\\mathrm{in}} \\delta_{\\mathrm{out}}'));
    assert.equal(read('{\\cal L}(w) + {\\it x} + {\\sf A}'), read('\\mathcal{L}(w) + \\mathit{x} + \\mathsf{A}'));
    const parsed = parseChain('{\\bf a} = {\\bf b}');
    assert.ok(parsed.ok && parsed.chain.members[0].loc.start === 0, 'the claim starts at the brace, where the source does');
  });

  it('reads a name without its backslash as the function, outside scripts: tanh(x), ln x; λ_{max} and λ_{\\max} as labels applied to their argument', () => {
    assert.equal(read('tanh(x)'), read('\\tanh(x)'));
    assert.equal(read('ln x'), read('\\ln x'));
    assert.equal(read('\\lambda_{\\max}(A)'), read('\\lambda_{max}(A)'));
    assert.equal(read('\\lambda_{max}(A)'), '(call? lambda A)');
  });
});

describe('segments: several equations on one line', () => {
  it('cuts at an arrow between two equations, not at one in a limit or a map', () => {
    assert.deepEqual(segments('f = xy \\rightarrow \\frac{\\partial f}{\\partial x} = y').map((s) => s.trim()), ['f = xy', '\\frac{\\partial f}{\\partial x} = y']);
    assert.deepEqual(segments('L^{-1/d} = \\epsilon\\ \\rightarrow\\ L = \\epsilon^{-d}').map((s) => s.trim()), ['L^{-1/d} = \\epsilon', '\\ L = \\epsilon^{-d}']);
    assert.equal(segments('\\frac{1}{N} \\sum_{i=1}^N Z_i \\rightarrow E[Z], \\; N \\rightarrow \\infty').length, 1);
    assert.equal(segments('\\lim_{h \\to 0} \\frac{f(x+h) - f(x)}{h} = f\'(x)').length, 1);
  });

  it('reads an empty group that is no argument as nothing', () => {
    assert.equal(read('{} C = 2 + 3'), 'C = (+ 2 3)');
  });
});

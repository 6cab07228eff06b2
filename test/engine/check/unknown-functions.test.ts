// Functions a document applies without defining them (`f(a)`, `E(x)`, `P(XY)`), derivatives of symbols
// nothing defines, and function names written without a backslash: never read as products or as
// variables whose derivative is 0, which made correct math look wrong (issue 13).
import * as assert from 'node:assert/strict';
import { check, mismatch, only, paragraphs, verified } from '../../support/claims';

const each = (...lines: string[]) => check(paragraphs('', ...lines.map((l) => `$${l}$`)));

describe('functions nothing defines', () => {
  it('does not read f(a), E(x) or P(XY) as products: not checked, saying why', () => {
    for (const [latex, message] of [
      ['g(x) - g(c) = v(x)(x - c)', 'g(x) reads as a function g applied to x, and g is not defined here'],
      ['E(ax + b) = aE(x) + b', 'E(ax + b) reads as a function E applied to ax + b, and E is not defined here'],
      ['P(XY) = P(X)P(Y)', 'P(XY) reads as a function P applied to XY, and P is not defined here'],
    ]) {
      const finding = only(each(latex));
      assert.equal(finding.verdict, 'unsupported', latex);
      assert.equal(finding.message, message);
    }
  });

  it('keeps a letter before a parenthesised sum a factor, and a defined function a function', () => {
    verified(each('x(y + z) = xy + xz'));
    verified(each('2a(b + c) = 2ab + 2ac'));
    verified(each('g(x) = x^2 + 1', 'g(3) = 10'));
  });

  it('never redefines a known operator silently: Var(x) = … is a claim about the variance', () => {
    const finding = only(each('\\operatorname{Var}(x) = E(x^2) - E(x)^2'));
    assert.equal(finding.verdict, 'unsupported');
  });
});

describe('derivatives of symbols nothing defines', () => {
  it('does not take ∂z/∂x of an undefined z as 0', () => {
    const finding = only(each('\\frac{\\partial z}{\\partial x} = 2x \\cos(x^2 + y^2)'));
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.message, 'z is not defined here, and no model applies, so ∂z/∂x cannot be computed');
  });

  it('differentiates a function the document defined, written without its arguments (∂f/∂x of f(x, y))', () => {
    const [right, wrong] = each('f(x, y) = x^2 y + y + 2', '\\frac{\\partial f}{\\partial x} = 2xy', '\\frac{\\partial f}{\\partial y} = x^2');
    verified([right]);
    mismatch(wrong);
  });

  it('says which model a symbol is missing from when one applies', () => {
    const finding = only(check('<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial J}{\\partial b_i} = 2$\n'));
    assert.equal(finding.message, 'J is not defined here, and it is not a quantity of the mlp model, so ∂J/∂b_i cannot be computed');
  });
});

describe('function names without a backslash', () => {
  it('reads tanh(x), ln and sin x as the functions', () => {
    // (Its standard formula is a definition, with no finding: a wrong one shows that tanh was read.)
    mismatch(only(each('tanh(x) = \\frac{e^x + e^{-x}}{e^x - e^{-x}}')));
    verified(each('tanh(x) = 2\\sigma(2x) - 1'));
    verified(each('\\frac{d}{dx} ln(x) = \\frac{1}{x}'));
    verified(each('\\frac{d}{dx} sin x = cos x'));
    mismatch(only(each('\\frac{d}{dx} sin x = -cos x')));
  });

  it('leaves a name in a subscript (λ_{max}) and other runs of letters alone', () => {
    assert.deepEqual(each('\\lambda_{max} = 3'), []);
    verified(each('(ab)^2 = a^2 b^2'));
  });
});

describe("f'(x) of a function the document defines", () => {
  it('differentiates it by forward mode, braces around the name or not', () => {
    const [right, wrong, braced] = each('\\varsigma(z) = \\frac{1}{1 + e^{-z}}', "\\varsigma'(z) = \\varsigma(z)(1 - \\varsigma(z))", "\\varsigma'(z) = \\varsigma(z)(1 + \\varsigma(z))", "{\\varsigma}'(z) = \\varsigma(z)(1 - \\varsigma(z))");
    verified([right, braced]);
    mismatch(wrong);
    assert.equal(braced.text, "{\\varsigma}'(z) = \\varsigma(z)(1 - \\varsigma(z))");
  });
});

describe('a derivative at a number, and extreme values', () => {
  it('reads \\frac{d\\sigma}{dx}(0) as the derivative at 0', () => {
    verified(each('\\frac{d\\sigma}{dx}(0) = \\frac{1}{4}'));
    mismatch(only(each('\\frac{d\\sigma}{dx}(0) = \\frac{1}{2}')));
  });

  it('does not read λ_max(AᵀA) as a product', () => {
    const finding = only(each('\\Vert A\\Vert_2 = \\sqrt{\\lambda_{max}(A^T A)}'));
    assert.equal(finding.verdict, 'unsupported');
  });
});

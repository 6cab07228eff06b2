// describe(): the short Unicode a message shows for what the student wrote ("∂L/∂A_i", "Σ_j C_j",
// "𝟙[z_i > 0]"), and formatNumber, the numbers of counterexamples.
import * as assert from 'node:assert/strict';
import type { Node } from '../../../src/engine/parse/ast';
import { describe as describeNode, describeSym, formatNumber } from '../../../src/engine/semantics/describe';
import { expr } from '../../support/compiled';

const text = (latex: string) => describeNode(expr(latex));
const loc = { start: 0, end: 1 };

describe('describe', () => {
  it('writes symbols with Greek letters, accents, stars, primes and subscripts', () => {
    assert.equal(text('\\lambda'), 'λ');
    assert.equal(text('\\hat y'), 'y\u0302');
    assert.equal(text('\\bar x'), 'x\u0304');
    assert.equal(text('\\tilde x'), 'x\u0303');
    assert.equal(text('x^*'), 'x*');
    assert.equal(text("x'"), 'x′');
    assert.equal(text("x''"), 'x′′');
    assert.equal(text('y_{pred}'), 'y_pred');
    assert.equal(text('C_i'), 'C_i');
    assert.equal(text('A_{ij}'), 'A_{ij}');
    assert.equal(text('A_{i,j}'), 'A_{ij}');
    assert.equal(text('A_{1,2}'), 'A_{1,2}');
    assert.equal(text('A_{i,2}'), 'A_{i,2}');
    assert.equal(text('C_{i+1}'), 'C_{i+1}');
    assert.equal(text('x_{ab}'), 'x_{a,b}');
  });

  it('describeSym of a hand-made symbol with a label and an accent', () => {
    assert.equal(describeSym({ kind: 'sym', name: 'sigma', accent: 'hat', star: true, primes: 1, sub: { kind: 'label', text: 'B', loc }, loc }), 'σ\u0302*′_B');
  });

  it('writes calls with σ, √ and primes, and an ambiguous f(x) as written', () => {
    assert.equal(text('\\sigma(z_i)'), 'σ(z_i)');
    assert.equal(text("\\sigma''(z)"), 'σ′′(z)');
    assert.equal(text('\\sqrt{x}'), '√(x)');
    assert.equal(text('\\max(x, 1)'), 'max(x, 1)');
    assert.equal(text('f(x, y)'), 'f(x, y)');
    assert.equal(text('\\hat f(x)'), 'f\u0302(x)');
  });

  it('writes operators with their spacing, and brackets only where precedence needs them', () => {
    assert.equal(text('a + b - c'), 'a + b − c');
    assert.equal(text('a \\cdot b \\times c'), 'a·b×c');
    assert.equal(text('a \\odot b'), 'a ⊙ b');
    assert.equal(text('a/b'), 'a/b');
    assert.equal(text('2(a+b)'), '2(a + b)');
    assert.equal(text('(a b) + c'), 'ab + c');
    assert.equal(text('-x'), '−x');
    assert.equal(text('-(a+b)'), '−(a + b)');
    assert.equal(text('a (b + c)'), 'a(b + c)');
  });

  it('writes powers, inverses and transposes, bracketing a compound base or exponent', () => {
    assert.equal(text('x^2'), 'x^2');
    assert.equal(text('x^{a+b}'), 'x^(a + b)');
    assert.equal(text('x^{-2}'), 'x^(−2)');
    assert.equal(text('M^{-1}'), 'M⁻¹');
    assert.equal(text('(A+B)^{-1}'), '(A + B)⁻¹');
    assert.equal(text('(A+B)^2'), '(A + B)^2');
    assert.equal(text('C^\\top'), 'Cᵀ');
    assert.equal(text('(AB)^\\top'), '(AB)ᵀ');
    assert.equal(text('\\|x\\|^2'), '‖x‖^2');
    assert.equal(text('x^{\\sigma(z)}'), 'x^σ(z)');
    assert.equal(text('x^{(1, 2)}'), 'x^(1, 2)');
  });

  it('writes derivatives in their own style: ∂, d, ∇, operator form, higher orders', () => {
    assert.equal(text('\\frac{\\partial L}{\\partial A_i}'), '∂L/∂A_i');
    assert.equal(text('\\frac{dL}{dd}'), 'dL/dd');
    assert.equal(text('\\frac{d}{dz}\\sigma(z)'), 'd/dz σ(z)');
    assert.equal(text('\\frac{\\partial}{\\partial x}(a + x)'), '∂/∂x (a + x)');
    assert.equal(text('\\nabla_b L'), '∇_b L');
    assert.equal(text('\\frac{\\partial^2 L}{\\partial x^2}'), '∂²L/∂x²');
    assert.equal(text('\\frac{\\partial^{12} L}{\\partial x^{12}}'), '∂¹²L/∂x¹²');
    // A Leibniz fraction binds tighter than a product; an operator form does not.
    assert.equal(text('2\\frac{\\partial L}{\\partial x}'), '2∂L/∂x');
    assert.equal(text('(\\frac{\\partial}{\\partial x} L)^2'), '(∂/∂x L)^2');
  });

  it('writes sums with or without their range, indicators, tuples, norms and entries', () => {
    assert.equal(text('\\sum_j C_j'), 'Σ_j C_j');
    assert.equal(text('\\sum_{j=1}^{k} C_j'), 'Σ_{j=1}^{k} C_j');
    assert.equal(text('\\sum_{j=2}^{k-1} C_j'), 'Σ_{j=2}^{k − 1} C_j');
    assert.equal(text('a + \\sum_j C_j'), 'a + Σ_j C_j');
    assert.equal(text('2 \\sum_j C_j'), '2(Σ_j C_j)');
    assert.equal(text('\\mathbb{1}[z_i > 0]'), '𝟙[z_i > 0]');
    assert.equal(text('\\mathbb{1}[i \\ne j]'), '𝟙[i != j]');
    assert.equal(text('(1, 2, 3)'), '(1, 2, 3)');
    assert.equal(text('|x - 1|'), '|x − 1|');
    assert.equal(text('\\|x\\|'), '‖x‖');
    assert.equal(text('(\\nabla_b L)_i'), '(∇_b L)_i');
    assert.equal(text('(A B)_{ij}'), '(AB)_{i,j}');
    assert.equal(text('(b)_{i+1}'), 'b_{i+1}');
  });

  it('writes a row of a matrix with spaces and rows with commas', () => {
    const num = (value: number): Node => ({ kind: 'num', value, decimals: 0, loc });
    assert.equal(describeNode({ kind: 'tuple', rows: [[num(1), num(2)], [num(3), num(4)]], delim: 'matrix', loc } as Node), '(1 2, 3 4)');
  });

  it('writes evaluation bars with their bindings', () => {
    assert.equal(text('L|_{d=0}'), 'L|_{d=0}');
    assert.equal(text('\\left. (a + b) \\right|_{a=1, b=2}'), '(a + b)|_{a=1, b=2}');
  });

  describe('formatNumber', () => {
    it('writes integers as they are, with a real minus sign', () => {
      assert.equal(formatNumber(0), '0');
      assert.equal(formatNumber(42), '42');
      assert.equal(formatNumber(-7), '−7');
      assert.equal(formatNumber(999999), '999999');
    });

    it('writes 4 significant digits without trailing zeros', () => {
      assert.equal(formatNumber(-0.3216), '−0.3216');
      assert.equal(formatNumber(1.5), '1.5');
      assert.equal(formatNumber(2.50001), '2.5');
      assert.equal(formatNumber(-1.66666), '−1.667');
      assert.equal(formatNumber(0.001), '0.001');
      assert.equal(formatNumber(1234.5), '1235');
      assert.equal(formatNumber(100.04), '100');
    });

    it('writes very small and very large numbers in exponent notation', () => {
      assert.equal(formatNumber(0.0001234), '1.234e−4');
      assert.equal(formatNumber(1e-9), '1e−9');
      assert.equal(formatNumber(2.5e-7), '2.5e−7');
      assert.equal(formatNumber(-1234567.8), '−1.235e+6');
      assert.equal(formatNumber(1e6), '1e+6');
      assert.equal(formatNumber(1234567.8), '1.235e+6');
    });

    it('writes infinities and NaN as JavaScript does', () => {
      assert.equal(formatNumber(Infinity), 'Infinity');
      assert.equal(formatNumber(NaN), 'NaN');
    });
  });
});

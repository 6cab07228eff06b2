import assert from 'node:assert/strict';
import type { AtNode, Chain, DerivNode, IndexNode, Node, SymNode } from '../../../src/engine/parse/ast';
import { tokenize } from '../../../src/engine/parse/lexer';
import { parseChain } from '../../../src/engine/parse/parser';
import { segmentMath } from '../../../src/engine/parse/segment';
import { show, showChain } from '../../../src/engine/parse/print';

function chain(src: string): Chain {
  const r = parseChain(src);
  if (!r.ok) assert.fail(`${JSON.stringify(src)} failed: ${r.error.message} at ${r.error.loc.start}-${r.error.loc.end}`);
  return r.chain;
}
const sx = (src: string) => showChain(chain(src));
const member = (src: string, i = 0): Node => chain(src).members[i];

function failure(src: string): { message: string; at: [number, number]; unsupported?: true } {
  const r = parseChain(src);
  if (r.ok) assert.fail(`${JSON.stringify(src)} parsed as ${showChain(r.chain)}`);
  const out = { message: r.error.message, at: [r.error.loc.start, r.error.loc.end] as [number, number] };
  if (r.error.unsupported !== undefined) assert.equal(r.error.unsupported, true, 'unsupported is true or absent');
  return r.error.unsupported ? { ...out, unsupported: true } : out;
}

/** Each case: [source, expected S-expression of the chain]. */
function cases(table: [string, string][]) {
  for (const [src, expected] of table) it(src, () => assert.equal(sx(src), expected));
}

describe('lexer', () => {
  const lex = (s: string) =>
    tokenize(s).map((t) => `${t.kind}:${t.text}@${t.loc.start}${t.kind === 'num' ? `/${t.decimals}` : ''}`).join(' ');

  it('splits letters, reads numbers with decimals, and reads a negative literal as minus then number', () => {
    assert.equal(lex('ab'), 'letter:a@0 letter:b@1 eof:@2');
    assert.equal(lex('0.5 .5 -1.667 12'), 'num:0.5@0/1 num:.5@4/1 char:-@7 num:1.667@8/3 num:12@14/0 eof:@16');
  });
  it('reads control words and control symbols', () => {
    assert.equal(lex('\\frac\\,\\{\\|\\!\\;\\ x'), 'cmd:\\frac@0 cmd:\\,@5 cmd:\\{@7 cmd:\\|@9 cmd:\\!@11 cmd:\\;@13 cmd:\\ @15 letter:x@17 eof:@18');
  });
  it('maps Unicode math characters to LaTeX tokens at the Unicode offsets', () => {
    assert.equal(lex('σ−ŷ′'), 'cmd:\\sigma@0 char:-@1 cmd:\\hat@2 letter:y@2 char:\'@3 eof:@4');
    assert.equal(lex('∂L·∇×⊙≈≤≥≠∑√‖'), 'cmd:\\partial@0 letter:L@1 cmd:\\cdot@2 cmd:\\nabla@3 cmd:\\times@4 cmd:\\odot@5 cmd:\\approx@6 cmd:\\leq@7 cmd:\\geq@8 cmd:\\neq@9 cmd:\\sum@10 cmd:\\sqrt@11 cmd:\\|@12 eof:@13');
    assert.equal(lex('Σλμ'), 'cmd:\\Sigma@0 cmd:\\lambda@1 cmd:\\mu@2 eof:@3');
  });
  it('reads y + combining circumflex as \\hat y covering both characters', () => {
    const toks = tokenize('y\u0302');
    assert.deepEqual(toks.slice(0, 2).map((t) => [t.text, t.loc.start, t.loc.end]), [['\\hat', 0, 2], ['y', 0, 2]]);
  });
  it('reads superscript characters as ^{…}', () => {
    assert.equal(lex('x²Aᵀ'), 'letter:x@0 char:^@1 char:{@1 num:2@1/0 char:}@1 letter:A@2 char:^@3 char:{@3 letter:T@3 char:}@3 eof:@4');
    assert.equal(sx('A⁻¹ + x³ + Aᵀ + b₁'), '(+ (+ (+ (^ A (neg 1)) (^ x 3)) (T A)) b_1)');
  });
  it('skips comments and keeps unknown characters as "other"', () => {
    assert.equal(lex('% note\nx é'), 'letter:x@7 other:é@9 eof:@10');
  });
});

describe('parser: a transpose in an upright font', () => {
  cases([
    ['W V W^\\mathrm{T} = I_n', '(juxt (juxt W V) (T W)) = I_n'],
    ['X^\\mathsf T X', '(juxt (T X) X)'],
  ]);
});

describe('parser: notation typed as in code or plain text', () => {
  cases([
    // Parenthesised as `x^{(n-1)}` is, so that a layer's label and a power are told apart alike.
    ['x^(n-1)', '(^ x (- n 1) :paren)'],
    ['M^\\top v = \\vec{0}', '(juxt (T M) v) = 0'],
    ['0.25 = 25\\%', '0.25 = (/ 25 100)'],
    ['\\mathbf{x}_{+}', 'bf(x)_"+"'],
  ]);
  it('keeps the subscript of a norm', () => {
    const norm = member('\\|A\\|_F');
    assert.ok(norm.kind === 'norm' && norm.p === 'F');
    const one = member('\\|x\\|_1');
    assert.ok(one.kind === 'norm' && one.p === 1);
  });
});

describe('parser: the inverse transposed', () => {
  cases([
    ['X^{-\\top}', '(T (^ X (neg 1)))'],
    ['X^{-T}', '(T (^ X (neg 1)))'],
    ['(AB)^{-\\intercal}', '(T (^ (juxt A B) (neg 1)))'],
    ['\\operatorname{logdet} X', '(call logdet X)'],
  ]);
});

describe('parser: norms written with plain bars', () => {
  cases([
    ['||x||_2^2 = x^T x', '(^ (norm x) 2) = (juxt (T x) x)'],
    ['||\\mathbf{x}||_2', '(norm bf(x))'],
    // Two absolute values side by side stay two.
    ['|x||y| = |xy|', '(juxt (abs x) (abs y)) = (abs (juxt x y))'],
  ]);
  it('says where a norm opened with || is not closed with ||', () => {
    assert.equal(failure('||x| = 1').message, "expected '||' to close '||' opened at offset 0");
  });
});

describe('parser: names of statistics', () => {
  cases([
    ['MSE = \\frac{1}{n} \\times SSE', 'MSE = (times (/ 1 n) SSE)'],
    ['RMSE = \\sqrt{MSE}', 'RMSE = (call sqrt MSE)'],
    // Other runs of capitals stay products of matrices.
    ['ABC', '(juxt (juxt A B) C)'],
    ['MSEA', '(juxt (juxt (juxt M S) E) A)'],
  ]);
});

describe('parser: arithmetic', () => {
  cases([
    ['\\frac{a}{b}', '(/ a b)'],
    ['\\dfrac{a}{b} + \\tfrac{a}{b}', '(+ (/ a b) (/ a b))'],
    ['\\frac12', '(/ 1 2)'],
    ['\\frac{1}{2}x', '(juxt (/ 1 2) x)'],
    ['a/b', '(/ a b)'],
    ['a/bc', '(juxt (/ a b) c)'],
    ['a \\cdot b \\times c * d', '(* (times (cdot a b) c) d)'],
    ['u \\odot v \\circ w', '(odot (odot u v) w)'],
    ['2x', '(juxt 2 x)'],
    ['C_i\\sigma\'(z_i)', '(juxt C_i (call sigma\' z_i))'],
    ['\\sigma\'(z_i)(1-\\sigma(z_i))', '(juxt (call sigma\' z_i) (- 1 (call sigma z_i)))'],
    ['-2(y-\\hat y)C_i', '(neg (juxt (juxt 2 (- y hat(y))) C_i))'],
    ['-x^2', '(neg (^ x 2))'],
    ['a - -b', '(- a (neg b))'],
    ['a \\cdot -b', '(cdot a (neg b))'],
    ['+x', 'x'],
    ['x^{-1}', '(^ x (neg 1))'],
    ['x^23', '(juxt (^ x 2) 3)'],
    ['-1.667', '(neg 1.667)'],
    ['.5 + 0.5', '(+ 0.5 0.5)'],
    ['{x + 1}^2', '(^ (+ x 1) 2)'],
    ['(y - \\hat y)^2', '(^ (- y hat(y)) 2)'],
  ]);
  it('records decimals on numbers', () => {
    const n = member('-1.667');
    assert.ok(n.kind === 'neg' && n.arg.kind === 'num');
    assert.deepEqual([n.arg.value, n.arg.decimals], [1.667, 3]);
  });
  it('skips spacing and sizing commands', () => {
    assert.equal(sx('\\displaystyle a \\, b \\; c \\! d \\quad e \\qquad f \\ g ~ h'), '(juxt (juxt (juxt (juxt (juxt (juxt (juxt a b) c) d) e) f) g) h)');
    assert.equal(sx('\\left( x \\right) + \\big( x \\big) + \\Bigl[ x \\Bigr] + \\bigg( x \\bigg) + \\Bigg( x \\Bigg)'), '(+ (+ (+ (+ x x) x) x) x)');
    assert.equal(sx('\\left[ x + 1 \\right]'), '(+ x 1)');
    assert.equal(sx('\\left\\| x \\right\\|'), '(norm x)');
    assert.equal(sx('\\left. x \\right|'), 'x');
  });
});

describe('parser: scripts', () => {
  cases([
    ['b_i', 'b_i'],
    ['A_{ij}', 'A_{i,j}'],
    ['A_{i,j}', 'A_{i,j}'],
    ['b_{t+1}', 'b_{(+ t 1)}'],
    ['x_1', 'x_1'],
    ['W_{12}', 'W_12'],
    ['A_{i1}', 'A_{i,1}'],
    ['x_{2i}', 'x_{(juxt 2 i)}'],
    ['y_{pred}', 'y_"pred"'],
    ['y_{true}', 'y_"true"'],
    ['x_{ridge}', 'x_"ridge"'],
    ['y_{\\text{pred}}', 'y_"pred"'],
    ['y_{\\mathrm{pred}}', 'y_"pred"'],
    ['y_\\text{pred}', 'y_"pred"'],
    ['b_i^{(t+1)}', '(^ b_i (+ t 1) :paren)'],
    ['b^{(t+1)}_i', '(^ b_i (+ t 1) :paren)'],
    ['b^{(t+1)}', '(^ b (+ t 1) :paren)'],
    ['x^{t+1}', '(^ x (+ t 1))'],
    // Layer indices (issue 13): brackets are kept apart from a plain power, and so is a base in parentheses.
    ['a^{[l]}', '(^ a l :bracket)'],
    ['z^{[2]}', '(^ z 2 :bracket)'],
    ['z^{2}', '(^ z 2)'],
    ['(x)^{(2)}', '(^ x 2 :paren :grouped)'],
    ['\\left(x\\right)^{(2)}', '(^ x 2 :paren :grouped)'],
    ['(a+b)^{2}', '(^ (+ a b) 2)'],
    ['x^*', 'x^*'],
    ['x^\\star', 'x^*'],
    ['x_i^{*}', 'x_i^*'],
    ['C^T', '(T C)'],
    ['C^\\top', '(T C)'],
    ['C^{\\top}', '(T C)'],
    ['C^{T}', '(T C)'],
    ['C^\\intercal', '(T C)'],
    ['C^{\\mathsf{T}}', '(T C)'],
    ['\\mathbf{W}^T x', '(juxt (T bf(W)) x)'],
    ['y\'', 'y\''],
    ['y\'\'_i', 'y_i\'\''],
    ['\\delta_{ij}', 'delta_{i,j}'],
    ['\\sigma_i', 'sigma_i'],
    ['\\sigma^2', '(^ sigma 2)'],
  ]);
  it('gives a label subscript its text and the indices their nodes', () => {
    const s = member('y_{\\text{pred}}') as SymNode;
    assert.deepEqual(s.sub, { kind: 'label', text: 'pred', loc: { start: 2, end: 15 } });
    const a = member('A_{ij}') as SymNode;
    assert.ok(a.sub?.kind === 'indices');
    assert.deepEqual(a.sub.items.map((n) => [show(n), n.loc.start]), [['i', 3], ['j', 4]]);
  });
  it('marks a parenthesised exponent (a time step or a power: the checker decides)', () => {
    const p = member('b^{(t+1)}');
    assert.ok(p.kind === 'pow');
    assert.equal(p.parenExp, true);
    assert.equal((member('x^{t+1}') as { parenExp?: boolean }).parenExp, undefined);
  });
});

describe('parser: derivatives', () => {
  cases([
    ['\\frac{\\partial L}{\\partial b_i}', '(deriv partial L b_i)'],
    ['\\frac{\\partial L}{\\partial \\hat y}', '(deriv partial L hat(y))'],
    ['\\frac{\\partial L}{\\partial \\sigma(z_i)}', '(deriv partial L (call sigma z_i))'],
    ['\\frac{\\partial \\hat y}{\\partial z_i}', '(deriv partial hat(y) z_i)'],
    ['\\frac{\\partial L}{\\partial W^{(1)}}', '(deriv partial L (^ W 1 :paren))'],
    ['\\frac{\\partial L}{\\partial W^{[2]}}', '(deriv partial L (^ W 2 :bracket))'],
    ['\\frac{dL}{dd}', '(deriv d L d)'],
    ['\\frac{\\mathrm{d}L}{\\mathrm{d}d}', '(deriv d L d)'],
    ['\\frac{\\text{d}L}{\\text{d}z}', '(deriv d L z)'],
    ['\\frac{\\operatorname{d}L}{\\operatorname{d}z}', '(deriv d L z)'],
    ['\\frac{d}{dz}\\sigma(z)', '(deriv d op (call sigma z) z)'],
    ['\\frac{d}{dz}\\sigma(z) + 1', '(+ (deriv d op (call sigma z) z) 1)'],
    ['2\\frac{d}{dz} x y = 0', '(juxt 2 (deriv d op (juxt x y) z)) = 0'],
    ['\\frac{\\partial}{\\partial b_i}\\left(y - \\hat y\\right)^2', '(deriv partial op (^ (- y hat(y)) 2) b_i)'],
    ['\\frac{\\partial^2 L}{\\partial b_i^2}', '(deriv partial^2 L b_i)'],
    ['\\frac{d^2 y}{dx^2}', '(deriv d^2 y x)'],
    ['\\partial L / \\partial b_i', '(deriv partial L b_i)'],
    ['\\partial_{b_i} L', '(deriv partial op L b_i)'],
    ['\\nabla_b L', '(deriv nabla op L b)'],
    ['\\nabla_{b} L', '(deriv nabla op L b)'],
    ['\\nabla_{\\mathbf b} L', '(deriv nabla op L bf(b))'],
    ['\\nabla f(x)', '(deriv nabla op (call? f x) x)'],
    ['dL/dz', '(deriv d L z)'],
    ['\\mathrm{d}L/\\mathrm{d}z', '(deriv d L z)'],
    // Not derivatives: the denominator is not a differential and a variable, or the numerator no differential.
    ['\\frac{d}{2}', '(/ d 2)'],
    ['\\frac{1}{dz}', '(/ 1 (juxt d z))'],
    ['\\frac{d_1}{d_2}', '(/ d_1 d_2)'],
    // A derivative followed by a bracketed number or its own variable is its value there; anything else is a product.
    ['\\frac{\\partial \\sigma}{\\partial x}(x)', '(at (deriv partial sigma x) (= x x))'],
    ['\\frac{d\\sigma}{dx}(0)', '(at (deriv d sigma x) (= x 0))'],
    ['\\frac{d\\sigma}{dx}\\left(-2\\right)', '(at (deriv d sigma x) (= x (neg 2)))'],
    ['\\frac{\\partial L}{\\partial z}(x)', '(juxt (deriv partial L z) x)'],
    ['\\frac{\\partial L}{\\partial z} x', '(juxt (deriv partial L z) x)'],
    ['\\frac{d}{dx}(0)', '(deriv d op 0 x)'],
  ]);
  it('locates the derivative and its variable', () => {
    const src = '\\frac{\\partial L}{\\partial b_i}';
    const d = member(src) as DerivNode;
    assert.deepEqual(d.loc, { start: 0, end: 31 });
    assert.deepEqual(d.wrt.loc, { start: 27, end: 30 });
    assert.equal(src.slice(d.wrt.loc.start, d.wrt.loc.end), 'b_i');
    assert.deepEqual(d.of.loc, { start: 15, end: 16 });
    assert.deepEqual([d.style, d.order, d.operatorForm], ['partial', 1, false]);
  });
  it('extends an operator-form derivative over the rest of the term', () => {
    const src = '\\frac{d}{dz}\\sigma(z) \\cdot x + 1';
    const d = (member(src) as { left: DerivNode }).left;
    assert.equal(d.operatorForm, true);
    assert.equal(src.slice(d.loc.start, d.loc.end), '\\frac{d}{dz}\\sigma(z) \\cdot x');
    assert.equal(show(d.of), '(cdot (call sigma z) x)');
  });
});

describe('parser: functions and calls', () => {
  cases([
    ['\\sigma\'(z)', '(call sigma\' z)'],
    ['\\sigma\'\'(z)', '(call sigma\'\' z)'],
    ['\\sigma^\\prime(z)', '(call sigma\' z)'],
    ['\\sigma^{\\prime}(z)', '(call sigma\' z)'],
    ['f\'(x)', '(call f\' x)'],
    ['\\sigma(z_i)', '(call sigma z_i)'],
    ['\\sigma(Ax+b)', '(call sigma (+ (juxt A x) b))'],
    ['\\sigma\\left(z\\right)', '(call sigma z)'],
    ['\\sigma', 'sigma'],
    ['\\exp(x)', '(call exp x)'],
    ['\\exp x', '(call exp x)'],
    ['e^{-z}', '(^ e (neg z))'],
    ['\\log x', '(call log x)'],
    ['\\log \\sigma(z)', '(call log (call sigma z))'],
    ['\\ln(1 + x)', '(call ln (+ 1 x))'],
    ['\\tanh z', '(call tanh z)'],
    ['\\tanh^2(z)', '(^ (call tanh z) 2)'],
    ['\\sigma(z)^2', '(^ (call sigma z) 2)'],
    ['\\sin x + \\cos(x)', '(+ (call sin x) (call cos x))'],
    ['\\sqrt{x}', '(call sqrt x)'],
    ['\\sqrt[3]{x}', '(^ x (/ 1 3))'],
    ['\\max(0, z)', '(call max 0 z)'],
    ['\\operatorname{ReLU}(z)', '(call relu z)'],
    ['\\mathrm{relu}(z)', '(call relu z)'],
    ['\\text{sigmoid}(z)', '(call sigmoid z)'],
    ['\\operatorname{softplus}(z)', '(call softplus z)'],
    ['\\operatorname{softplus} z', '(call softplus z)'],
    ['\\operatorname{ReLU}\'(z)', '(call relu\' z)'],
    ['f(x, y)', '(call f x y)'],
    ['L(y, \\hat y)', '(call L y hat(y))'],
    ['f(x)', '(call? f x)'],
    ['C(y - \\hat y)', '(call? C (- y hat(y)))'],
    ['\\gamma(x + 1)', '(call? gamma (+ x 1))'],
    ['C_i(y - \\hat y)', '(juxt C_i (- y hat(y)))'],
    ['x^2(y + 1)', '(juxt (^ x 2) (+ y 1))'],
  ]);
  it('keeps the would-be function symbol of an ambiguous call', () => {
    const c = member('\\hat y(x)');
    assert.ok(c.kind === 'call');
    assert.deepEqual([c.fn, c.ambiguous, c.fnSym && show(c.fnSym), c.fnLoc], ['y', true, 'hat(y)', { start: 0, end: 6 }]);
    const plain = member('\\sigma\'(z)');
    assert.ok(plain.kind === 'call');
    assert.deepEqual([plain.fn, plain.primes, plain.ambiguous, plain.fnLoc], ['sigma', 1, undefined, { start: 0, end: 6 }]);
  });
});

describe('parser: accents, fonts, sums, indicators, tuples, norms', () => {
  cases([
    ['\\hat{y} + \\hat y + \\widehat{y}', '(+ (+ hat(y) hat(y)) hat(y))'],
    ['\\bar x + \\overline{x} + \\tilde x + \\vec x + \\dot x', '(+ (+ (+ (+ bar(x) bar(x)) tilde(x)) vec(x)) dot(x))'],
    ['\\mathbf{x} + \\boldsymbol{\\beta} + \\bm{x}', '(+ (+ bf(x) bf(beta)) bf(x))'],
    ['\\mathcal{L} + \\mathbb{R} + \\mathrm{d}', '(+ (+ cal(L) bb(R)) rm(d))'],
    ['\\text{pred}', 'text(pred)'],
    ['\\hat{y}_i', 'hat(y)_i'],
    ['\\alpha + \\eta + \\lambda + \\mu + \\gamma + \\beta + \\epsilon + \\varepsilon + \\varphi', '(+ (+ (+ (+ (+ (+ (+ (+ alpha eta) lambda) mu) gamma) beta) epsilon) epsilon) phi)'],
    ['\\sum_{j=1}^{k} x_j', '(sum j 1 k x_j)'],
    ['\\sum_{j=1}^k x_j', '(sum j 1 k x_j)'],
    ['\\sum^{m}_{j=1} x_j', '(sum j 1 m x_j)'],
    ['\\sum_j C_j \\sigma(z_j) + d', '(+ (sum j _ _ (juxt C_j (call sigma z_j))) d)'],
    ['\\sum_{j} x_j', '(sum j _ _ x_j)'],
    ['\\sum_{j=1}^{m} x_j y_j', '(sum j 1 m (juxt x_j y_j))'],
    ['\\mathbb{1}[z>0]', '(ind (> z 0))'],
    ['\\mathbb{1}\\{z > 0\\}', '(ind (> z 0))'],
    ['\\mathbf{1}(z>0)', '(ind (> z 0))'],
    ['\\mathbb 1_{z>0}', '(ind (> z 0))'],
    ['\\mathbb{1}_{\\{z>0\\}}', '(ind (> z 0))'],
    ['\\mathbb{1}\\left[z > 0\\right]', '(ind (> z 0))'],
    ['1_{i=j}', '(ind (= i j))'],
    ['\\mathbb{1}[z \\geq 0] + \\mathbb{1}[z \\ge 0] + \\mathbb{1}[z < 0]', '(+ (+ (ind (>= z 0)) (ind (>= z 0))) (ind (< z 0)))'],
    ['\\mathbb{1}[z \\leq 0] + \\mathbb{1}[z \\le 0] + \\mathbb{1}[i \\neq j]', '(+ (+ (ind (<= z 0)) (ind (<= z 0))) (ind (!= i j)))'],
    ['\\mathbf{1}_n + \\mathbf{1}^T x', '(+ bf(1)_n (juxt (T bf(1)) x))'],
    ['(1, 7, 7, 9)', '(tuple paren [1] [7] [7] [9])'],
    ['\\{1,7,7,9\\}', '(tuple brace [1] [7] [7] [9])'],
    ['\\left\\{1, 7, 7, 9\\right\\}', '(tuple brace [1] [7] [7] [9])'],
    ['[1,2,3]', '(tuple bracket [1] [2] [3])'],
    ['\\begin{bmatrix}1\\\\2\\end{bmatrix}', '(tuple matrix [1] [2])'],
    ['\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}', '(tuple matrix [1 2] [3 4])'],
    ['\\begin{bmatrix} 1 \\\\ 2 \\\\ \\end{bmatrix}', '(tuple matrix [1] [2])'],
    ['(y - \\hat y)', '(- y hat(y))'],
    ['\\{ x \\}', 'x'],
    ['\\|x\\|', '(norm x)'],
    ['\\lVert x\\rVert', '(norm x)'],
    ['\\|Ax - b\\|_2^2', '(^ (norm (- (juxt A x) b)) 2)'],
    ['\\|x\\|^2', '(^ (norm x) 2)'],
    ['|x|', '(abs x)'],
    ['|x| + |y|', '(+ (abs x) (abs y))'],
    ['2|x - 1|', '(juxt 2 (abs (- x 1)))'],
  ]);
  it('locates the summation index and widens a parenthesised group to its parentheses', () => {
    const s = member('\\sum_{j=1}^{m} x_j');
    assert.ok(s.kind === 'sum');
    assert.deepEqual([s.index, s.indexLoc], ['j', { start: 6, end: 7 }]);
    const g = member('2(y - x)');
    assert.ok(g.kind === 'bin');
    assert.deepEqual(g.right.loc, { start: 1, end: 8 });
  });
});

describe('parser: components of expressions', () => {
  cases([
    ['\\left(\\nabla_b L\\right)_i', '(index (deriv nabla op L b) i)'],
    ['(\\nabla_b L)_i', '(index (deriv nabla op L b) i)'],
    ['[\\nabla_b L]_i', '(index (deriv nabla op L b) i)'],
    ["\\sigma'(z)_i", "(index (call sigma' z) i)"],
    ['\\sigma(z)_i', '(index (call sigma z) i)'],
    ['(Ax+b)_i', '(index (+ (juxt A x) b) i)'],
    ['(C^\\top)_{i}', '(index (T C) i)'],
    ['(C^\\top)_{ij}', '(index (T C) i j)'],
    ['(C^\\top)_{i,j}', '(index (T C) i j)'],
    ['(C^\\top)_{ijk}', '(index (T C) i j k)'],
    ['(Ax+b)_{i+1}', '(index (+ (juxt A x) b) (+ i 1))'],
    ['(Ax+b)_i^2', '(^ (index (+ (juxt A x) b) i) 2)'],
    ['\\sigma(z)_i^2', '(^ (index (call sigma z) i) 2)'],
    ['2(Ax+b)_i', '(juxt 2 (index (+ (juxt A x) b) i))'],
    ['C(y - \\hat y)_i', '(index (call? C (- y hat(y))) i)'],
    ['\\frac{\\partial L}{\\partial z}_i', '(index (deriv partial L z) i)'],
    ['\\left(\\nabla_b L\\right)_i = -2(y - \\hat y)C_i\\sigma\'(z)_i',
      "(index (deriv nabla op L b) i) = (neg (juxt (juxt (juxt 2 (- y hat(y))) C_i) (index (call sigma' z) i)))"],
    // Symbols keep their own subscript.
    ['b_i', 'b_i'],
    ['(b)_i', 'b_i'],
    ['\\sigma_i(z)', '(juxt sigma_i z)'],
  ]);
  it('builds an IndexNode with index nodes and locations', () => {
    const src = '(Ax+b)_{i,j}';
    const n = member(src) as IndexNode;
    assert.equal(n.kind, 'index');
    assert.deepEqual(n.loc, { start: 0, end: 12 });
    assert.equal(show(n.base), '(+ (juxt A x) b)');
    assert.deepEqual(n.indices.map((x) => [x.kind, src.slice(x.loc.start, x.loc.end)]), [['sym', 'i'], ['sym', 'j']]);
    const b = member('b_i') as SymNode;
    assert.equal(b.kind, 'sym');
  });
});

describe('parser: evaluation bars', () => {
  cases([
    ['\\frac{\\partial L}{\\partial b}\\bigg|_{b = b_t}', '(at (deriv partial L b) (= b b_t))'],
    ['\\left.\\frac{d}{dz}\\sigma(z)\\right|_{z=0}', '(at (deriv d op (call sigma z) z) (= z 0))'],
    ['X\\Big|_{x=1, y=2}', '(at X (= x 1) (= y 2))'],
    ['X|_{z=0}', '(at X (= z 0))'],
    ['\\alpha\\frac{\\partial L}{\\partial b}\\bigg|_{b=b_t}', '(juxt alpha (at (deriv partial L b) (= b b_t)))'],
    ['b_{t+1} = b_t - \\alpha\\frac{\\partial L}{\\partial b}\\bigg|_{b = b_t}', 'b_{(+ t 1)} = (- b_t (juxt alpha (at (deriv partial L b) (= b b_t))))'],
    ['\\left. x \\right|_{x=0}', '(at x (= x 0))'],
    ['\\left. x \\right\\vert_{x=0}', '(at x (= x 0))'],
    ['\\left. x \\right.', 'x'],
    ['\\left. x \\right|', 'x'],
    ['X\\big\\vert_{x=1}', '(at X (= x 1))'],
    ['f(x)|_{x=0} + 1', '(+ (at (call? f x) (= x 0)) 1)'],
    ['\\sigma\'(z)\\Big|_{z=0} = \\frac{1}{4}', "(at (call sigma' z) (= z 0)) = (/ 1 4)"],
    // An operator-form derivative takes the bar as a whole, not its operand's last factor.
    ['\\frac{d}{dz}\\sigma(z)\\Big|_{z=0}', '(at (deriv d op (call sigma z) z) (= z 0))'],
    ['\\frac{d}{dz}(z^2)\\Big|_{z=1}', '(at (deriv d op (^ z 2) z) (= z 1))'],
    ['\\nabla_b L|_{b=0} + 1', '(+ (at (deriv nabla op L b) (= b 0)) 1)'],
    ['\\partial_z f|_{z=0}', '(at (deriv partial op f z) (= z 0))'],
    ['dL/dz|_{z=0}', '(at (deriv d L z) (= z 0))'],
    ['\\partial L / \\partial z|_{z=0}', '(at (deriv partial L z) (= z 0))'],
    ['\\log x\\big|_{x=1}', '(at (call log x) (= x 1))'],
    ['2\\frac{d}{dz} x y\\Big|_{z=0}', '(juxt 2 (at (deriv d op (juxt x y) z) (= z 0)))'],
    ['\\frac{d}{dz}\\left(\\sigma(z)|_{z=1} x\\right)', '(deriv d op (juxt (at (call sigma z) (= z 1)) x) z)'],
    // Absolute values and norms are unchanged.
    ['|x|', '(abs x)'],
    ['|x| + |y|', '(+ (abs x) (abs y))'],
    ['|x|^2', '(^ (abs x) 2)'],
    ['\\|x\\|_2^2', '(^ (norm x) 2)'],
    ['\\|x\\|_2', '(norm x)'],
    ['\\left| x \\right|', '(abs x)'],
    ['\\left\\| x \\right\\|_2', '(norm x)'],
    ['\\lvert x \\rvert_1', '(abs x)'],
    ['|x_i|', '(abs x_i)'],
  ]);
  it('builds an AtNode with its bindings and locations', () => {
    const src = 'X\\Big|_{x=1, y_j=2b}';
    const n = member(src) as AtNode;
    assert.equal(n.kind, 'at');
    assert.deepEqual(n.loc, { start: 0, end: src.length });
    assert.equal(show(n.body), 'X');
    assert.deepEqual(n.bindings.map((b) => [b.name.kind, src.slice(b.name.loc.start, b.name.loc.end), src.slice(b.value.loc.start, b.value.loc.end)]),
      [['sym', 'x', '1'], ['sym', 'y_j', '2b']]);
    const left = member('\\alpha \\left. f \\right|_{x=0}');
    assert.ok(left.kind === 'bin' && left.right.kind === 'at');
    assert.deepEqual(left.right.loc, { start: 7, end: 29 });
  });
  it('keeps the bindings of a bar in a segmented text together', () => {
    const text = 'X\\Big|_{x=1, y=2} = 3';
    const { masked, segments } = segmentMath(text);
    assert.equal(segments.length, 1);
    const r = parseChain(masked, segments[0].start, segments[0].end);
    assert.ok(r.ok);
    assert.equal(showChain(r.chain), '(at X (= x 1) (= y 2)) = 3');
  });
});

describe('parser: unsupported constructs', () => {
  const unsupported: [string, string][] = [
    ['x_1 + x_2 + \\cdots', 'ellipsis \\cdots cannot be checked'],
    ['x_1 + \\ldots', 'ellipsis \\ldots cannot be checked'],
    ['x_1 + x_2 + \\dots + y_n', 'ellipsis: the terms on either side of the ellipsis do not differ by one index that runs'],
    ['(x_1, \\ldots, x_n)', 'ellipsis \\ldots cannot be checked'],
    // Three periods typed for an ellipsis read as \ldots.
    ['(x_1, x_2, ..., x_n)', 'ellipsis \\ldots cannot be checked'],
    ['x_1, \\dots, x_n', 'ellipsis \\dots cannot be checked'],
    ['\\begin{bmatrix} a \\\\ \\vdots \\\\ b \\end{bmatrix}', 'ellipsis \\vdots cannot be checked'],
    ['\\begin{bmatrix} a & b \\\\ c & \\ddots \\end{bmatrix}', 'ellipsis \\ddots cannot be checked'],
    ['\\prod_{i=1}^n x_i', '\\prod (products) is not supported'],
    ['\\int_0^1 x\\,dx', 'integrals are not supported'],
    ['∫ f', 'integrals are not supported'],
    ['\\lim_{h \\to 0} f(h)', 'limits are not supported'],
    ['f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}', '\\begin{cases} (piecewise definitions) is not supported'],
    ['\\frac{\\partial^3 L}{\\partial x \\partial y \\partial z}', 'mixed partial derivatives are not supported'],
    ['\\frac{\\partial^3 L}{\\partial x\\,\\partial y^2}', 'mixed partial derivatives are not supported'],
    ['\\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix}', 'determinants (vmatrix) are not supported'],
    ['\\binom{n}{k}', '\\binom is not supported'],
    ['a \\pm b', '\\pm cannot be checked'],
    ['x = \\pm 1', '\\pm cannot be checked'],
    ['\\log^{-1}(x)', 'inverse functions such as \\log^{-1} are not supported'],
    ['\\log_2 x', 'a subscript on \\log is not supported'],
    ['\\log_{2}(x)', 'a subscript on \\log is not supported'],
    ['F(x)\\Big|_0^1', 'evaluation between limits (|_a^b) is not supported'],
    ['F(x)\\Big|_{x=0}^{1}', 'evaluation between limits (|_a^b) is not supported'],
    ['\\left. F \\right|_0^1', 'evaluation between limits (|_a^b) is not supported'],
    ['f|_{x_0}', "an evaluation bar needs 'name = value' in its subscript (as in |_{x=0})"],
    ['\\|x\\|_p', 'unsupported norm subscript (use _1, _2, _F or _\\infty)'],
    ['\\sum_{i,j} x_{ij}', 'only one summation index is supported'],
    ['a \\le b', "'\\le' is not a checkable relation (use =, \\approx or \\leftarrow)"],
  ];
  for (const [src, message] of unsupported) {
    it(`${JSON.stringify(src)} → unsupported: ${message}`, () => {
      const f = failure(src);
      assert.deepEqual([f.message, f.unsupported], [message, true]);
    });
  }
  const syntax = ['\\frac{1}{', '{a', 'a}', '\\frac{a}', 'x +', '\\sqrt', '\\left( x', '\\exp', '|x', '|_{x=0}', 'x|_{x=}', 'x|_{x=1', 'x \\implies y', '\\therefore x'];
  for (const src of syntax) {
    it(`${JSON.stringify(src)} is a plain syntax error`, () => assert.equal(failure(src).unsupported, undefined));
  }
});

describe('parser: chains', () => {
  cases([
    ['a = b = c', 'a = b = c'],
    ['a \\approx b', 'a ≈ b'],
    ['a ≈ b', 'a ≈ b'],
    ['x \\leftarrow y', 'x ← y'],
    ['x \\gets y', 'x ← y'],
    ['x := y', 'x ← y'],
    ['x \\coloneqq y', 'x ← y'],
    ['= c', '= c'],
    ['\\approx c', '≈ c'],
  ]);
  it('records the relation locations and a leading relation', () => {
    const c = chain('x := y = z');
    assert.deepEqual([c.ops, c.opLocs], [['update', '='], [{ start: 2, end: 4 }, { start: 7, end: 8 }]]);
    const row = chain('  &= c'.replace('&', ' '));
    assert.deepEqual([row.leadingOp, row.leadingOpLoc, row.loc], ['=', { start: 3, end: 4 }, { start: 3, end: 6 }]);
  });
  it('parses a sub-range of the text with offsets into the whole text', () => {
    const text = 'xx a + b yy';
    const r = parseChain(text, 3, 8);
    assert.ok(r.ok);
    assert.equal(showChain(r.chain), '(+ a b)');
    assert.deepEqual(r.chain.loc, { start: 3, end: 8 });
  });
});

describe('parser: full examples', () => {
  cases([
    ['\\frac{\\partial L}{\\partial b_i} = -2(y_{true}-y_{pred})\\,C_i\\,\\sigma\'(z_i)',
      '(deriv partial L b_i) = (neg (juxt (juxt (juxt 2 (- y_"true" y_"pred")) C_i) (call sigma\' z_i)))'],
    ['\\frac{d}{dz}\\sigma(z) = \\sigma(z)(1-\\sigma(z)) = \\frac{e^{-z}}{(1+e^{-z})^2}',
      '(deriv d op (call sigma z) z) = (juxt (call sigma z) (- 1 (call sigma z))) = (/ (^ e (neg z)) (^ (+ 1 (^ e (neg z))) 2))'],
    ['\\frac{\\mathrm{d}L}{\\mathrm{d}d} = 2(\\hat y - y)', '(deriv d L d) = (juxt 2 (- hat(y) y))'],
    ['b_{t+1} = b_t - \\alpha \\frac{\\partial L}{\\partial b}', 'b_{(+ t 1)} = (- b_t (juxt alpha (deriv partial L b)))'],
    ['b_i^{(t+1)} = b_i^{(t)} - \\alpha \\nabla_{b_i} L',
      '(^ b_i (+ t 1) :paren) = (- (^ b_i t :paren) (juxt alpha (deriv nabla op L b_i)))'],
    ['\\nabla_b L = -2(y - \\hat y)\\, C^\\top \\odot \\sigma\'(z)',
      '(deriv nabla op L b) = (neg (odot (juxt (juxt 2 (- y hat(y))) (T C)) (call sigma\' z)))'],
    ['\\sigma\'(z) = \\mathbb{1}[z>0]', '(call sigma\' z) = (ind (> z 0))'],
    ['\\frac{\\partial L}{\\partial x_i} = \\sum_{j=1}^{m} \\frac{\\partial L}{\\partial y_j}\\gamma\\left(\\delta_{ij} - \\frac{1}{m}\\right)',
      '(deriv partial L x_i) = (sum j 1 m (juxt (deriv partial L y_j) (call? gamma (- delta_{i,j} (/ 1 m)))))'],
    ['\\tanh^2(z) + \\sigma^\\prime(z) \\approx -1.667', '(+ (^ (call tanh z) 2) (call sigma\' z)) ≈ (neg 1.667)'],
    ['L(y_{\\text{true}}, y_{\\text{pred}}) = (y_{\\text{true}} - y_{\\text{pred}})^2',
      '(call L y_"true" y_"pred") = (^ (- y_"true" y_"pred") 2)'],
    ['\\hat{x} = (A^\\top A + \\lambda I)^{-1} A^\\top b',
      'hat(x) = (juxt (juxt (^ (+ (juxt (T A) A) (juxt lambda I)) (neg 1)) (T A)) b)'],
    ['∂L/∂b = −2(y − ŷ)·σ′(z)', '(deriv partial L b) = (neg (cdot (juxt 2 (- y hat(y))) (call sigma\' z)))'],
    ['\\hat x_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}', 'hat(x)_i = (/ (- x_i mu) (call sqrt (+ (^ sigma 2) epsilon)))'],
    ['\\sigma^2 = \\frac{1}{m}\\sum_i (x_i - \\mu)^2', '(^ sigma 2) = (juxt (/ 1 m) (sum i _ _ (^ (- x_i mu) 2)))'],
    ['\\nabla_w L = 2X^T(Xw - y) + 2\\lambda w', '(deriv nabla op L w) = (+ (juxt (juxt 2 (T X)) (- (juxt X w) y)) (juxt (juxt 2 lambda) w))'],
    ['\\hat{y} = \\sum_{i=1}^{k} C_i \\sigma(A_i x + b_i) + d', 'hat(y) = (+ (sum i 1 k (juxt C_i (call sigma (+ (juxt A_i x) b_i)))) d)'],
  ]);
  it('locates nodes in a full example', () => {
    const src = '-2(y-\\hat y)C_i';
    const n = member(src);
    assert.ok(n.kind === 'neg' && n.arg.kind === 'bin' && n.arg.left.kind === 'bin');
    assert.deepEqual(n.loc, { start: 0, end: 15 });
    assert.equal(src.slice(n.arg.left.right.loc.start, n.arg.left.right.loc.end), '(y-\\hat y)');
    assert.equal(src.slice(n.arg.right.loc.start, n.arg.right.loc.end), 'C_i');
  });
});

describe('parser: failures', () => {
  /** [source, message, location, unsupported (a recognised construct the checker cannot evaluate)] */
  const U = true;
  const table: [string, string, [number, number], true?][] = [
    ['\\frac{1}{', "expected '}' to close '{' opened at offset 8", [9, 9]],
    ['x +', "expected an expression after '+'", [2, 3]],
    ['\\left( x', 'unbalanced \\left( : expected \\right', [0, 6]],
    ['\\left( x \\right]', 'expected \\right) to close \\left( opened at offset 0, found \\right]', [15, 16]],
    ['\\foo', 'unknown command \\foo (if the document defines it, the definition is not where the checker can see it)', [0, 4], U],
    ['a = ', "nothing follows '=' here: the right side is not written in this math", [2, 3], U],
    [')', "unexpected ')'", [0, 1]],
    ['{{{', "expected '}' to close '{' opened at offset 2", [3, 3]],
    ['{a )', "expected '}' to close '{' opened at offset 0, found ')'", [3, 4]],
    ['x^', "expected a superscript after '^'", [1, 2]],
    ['\\sum', 'expected the summand after \\sum', [0, 4]],
    ['\\sum_j', 'expected the summand after \\sum', [0, 6]],
    ['', 'empty expression', [0, 0]],
    ['   ', 'empty expression', [0, 3]],
    ['x_1 + x_2 + \\cdots', 'ellipsis \\cdots cannot be checked', [12, 18], U],
    ['x_1, \\ldots', 'ellipsis \\ldots cannot be checked', [5, 11], U],
    ['\\prod_i x_i', '\\prod (products) is not supported', [0, 5], U],
    ['a < b', "'<' is not a checkable relation (use =, \\approx or \\leftarrow)", [2, 3], U],
    ['x^2^3', 'double superscript', [3, 4]],
    ['x_i_j', 'double subscript', [3, 4]],
    ['e^-z', "put a signed exponent in braces: '^{-…}'", [2, 3]],
    ['\\max x', "expected '(' after \\max", [0, 4]],
    ['\\exp', 'expected an argument after \\exp', [0, 4]],
    ['\\frac{d}{dz}', 'expected an expression after \\frac{d}{dz}', [0, 12]],
    ['\\frac{\\partial L}{\\partial x \\partial y}', 'mixed partial derivatives are not supported', [18, 39], U],
    ['\\frac{\\partial L}{\\partial x + 1}', "expected '}' after the variable of a \\partial denominator (mixed partial derivatives are not supported)", [29, 30]],
    ['\\frac{\\partial^2 L}{\\partial x}', "derivative order mismatch: expected '^2' on the variable", [29, 30]],
    ['\\partial L', '∂ of a function with no variable after it (the subdifferential ∂f, a set) is not supported', [0, 10], U],
    ['\\nabla L', '\\nabla without a subscript names no variable here (write \\nabla_x f, or \\nabla f(x) of a function of x)', [0, 8], U],
    ['\\hat{x+y}', '\\hat can only be applied to a single symbol', [0, 9]],
    ['\\text{(chain rule)}', 'cannot read \\text{(chain rule)} as math', [0, 19]],
    ['2_i', 'a subscript can only follow a symbol or a bracketed expression', [1, 2]],
    ['(b_j)_i', 'double subscript', [5, 6]],
    ['(Ax+b)_{\\text{pred}}', 'a text subscript (\\text{…}) can only follow a symbol', [8, 13]],
    ['\\sigma(z)\'_i', "a prime or '^*' cannot follow a function call", [0, 12]],
    ['\\log^{-1}(x)', 'inverse functions such as \\log^{-1} are not supported', [6, 8], U],
    ['f()', "empty '()'", [1, 3]],
    ['|x', "expected '|' to close '|' opened at offset 0", [2, 2]],
    ['a & b', "unexpected '&' outside a matrix", [2, 3]],
    ['\\begin{aligned} a &= b \\end{aligned}', '\\begin{aligned} must be split into rows first (segmentMath)', [0, 15]],
    ['\\begin{bmatrix}1 & 2\\\\3\\end{bmatrix}', 'matrix row 2 has 1 entries, expected 2', [22, 23]],
    ['\\mathbb{1}[z >]', "expected an expression after '>'", [13, 14]],
    ['\\mathbb{1}[z \\geq 0 = 1]', "expected ']' to close '[' opened at offset 10, found '='", [20, 21]],
    ['5!', "factorial '!' is not supported", [1, 2], U],
    ['x \\in \\mathbb{R}^d', '\\in (set membership) cannot be checked', [2, 5], U],
    ['x é', "unexpected character 'é'", [2, 3]],
  ];
  for (const [src, message, loc, unsupported] of table) {
    it(`${JSON.stringify(src)} → ${message}`, () => assert.deepEqual(failure(src), { message, at: loc, ...(unsupported ? { unsupported } : {}) }));
  }
  it('refuses 2000 nested parentheses without throwing', () => {
    const src = '('.repeat(2000) + 'x' + ')'.repeat(2000);
    assert.deepEqual(failure(src), { message: 'nested more than 200 levels deep', at: [200, 201] });
  });
  it('refuses other deep nestings without throwing', () => {
    const deep = [
      '\\frac{'.repeat(1500) + 'x' + '}{2}'.repeat(1500),
      'x^{'.repeat(2000) + 'x' + '}'.repeat(2000),
      '\\sigma('.repeat(2000) + 'x' + ')'.repeat(2000),
      '-'.repeat(3000) + 'x',
      '\\hat'.repeat(3000) + ' x',
      '\\frac{d}{d\\sigma('.repeat(800) + 'x' + ')}x'.repeat(800),
    ];
    // Groups are counted as the reader sees them; what nests without brackets in parser levels.
    for (const src of deep) assert.match(failure(src).message, /^(nested more than 200 levels deep|nested too deeply to check)$/);
  });
  it('refuses very long input', () => {
    assert.equal(failure(Array(6000).fill('a').join('+')).message, 'expression too long (more than 10000 tokens)');
  });
});

describe('segmentMath', () => {
  const segs = (text: string) => {
    const { masked, segments } = segmentMath(text);
    assert.equal(masked.length, text.length);
    return segments.map((s) => ({ text: masked.slice(s.start, s.end), row: s.row, cont: s.continuesPrevious }));
  };

  it('splits aligned rows and masks &, \\\\[2pt], \\tag and a prose \\text annotation', () => {
    const text = [
      '\\begin{aligned}',
      '\\frac{\\partial L}{\\partial b_i} &= \\frac{\\partial L}{\\partial \\hat y} \\frac{\\partial \\hat y}{\\partial b_i} \\\\[2pt]',
      '&= -2(y - \\hat y) \\tag{1} \\\\',
      '&= 0 \\quad \\text{(chain rule)}.',
      '\\end{aligned}',
    ].join('\n');
    assert.deepEqual(segs(text), [
      { text: '\\frac{\\partial L}{\\partial b_i}  = \\frac{\\partial L}{\\partial \\hat y} \\frac{\\partial \\hat y}{\\partial b_i}', row: 0, cont: false },
      { text: '= -2(y - \\hat y)', row: 1, cont: true },
      { text: '= 0', row: 2, cont: true },
    ]);
    const { masked, segments } = segmentMath(text);
    assert.deepEqual(segments.map((s) => parseChain(masked, s.start, s.end).ok), [true, true, true]);
    const row1 = parseChain(masked, segments[1].start, segments[1].end);
    assert.ok(row1.ok);
    assert.equal(row1.chain.leadingOp, '=');
    // Offsets are document offsets: the node text is the original text.
    const neg = row1.chain.members[0];
    assert.equal(text.slice(neg.loc.start, neg.loc.end), '-2(y - \\hat y)');
  });
  it('masks environments, labels and \\nonumber', () => {
    const { masked } = segmentMath('\\begin{align*} a &= b \\label{eq:1} \\nonumber \\end{align*}');
    assert.equal(masked.trim(), 'a  = b');
    assert.equal(segmentMath('\\begin{alignedat}{2} a &= b \\end{alignedat}').masked.trim(), 'a  = b');
    assert.equal(segmentMath('\\begin{equation} a = b \\notag \\end{equation}').masked.trim(), 'a = b');
    assert.deepEqual(segs('\\begin{gathered} a = b \\\\ c = d \\end{gathered}').map((s) => [s.text, s.row]), [['a = b', 0], ['c = d', 1]]);
  });
  it('separates equations at ",\\quad", ";", \\implies, \\Rightarrow, \\therefore and \\text{and}', () => {
    assert.deepEqual(segs('z = Ax + b, \\quad \\hat y = C\\sigma(z) + d').map((s) => s.text), ['z = Ax + b', '\\hat y = C\\sigma(z) + d']);
    assert.deepEqual(segs('a = b; c = d').map((s) => s.text), ['a = b', 'c = d']);
    assert.deepEqual(segs('a = b \\implies c = d \\Rightarrow e = f \\therefore g = h').map((s) => s.text), ['a = b', 'c = d', 'e = f', 'g = h']);
    assert.deepEqual(segs('a = b \\text{ and } c = d \\text{where} e = f').map((s) => s.text), ['a = b', 'c = d', 'e = f']);
    assert.deepEqual(segs('a = b \\qquad \\text{since } b > 0').map((s) => s.text), ['a = b', 'b > 0']);
  });
  it('splits at a comma only when both sides hold a relation', () => {
    assert.deepEqual(segs('a = 1, b = 2').map((s) => s.text), ['a = 1', 'b = 2']);
    assert.deepEqual(segs('x = (1, 7, 7, 9)').map((s) => s.text), ['x = (1, 7, 7, 9)']);
    assert.deepEqual(segs('L(y, \\hat y) = (y - \\hat y)^2').map((s) => s.text), ['L(y, \\hat y) = (y - \\hat y)^2']);
    assert.deepEqual(segs('a = 1, 2, b = 3').map((s) => s.text), ['a = 1, 2', 'b = 3']);
    assert.deepEqual(segs('\\left( a = 1, b = 2 \\right)').length, 1);
  });
  it('keeps matrices whole, with their & and \\\\', () => {
    const text = 'x = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}';
    assert.deepEqual(segs(text), [{ text, row: 0, cont: false }]);
    const inAligned = '\\begin{aligned} x &= \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} \\\\ &= y \\end{aligned}';
    assert.deepEqual(segs(inAligned).map((s) => s.text), ['x  = \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '= y']);
  });
  it('keeps \\text in subscripts, before "(", and \\text{d}', () => {
    assert.deepEqual(segs('y_{\\text{pred}} = \\text{sigmoid}(z) + y_\\text{true}').map((s) => s.text), ['y_{\\text{pred}} = \\text{sigmoid}(z) + y_\\text{true}']);
    assert.deepEqual(segs('\\frac{\\text{d}L}{\\text{d}z} = 1').length, 1);
  });
  it('masks trailing sentence punctuation but not \\right.', () => {
    assert.deepEqual(segs('\\hat y = Cz + d.').map((s) => s.text), ['\\hat y = Cz + d']);
    assert.deepEqual(segs('a = b,').map((s) => s.text), ['a = b']);
    assert.deepEqual(segs('a = \\left. x \\right.').map((s) => s.text), ['a = \\left. x \\right.']);
  });
  it('drops empty segments and marks continuation rows', () => {
    assert.deepEqual(segs('  \\\\  \\\\ \\approx 3 \\\\ \\leftarrow 4'), [
      { text: '\\approx 3', row: 2, cont: true },
      { text: '\\leftarrow 4', row: 3, cont: true },
    ]);
    assert.deepEqual(segs(''), []);
  });
});

describe('show', () => {
  it('prints every node kind compactly', () => {
    assert.equal(show(member('\\frac{\\partial L}{\\partial b_i}')), '(deriv partial L b_i)');
    assert.equal(show(member('x_i^* + y\'')), '(+ x_i^* y\')');
    assert.equal(show(member('\\mathbf{\\hat x}_{ij}')), 'bf(hat(x))_{i,j}');
    assert.equal(show(member('(\\nabla_b L)_i')), '(index (deriv nabla op L b) i)');
    assert.equal(show(member('\\frac{\\partial L}{\\partial b}\\bigg|_{b = b_t}')), '(at (deriv partial L b) (= b b_t))');
  });
  it('abbreviates very deep trees instead of overflowing', () => {
    // 1,000 terms: the deepest sum the parser accepts (MAX_TREE_DEPTH), over show's depth of 400.
    const r = parseChain(Array(1000).fill('a').join('+'));
    assert.ok(r.ok);
    assert.ok(show(r.chain.members[0]).includes('…'));
  });
});

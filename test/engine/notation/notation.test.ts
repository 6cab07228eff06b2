import * as assert from 'node:assert/strict';
import { translatePlain } from '../../../src/engine/notation/translate';
import { findClaims, isDerivativeForm, mayHoldPlainClaim } from '../../../src/engine/notation/claims';
import { lexPlain } from '../../../src/engine/notation/lexer';
import type { Located } from '../../../src/engine/notation/located';
import { parseChain } from '../../../src/engine/parse/parser';
import { showChain } from '../../../src/engine/parse/print';
import { toDocumentRange, type MathSpan } from '../../../src/engine/source/span';
import { checkText } from '../../../src/engine';

/** Plain text at document offset `base` (a prefix of `base` characters stands before it). */
function located(text: string, base = 0): Located {
  return { text, offsets: Array.from({ length: text.length + 1 }, (_, i) => base + i) };
}

const latex = (plain: string) => translatePlain(located(plain)).text;

/** The parse of the translation, as an S-expression; fails the test when it does not parse. */
function tree(plain: string): string {
  const translated = latex(plain);
  const parsed = parseChain(translated);
  if (!parsed.ok) assert.fail(`${plain} → ${translated}: ${parsed.error.message}`);
  return showChain(parsed.chain);
}

function latexTree(src: string): string {
  const parsed = parseChain(src);
  if (!parsed.ok) assert.fail(`${src}: ${parsed.error.message}`);
  return showChain(parsed.chain);
}

/** The claims of one line, as the source text each covers. */
function claims(line: string): string[] {
  return findClaims(located(line)).map((s) => line.slice(s.outer.start, s.outer.end));
}

/** Offsets never decrease and stay inside the claim; copied characters map onto themselves. */
function assertWellMapped(doc: string, span: MathSpan): void {
  assert.equal(span.offsets.length, span.text.length + 1);
  for (let i = 0; i < span.text.length; i++) {
    const o = span.offsets[i];
    assert.ok(o >= span.outer.start && o < span.outer.end, `offset ${o} of ${JSON.stringify(span.text[i])} outside the claim`);
    if (i > 0) assert.ok(o >= span.offsets[i - 1], `offsets decrease at ${i} in ${span.text}`);
  }
}

describe('plain notation: lexer', () => {
  it('keeps identifiers whole, accented letters and Unicode scripts apart', () => {
    const kinds = (s: string) => lexPlain(s).filter((t) => t.kind !== 'space').map((t) => `${t.kind}:${t.text}`);
    assert.deepEqual(kinds('sigmoid(z_i) W1 x̂ ŷ σ′ x² ᵀ 0.5 **'), [
      'word:sigmoid', 'op:(', 'word:z', 'op:_', 'word:i', 'op:)', 'word:W1', 'letter:x̂', 'letter:ŷ', 'letter:σ', 'op:′',
      'word:x', 'script:²', 'script:ᵀ', 'number:0.5', 'op:**',
    ]);
    assert.deepEqual(kinds('x.T a.*b c./d e.^2 a == b'), ['word:x', 'op:.', 'word:T', 'word:a', 'op:.*', 'word:b', 'word:c', 'op:./', 'word:d', 'word:e', 'op:.^', 'number:2', 'word:a', 'op:==', 'word:b']);
  });
});

describe('plain notation: translation to LaTeX', () => {
  it('rewrites derivative forms', () => {
    assert.equal(latex('dL/dC_i'), '\\frac{dL}{dC_i}');
    assert.equal(latex('dL/dd'), '\\frac{dL}{dd}');
    assert.equal(latex('dL / dz'), '\\frac{dL}{dz}');
    assert.equal(latex('dyhat/dz_i'), '\\frac{d\\hat{y}}{dz_i}');
    assert.equal(latex('d/dz sigmoid(z)'), '\\frac{d}{dz} \\sigmoid(z)');
    assert.equal(latex('∂/∂z_i σ(z_i)'), '\\frac{∂}{∂z_i} σ(z_i)');
    assert.equal(latex('dσ(z)/dz'), '\\frac{dσ(z)}{dz}');
    assert.equal(tree('∂L/∂C_i'), '(deriv partial L C_i)');
    assert.equal(tree('∂ŷ/∂z_i'), '(deriv partial hat(y) z_i)');
    assert.equal(tree('∇_b L'), '(deriv nabla op L b)');
    assert.equal(tree('grad_b L'), '(deriv nabla op L b)');
    assert.equal(tree("σ′(z)"), "(call sigma' z)");
    assert.equal(tree("sigma'(z)"), "(call sigma' z)");
    assert.equal(tree("σ'(z_i)"), "(call sigma' z_i)");
    assert.equal(tree('d/dz sigmoid(z)'), '(deriv d op (call sigmoid z) z)');
    assert.equal(tree('dL/dz_i = dL/dyhat * dyhat/dz_i'), '(deriv d L z_i) = (* (deriv d L hat(y)) (deriv d hat(y) z_i))');
  });

  it('maps operators: − · × ⊙ * ** ^ ² ᵀ .T @ √', () => {
    assert.equal(tree('2·x × y ⊙ z'), '(odot (times (cdot 2 x) y) z)');
    assert.equal(tree('a − b'), '(- a b)');
    assert.equal(latex('x**2'), 'x^{2}');
    assert.equal(latex('x^10'), 'x^{10}');
    assert.equal(latex('e^(-z) + e^-z'), 'e^{-z} + e^{-z}');
    assert.equal(tree('x² + Aᵀ'), '(+ (^ x 2) (T A))');
    assert.equal(latex('A.T @ x'), 'A^T \\cdot x');
    assert.equal(tree('A.T @ x'), '(cdot (T A) x)');
    assert.equal(tree('x^T'), '(T x)');
    assert.equal(tree('a.*b'), '(odot a b)');
    assert.equal(latex('sqrt(x + 1)'), '\\sqrt{x + 1}');
    assert.equal(latex('√(σ² + ε)'), '√{σ² + ε}');
    assert.equal(tree('√(σ² + ε)'), '(call sqrt (+ (^ sigma 2) epsilon))');
    assert.equal(tree('‖x‖²'), '(^ (norm x) 2)');
    assert.equal(tree('||A@x - b||^2'), '(^ (norm (- (cdot A x) b)) 2)');
    assert.equal(tree('np.linalg.norm(x)**2'), '(^ (norm x) 2)');
    assert.equal(tree('abs(x)'), '(abs x)');
  });

  it('gives exponents their Python extent and precedence', () => {
    assert.equal(tree('exp(-z)/(1+exp(-z))**2'), '(/ (call exp (neg z)) (^ (+ 1 (call exp (neg z))) 2))');
    assert.equal(tree('(1-σ(z))^2'), '(^ (- 1 (call sigma z)) 2)');
    assert.equal(tree('-x**2'), '(neg (^ x 2))');
    assert.equal(tree('2**-1'), '(^ 2 (neg 1))');
    assert.equal(tree('2**3**2'), '(^ 2 (^ 3 2))'); // right-associative, as in Python
    assert.equal(tree('x**0.5'), '(^ x 0.5)');
    assert.equal(tree('sigma_i**2'), '(^ sigma_i 2)');
  });

  it('reads / as the parser does: left to right at the level of *, so a/b*c is (a/b)c', () => {
    assert.equal(tree('a/b*c'), '(* (/ a b) c)');
    assert.equal(latexTree('\\frac{a}{b} c').replace('juxt', '*'), tree('a/b*c'));
    assert.equal(tree('a*b/c'), '(/ (* a b) c)');
    assert.equal(tree('a/b/c'), '(/ (/ a b) c)');
    assert.equal(tree('1/(2*x)'), '(/ 1 (* 2 x))');
    assert.equal(tree('2(y-ŷ)'), '(juxt 2 (- y hat(y)))');
    assert.equal(tree('-2*(y - yhat)*x'), '(neg (* (* 2 (- y hat(y))) x))');
  });

  it('reads function names, numpy prefixes and Greek names', () => {
    assert.equal(latex('sigmoid(z) + tanh(z) + relu(z) + ReLU(z)'), '\\sigmoid(z) + \\tanh(z) + \\relu(z) + \\relu(z)');
    assert.equal(latex('exp(x) + np.exp(x) + log(x) + np.log(x) + ln(x)'), '\\exp(x) + \\exp(x) + \\log(x) + \\log(x) + \\ln(x)');
    assert.equal(tree('sigma(z)'), '(call sigma z)');
    assert.equal(tree('np.maximum(0, z)'), '(call max 0 z)');
    assert.equal(latex('lambda*x + lam*x + mu + gamma + Sigma + eps'), '\\lambda*x + \\lambda*x + \\mu + \\gamma + \\Sigma + \\epsilon');
    assert.equal(tree('λ x + Λ'), '(+ (juxt lambda x) Lambda)');
    assert.equal(latex('np.pi + np.e'), '\\pi + e');
    assert.equal(tree('diag(v) @ x'), '(cdot (call diag v) x)');
  });

  it('reads sums: sum_j …, sum_{j=1}^k …, ∑, Σ_i, and np.sum(v) as a sum over its entries', () => {
    assert.equal(tree('sum_j C_j*sigma(z_j)'), '(sum j _ _ (* C_j (call sigma z_j)))');
    assert.equal(tree('sum_{j=1}^k C_j sigma(z_j)'), '(sum j 1 k (juxt C_j (call sigma z_j)))');
    assert.equal(tree('∑_{j=1}^{k} C_j'), '(sum j 1 k C_j)');
    assert.equal(tree('Σ_i σ_i/(σ_i²+λ)'), '(sum i _ _ (/ sigma_i (+ (^ sigma_i 2) lambda)))');
    assert.equal(tree('ΣᵀΣ'), '(juxt (T Sigma) Sigma)');
    assert.equal(tree('np.sum(C * x)**2'), '(^ (sum j _ _ (index (* C x) j)) 2)');
    assert.equal(tree('np.sum(x_j * y)'), '(sum l _ _ (index (* x_j y) l))'); // the index letter is one the claim does not use
  });

  it('reads aliases and subscripts', () => {
    assert.equal(latex('yhat + y_hat + ypred + y_pred + ytrue + y_true'), '\\hat{y} + \\hat{y} + \\hat{y} + \\hat{y} + y + y');
    assert.equal(latex('x_hat + x̂ + xhat + mu_hat'), '\\hat{x} + x̂ + \\hat{x} + \\hat{\\mu}');
    assert.equal(tree('x̂_i + ŷ'), '(+ hat(x)_i hat(y))');
    assert.equal(tree('y\u0302'), 'hat(y)');
    assert.equal(tree('C_i + b_{i} + A_ij + A_i'), '(+ (+ (+ C_i b_i) A_{i,j}) A_i)');
    assert.equal(tree('W1 + x10'), '(+ W_1 x_10)');
    assert.equal(tree('b_(t+1)'), 'b_{(+ t 1)}');
    assert.equal(tree('x_ridge'), 'x_"ridge"');
    assert.equal(tree('δ_ij'), 'delta_{i,j}');
  });

  it('keeps implicit multiplication and short products of symbols as in LaTeX', () => {
    assert.equal(tree('2(y-ŷ)σ(z_i)'), '(juxt (juxt 2 (- y hat(y))) (call sigma z_i))');
    assert.equal(tree('Ax + b'), '(+ (juxt A x) b)');
    assert.equal(tree('Aᵀ(AAᵀ+λI)⁻¹b'), '(juxt (juxt (T A) (^ (+ (juxt A (T A)) (juxt lambda I)) (neg 1))) b)');
  });

  it('makes a long unknown word one name, never a product of letters', () => {
    assert.equal(tree('2 * loss'), '(* 2 rm(loss))');
  });

  it('leaves what it cannot read for the parser to reject at that place', () => {
    for (const [plain, word] of [['dL/dz = sigma2 * x', 'sigma2'], ['dL/dz = 2 % x', '%'], ['dL/dz = 2 # x', '#']]) {
      const source = located(plain, 100);
      const out = translatePlain(source);
      const parsed = parseChain(out.text);
      assert.ok(!parsed.ok, `${plain} → ${out.text} parsed`);
      const span = { ...out, display: false, outer: { start: 100, end: 100 + plain.length } };
      const range = toDocumentRange(span, parsed.error.loc);
      assert.equal(plain.slice(range.start - 100, range.end - 100), word, parsed.error.message);
    }
  });

  it('maps every output character back to the source it stands for', () => {
    const line = 'dL/dC_i = -2*(y - yhat)*sigmoid(z_i) + x**2 + A.T@b';
    const base = 40;
    const out = translatePlain(located(line, base));
    const span: MathSpan = { ...out, display: false, outer: { start: base, end: base + line.length } };
    assertWellMapped(' '.repeat(base) + line, span);
    const parsed = parseChain(out.text);
    assert.ok(parsed.ok);
    const source = (loc: { start: number; end: number }) => {
      const r = toDocumentRange(span, loc);
      return line.slice(r.start - base, r.end - base);
    };
    const [lhs, rhs] = parsed.chain.members;
    assert.equal(source(lhs.loc), 'dL/dC_i');
    assert.equal(source(rhs.loc), '-2*(y - yhat)*sigmoid(z_i) + x**2 + A.T@b');
    assert.ok(rhs.kind === 'bin' && rhs.op === '+');
    assert.equal(source(rhs.right.loc), 'A.T@b');
    assert.equal(source(rhs.left.loc), '-2*(y - yhat)*sigmoid(z_i) + x**2');
    assert.equal(source(parsed.chain.opLocs[0]), '=');
  });
});

describe('plain notation: MATLAB and Julia operators, function numerators', () => {
  it("reads ' after a capital or a bracket as a transpose, and keeps F'(x) a derivative", () => {
    assert.equal(latex("C' .* s"), 'C^T \\odot s');
    assert.equal(latex("W1'*x"), 'W_1^T*x');
    assert.equal(tree("sigma(z)'"), '(T (call sigma z))');
    assert.equal(tree("(C .* s)'"), '(T (odot C s))');
    assert.equal(tree("F'(x)"), "(call F' x)");
    assert.equal(tree("sigma'(z)"), "(call sigma' z)");
    assert.equal(tree("y'"), "y'");
  });

  it("reads the matrix products and transposes of numpy, R and MATLAB: .dot, np.dot, np.matmul, %*%, t(A), transpose(A), A.'", () => {
    assert.equal(tree('A.T.dot(A.dot(x) - b)'), latexTree('A^T \\cdot (A \\cdot (x) - b)'));
    assert.equal(tree('np.dot(A.T, np.dot(A, x) - b)'), latexTree('((A^T)\\cdot(((A)\\cdot(x)) - b))'));
    assert.equal(tree('np.matmul(A, x)'), latexTree('((A)\\cdot(x))'));
    assert.equal(tree('t(A) %*% (A %*% x - b)'), latexTree('(A)^T \\cdot (A \\cdot x - b)'));
    assert.equal(tree('transpose(A) @ b'), latexTree('(A)^T \\cdot b'));
    assert.equal(tree("A.'*b"), latexTree('A^T*b'));
    // `t` of a lower-case symbol stays a product (t is a time step more often than R's transpose).
    assert.equal(tree('t(x)'), latexTree('t(x)'));
  });

  it('reads spaced elementwise operators .* and ./, but not a sentence end before emphasis', () => {
    assert.equal(tree('exp(-z) ./ (1 + exp(-z)).^2'), '(/ (call exp (neg z)) (^ (+ 1 (call exp (neg z))) 2))');
    assert.equal(tree('a .* b'), '(odot a b)');
    assert.deepEqual(lexPlain('is 2.* Next').map((t) => t.text), ['is', ' ', '2', '.', '*', ' ', 'Next']);
  });

  it('takes a function applied to its argument as the numerator of a slash derivative', () => {
    assert.equal(latex('dsigma(z_i)/dz_i'), '\\frac{d\\sigma(z_i)}{dz_i}');
    assert.equal(tree('dsigma(z)/dz'), '(deriv d (call sigma z) z)');
    assert.equal(tree('df(x)/dx'), '(deriv d (call? f x) x)'); // call?: f(x) or f·x, decided by the checker
    assert.equal(latex('dL/dz(1 - z)'), '\\frac{dL}{dz}(1 - z)'); // the denominator takes no argument
  });
});

describe('plain notation: finding claims in a line', () => {
  it('finds an equation whose left side is a derivative, and skips prose before it', () => {
    assert.deepEqual(claims('So ∂L/∂d = −2(y−ŷ) = 2(ŷ−y).'), ['∂L/∂d = −2(y−ŷ) = 2(ŷ−y)']);
    assert.deepEqual(claims('(c) ∂L/∂C_i = −2(y − ŷ)σ(z_i)'), ['∂L/∂C_i = −2(y − ŷ)σ(z_i)']);
    assert.deepEqual(claims('- wrong: dL/dA_i = -2*(y - yhat)*C_i*sigma(z_i)'), ['dL/dA_i = -2*(y - yhat)*C_i*sigma(z_i)']);
    assert.deepEqual(claims('Then d/dz σ(z) = σ(z)(1 − σ(z)) as claimed.'), ['d/dz σ(z) = σ(z)(1 − σ(z))']);
    assert.deepEqual(claims("σ′(z) = σ(z)(1−σ(z))"), ["σ′(z) = σ(z)(1−σ(z))"]);
    assert.deepEqual(claims('and ∇_b L = −2(y−ŷ) Cᵀ ⊙ σ′(z), by the chain rule'), ['∇_b L = −2(y−ŷ) Cᵀ ⊙ σ′(z)']);
    assert.deepEqual(claims('(∂L/∂z)_i = 2 x'), ['(∂L/∂z)_i = 2 x']);
    assert.deepEqual(claims('(so ∂L/∂d = 2(ŷ − y))'), ['∂L/∂d = 2(ŷ − y)']);
  });

  it('ends the claim at prose, a sentence end or unbalanced punctuation', () => {
    assert.deepEqual(claims('∂L/∂d = 2(ŷ − y), which is negative when ŷ < y.'), ['∂L/∂d = 2(ŷ − y)']);
    assert.deepEqual(claims('∂L/∂d = 2(ŷ − y); the rest follows'), ['∂L/∂d = 2(ŷ − y)']);
    assert.deepEqual(claims('∂L/∂d = 2(ŷ − y) so we are done'), ['∂L/∂d = 2(ŷ − y)']);
    assert.deepEqual(claims('dL/dd = 2 * loss'), ['dL/dd = 2 * loss']); // after an operator a word is math
    assert.deepEqual(claims('∂L/∂d = 2(ŷ − y) and ∂L/∂C_i = 2(ŷ − y)σ(z_i).'), ['∂L/∂d = 2(ŷ − y)', '∂L/∂C_i = 2(ŷ − y)σ(z_i)']);
  });

  it('ends the claim before a remark in brackets, an ASCII dash, a question mark or i.e.', () => {
    assert.deepEqual(claims('∂L/∂A_i = −2(y − ŷ) C_i σ(z_i) x   (used σ instead of σ′)'), ['∂L/∂A_i = −2(y − ŷ) C_i σ(z_i) x']);
    assert.deepEqual(claims('∂L/∂d = −(y − ŷ) (dropped the 2)'), ['∂L/∂d = −(y − ŷ)']);
    assert.deepEqual(claims('grad_C L = -2*(y - y_hat) * sigmoid(z).T   (shape (1, k), same as C)'), ['grad_C L = -2*(y - y_hat) * sigmoid(z).T']);
    assert.deepEqual(claims('dL/dd = 2*(y - yhat) (sigmoid(z)) (1 - x)'), ['dL/dd = 2*(y - yhat) (sigmoid(z)) (1 - x)']); // math in brackets stays
    assert.deepEqual(claims('sanity: dL/dd = 2 * (y_true - y_pred)   -- wrong sign, the loss is squared'), ['dL/dd = 2 * (y_true - y_pred)']);
    assert.deepEqual(claims('dL/dA_i = 2*(yhat - y)*x ??  (no)'), ['dL/dA_i = 2*(yhat - y)*x']);
    assert.deepEqual(claims('dL/dd = −2(y − ŷ), i.e. dL/dd = 2(ŷ − y).'), ['dL/dd = −2(y − ŷ)', 'dL/dd = 2(ŷ − y)']);
    assert.deepEqual(claims('∂L/∂d = 2(ŷ − y) (e.g. at ŷ = y it vanishes)'), ['∂L/∂d = 2(ŷ − y)']);
    assert.deepEqual(claims("sigma'(z) = 1 - sigma(z)^2   (sigma is tanh here)"), ["sigma'(z) = 1 - sigma(z)^2"]);
    assert.deepEqual(claims('∇_A L = 2(ŷ − y)·x·(C ⊙ σ(z))ᵀ… wait, no'), ['∇_A L = 2(ŷ − y)·x·(C ⊙ σ(z))ᵀ']);
    assert.deepEqual(claims('dL/dd = 2*(yhat - y)... hmm'), ['dL/dd = 2*(yhat - y)']);
    assert.deepEqual(claims('∂L/∂d = −2(y − C_1σ(z_1) − … − C_kσ(z_k) − d)'), ['∂L/∂d = −2(y − C_1σ(z_1) − … − C_kσ(z_k) − d)']);
  });

  it('starts a claim after short English words of a remark', () => {
    assert.deepEqual(claims('NB: my draft had dL/dz_i = 2*(yhat - y)'), ['dL/dz_i = 2*(yhat - y)']);
    assert.deepEqual(claims('I got ∂L/∂d = 2(ŷ − y)'), ['∂L/∂d = 2(ŷ − y)']);
  });

  it('continues a claim on a next line that starts with =, as a chain aligned under its first line', () => {
    const text = "sigma'(z) = exp(-z)/(1 + exp(-z))^2\n          = sigma(z)*(1 - sigma(z))\nx = 3";
    const spans = findClaims(located(text));
    assert.deepEqual(spans.map((s) => text.slice(s.outer.start, s.outer.end)), ["sigma'(z) = exp(-z)/(1 + exp(-z))^2\n          = sigma(z)*(1 - sigma(z))"]);
  });

  it('does not take ordinary equations or prose for claims', () => {
    assert.deepEqual(claims('d = 3 is the size'), []);
    assert.deepEqual(claims('dog/day = 2'), []);
    assert.deepEqual(claims('x = 3 and y = 4'), []);
    assert.deepEqual(claims("it's true that a = b"), []);
    assert.deepEqual(claims('so 2·∂L/∂d = 4(ŷ − y)'), []); // the left side is a product, not a derivative
    assert.deepEqual(claims('−∂L/∂d = 2(y − ŷ)'), []); // the sign belongs to the left side: never drop it
    assert.deepEqual(claims('the derivative ∂L/∂d'), []);
  });

  it('continues a claim on the next line only after a trailing operator', () => {
    const text = 'dL/dd = 2*(yhat - y) *\n   1\nnext line = 3';
    const spans = findClaims(located(text));
    assert.equal(spans.length, 1);
    assert.equal(text.slice(spans[0].outer.start, spans[0].outer.end), 'dL/dd = 2*(yhat - y) *\n   1');
    assert.deepEqual(findClaims(located('dL/dd = 2\n* 3')).map((s) => s.text), ['\\frac{dL}{dd} = 2']);
  });

  it('recognises derivative left sides by their parse', () => {
    const lhs = (s: string) => {
      const p = parseChain(latex(s));
      return p.ok && isDerivativeForm(p.chain.members[0]);
    };
    assert.ok(lhs('∂L/∂d') && lhs('dL/dd') && lhs("σ′(z)") && lhs('∇_b L') && lhs('d/dz σ(z)') && lhs('(∇_b L)_i'));
    assert.ok(!lhs('d') && !lhs('dog/day') && !lhs('2 ∂L/∂d') && !lhs('σ(z)'));
    assert.ok(mayHoldPlainClaim('dL/dd = 2') && mayHoldPlainClaim('∂L/∂d = 2') && !mayHoldPlainClaim('x = y + z'));
  });
});

describe('plain notation: verdicts through checkText (Unicode Markdown prose)', () => {
  const header = '<!-- derivcheck: model=mlp sigma=sigmoid -->\n\n';
  const verdicts = (body: string) => checkText(header + body).findings.map((f) => [f.text, f.verdict]);

  it('verifies correct Unicode and ASCII claims and flags typical slips', () => {
    assert.deepEqual(verdicts('So ∂L/∂d = −2(y−ŷ).'), [['∂L/∂d = −2(y−ŷ)', 'verified']]);
    assert.deepEqual(verdicts('So ∂L/∂d = 2(y−ŷ).'), [['∂L/∂d = 2(y−ŷ)', 'mismatch']]);
    assert.deepEqual(verdicts('dL/dC_i = -2*(y_true - y_pred)*sigmoid(z_i)'), [['dL/dC_i = -2*(y_true - y_pred)*sigmoid(z_i)', 'verified']]);
    assert.deepEqual(verdicts("σ'(z) = exp(-z)/(1+exp(-z))**2"), [["σ'(z) = exp(-z)/(1+exp(-z))**2", 'verified']]);
    assert.deepEqual(verdicts('σ′(z) = exp(-z)/(1+exp(-z))^3'), [['σ′(z) = exp(-z)/(1+exp(-z))^3', 'mismatch']]);
  });

  it('reports an unreadable word as unparsed at the word, never verified', () => {
    const doc = header + 'dL/dd = 2*(yhat - y) * sigma2';
    const [finding] = checkText(doc).findings;
    assert.equal(finding.verdict, 'unparsed');
    assert.equal(doc.slice(finding.range.start, finding.range.end), 'sigma2');
    assert.match(finding.message, /sigma2/);
  });
});

describe('plain notation: robustness', () => {
  it('never throws, and maps every claim inside its text, on random input (fuzz)', () => {
    const pieces = ['dL/dd', ' = ', '∂L/∂C_i', 'd/dz', ' ', '(', ')', '[', ']', '{', '}', '**', '^', '_', 'x', 'yhat', 'y_pred', 'sigma', "'",
      '′', 'σ', 'ŷ', '√', '‖', '||', '−', '·', '@', '.T', '.', ',', ';', ':', '\n', 'np.', 'sum', 'sqrt', '2', '0.5', 'so', 'the', '%', '#',
      '\\frac', 'Σ', '_{', '=', '≈', 'y\u0302', 'loss', 'W1', 'sigma2', '$', '|', '∇', '²', 'ᵀ'];
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let it = 0; it < 3000; it++) {
      let text = '';
      for (let i = 1 + rnd(30); i > 0; i--) text += pieces[rnd(pieces.length)];
      const source = located(text, 5);
      const translated = translatePlain(source);
      assert.equal(translated.offsets.length, translated.text.length + 1);
      parseChain(translated.text);
      for (const span of findClaims(source)) {
        assert.ok(span.outer.start >= 5 && span.outer.end <= 5 + text.length && span.outer.start < span.outer.end, JSON.stringify(text));
        for (let i = 0; i < span.text.length; i++) {
          assert.ok(span.offsets[i] >= span.outer.start && span.offsets[i] < span.outer.end, JSON.stringify(text));
          if (i > 0) assert.ok(span.offsets[i] >= span.offsets[i - 1], JSON.stringify(text));
        }
      }
    }
  });

  it('survives deep nesting and long lines quickly', function () {
    this.timeout(10000);
    for (const text of ['dL/dd = ' + '('.repeat(5000) + 'x' + ')'.repeat(5000), 'dL/dd = ' + 'x**'.repeat(3000) + '2', 'dL/dd = x = '.repeat(2000), '∂'.repeat(5000) + ' = 1']) {
      const started = Date.now();
      const spans = findClaims(located(text));
      for (const span of spans) parseChain(span.text);
      assert.ok(Date.now() - started < 3000, `${text.slice(0, 12)}… took ${Date.now() - started} ms`);
    }
  });
});

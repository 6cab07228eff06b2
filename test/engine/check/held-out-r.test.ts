// Idioms of held-out batches R and S (test/corpus/real/JUDGING-R.md, JUDGING-S.md): each is correct as
// its notes mean it, and none is a mismatch; the same claims written wrong still are.
import * as assert from 'node:assert/strict';
import { check, directive, displayBlocks, mismatch, paragraphs, verified } from '../../support/claims';
import { extractMarkdown } from '../../../src/engine/extract/markdown';
import { ExtractionCache } from '../../../src/engine/extract/chunks';

const reasons = (text: string) => check(text).map((f) => [f.verdict, f.evidence.reason ?? '']);

describe('held-out notes, batches R and S', () => {
  it('reads x_1 after x = 3 as another quantity (an iterate), not entry 1 of the number 3', () => {
    const [finding, ...rest] = check(paragraphs('', '$x = 3$', '$x_1 = 2.94$'));
    assert.deepEqual(rest, [], 'x = 3 gives a value, no claim');
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /^unknown symbol x_1 \(x is the number 3, which has no entries\)$/);
    // A vector given by its entries still has them.
    verified(check(paragraphs('', '$x = (1, 7, 7, 9)$', '$x_2 = 7$')));
  });

  it('does not decide 2√8 cos(45) = 4, which holds with the angle in degrees; cos(45) = 2 holds in no unit', () => {
    assert.deepEqual(reasons(displayBlocks('', '2\\times\\sqrt{8}\\times \\cos(45)=4')), [['unsupported', 'angle unit']]);
    mismatch(check(displayBlocks('', '\\cos(45) = 2'))[0], 'value');
    verified(check(displayBlocks('', '\\cos(\\pi/3) = 0.5')));
  });

  it('sums to a free n as a count (issue 15: (1/n) Σ_{i=1}^n s = s holds), never to a bound given as no whole number, never the empty sum', () => {
    verified(check(displayBlocks('', '\\frac{1}{n} \\sum_{i=1}^{n} s = s')));
    const findings = check(paragraphs('', 'Let $n = 2.5$.', '$$\\sum_{i=1}^{n} s = n s$$'));
    const finding = findings[findings.length - 1];
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /the sum's bound n is not a known size/);
    verified(check(displayBlocks('', '\\sum_{i=1}^{4} i = 10')));
  });

  it('takes φ_1(x) = x as one of a family of functions defined, no claim; C_i(y - ŷ) stays a product', () => {
    assert.deepEqual(check(paragraphs('', 'Transform $x$ using $\\phi_1(x) = x$ and $\\psi_j(x, y) = x^j y$.')), []);
    assert.equal(check(displayBlocks('<!-- derivcheck: model=mlp -->\n\n', '\\frac{\\partial L}{\\partial b_i} = -2C_i(y - \\hat y)\\sigma\'(z_i)')).length, 1);
  });

  it('extracts inline math that opens with a line break whole (the parser drops that line ending)', () => {
    const text = 'See $\n\\begin{split}\nx &= u + v \\\\\nz &= x \\cdot y\n\\end{split}\n$ here.\n';
    const [span] = extractMarkdown(text).spans;
    assert.equal(span.text, '\\begin{split}\nx &= u + v \\\\\nz &= x \\cdot y\n\\end{split}');
    span.offsets.slice(0, -1).forEach((offset, i) => assert.equal(text[offset], span.text[i]));
  });
});

describe('held-out notes, batch R: what the checker learnt afterwards', () => {
  it('expands macros a Markdown page defines in its math, in the math after it', () => {
    const text = '$$\\newcommand\\norm[1]{\\left\\lVert#1\\right\\rVert}\n\\newcommand\\bs[1]{\\boldsymbol{#1}}$$\n\nThen $\\norm{\\bs{u}}_2 = 5$.\n';
    const { spans } = new ExtractionCache().extract(text);
    assert.deepEqual(spans.map((s) => s.text), ['\\left\\lVert\\boldsymbol{u}\\right\\rVert_2 = 5']);
    // Every character stands for a place in the document: the argument's where it is written, the body's at the call.
    const [span] = spans;
    assert.equal(text[span.offsets[span.text.indexOf('u')]], 'u');
    assert.equal(text.slice(span.offsets[0], span.offsets[0] + 5), '\\norm');
    verified(check(paragraphs('', '$$\\newcommand{\\half}{\\frac{1}{2}}$$', '$\\half + \\half = 1$')));
  });

  it('claims nothing with an assignment that holds (A^{(0)} := X); an update of a trained parameter is a step', () => {
    assert.deepEqual(check(displayBlocks('<!-- derivcheck: model=custom -->\n\n', 'A^{(1)} = W X', 'A^{(0)} := X')).filter((f) => f.verdict === 'verified'), []);
    mismatch(check(displayBlocks('<!-- derivcheck: model=mlp -->\n\n', 'b \\leftarrow b + \\alpha \\nabla_b L'))[0], 'ascent');
  });

  it('reads x^T y = ‖x‖ ‖y‖ cos θ as the angle θ defined, not an identity in θ', () => {
    assert.deepEqual(reasons(displayBlocks('', 'x^\\top y = \\|x\\| \\|y\\| \\cos\\theta')), [['unsupported', 'condition']]);
    mismatch(check(displayBlocks('', '\\cos(2\\theta) = 2\\cos\\theta'))[0]);
  });

  it('checks a claim about a symbol the text calls positive on positive values', () => {
    const text = paragraphs('', 'Suppose $x_n = c$ for some *positive* constant $c$. Then', '$\\text{ReLU}(c) = c$ and $\\max(c, -c) = c$');
    const findings = check(text).filter((f) => f.text.includes('c) = c'));
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'verified']);
    assert.match(findings[0].message, /with c > 0 as the text gives/);
    verified(check(paragraphs('', 'Let $a > 0$.', '$\\sqrt{a^2} = a$')));
    mismatch(check(paragraphs('', 'Let $a > 0$.', '$\\sqrt{a^2} = -a$')).pop()!);
    assert.notEqual(check(paragraphs('', '$\\sqrt{b^2} = b$')).pop()!.verdict, 'verified', 'no sign given: not verified');
  });
});

describe('the last false alarms of the own corpus', () => {
  it('does not decide a step that holds in the limit the prose takes (h → 0), and keeps a step wrong in the limit too', () => {
    const text = 'Then\n\n$$\\frac{(x+h)^2 - x^2}{h} = 2x + h = 2x$$\n\nsince h -> 0 so h will be zero.\n';
    assert.deepEqual(reasons(text), [['verified', ''], ['unsupported', 'limit']]);
    assert.match(check(text)[1].message, /^not decided: this holds in the limit h → 0 that the text takes, not for h ≠ 0$/);
    const wrong = check('As $h \\to 0$:\n\n$$\\frac{(x+h)^2 - x^2}{h} = 3x$$\n');
    assert.equal(wrong.pop()!.verdict, 'mismatch');
    // Without the prose, a step that drops h is a mismatch.
    assert.equal(check('$$\\frac{(x+h)^2 - x^2}{h} = 2x$$\n').pop()!.verdict, 'mismatch');
    // The limit is said of the paragraph next to the math, not of the next block.
    assert.equal(check('As h approaches 0 we get 2x.\n\nNow another example.\n\n$$\\frac{(x+h)^2 - x^2}{h} = 2x$$\n').pop()!.verdict, 'mismatch');
  });

  it('reads w · x + b = w · x as the notation that absorbs the bias, not as b = 0; a + b = a stays a claim', () => {
    assert.deepEqual(reasons(displayBlocks('', 'f(\\mathbf{x}) = \\mathbf{w} \\cdot \\mathbf{x} + b = \\mathbf{w} \\cdot \\mathbf{x}')), [['unsupported', 'notation']]);
    assert.equal(check(displayBlocks('', '2a + b = 2a')).pop()!.verdict, 'mismatch');
  });

  it('puts y on the labels the text lists in a set after the word "label"', () => {
    const findings = check(paragraphs('', 'The labels are ${+1,-1}$.', '$(f - y)^2 = (yf - 1)^2$'));
    assert.equal(findings.pop()!.verdict, 'verified');
    assert.equal(check(paragraphs('', 'The set ${+1,-1}$.', '$(f - y)^2 = (yf - 1)^2$')).pop()!.verdict, 'mismatch');
    // The labels stated later replace a value given y in a remark before ("not differentiable at $y=0$").
    assert.equal(check(paragraphs('', 'It is not differentiable at $y=0$.', 'The labels are ${+1,-1}$.', '$(f - y)^2 = (yf - 1)^2$')).pop()!.verdict, 'verified');
  });
});

describe('held-out notes, batches T and U', () => {
  it('claims nothing with a node of the document’s own model written again as it was, in its section', () => {
    const text = paragraphs('', 'Let $c_2 = \\frac{1}{N}\\sum_k g_k$ and $L = c_2 w$.', '$\\frac{\\partial L}{\\partial w} = c_2$', '$c_2 = \\frac{1}{N}\\sum_k g_k$');
    assert.deepEqual(check(text).map((f) => f.verdict), ['verified']);
  });

  it('reads η_i = η(x_i, β) as a name for η’s value at x_i, not a claim', () => {
    assert.deepEqual(check(paragraphs('', 'where $\\eta_i = \\eta(x_i,\\beta)$.')), []);
  });

  it('takes a second value given as an alternative ("or") as a case, not a claim about the first', () => {
    const text = paragraphs('', 'The next length is $s = w + z$ or $s = 1 - w$.', 'Then $\\frac{\\partial s}{\\partial z} = 1$.');
    const findings = check(text);
    assert.equal(findings[0].evidence.reason, 'case');
    assert.match(findings[0].message, /another value of s, which the text gives as an alternative \("or"\) to s = w \+ z/);
    const models = paragraphs('', 'Models of one feature ($\\hat{y}_i = \\theta_0 + \\theta_1 x_i$) or zero features ($\\hat{y}_i = \\theta_0$).');
    assert.deepEqual(check(models).map((f) => f.evidence.reason), ['case']);
    // Words that are not an alternative leave the second a claim about the first.
    const claim = paragraphs('', 'Let $s = w + z$, so that in the end $s = 1 - w$.');
    assert.notEqual(check(claim).pop()?.evidence.reason, 'case');
  });
  // The Nelder–Mead step `x_i = x_1 + \sigma(x_i - x_1)` of batch U, an update in the document's own model, is held by the corpus test.

});

describe('held-out notes, batches V and W', () => {
  it('takes A = UΣVᵀ as the factorization that defines U, Σ and V, no claim; the sum form of the SVD is a result', () => {
    const findings = check(displayBlocks(directive('model=ridge'), 'A = U\\Sigma V^\\top', 'A = \\sum_i \\sigma_i u_i v_i^\\top'));
    assert.deepEqual(findings.map((f) => f.verdict), ['verified']);
    assert.match(findings[0].text, /\\sum_i/);
  });

  it('reads a matrix of numbers given a model’s data as an example, not a claim about the data the model samples', () => {
    const [finding] = check(displayBlocks(directive('model=ridge'), 'A = \\begin{bmatrix} 2 & 0 \\\\ 5 & 7 \\\\ 0 & 6 \\end{bmatrix}'));
    assert.equal(finding.evidence.reason, 'evaluation');
    assert.match(finding.message, /^not checked: A is given an example value here/);
  });

  it('takes "where z_k = …" as notation the words introduce, no claim when it holds', () => {
    const text = paragraphs('', 'Let $z = wx + b$.', 'The logits are $P(k) = e^{z_k}$ where $z_k = w_k x + b_k$ for class $k$.');
    assert.deepEqual(check(text).filter((f) => f.text.startsWith('z_k')), []);
  });

  it('does not verify a definition written again the other way round inside a chain (s_0 = z = h_T after h_T = z)', () => {
    const text = paragraphs('', 'We use $h_T = z$ as the context.', 'The decoder starts at $s_0 = z = h_T$.');
    assert.deepEqual(check(text).filter((f) => f.verdict === 'verified'), []);
  });

  it('reads (N, 1, L) × (N, L, H) = (N, 1, H) as the shapes of a batched product', () => {
    assert.deepEqual(reasons(displayBlocks('', '(N, 1, L) \\times (N, L, H) = (N, 1, H)')), [['unsupported', 'shapes statement']]);
  });
});

describe('equations the next sentence solves', () => {
  it('reads an equation followed by "Eliminating z from these equations" as one to solve, not a claimed identity', () => {
    const text = paragraphs('', 'We make them equal, giving $z = 1 - 2w$. We also know that $\\frac{z}{1-w} = w$.', 'Eliminating $z$ from these equations gives $w^2 - 3w + 1 = 0$.');
    const finding = check(text).find((f) => f.text.startsWith('\\frac{z}'))!;
    assert.equal(finding.evidence.reason, 'premise');
    assert.match(finding.message, /\("Eliminating \$z\$ from these equations"\)/);
    // Without those words it is a claim, and a wrong one.
    assert.equal(check(paragraphs('', 'We make them equal, giving $z = 1 - 2w$. We also know that $\\frac{z}{1-w} = w$.')).pop()!.verdict, 'mismatch');
  });
});

describe('held-out notes, batches X and Y', () => {
  it('does not read E[X] as E times X: expectations are not supported', () => {
    const [finding] = check(displayBlocks('', 'E[X^2] - E[X]^2 = E[X^2] + E[X]^2 - 2E[X]E[X]'));
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /expectations E\[…\] are not supported/);
  });

  it('does not read (x^2/2)_a^b as an entry to a power: evaluations between limits are not supported', () => {
    assert.match(check(displayBlocks('', '\\frac{1}{b-a} (\\frac{x^2}{2})_{a}^{b} = \\frac{b+a}{2}'))[0].message, /evaluation between limits/);
    // An entry to a number's power stays an entry: (b)_i^2.
    assert.doesNotMatch(check(displayBlocks('', '(b)_i^2 = b_i^2'))[0]?.message ?? '', /evaluation between limits/);
  });

  it('takes a constraint written in the math ("subject to A = Aᵀ"), and a case ("… if $t < τ$", "For … where $ξ ≠ 0$, … $w = C$"), as premises', () => {
    const constraint = '$$\n\\begin{eqnarray*}\n&\\text{minimize}& \\|A - B\\| \\\\\n&\\text{subject to}& A = A^T\n\\end{eqnarray*}\n$$\n';
    assert.deepEqual(check(constraint).map((f) => f.evidence.reason), ['premise']);
    assert.equal(check(paragraphs('', 'Let $\\lambda = 2$. We use $\\lambda + 1 = 3$ if $t < s$.')).pop()!.evidence.reason, 'premise');
    assert.equal(check(paragraphs('', 'For a point where $\\xi \\neq 0$, it is outside and $w + v = C$.')).pop()!.evidence.reason, 'premise');
    // "if" after a paragraph break, or with no condition in math, is no case.
    assert.notEqual(check(paragraphs('', '$$a + a = 2a$$', 'When $n < d$ it is cheaper.')).find((f) => f.text === 'a + a = 2a')?.evidence.reason, 'premise');
  });

  it('reads a sequence term set to numbers (P_i = [0.1, 0.7, 0.2]) as an example, not every term the same', () => {
    const findings = check(paragraphs('', 'Say $P_i = [0.1, 0.7, 0.2]$.', 'Then $P_1 T = P_0 T T$.'));
    assert.deepEqual(findings.filter((f) => f.verdict === 'mismatch'), []);
  });
});

describe('held-out notes, batch Z', () => {
  it('reads \\frac{\\delta f}{\\delta z} as the partial derivative written with δ, and \\frac{\\delta_j}{\\delta_k} as a ratio', () => {
    verified(check(paragraphs('', 'Let $f(x, z) = 4x^4z^3$.', '$\\frac{\\delta f(x, z)}{\\delta z} = 12x^4z^2$')));
    mismatch(check(paragraphs('', 'Let $f(x, z) = 4x^4z^3$.', '$\\frac{\\delta f(x, z)}{\\delta z} = 6x^4z^2$')).pop()!);
  });

  it('takes a letter the prose introduces afresh ("be a constant, $a$") as a new constant, not what it was set to', () => {
    const text = paragraphs('', 'Now $a = z^3$.', 'Let the $x$ term be a constant, $a$. Then $f = 4az^3$ and', '$\\frac{\\partial f}{\\partial z} = 12az^2$');
    verified(check(text).filter((f) => f.text.startsWith('\\frac')));
  });
});

describe('a negative number before a power, in a worked example', () => {
  it('does not decide 1 - -0.08438^2 = 0.99288, which holds with (−0.08438)²; a claim true as written stays verified', () => {
    assert.deepEqual(reasons(displayBlocks('', '(1 - -0.08438^2) \\cdot (-0.08438 - 0.91) = (0.99288) \\cdot -0.99438')), [['unsupported', 'negative power']]);
    verified(check(displayBlocks('', '-3^2 = -9')));
    // Wrong in both readings: a mismatch.
    mismatch(check(displayBlocks('', '-3^2 = 6'))[0], 'value');
  });
});

// Idioms of held-out batches AB to AE and of two hunts for false alarms on unseen notes (this stop's
// JUDGING-AB.md to -AE.md): each is correct as its notes mean it, and none is a mismatch; the same
// claims written wrong still are, where the checker can tell.
import * as assert from 'node:assert/strict';
import { check, directive, displayBlocks, mismatch, paragraphs, verified } from '../../support/claims';
import { parseChain } from '../../../src/engine/parse/parser';
import { describe as describeNode } from '../../../src/engine/semantics/describe';

/** How the parser reads `latex`, as the checker describes it. */
function describeParsed(latex: string): string {
  const parsed = parseChain(latex);
  assert.ok(parsed.ok);
  return describeNode(parsed.chain.members[0]);
}

const find = (text: string, claim: string) => check(text).find((f) => f.text === claim);

describe('held-out notes, batches AB to AE', () => {
  it('reads \\cos 2\\theta as cos(2θ), the argument a number times letters, as in print', () => {
    verified(check(displayBlocks('', '\\cos 2\\theta = \\cos^2\\theta - \\sin^2\\theta')));
    verified(check(displayBlocks('', '\\sin 2x = 2\\sin x\\cos x')));
    mismatch(check(displayBlocks('', '\\sin 2x = \\sin x\\cos x'))[0]);
  });

  it('does not check claims in i where the text makes i the imaginary unit, nor any that fails in such a text', () => {
    const text = paragraphs('', 'Here, $i$ denotes the imaginary unit, satisfying $i^2 = -1$.', '$$e^{i\\theta} = \\cos\\theta + i\\sin\\theta$$', '$$|z| = \\sqrt{x^2 + y^2}$$');
    const findings = check(text);
    assert.deepEqual(findings.filter((f) => f.verdict === 'mismatch' || f.verdict === 'verified'), []);
    assert.equal(findings.find((f) => f.text.startsWith('e^{i'))?.evidence.reason, 'complex numbers');
    // Without the declaration, i is a variable like any other.
    assert.notEqual(find(paragraphs('', '$$e^{i\\theta} = \\cos\\theta + i\\sin\\theta$$'), 'e^{i\\theta} = \\cos\\theta + i\\sin\\theta')?.evidence.reason, 'complex numbers');
  });

  it('does not take a Gaussian’s μ and σ for batch normalization, but the batch’s μ_B and σ_B', () => {
    const gaussian = check(displayBlocks('', 'f = \\frac{1}{\\sigma \\sqrt{2 \\pi}} e^{- \\frac12 (\\frac{x - \\mu}{\\sigma})^2}', '\\sigma^2 = \\frac{1}{k}'));
    assert.ok(gaussian.every((f) => f.evidence.model !== 'batchnorm'), JSON.stringify(gaussian.map((f) => f.evidence.model)));
    const batch = check(displayBlocks('# Batch normalization\n\n', '\\mu_B = \\frac{1}{m}\\sum_{i=1}^{m} x_i', '\\sigma_B^2 = \\frac{1}{m-1}\\sum_{i=1}^{m} (x_i - \\mu_B)^2'));
    mismatch(batch[0], 'slip', /unbiased/);
  });

  it('takes "when ŷ_i = 1" for a case, not a value of every ŷ_i; a labelled name (D_x = 4) is still given', () => {
    const text = paragraphs('', '$$\\widehat{y} = \\frac{1}{1+e^{-z}}$$', 'When $\\widehat{y}_i = 0$ the cost is 0; when $\\widehat{y}_i = 1$ it is large.', '$$\\log(\\widehat{y}_i) = \\log\\frac{1}{1+e^{-z}}$$');
    assert.deepEqual(check(text).filter((f) => f.verdict === 'mismatch'), []);
    verified(check(paragraphs('', 'We have $D_x = 4$.', '$$D_x + 1 = 5$$')));
  });

  it('reads a known function defined with a parameter of its own (softplus with β) as the text’s own variant', () => {
    const [finding] = check(displayBlocks('', '\\text{softplus}(x) = \\frac{1}{\\beta} \\log(1 + e^{\\beta x})'));
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.evidence.reason, 'redefinition');
    mismatch(check(displayBlocks('', '\\text{softplus}(x) = \\log(1 + e^{2x})'))[0]);
  });

  it('does not decide a claim that holds only for positive values (a scale given through its square), and says so', () => {
    const [finding] = check(displayBlocks('', '\\sqrt{\\tau^2}\\sqrt{\\alpha^2} = \\tau\\alpha'));
    assert.equal(finding.evidence.reason, 'sign');
    assert.match(finding.message, /holds when τ, α are positive/);
    mismatch(check(displayBlocks('', '\\sqrt{\\tau^2} = -\\tau'))[0]);
  });

  it('reads "only if $…$", "If $m = 1$ then $…$" and "is if $$x = \\mu$$" as conditions, which define nothing', () => {
    assert.equal(find(paragraphs('', 'It is clear that $\\|z\\|\\|x\\| = \\|z\\|$ only if $\\|x\\| = 1$.'), '\\|z\\|\\|x\\| = \\|z\\|')?.evidence.reason, 'premise');
    assert.equal(find(paragraphs('', 'Let $J = rI + N$.', 'If $m=1$ then $J=[r]$, and so on.'), 'J=[r]')?.evidence.reason, 'premise');
    const solution = paragraphs('', 'The only way for it to be zero is if', '$$x = \\mu$$', '$$(1 - \\frac{(x - \\mu)^2}{\\sigma^2}) = 0$$');
    assert.deepEqual(check(solution).map((f) => f.evidence.reason), ['premise', 'condition']);
  });

  it('does not take a side fixed by values given for a prior for the same names in a posterior', () => {
    const text = paragraphs('', 'A relatively uninformative prior, setting $\\alpha=1, \\beta=1$.', 'The posterior mode is', '$$\\frac{\\alpha - 1}{\\beta} = \\frac{n+1 - 1}{n\\bar{y} + 1}$$');
    assert.equal(find(text, '\\frac{\\alpha - 1}{\\beta} = \\frac{n+1 - 1}{n\\bar{y} + 1}')?.evidence.reason, 'condition');
  });

  it('reads \\mathbf{rank} as an operator, not a product of bold letters', () => {
    const [finding] = check(paragraphs('', 'Let $A$ have $\\mathbf{rank}~A=n$.'));
    assert.notEqual(finding?.verdict, 'mismatch');
    assert.match(finding?.message ?? '', /rank/);
  });

  it('reads the vector form right after a definition of the entries (ŷ_i = X_iβ, then ŷ = Xβ) as that definition again', () => {
    assert.deepEqual(check(displayBlocks('', '\\hat{y_i} = X_i\\beta', '\\hat{y} = X\\beta')).filter((f) => f.verdict === 'verified'), []);
    mismatch(check(displayBlocks('', '\\hat{y_i} = X_i\\beta', '\\hat{y} = 2X\\beta')).pop()!);
  });

  it('reads a list written in a line and transposed, as a whole side, as the column it stands for', () => {
    verified(check(paragraphs('', 'Let $\\mathbf{v} = [4, 1, 2]^T$ and $\\mathbf{y} = [2, 2, 1]^T$.', '$$\\mathbf{v}^T\\mathbf{y} = 12$$')));
  });
});

describe('differentials', () => {
  const declared = 'Let $x \\in \\mathbb{R}^n$ and $A \\in \\mathbb{R}^{n \\times n}$.';

  it('checks d(E) = … as the derivative of E along the directions dx, dA', () => {
    verified(check(paragraphs('', declared, '$$d(x^\\top x) = 2x^\\top dx$$', '$$d(x^\\top A x) = x^\\top (A + A^\\top) dx$$')), 2);
    mismatch(check(paragraphs('', declared, '$$d(x^\\top A x) = 2x^\\top A\\, dx$$')).pop()!);
    verified(check(paragraphs('', declared, '$$d(A^3) = dA\\,A^2 + A\\,dA\\,A + A^2\\,dA$$')));
  });

  it('takes du of a defined u as its derivative (u = 3x², du = 6x dx), and says which factor is off', () => {
    verified(check(paragraphs('', 'Let $u = 3x^2$.', '$$du = 6x\\,dx$$')));
    const wrong = check(paragraphs('', 'Let $u = 3x^2$.', '$$du = 3x\\,dx$$')).pop()!;
    mismatch(wrong, 'factor');
    assert.doesNotMatch(wrong.message, /differential-step/);
  });

  it('never verifies a matrix differential on scalars, and reads no differentials where no d takes a derivative', () => {
    // A square matrix, as its notation gives it (dA in A's shape): 3A²dA is the scalars' rule only.
    const power = check(displayBlocks('', 'd(A^3) = 3A^2\\,dA'))[0];
    assert.equal(power.verdict, 'mismatch', power.message);
    assert.match(power.message, /with the shapes the notation gives \(A a square matrix\)/);
    verified(check(displayBlocks('', 'd(A^2) = A\\,dA + dA\\,A')));
    // Backprop's names for gradients, and a vector named d.
    assert.notEqual(check(displayBlocks('', 'dW = X^\\top dZ'))[0].verdict, 'verified');
    assert.notEqual(check(displayBlocks(directive('model=mlp'), 'd(y - \\hat y) = 0'))[0]?.evidence.reason, 'shapes unknown');
  });
});

describe('steps of solving, and solutions', () => {
  it('takes "a saddle point at $v = 0$" after 3v² = 0 as its solution, which gives v no value', () => {
    const text = paragraphs('', 'The first order condition gives $3v^{2}=0$, a saddle point at $v=0$.', 'For $g(w)=e^{w}$ the condition gives $e^{v}=0$.');
    const findings = check(text);
    assert.equal(findings.find((f) => f.text === 'v=0')?.evidence.reason, 'solving');
    assert.notEqual(findings.find((f) => f.text === 'e^{v}=0')?.verdict, 'mismatch');
  });

  it('reads one free name set to another ("the maximum at $x = \\mu$") as a point, not a formula for x', () => {
    const findings = check(paragraphs('', 'We expect the maximum at $x = \\mu$.', '$$(1 - \\frac{(x - \\mu)^2}{\\sigma^2}) = 0$$'));
    assert.deepEqual(findings.map((f) => f.evidence.reason), ['condition', 'condition']);
    verified(check(paragraphs('', 'Let $u = 3x$.', '$$u + x = 4x$$')));
  });

  it('keeps a value given to a name a value (x = -2), and a later step of a chain a claim', () => {
    const findings = check(paragraphs('', '$x = -2$ gives the minimum.', 'By the formula $x = -\\frac{b}{2a}$.'));
    assert.notEqual(findings.find((f) => f.text === 'x = -\\frac{b}{2a}')?.evidence.reason, 'solving');
    mismatch(check(paragraphs('', '$$m = \\frac{(x+h)^2-x^2}{(x+h)-x} = \\frac{x^2 + h^2 + 2xh -x^2}{x-x -h}$$')).pop()!);
  });
});

describe('unseen notes: hunts 3 and 4', () => {
  it('goes on from a row’s claim, not from the reason given beside it after \\because', () => {
    const text = displayBlocks('', '\\begin{aligned} \\frac{dz}{dw_1} &= \\frac{d}{dw_1}(w_1 x_1 + w_2 x_2 + b) \\quad \\because z = w_1 x_1 + w_2 x_2 + b \\\\ &= x_1 + 0 + 0 \\end{aligned}');
    assert.deepEqual(check(text).filter((f) => f.verdict === 'mismatch'), []);
  });

  it('reads g_{linear}(z) = z as a named function’s definition, not a product', () => {
    assert.deepEqual(check(displayBlocks('', 'g_{linear}(z) = z')), []);
  });

  it('reads a primed name with a subscript before parentheses (g′_j(z_j)) as a derivative applied, not a product', () => {
    const [finding] = check(displayBlocks('', "\\delta_j = g'_j(z_j) \\sum_k \\delta_k w_{jk}"));
    assert.equal(finding?.verdict, 'unsupported');
    assert.doesNotMatch(finding!.message, /differ/);
    assert.match(describeParsed("g'_j(z_j)"), /^g′\(z_j\)$/);
  });

  it('does not decide one letter with subscripts that name (S_t = S_b + S_w), nor a trace written δ_ii', () => {
    const scatter = paragraphs('', 'In practice $S_w=U\\Sigma V^T$ and $S_w^{-1}=V\\Sigma^{-1}U^T$.', '$S_t$ is the global scatter matrix', '$$S_t=S_b+S_w$$');
    assert.equal(find(scatter, 'S_t=S_b+S_w')?.evidence.reason, 'notation');
    assert.equal(check(displayBlocks('', '\\delta_{ii} = n'))[0].evidence.reason, 'implicit sum');
    // Index letters stay indices.
    verified(check(displayBlocks(directive('model=mlp'), '\\frac{\\partial z_i}{\\partial b_j} = \\delta_{ij}')));
  });

  it('reads a Jacobian written at the example point the text gives (x = [1, 2]^T) at that point', () => {
    const jacobian = '\\mathbf{J} = \\begin{bmatrix} 2x_1 & 1 \\\\ x_2 & x_1 \\end{bmatrix} = \\begin{bmatrix} 2 & 1 \\\\ 2 & 1 \\end{bmatrix}';
    const findings = check(paragraphs('', 'Input: a vector (e.g., $\\mathbf{x} = [1, 2]^T$).', `Result: $${jacobian}$`));
    assert.deepEqual(findings.filter((f) => f.verdict === 'mismatch'), []);
  });
});

describe('unseen notes: hunts 5 and 6', () => {
  it('reads an expression set to a number in the text’s own model as an equation it solves (a characteristic equation, a boundary condition)', () => {
    const text = paragraphs('', 'With $k = 2 + \\lambda^2 h^2$ the system gives', '$$k^2 - 4k + 3 = 0$$', '$$(k-3)(k-1) = 0$$');
    const findings = check(text);
    assert.deepEqual(findings.filter((f) => f.verdict === 'mismatch'), []);
    assert.ok(findings.some((f) => f.evidence.reason === 'condition'), JSON.stringify(findings.map((f) => f.message)));
  });

  it('reads the equation after "let’s consider the ODE" as the problem to solve', () => {
    const finding = check(paragraphs('', 'For example, let’s consider the ODE', '$$y^{\\prime\\prime} + x y^{\\prime} - x y = 2 x$$')).pop();
    assert.equal(finding?.evidence.reason, 'premise');
    // "Consider the function" introduces a definition, not a problem.
    assert.deepEqual(check(paragraphs('', 'Consider the function', '$$f(x) = x^2 + 1$$')), []);
  });

  it('takes a letter declared a vector after a function of that letter (a(x) = kx + b, then a ∈ ℝⁿ) as the vector', () => {
    const text = paragraphs('', 'In one dimension $a(x) = kx + b$.', 'Now let $a \\in \\mathbb{R}^n$ and $x \\in \\mathbb{R}^n$.', '$$\\frac{\\partial}{\\partial x} a^Tx = a$$');
    verified(check(text).filter((f) => f.text.startsWith('\\frac')));
  });

  it('reads a gradient set to zero at the end of a derivation as the condition to solve', () => {
    const text = paragraphs('', 'Let $X \\in \\mathbb{R}^{4 \\times 3}$, $y \\in \\mathbb{R}^4$ and $w \\in \\mathbb{R}^3$.', '$$\\frac{\\partial}{\\partial w} \\|y - Xw\\|^2 = -2X^Ty + 2X^TXw = 0$$');
    const findings = check(text);
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'unsupported']);
    assert.equal(findings[1].evidence.reason, 'condition');
  });

  it('does not guess whether e^{A} of a matrix is the matrix exponential or entrywise', () => {
    const findings = check(paragraphs('', 'Let $A \\in \\mathbb{R}^{2 \\times 2}$.', '$$e^{A}e^{2A} = e^{3A}$$'));
    assert.equal(findings.pop()?.verdict, 'unsupported');
    // A vector's exponential is entrywise, as softmax writes it.
    verified(check(paragraphs('', 'Let $z \\in \\mathbb{R}^3$.', '$$e^{z} \\odot e^{z} = e^{2z}$$')));
  });
});

describe('held-out notes, batch AK', () => {
  it('reads D_{JSD}[p, q] as a divergence written with brackets, not D times a vector', () => {
    const [finding] = check(displayBlocks('', 'D_{\\textrm{JSD}}[p,q] = D_{\\textrm{JSD}}[q,p]'));
    assert.equal(finding.verdict, 'unsupported');
    assert.match(finding.message, /a divergence/);
  });

  it('takes σ for what a later section defines it as (softmax), not the sigmoid of an earlier one, where there is no built-in model', () => {
    const text = paragraphs('', '$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$', '$$\\sigma\'(x) = \\sigma(x)(1 - \\sigma(x))$$', '## Softmax', '$$\\sigma(x) = \\frac{e^{x_i}}{\\sum_{j=1}^K e^{x_j}}$$', '$$\\sigma\'(x) = \\sigma(x) \\cdot (1 - \\sigma(x))$$');
    const findings = check(text);
    assert.equal(findings[0].verdict, 'verified');
    const last = findings.pop()!;
    assert.equal(last.verdict, 'unsupported');
    assert.match(last.message, /σ is defined above as/);
  });

  it('reads ‖e‖ as the norm of a vector named e, not of Euler’s number', () => {
    const [finding] = check(paragraphs('', 'Each entity embedding has $|| e||_2 = 1$.'));
    assert.equal(finding.verdict, 'unsupported');
    verified(check(displayBlocks('', '|e^{x}| = e^{x}')));
  });
});


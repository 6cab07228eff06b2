// Equations that claim no identity, in free variables: values given to the document's symbols, equations
// to solve, and new definitions of a name the document defined before. None is ever a mismatch.
import * as assert from 'node:assert/strict';
import { check, mismatch, only, paragraphs, verified } from '../../support/claims';
import { expressionOf } from '../../support/parsed';
import { notAnIdentity } from '../../../src/engine/check/non-identities';
import { checkLatex } from '../../../src/engine';
import { show } from '../../../src/engine/parse/print';
import { memberOf } from '../../../src/engine/check/links';

const each = (...lines: string[]) => check(paragraphs('', ...lines.map((l) => `$${l}$`)));

describe('given values', () => {
  it('takes a number for a subscripted or indexed symbol as given, not as a claim', () => {
    assert.deepEqual(each('w_i = 0.5', 'D_x = 4', 'p_{ui} = 0', 'x = 10', 'r = 2\\pi'), []);
  });

  it('keeps a built-in model’s size a claim about the size the data gives', () => {
    const findings = check('<!-- derivcheck: model=batchnorm -->\n\nThe batch is $x = (1, 7, 7, 9)$, so $m = 4$ and $m = 5$.\n');
    assert.deepEqual(findings.map((f) => [f.text, f.verdict]), [['m = 4', 'verified'], ['m = 5', 'mismatch']]);
  });
});

describe('conditions: equations to solve', () => {
  it('reports an equation whose one side varies and the other is a number as not checked, a condition on its unknowns', () => {
    for (const [latex, unknowns] of [['2x = 6', 'x'], ['x - 112 = -108', 'x'], ['a^2 + b = 0', 'a, b']]) {
      const finding = only(each(latex));
      assert.equal(finding.verdict, 'unsupported', latex);
      assert.equal(finding.message, `not checked: a condition on ${unknowns} (an equation to solve), not an identity`);
      assert.equal(finding.evidence.reason, 'condition');
    }
  });

  it('reads f(c) = 0 after f was defined as an equation to solve for c, not as a new f', () => {
    const [condition, value] = each('f(x) = x^2 - 1', 'f(c) = 0', 'f(2) = 3');
    assert.equal(condition.message, 'not checked: a condition on c (an equation to solve), not an identity');
    verified([value]);
  });

  it('takes numbers for the leaves of the document’s own model as given, and an equation in them as one to solve', () => {
    const text = '<!-- derivcheck: model=custom -->\n\n$h = w_1 u + w_2$, $o = \\tanh(h)$\n\n$w_1 = 0.15$, $w_2 = 0.2$\n\n$2u = 6$\n';
    const findings = check(text);
    assert.deepEqual(findings.map((f) => [f.text, f.evidence.reason]), [['2u = 6', 'condition']]);
  });

  it('still checks a built-in model’s optimality condition (ridge: 2Aᵀ(Ax − b) + 2λx = 0 at x*)', () => {
    const finding = only(check('<!-- derivcheck: model=ridge -->\n\n$2A^\\top(Ax - b) + 2\\lambda x = 0$\n'));
    assert.equal(finding.verdict, 'verified', finding.message);
  });

  it('still checks an identity whose sides are both constant, and a derivative equal to a constant one', () => {
    verified(each('\\sin^2 x + \\cos^2 x = 1'));
    mismatch(only(each('\\sin^2 x + \\cos^2 x = 2')));
    mismatch(only(each('\\frac{d}{dx} 3x = 2')));
  });

  it('leaves a step of a chain to the chain: 2x = 6 inside a = … = … is checked as a step', () => {
    const findings = each('2x + 4x = 6x = 6');
    assert.equal(findings[0].verdict, 'verified');
  });
});

describe('new definitions of the document’s own names', () => {
  it('takes f(x) = sin x after f(x) = x² as a new definition, said once, used from there on', () => {
    const [redefinition, claim] = each('f(x) = x^2', 'f(x) = \\sin x', 'f(\\pi/2) = 1');
    assert.equal(redefinition.verdict, 'unsupported');
    assert.equal(redefinition.message, 'not checked: a new definition of f(x), which differs from the one before; it holds from here on');
    assert.equal(redefinition.evidence.reason, 'redefinition');
    verified([claim]);
  });

  it('reads := as a definition too', () => {
    const [redefinition, claim] = each('h(x) \\coloneqq x + 1', 'h(x) \\coloneqq 2x', 'h(3) = 6');
    assert.equal(redefinition.evidence.reason, 'redefinition');
    verified([claim]);
  });

  it('checks another form of the same definition as a claim, and says nothing of a definition written again', () => {
    verified(each('f(x) = x^2', 'f(x) = x \\cdot x'));
    assert.deepEqual(each('g = a + b', 'g = a + b'), []);
  });

  it('takes a node of the document’s own model written otherwise under the next exercise’s label as a new definition', () => {
    const problem = (label: string) => check(`<!-- derivcheck: model=custom -->\n\n${label} Let $y = e^{x^2}$.\n\n$\\frac{dy}{dx} = 2x e^{x^2}$\n\n- ${label.replace('1', '2')} Differentiate $y = \\sin(x^2)$.\n`);
    for (const label of ['(問 1)', '**Problem 1.**', 'Exercise 1:', 'Q1.']) {
      const findings = problem(label);
      verified([findings[0]]);
      assert.equal(findings[1].evidence.reason, 'redefinition', `${label}: ${findings[1].message}`);
    }
    // Without a label it restates the node, and wrongly.
    mismatch(check('<!-- derivcheck: model=custom -->\n\nLet $y = e^{x^2}$.\n\n$\\frac{dy}{dx} = 2x e^{x^2}$\n\nHence $y = \\sin(x^2)$.\n')[1]);
  });

  it('keeps a model’s quantity a claim: a wrong ŷ in the MLP is a mismatch', () => {
    const findings = check('<!-- derivcheck: model=mlp -->\n\n$\\hat y = C\\sigma(z) - d$\n');
    mismatch(only(findings));
  });
});

describe('equations whose sides do not share their variables', () => {
  it('reports a lone equation relating different variables as a condition, not a mismatch', () => {
    for (const latex of ['|x| = c', 'x + y = z', 'A\\nu = \\lambda \\nu', 'x^2 + y^2 = c']) {
      const finding = only(each(latex));
      assert.equal(finding.verdict, 'unsupported', latex);
      assert.equal(finding.evidence.reason, 'condition', latex);
      assert.match(finding.message, /^not checked: a condition relating .+ to .+ \(an equation to solve or a case\), not an identity/);
    }
  });

  it('also inside a chain: g(x, y) = x^2 + y^2 = c defines g, then states a condition', () => {
    const finding = only(each('g(x, y) = x^2 + y^2 = c'));
    assert.equal(finding.evidence.reason, 'condition');
  });

  it('still flags a side that drops a variable, and an identity that fails in shared variables', () => {
    mismatch(only(each('\\frac{d}{dx}(x^2 y) = 2x')));
    mismatch(only(each('(a + b)^2 = a^2 + b^2')));
  });

  it('keeps an equation that holds for every value verified, whatever its variables', () => {
    verified(each('(a + b)^2 - b^2 = a^2 + 2ab'));
  });

  it('reads a symbol on both sides (b = b + Δb) as an update, and a number equal to a varying side as a condition', () => {
    const update = only(each('b = b + \\Delta b'));
    assert.equal(update.evidence.reason, 'update');
    assert.equal(update.message, 'not checked: b is on both sides, so this is an update or an equation to solve, not an identity');
    assert.equal(only(each('1 = 2\\lambda y')).evidence.reason, 'condition');
  });

  it('reads a step to a number inside a worked example (“at x = 3”) as an evaluation, and checks the rest', () => {
    const [derivative, evaluation] = each('\\frac{d}{dx} x^2 = 2x = 6');
    verified([derivative]);
    assert.equal(evaluation.verdict, 'unsupported');
    assert.equal(evaluation.evidence.reason, 'evaluation');
    assert.equal(evaluation.message, 'not checked: 6 is 2x at values of x the math does not give (given in words?), or an equation to solve; not an identity');
  });

  it('takes a family defined again (p_i = e^{λ−1}, then p_i = 1/n) as a new definition', () => {
    const [redefinition] = each('p_i = e^{\\lambda - 1}', 'p_i = \\frac{1}{n}');
    assert.equal(redefinition.evidence.reason, 'redefinition');
  });
});

describe('values stated in a section', () => {
  it('holds a value in its own section only: β = 0.75 of one section is not the next one’s β', () => {
    const text = '## A\n\nHere $\\beta = 0.75$ and $2\\beta = 1.5$.\n\n## B\n\n$\\beta + \\beta = 2\\beta$\n\n$\\beta = 3$, $2\\beta = 6$\n';
    const findings = check(text);
    assert.deepEqual(findings.map((f) => [f.text, f.verdict]), [['2\\beta = 1.5', 'verified'], ['\\beta + \\beta = 2\\beta', 'verified'], ['2\\beta = 6', 'verified']]);
  });
});

describe('a vector written whole and by its entries', () => {
  it('does not decide a step whose truth depends on a length the document never gives', () => {
    const link = { left: memberOf(expressionOf('(1 + \\mathbf x^\\top \\mathbf y)^2')), right: memberOf(expressionOf('(1 + x_1 y_1 + x_2 y_2)^2')), op: '=' as const, opLoc: { start: 0, end: 0 }, fromPrevious: true };
    const scope = { model: null, sigmas: [], sigmaChosen: false, definitions: new Map() };
    assert.equal(notAnIdentity(link, scope, 'differ')?.message, 'not decided: x and its numbered entries are both written, and the length of x is not given (declare it with a shapes directive)');
  });
});

describe('assignments, increments and properties (held-out notes)', () => {
  it('reads := of a name no model trains, and x := x + tΔx, as assignments', () => {
    for (const latex of ['\\mathbf{x} := \\mathbf{x} + t\\Delta \\mathbf{x}', 't := \\beta t']) {
      const finding = only(each(latex));
      assert.equal(finding.verdict, 'unsupported', latex);
      assert.equal(finding.evidence.reason, 'update', latex);
    }
  });

  it('reads β^{(t+1)} = β^{(t)} − η∇L(β^{(t)}) of a name no model trains as an iteration, not a power of β', () => {
    for (const latex of ['\\beta^{(t+1)} = \\beta^{(t)} - \\eta \\frac{d}{d \\beta} L(\\beta^{(t)})', 'x^{(t+1)} = x^{(t)} - 2\\eta x^{(t)}']) {
      const finding = only(each('L(\\beta) = \\beta^2', latex));
      assert.equal(finding.evidence.reason, 'update', latex);
      assert.match(finding.message, /^not checked: (β|x) is on both sides/);
    }
    const mlp = only(check('<!-- derivcheck: model=mlp -->\n\n$b^{(t+1)} = b^{(t)} + \\alpha \\nabla_b L$\n'));
    assert.equal(mlp.evidence.diagnosis, 'ascent', 'a model’s parameter is still checked as its update');
  });

  it('reads k/n = p of free variables as a condition: a size letter is a variable like any other there', () => {
    const finding = only(each('k/n=p'));
    assert.equal(finding.evidence.reason, 'condition');
    assert.match(finding.message, /a condition relating k, n to p/);
  });

  it('reads Δx as one name, the increment: Δx = −∇f(x) defines it', () => {
    assert.deepEqual(each('\\Delta \\mathbf{x} = -2\\mathbf{x}'), []);
    assert.equal(only(each('b = b + \\Delta b')).evidence.reason, 'update');
  });

  it('reads Q⁻¹ = Qᵀ as a property assumed of Q, and n = m = 2 as values given', () => {
    assert.equal(only(each('Q^{-1} = Q^T')).evidence.reason, 'condition');
    const findings = each('n = m = 2');
    assert.ok(findings.every((f) => f.verdict !== 'mismatch'), JSON.stringify(findings.map((f) => f.message)));
  });

  it('reads x_k = (x_k − μ_B)/√(σ_B² + ε) in batchnorm as the batch normalised in place, not a claim', () => {
    const finding = only(check('<!-- derivcheck: model=batchnorm -->\n\n$x_k = \\frac{x_k - \\mu_B}{\\sqrt{\\sigma^2_B + \\epsilon}}$\n'));
    assert.equal(finding.evidence.reason, 'update');
  });
});

describe('definitions hold in their problem', () => {
  it('forgets an exercise’s f(x) in the next problem: f is generic there again', () => {
    const text = '# A\n\n## Exercise\n\n$f(x) = x^2 - 2x - 5$, so $\\frac{df}{dx} = 2x - 2$.\n\n# B\n\n$\\frac{df}{dx} = 2x - 2$\n';
    const [inExercise, later] = check(text);
    verified([inExercise]);
    assert.equal(later.verdict, 'unsupported');
  });

  it('keeps it for the other parts of the same problem', () => {
    const text = '# Problem\n\n## (a)\n\n$f(x) = x^2$\n\n## (b)\n\n$\\frac{df}{dx} = 2x$\n';
    verified(check(text));
  });
});

describe('what claims nothing, written again (held-out batch D)', () => {
  it('takes X^⊤X = D after D = X^⊤X, and y = y(x), as restatement and notation: no finding', () => {
    assert.deepEqual(each('D = a^2 + b', 'a^2 + b = D'), []);
    assert.deepEqual(each('y = y(x)'), []);
  });

  it('says nothing of σ(x) = 1/(1 + e^{−x}) written again, and compares a new p(x) in its form, not at an example’s values', () => {
    assert.deepEqual(each('\\sigma(x) = \\frac{1}{1+e^{-x}}', '\\sigma(x) = \\frac{1}{1+e^{-x}}'), []);
    const [redefinition] = each('a = \\log 2', 'b = 0', 'p(x) = \\frac{1}{1 + e^{-(\\log 2)x}}', 'p(x) = \\frac{1}{1+e^{-ax-b}}');
    assert.equal(redefinition.evidence.reason, 'redefinition');
  });

  it('does not differentiate a symbol given a value ("y = 0 is a solution")', () => {
    const finding = only(each('y = 0', '\\frac{dy}{dx} = xy'));
    assert.equal(finding.verdict, 'unsupported');
    assert.equal(finding.message, 'y is given the value 0 here, so dy/dx cannot be computed');
  });

  it('reads a derivative equal to numbers, at a point given in words, as an evaluation', () => {
    assert.equal(only(each('\\frac{d}{dx} x^3 = 12')).evidence.reason, 'evaluation');
  });
});

describe('slides and list items are parts of their own (LaTeX)', () => {
  it('keeps what an \\item defines in that item: the next exercise’s ODE is not checked against it', () => {
    const tex = '\\begin{enumerate}\n\\item $\\frac{dy}{dx} = ky$, solved by $y(x) = C e^{kx}$.\n\\item $\\frac{dy}{dx} = -ky$, solved by $y(x) = C e^{-kx}$.\n\\end{enumerate}\n';
    const findings = checkLatex(tex).findings;
    assert.ok(findings.every((f) => f.verdict !== 'mismatch'), JSON.stringify(findings.map((f) => [f.text, f.verdict, f.message])));
  });

  it('keeps what a Beamer frame defines in that frame, and reads {dx}^2 as dx^2', () => {
    const frame = (body: string) => `\\begin{frame}{Example}\n${body}\n\\end{frame}\n`;
    const tex = frame('$y(x) = e^{2x}$ and $\\frac{dy}{dx} = 2y$.') + frame('$\\frac{dy}{dx} = 3y$');
    const [first, other] = checkLatex(tex).findings;
    verified([first]);
    assert.equal(other.verdict, 'unsupported');
    assert.equal(other.message, 'y is not defined here, and no model applies, so dy/dx cannot be computed');
    assert.equal(show(expressionOf('\\frac{d^2y}{{dx}^2}')), show(expressionOf('\\frac{d^2y}{dx^2}')));
  });
});

describe('held-out batch E', () => {
  it('does not decide da^x/dx = K a^x, whose K the left side does not have (a capital size letter elsewhere)', () => {
    assert.equal(only(each('\\frac{da^x}{dx} = Ka^x')).evidence.reason, 'new variable');
  });

  it('reads k(a) = 1, a function that ignores its variable, as an equation, not a definition of k', () => {
    const [condition, later] = each('k(a) = 1', 'a^x = e^{k(a) x}');
    assert.equal(condition.verdict, 'unsupported');
    assert.equal(later.verdict, 'unsupported');
  });
});

describe('definitions of known functions', () => {
  it('takes a known function written as its standard formula as a definition, with no finding', () => {
    assert.deepEqual(each('\\text{ReLU}(x) = \\max(0, x)', '\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}'), []);
  });

  it('keeps a wrong one a claim, and one relating it to another activation an identity to check', () => {
    mismatch(only(each('\\text{ReLU}(x) = \\max(1, x)')));
    verified(each('\\tanh(z) = 2\\sigma(2z) - 1'), 1);
  });

  it('takes f(w) = f(x, y) = x² + y² + xy as f’s definition, and checks its gradient written beside it', () => {
    const findings = check('$$\nf(\\mathbf{w}) = f(x, y) = x^2 + y^2 + x y\\\\\n\\begin{bmatrix} \\partial f / \\partial x \\\\ \\partial f / \\partial y\\end{bmatrix} = \\begin{bmatrix} 2 x + 1\\\\ 2 y + 1\\end{bmatrix}\n$$\n');
    assert.ok(!findings.some((f) => f.text.startsWith('f(x, y) =')), 'the definition is no claim');
    mismatch(findings[findings.length - 1], 'differ', /expected \(−?[\d.]+, −?[\d.]+\)ᵀ/);
    const right = check('$$f(\\mathbf{w}) = f(x, y) = x^2 + y^2 + x y$$\n\n$$\\frac{\\partial f}{\\partial x} = 2x + y$$\n');
    verified([right[right.length - 1]]);
  });

  it('takes a name, the function, then its formula as definitions, whatever the argument stands for: p̂_i = σ(z_i) = 1/(1 + e^{−z_i})', () => {
    assert.deepEqual(each('z_i = w x_i', '\\hat p_i = \\sigma(z_i) = \\frac{1}{1 + e^{-z_i}}', 'h = \\tanh(u) = \\frac{e^u - e^{-u}}{e^u + e^{-u}}'), []);
    mismatch(only(each('\\hat p = \\sigma(z) = \\frac{1}{1 + e^{z}}')));
    const chosen = only(check('<!-- derivcheck: sigma=tanh -->\n\n$\\hat p = \\sigma(z) = \\frac{1}{1 + e^{-z}}$\n'));
    assert.equal(chosen.verdict, 'mismatch', 'once a directive chose σ, its formula is a claim about that σ');
  });
});

describe('a sum written two ways', () => {
  it('is notation whatever its index is called, and with a term beside it (an ellipsis on one side, Σ on the other)', () => {
    for (const claim of ['\\sum_{i=1}^n x_i = \\sum_{j=1}^n x_j', 'w_1x_1 + ... + w_mx_m + b = \\sum_{l=1}^{m} w_l x_l + b']) {
      const [finding] = check(`$$${claim}$$\n`);
      assert.equal(finding.verdict, 'unsupported', `${claim}: ${finding.message}`);
      assert.match(finding.message, /the same expression written two ways \(notation\)/);
    }
    // A different sum is no notation.
    assert.doesNotMatch(check('$$\\sum_{i=1}^n x_i^2 = \\sum_{j=1}^n x_j$$\n')[0].message, /written two ways/);
  });
});

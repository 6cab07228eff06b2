import * as assert from 'node:assert/strict';
import { checkDocument, checkText } from '../../../src/engine';
import { MLP } from '../../../src/engine/models/mlp';
import { check, directive, displayMath, mismatch, only, verified } from '../../support/claims';
import { symbolOf } from '../../support/parsed';

/** Display math (one `$$` block; several lines make an aligned derivation), after optional directives. */
// Problem 1's claims in a document that names the MLP (model-choice.test.ts and detect.test.ts test finding it).
const doc = (latex: string, settings = '') => displayMath(latex, directive(`model=mlp ${settings}`.trim()));

describe('Problem 1 (a): the derivative of the sigmoid', () => {
  it('verifies d/dz σ(z) = σ(z)(1−σ(z)) and the e^{−z} form, and proves it symbolically', () => {
    const f = only(check(doc('\\frac{d}{dz}\\sigma(z) = \\sigma(z)(1-\\sigma(z))')));
    assert.equal(f.verdict, 'verified');
    verified(check(doc('\\sigma(z)(1-\\sigma(z)) = \\frac{e^{-z}}{(1+e^{-z})^2}')));
    const proved = only(check(doc("\\sigma'(z) = \\frac{e^{-z}}{(1+e^{-z})^2}")));
    assert.equal(proved.verdict, 'verified');
    assert.match(proved.message, /proved symbolically/);
  });

  it('catches σ(z)(1+σ(z))', () => {
    const f = only(check(doc("\\sigma'(z) = \\sigma(z)(1+\\sigma(z))")));
    assert.equal(f.verdict, 'mismatch');
    assert.match(f.message, /claimed .*, expected /);
  });

  it('says a sigmoid-only identity fails for a generic σ', () => {
    mismatch(only(check(doc("\\sigma'(z) = \\sigma(z)(1-\\sigma(z))", 'sigma=generic'))), 'sigmoid-only', /holds when σ is the sigmoid/);
  });

  it('checks ReLU and tanh when selected', () => {
    verified(check(doc("\\sigma'(z) = \\mathbb{1}[z > 0]", 'sigma=relu')));
    verified(check(doc("\\sigma'(z) = 1 - \\tanh^2(z)", 'sigma=tanh')));
    verified(check(doc("\\sigma'(z) = 1 - \\sigma(z)^2", 'sigma=tanh')));
  });

  it('treats σ(z) = … as a definition that selects σ', () => {
    const findings = checkText('$\\sigma(z) = \\tanh(z)$ and then $\\sigma\'(z) = 1 - \\tanh^2(z)$').findings;
    assert.equal(findings.length, 1);
    assert.equal(findings[0].verdict, 'verified');
  });
});

describe('Problem 1 (b): ∂L/∂d', () => {
  it('verifies the answer in every notation', () => {
    verified(check(doc('\\frac{\\partial L}{\\partial d} = -2(y_{true} - y_{pred})')));
    verified(check(doc('\\frac{\\partial L}{\\partial d} = 2(\\hat y - y)')));
    verified(check(doc('\\frac{\\partial L}{\\partial d} = 2(\\hat{y} - y)')));
    verified(check(doc('\\frac{\\mathrm{d}L}{\\mathrm{d}d} = -2(y_{\\text{true}} - y_{\\text{pred}})')));
    verified(check(doc('\\frac{dL}{dd} = 2(y_{pred} - y_{true})')));
  });

  it('flags a sign error', () => {
    const f = mismatch(only(check(doc('\\frac{\\partial L}{\\partial d} = 2(y_{true} - y_{pred})'))), 'sign', /^sign error/);
    assert.equal(f.target, '∂L/∂d');
  });

  it('flags a missing factor 2', () => {
    mismatch(only(check(doc('\\frac{\\partial L}{\\partial d} = -(y_{true} - y_{pred})'))), 'factor', /off by a factor of 2: the right side is half/);
  });

  it('verifies chain-rule factors as intermediate quantities', () => {
    verified(check(doc('\\frac{\\partial L}{\\partial y_{pred}} = -2(y_{true} - y_{pred})')));
    verified(check(doc('\\frac{\\partial y_{pred}}{\\partial d} = 1')));
    verified(check(doc('\\frac{\\partial L}{\\partial d} = \\frac{\\partial L}{\\partial \\hat y}\\frac{\\partial \\hat y}{\\partial d}')));
  });
});

describe('Problem 1 (c): ∂L/∂C_i', () => {
  it('verifies the answer for every i', () => {
    const f = only(check(doc('\\frac{\\partial L}{\\partial C_i} = -2(y_{true} - y_{pred})\\sigma(z_i)')));
    assert.equal(f.verdict, 'verified');
    assert.ok((f.evidence.evaluations as number) > (f.evidence.points as number), 'several i per point');
  });

  it('flags σ′ where σ is needed', () => {
    mismatch(only(check(doc("\\frac{\\partial L}{\\partial C_i} = -2(y_{true} - y_{pred})\\sigma'(z_i)"))), 'sigma-swap', /^σ′ where σ is needed/);
  });

  it('flags a missing factor 2 and says a counterexample', () => {
    const f = mismatch(only(check(doc('\\frac{\\partial L}{\\partial C_i} = -(y_{true} - y_{pred})\\sigma(z_i)'))), 'factor', /half/);
    assert.match(f.message, /e\.g\. at k=\d, i=\d/);
  });
});

describe('Problem 1 (d): ∂L/∂b_i', () => {
  const right = "-2(y_{true} - y_{pred})C_i\\sigma'(z_i)";
  it('verifies the answer and the chain rule', () => {
    verified(check(doc(`\\frac{\\partial L}{\\partial b_i} = ${right}`)));
    verified(check(doc(`\\frac{\\partial L}{\\partial b_i} = \\frac{\\partial L}{\\partial y_{pred}}\\frac{\\partial y_{pred}}{\\partial \\sigma(z_i)}\\frac{\\partial \\sigma(z_i)}{\\partial z_i}\\frac{\\partial z_i}{\\partial b_i} = ${right}`)));
    verified(check(doc('\\frac{\\partial L}{\\partial b_i} = 2(\\hat y - y)\\,C_i\\,\\sigma(z_i)(1-\\sigma(z_i))')));
  });

  it('flags a sign error', () => {
    mismatch(only(check(doc("\\frac{\\partial L}{\\partial b_i} = 2(y_{true} - y_{pred})C_i\\sigma'(z_i)"))), 'sign', /sign error/);
  });

  it('flags σ where σ′ is needed', () => {
    mismatch(only(check(doc('\\frac{\\partial L}{\\partial b_i} = -2(y_{true} - y_{pred})C_i\\sigma(z_i)'))), 'sigma-swap', /^σ where σ′ is needed/);
  });

  it('flags a missing C_i', () => {
    mismatch(only(check(doc("\\frac{\\partial L}{\\partial b_i} = -2(y_{true} - y_{pred})\\sigma'(z_i)"))), 'missing-factor', /missing a factor C_i/);
  });

  it('verifies the vector form ∇_b L with C^⊤ ⊙ σ′(z)', () => {
    verified(check(doc("\\nabla_b L = -2(y - \\hat y)\\, C^\\top \\odot \\sigma'(z)")));
  });

  it('takes Kronecker deltas and sums over inferred ranges', () => {
    verified(check(doc('\\frac{\\partial z_i}{\\partial b_j} = \\delta_{ij}')));
    // ŷ's own formula is a definition, no claim (model-restatements.ts): the sums are checked as a result.
    verified(check(doc('\\hat y - d = \\sum_{j=1}^{k} C_j \\sigma(z_j)')));
    verified(check(doc('\\hat y - d = \\sum_j C_j \\sigma(z_j)')));
  });
});

describe('Problem 1 (e): ∂L/∂A_i', () => {
  it('verifies the answer', () => {
    verified(check(doc("\\frac{\\partial L}{\\partial A_i} = -2(y_{true} - y_{pred})C_i\\sigma'(z_i)x")));
  });

  it('names the gradient a missing x really is', () => {
    const f = mismatch(only(check(doc("\\frac{\\partial L}{\\partial A_i} = -2(y_{true} - y_{pred})C_i\\sigma'(z_i)"))), 'other-gradient', /this is ∂L\/∂b_i, not ∂L\/∂A_i; ∂L\/∂A_i needs an extra factor x/);
    assert.equal(f.target, '∂L/∂A_i');
  });
});

describe('Problem 1 (f): the gradient-descent update', () => {
  it('verifies every way of writing the step', () => {
    verified(check(doc('b_{t+1} = b_t - \\alpha \\frac{\\partial L}{\\partial b}')));
    verified(check(doc('b^{(t+1)} = b^{(t)} - \\alpha \\nabla_b L')));
    verified(check(doc("b_i^{(t+1)} = b_i^{(t)} + 2\\alpha(y - \\hat y)C_i\\sigma'(z_i)")));
    verified(check(doc('b \\leftarrow b - \\eta \\nabla_b L')));
    verified(check(doc('d_{t+1} = d_t - 2\\alpha(\\hat y - y)')));
  });

  it('flags gradient ascent', () => {
    mismatch(only(check(doc('b_{t+1} = b_t + \\alpha \\frac{\\partial L}{\\partial b}'))), 'ascent', /^this is gradient ascent/);
  });

  it('flags a missing learning rate', () => {
    mismatch(only(check(doc('b_{t+1} = b_t - \\nabla_b L'))), 'learning-rate', /^the learning rate is missing from the update; e\.g\. at k=\d, learning rate=/);
  });
});

describe('claims, chains and definitions', () => {
  it('makes every = of a chain a step, located on its own range', () => {
    const text = '$$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y) = 2(y - \\hat y)$$';
    const findings = checkText(text).findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'mismatch']);
    assert.equal(findings[1].text, '-2(y - \\hat y) = 2(y - \\hat y)');
    assert.equal(findings[1].target, '∂L/∂d');
  });

  it('checks each aligned row against the previous row, located on its row; a row that follows from a wrong one inherits its error', () => {
    const text = [
      '$$',
      '\\begin{aligned}',
      '\\frac{\\partial L}{\\partial b_i} &= -2(y - \\hat y) C_i \\sigma\'(z_i) \\\\',
      '&= -(y - \\hat y) C_i \\sigma\'(z_i) \\\\',
      '&= -(y - \\hat y) C_i \\sigma(z_i)(1 - \\sigma(z_i))',
      '\\end{aligned}',
      '$$',
    ].join('\n');
    const report = checkText(text);
    const rows = report.findings.map((f) => [report.lineMap.position(f.range.start).line, f.verdict]);
    assert.deepEqual(rows, [[3, 'verified'], [4, 'mismatch'], [5, 'unsupported']]);
    assert.equal(report.findings[2].evidence.reason, 'inherited');
    assert.equal(report.findings[1].text, '= -(y - \\hat y) C_i \\sigma\'(z_i)');
  });

  it('treats an equation for a new symbol as a definition, not a claim', () => {
    const findings = checkText('$\\delta = -2(y - \\hat y)$, so $\\frac{\\partial L}{\\partial d} = \\delta$ and $\\frac{\\partial L}{\\partial C_i} = \\delta\\,\\sigma(z_i)$').findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'verified']);
  });

  it('follows a user name for σ(z_i) in chain rules', () => {
    const findings = checkText("$a_i = \\sigma(z_i)$ and $\\frac{\\partial L}{\\partial a_i} = -2(y - \\hat y) C_i$, $\\frac{\\partial a_i}{\\partial z_i} = \\sigma'(z_i)$").findings;
    assert.deepEqual(findings.map((f) => `${f.verdict}: ${f.message}`.slice(0, 8)), ['verified', 'verified']);
  });

  it('checks pure identities without model symbols', () => {
    verified(check(doc('(a+b)^2 = a^2 + 2ab + b^2')));
    const f = only(check(doc('(a+b)^2 = a^2 + b^2')));
    assert.equal(f.verdict, 'mismatch');
  });

  it('accepts ≈ to the precision written', () => {
    verified(check(doc('\\sigma(1) \\approx 0.731')));
    verified(check(doc('\\frac{1}{3} - 2 \\approx -1.667')));
    assert.equal(only(check(doc('\\sigma(1) \\approx 0.74'))).verdict, 'mismatch');
  });

  it('never reads a model claim with an unknown variable as a trivial identity', () => {
    const f = only(check(doc('\\frac{\\partial z}{\\partial w} = 0')));
    assert.equal(f.verdict, 'unsupported');
    assert.match(f.message, /unknown symbol w/);
  });

  it('says unsupported, never verified, for unknown symbols', () => {
    const f = only(check(doc('\\frac{\\partial L}{\\partial w} = -2(y - \\hat y)x')));
    assert.equal(f.verdict, 'unsupported');
    assert.match(f.message, /w/);
  });

  it('reports malformed math as unparsed, with a location and a reason', () => {
    const text = 'Before.\n\n$$\\frac{\\partial L}{\\partial d} = \\frac{1}{$$\n';
    const [f] = checkText(text).findings;
    assert.equal(f.verdict, 'unparsed');
    assert.match(f.message, /^could not parse this math: .*expected/);
    assert.ok(f.range.start >= text.indexOf('$$') && f.range.end <= text.lastIndexOf('$$'), JSON.stringify(f.range));
  });

  it('skips prose math: memberships, inequalities, lone expressions', () => {
    assert.deepEqual(checkText('$A \\in \\mathbb{R}^{k\\times 1}$, $z > 0$, $\\frac{\\partial L}{\\partial d}$').findings, []);
  });

  it('honours ignore-next-line', () => {
    const text = '<!-- derivcheck: ignore-next-line -->\n$\\frac{\\partial L}{\\partial d} = 5$\n\n$\\frac{\\partial L}{\\partial d} = 6$\n';
    const findings = checkText(text).findings;
    assert.equal(findings.length, 1);
    assert.equal(findings[0].text, '\\frac{\\partial L}{\\partial d} = 6');
  });

  it('honours ignore-file anywhere in the file (an exported report): nothing is checked, in Markdown, LaTeX and code', () => {
    const claims = '$\\frac{\\partial L}{\\partial d} = 5$\n\n$2 + 2 = 5$\n';
    assert.deepEqual(checkText(`${claims}\n<!-- derivcheck: ignore-file -->\n`).findings, []);
    assert.deepEqual(checkDocument(`% derivcheck: ignore-file\n${claims}`, 'latex').findings, []);
    assert.deepEqual(checkDocument('# derivcheck: ignore-file\n# dL/dd = 5 * y\n', 'python').findings, []);
    // Words after it are a mistake, said where they are.
    assert.match(checkText(`<!-- derivcheck: ignore-file please -->\n${claims}`).findings[0].message, /^derivcheck directive: expected key=value or ignore-next-line, found 'ignore-file'/);
  });

  it('reports a bad directive instead of ignoring it', () => {
    const [f] = checkText('<!-- derivcheck: sigma=swish -->\n').findings;
    assert.equal(f.verdict, 'unparsed');
    assert.equal(f.message, "derivcheck directive: sigma must be sigmoid|tanh|relu|softplus|gelu|generic, not 'swish'");
  });

  it('is reproducible for a seed', () => {
    const text = '$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$';
    assert.deepEqual(checkText(text, { seed: 5 }).findings, checkText(text, { seed: 5 }).findings);
  });
});

describe('Problem 1: a hidden size the document states', () => {
  it('takes `k = 3` as given (it pins sampling); a second statement of k is a claim, and another value another case', () => {
    const report = checkText('Let $k = 3$.\n\n$\\sum_{i=1}^{3} C_i \\sigma(z_i) + d = \\hat y$\n\n$k = 3$\n\n$k = 4$\n');
    assert.deepEqual(
      report.findings.map((f) => f.verdict),
      ['verified', 'verified', 'unsupported'],
    );
    // A worked example's list of cases (`k = 0`, `k = 1`, `k = 2`) or the next part of a problem.
    assert.equal(report.findings[2].evidence.reason, 'redefinition');
    assert.match(report.findings[2].message, /^not checked: k was given as 3 above, and k = 4 gives it another value/);
    // Without the statement, k varies across the sample points and the sum to 3 is wrong.
    assert.equal(checkText('$\\sum_{i=1}^{3} C_i \\sigma(z_i) + d = \\hat y$\n').findings[0].verdict, 'mismatch');
  });
});

describe('Problem 1: which symbols are the MLP’s', () => {

  it('reads the prediction and the label in their spellings: ŷ, y_{pred}, y_{hat}, y_{predicted}, y_{true}, ypred, ytrue', () => {
    const expected: [string, string | undefined][] = [
      ['\\hat y', 'yhat'],
      ['y_{pred}', 'yhat'],
      ['y_{\\text{Pred.}}', 'yhat'],
      ['y_{hat}', 'yhat'],
      ['y_{\\text{hat}}', 'yhat'],
      ['y_{\\text{predicted}}', 'yhat'],
      ['\\mathrm{ypred}', 'yhat'],
      ['\\mathrm{yhat}', 'yhat'],
      ['y', 'y'],
      ['y_{true}', 'y'],
      ['\\text{ytrue}', 'y'],
    ];
    for (const [latex, key] of expected) assert.equal(MLP.resolveSymbol(symbolOf(latex)), key, latex);
  });

  it('does not read other y’s as the label: ȳ, ỹ, y_{obs}, y_{true label}', () => {
    for (const latex of ['\\bar y', '\\tilde y', 'y_{obs}', 'y_{\\text{true label}}', 'y_{\\text{y-pred}}']) assert.equal(MLP.resolveSymbol(symbolOf(latex)), undefined, latex);
  });

  it('checks a gradient written with y_{hat} and y_{true} as with ŷ and y', () => {
    only(verified(check(doc('\\frac{\\partial L}{\\partial y_{hat}} = -2(y_{true} - y_{hat})'))));
    mismatch(only(check(doc('\\frac{\\partial L}{\\partial d} = 2(y_{true} - y_{hat})'))), 'sign');
  });
});

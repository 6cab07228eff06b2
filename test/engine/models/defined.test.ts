import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { checkFixture, fixtureFiles } from '../../support/fixtures';
import { checkText } from '../../../src/engine';
import { parseShapeSpec, shapeKeyOf } from '../../../src/engine/models/shapes';
import { evidenceOf } from '../../support/evidence';
import { check, directive, displayBlocks, mismatch, only, verified } from '../../support/claims';
import { FIXTURES } from '../../support/paths';

const NET = '<!-- derivcheck: shapes W=3x2 x=2 c=3 v=3 -->\n\nLet $h = \\tanh(Wx + c)$, $\\hat y = v^\\top h$, $L = \\frac12(\\hat y - y)^2$.\n\n';

/** Every claim (one `$$` block each, after `header`) is verified in the document's own model. */
function verifiedInOwnModel(header: string, ...claims: string[]): void {
  for (const f of verified(check(displayBlocks(header, ...claims)), claims.length)) assert.equal(f.evidence.model, 'custom', f.text);
}

describe('user-defined models: the network of the issue', () => {
  it('takes the definitions as the model (no findings for them) and verifies the three gradients', () => {
    assert.deepEqual(checkText(NET).findings, []);
    verifiedInOwnModel(
      NET,
      '\\frac{\\partial L}{\\partial v} = (\\hat y - y)h',
      '\\frac{\\partial L}{\\partial c} = (\\hat y - y)\\, v \\odot (1 - h\\odot h)',
      '\\frac{\\partial L}{\\partial W} = (\\hat y - y)(v\\odot(1-h^2))x^\\top',
    );
  });

  it('differentiates with respect to intermediates and inputs, entries and whole quantities', () => {
    verifiedInOwnModel(
      NET,
      '\\frac{\\partial L}{\\partial \\hat y} = \\hat y - y',
      '\\frac{\\partial L}{\\partial h} = (\\hat y - y)v',
      '\\frac{\\partial L}{\\partial x} = (\\hat y - y)W^\\top(v\\odot(1-h^2))',
      '\\frac{\\partial L}{\\partial W_{ij}} = (\\hat y - y) v_i (1 - h_i^2) x_j',
      '\\frac{\\partial \\hat y}{\\partial v} = h',
    );
    const entries = only(check(displayBlocks(NET, '\\frac{\\partial L}{\\partial W_{ij}} = (\\hat y - y) v_i (1 - h_i^2) x_j')));
    assert.equal(entries.evidence.evaluations, 16 * 6, 'every entry of the 3×2 W at every point');
  });

  it('reads 3×2 with a multiplication sign, and takes a restated definition as a claim', () => {
    verifiedInOwnModel(NET.replace('W=3x2', 'W=3×2'), '\\frac{\\partial L}{\\partial W} = (\\hat y - y)(v\\odot(1-h^2))x^\\top');
    verifiedInOwnModel(NET, 'L = \\frac{1}{2}(y - \\hat y)^2');
    mismatch(only(check(displayBlocks(NET, 'L = (\\hat y - y)^2'))), 'factor', /twice/);
  });

  it('flags a sign error and a factor of 2', () => {
    mismatch(only(check(displayBlocks(NET, '\\frac{\\partial L}{\\partial v} = (y - \\hat y)h'))), 'sign', /^sign error/);
    mismatch(only(check(displayBlocks(NET, '\\nabla_W L = 2(\\hat y - y)(v\\odot(1-h^2))x^\\top'))), 'factor', /twice the correct value/);
  });

  it('names a missing factor as the derivative it is, with a counterexample', () => {
    const f = mismatch(only(check(displayBlocks(NET, '\\frac{\\partial L}{\\partial v} = h'))), 'missing-factor', /^missing a factor ∂L\/∂y\u0302; e\.g\. at .*claimed .*expected/);
    assert.ok(evidenceOf(f, 'missing-factor').counterexample?.claimed.length === 3);
  });

  it('names the gradient a claim really is', () => {
    mismatch(only(check(displayBlocks(NET, '\\frac{\\partial L}{\\partial c} = (\\hat y - y)\\, v'))), 'other-gradient', /^this is ∂L\/∂h, not ∂L\/∂c/);
  });

  it('explains a transposed outer product by its shapes', () => {
    const f = mismatch(only(check(displayBlocks(NET, '\\frac{\\partial L}{\\partial W} = (\\hat y - y)x(v\\odot(1-h^2))^\\top'))), 'shape', /the left side is a 3×2 matrix but the right side is a 2×3 matrix; the right side is the transpose of the correct value/);
    assert.equal(evidenceOf(f, 'shape').transposed, true);
  });

  it('explains a product of incompatible shapes by naming them', () => {
    const f = only(check(displayBlocks(NET, '\\frac{\\partial L}{\\partial W} = (\\hat y - y)(v\\odot(1-h^2))x')));
    assert.equal(f.verdict, 'mismatch');
    assert.match(f.message, /3×1.*2×1/);
  });

  it('checks gradient-descent steps on the model’s parameters', () => {
    verifiedInOwnModel(NET, 'W \\leftarrow W - \\eta \\nabla_W L', 'v_{t+1} = v_t - \\alpha(\\hat y - y)h');
    mismatch(only(check(displayBlocks(NET, 'v_{t+1} = v_t + \\alpha(\\hat y - y)h'))), 'ascent', /gradient ascent/);
  });

  it('does not decide a derivative that is a scalar only because its variable has no declared shape, and says why (issue 13)', () => {
    const header = NET.replace(' c=3', '');
    const f = only(check(displayBlocks(header, '\\frac{\\partial L}{\\partial c} = (\\hat y - y)\\, v \\odot (1 - h\\odot h)')));
    assert.equal(f.verdict, 'unsupported', f.message);
    assert.equal(f.evidence.reason, 'shapes uncertain');
    assert.equal(
      f.message,
      'not decided: the shapes differ: the left side is a scalar but the right side is a 3×1 column vector, but no shape is declared for c, so it is read as a scalar; declare the shapes with a shapes directive',
    );
  });
});

describe('user-defined models: definitions that cannot be evaluated', () => {
  it('reports a definition whose shapes do not fit where it is written, naming the shapes, and never verifies claims on it', () => {
    const text = '<!-- derivcheck: shapes W=3x2 x=3 c=3 v=3 -->\n\n$h = \\tanh(Wx + c)$\n\n$\\frac{\\partial h_1}{\\partial c_1} = 1 - h_1^2$\n';
    const [definition, claim] = checkText(text).findings;
    assert.equal(definition.verdict, 'mismatch');
    assert.equal(definition.evidence.diagnosis, 'shape');
    assert.match(definition.message, /^the shapes in the definition of h do not fit: .*3×2.*3×1.*\(W is 3×2, x is 3×1, c is 3×1\)/);
    assert.equal(text.slice(definition.range.start, definition.range.end), 'h = \\tanh(Wx + c)');
    assert.equal(claim.verdict, 'unsupported');
    assert.match(claim.message, /the definition of h cannot be evaluated/);
  });

  it('asks for shapes when a definition transposes a symbol that has none, and decides nothing built on it', () => {
    const text = 'Let $h = \\tanh(Wx + c)$, $\\hat y = v^\\top h$, $L = \\frac12(\\hat y - y)^2$.\n\n$\\frac{\\partial L}{\\partial v} = (\\hat y - y)h$\n\n$\\frac{\\partial L}{\\partial W} = (\\hat y - y)(v\\odot(1-h^2))x^\\top$\n';
    const findings = checkText(text).findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['unsupported', 'unsupported', 'unsupported']);
    assert.match(findings[0].message, /^not checked: the definition of y\u0302 treats v as a vector or matrix .*declare its shape, e\.g\. <!-- derivcheck: shapes v=3 -->/);
    assert.equal(findings[0].text, '\\hat y = v^\\top h');
    assert.match(findings[2].message, /treats v, x as vectors or matrices/);
  });

  it('refuses a definition that closes a cycle, where it is written, and keeps the ones before it', () => {
    const text = '<!-- derivcheck: model=custom -->\n\n$a = b + 1$\n\n$b = 2a$\n\n$\\frac{\\partial a}{\\partial b} = 1$\n';
    const findings = checkText(text).findings;
    assert.deepEqual(findings.map((f) => [f.verdict, f.text]), [['unsupported', 'b = 2a'], ['verified', '\\frac{\\partial a}{\\partial b} = 1']]);
    assert.match(findings[0].message, /^b is defined in terms of itself \(through a\)/);
  });

  it('reports an unknown function in a definition as unsupported', () => {
    const findings = checkText('<!-- derivcheck: model=custom -->\n\n$g = \\operatorname{swish}(u)$\n\n$\\frac{dg}{du} = 1$\n').findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['unsupported', 'unsupported']);
    assert.match(findings[0].message, /^cannot use the definition of g: unknown function swish/);
  });
});

describe('the shapes directive', () => {
  it('parses sizes: a column, rows×cols with x, × or *, named sizes', () => {
    assert.deepEqual(parseShapeSpec('3'), { rows: 3, cols: 1 });
    assert.deepEqual(parseShapeSpec('3x2'), { rows: 3, cols: 2 });
    assert.deepEqual(parseShapeSpec('3×2'), { rows: 3, cols: 2 });
    assert.deepEqual(parseShapeSpec('1*3'), { rows: 1, cols: 3 });
    assert.deepEqual(parseShapeSpec('nxd'), { rows: 'n', cols: 'd' });
    assert.deepEqual(parseShapeSpec('k'), { rows: 'k', cols: 1 });
    for (const bad of ['0', '3x', 'x', '3x2x1', '51', '', '3.5', 'ab']) assert.equal(parseShapeSpec(bad), undefined, bad);
  });

  it('names symbols as the math does', () => {
    assert.equal(shapeKeyOf('W'), 'W');
    assert.equal(shapeKeyOf('W_1'), 'W_1');
    assert.equal(shapeKeyOf('\\hat{y}'), 'hat:y');
    assert.equal(shapeKeyOf('\\beta'), 'beta');
    assert.equal(shapeKeyOf('β'), 'beta');
    assert.equal(shapeKeyOf('W_i'), undefined);
    assert.equal(shapeKeyOf('a+b'), undefined);
  });

  it('reports each bad pair as unparsed at the pair itself; the good pairs still apply', () => {
    const text = '<!-- derivcheck: shapes W=3x q=2 =4 W_i=3 x=2 -->\n\n$h = Wq$\n';
    const findings = checkText(text).findings;
    const unparsed = findings.filter((f) => f.verdict === 'unparsed');
    assert.deepEqual(unparsed.map((f) => f.text), ['W=3x', '=4', 'W_i=3']);
    for (const f of unparsed) assert.equal(text.slice(f.range.start, f.range.end), f.text);
    assert.match(unparsed[0].message, /^derivcheck directive: shapes: the shape of W must be like 3, 3x2, 3×2 or nxd \(sizes up to 50\), not '3x'/);
    assert.match(unparsed[2].message, /'W_i' is not a symbol/);
  });

  it('reports a shapes directive without pairs, and lists custom among the models', () => {
    const [empty] = checkText('<!-- derivcheck: shapes -->\n').findings;
    assert.equal(empty.verdict, 'unparsed');
    assert.match(empty.message, /shapes expects name=shape pairs/);
    const [model] = checkText('<!-- derivcheck: model=mine -->\n').findings;
    assert.match(model.message, /model must be .*\|custom\|/);
    assert.deepEqual(checkText('<!-- derivcheck: model=custom shapes A=2x2 -->\n').findings, []);
  });
});

describe('user-defined models: other models', () => {
  it('finds a scalar logistic regression without any directive', () => {
    const header = 'Let $z = wx + b$, $p = \\sigma(z)$ and $L = -\\left(y\\log p + (1-y)\\log(1-p)\\right)$.\n\n';
    verifiedInOwnModel(header, '\\frac{\\partial L}{\\partial z} = p - y', '\\frac{\\partial L}{\\partial w} = (p - y)x', '\\frac{\\partial L}{\\partial b} = p - y', '\\frac{d\\sigma}{dz} = \\sigma(z)(1 - \\sigma(z))');
    mismatch(only(check(displayBlocks(header, '\\frac{\\partial L}{\\partial w} = (y - p)x'))), 'sign', /sign error/);
    mismatch(only(check(displayBlocks(header, '\\frac{\\partial L}{\\partial b} = (p - y)x'))), 'other-gradient', /this is ∂L\/∂w, not ∂L\/∂b; ∂L\/∂b needs to lose the factor x/);
  });

  it('takes numbered layers (W_1, W_2) as quantities of their own', () => {
    const header = '<!-- derivcheck: shapes W_1=4x3 b_1=4 W_2=1x4 x=3 sigma=relu -->\n\n$z = W_1 x + b_1$, $a = \\sigma(z)$, $\\hat y = W_2 a + b_2$, $L = (\\hat y - y)^2$\n\n';
    verifiedInOwnModel(
      header,
      '\\frac{\\partial L}{\\partial W_2} = 2(\\hat y - y)a^\\top',
      '\\frac{\\partial L}{\\partial b_2} = 2(\\hat y - y)',
      '\\frac{\\partial L}{\\partial W_1} = \\left(2(\\hat y - y)W_2^\\top \\odot \\mathbb{1}[z > 0]\\right)x^\\top',
      '\\frac{\\partial L}{\\partial \\sigma(z)} = 2(\\hat y - y)W_2^\\top',
    );
    mismatch(only(check(displayBlocks(header, '\\frac{\\partial L}{\\partial b_1} = 2(\\hat y - y)W_2^\\top'))), 'other-gradient', /this is ∂L\/∂a, not ∂L\/∂b_1/);
  });

  it('makes symbols written with an index vectors of a common random size n, and a family a vector', () => {
    const header = 'We fit $\\hat y_i = w x_i + b$ by minimising $J = \\frac{1}{n}\\sum_{i=1}^{n} (\\hat y_i - y_i)^2$.\n\n';
    verifiedInOwnModel(header, '\\frac{\\partial J}{\\partial w} = \\frac{2}{n}\\sum_{i=1}^{n} (w x_i + b - y_i)x_i', '\\frac{\\partial J}{\\partial \\hat y_i} = \\frac{2}{n}(\\hat y_i - y_i)');
    mismatch(only(check(displayBlocks(header, '\\frac{\\partial J}{\\partial b} = 2\\sum_{i=1}^{n} (w x_i + b - y_i)'))), 'extra-factor', /^an extra factor n/);
    const sizes = new Set(check(displayBlocks(header, '\\frac{\\partial J}{\\partial b} = 2\\sum_{i=1}^{n} (w x_i + b - y_i)')).map((f) => JSON.stringify(f.evidence.counterexample)));
    assert.equal(sizes.size, 1);
  });

  it('checks matrix calculus on declared leaves alone', () => {
    const header = '<!-- derivcheck: model=custom shapes A=nxn x=n -->\n\n';
    verifiedInOwnModel(header, '\\frac{\\partial}{\\partial x} x^\\top A x = (A + A^\\top)x', '\\nabla_x \\|Ax\\|^2 = 2A^\\top A x');
    assert.equal(only(check(displayBlocks(header, '\\nabla_x (x^\\top A x) = 2Ax'))).verdict, 'mismatch', 'A is not symmetric');
  });

  it('names one link of the chain rule too many (the sigmoid’s derivative kept after it cancelled)', () => {
    const header = '<!-- derivcheck: shapes w=d x=d -->\n\n$s = w^\\top x + b$, $p = \\sigma(s)$, $\\ell = -y\\log p - (1-y)\\log(1-p)$.\n\n';
    mismatch(only(check(displayBlocks(header, '\\frac{\\partial \\ell}{\\partial b} = (p - y)\\,p(1-p)'))), 'extra-factor', /an extra factor ∂p\/∂s/);
    const unrelated = only(check(displayBlocks(header, '\\frac{\\partial \\ell}{\\partial s} = p - y + 1')));
    assert.equal(unrelated.verdict, 'mismatch');
    assert.doesNotMatch(unrelated.message, /∂p\/∂s/);
  });

  it('accepts definitions that refer to quantities defined later', () => {
    const header = '<!-- derivcheck: shapes w=3 u=3 -->\n\nWe minimise $J = \\frac12(q - t)^2$ where $q = w^\\top u$.\n\n';
    verifiedInOwnModel(header, '\\frac{\\partial J}{\\partial w} = (q - t)u');
  });
});

describe('the MLP stated as a prelude of definitions gives the built-in verdicts', () => {
  const prelude = '<!-- derivcheck: model=custom shapes A=kx1 b=kx1 C=1xk -->\n\nLet $z = Ax + b$, $\\hat y = C\\sigma(z) + d$, $L = (y - \\hat y)^2$.\n\n';
  const claims = [
    '\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)',
    '\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)',
    '\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)',
    "\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma'(z_i)",
    "\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y)C_i\\sigma'(z_i)",
    "\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y)\\sigma'(z_i)",
    "\\frac{\\partial L}{\\partial A_i} = -2(y - \\hat y)C_i\\sigma'(z_i)x",
    "\\frac{\\partial L}{\\partial A_i} = -2(y - \\hat y)C_i\\sigma'(z_i)",
    "\\nabla_b L = -2(y - \\hat y)\\, C^\\top \\odot \\sigma'(z)",
    '\\frac{\\partial L}{\\partial \\sigma(z_i)} = -2(y - \\hat y)C_i',
    'b_{t+1} = b_t - \\alpha \\nabla_b L',
    'b_{t+1} = b_t + \\alpha \\nabla_b L',
    "\\frac{\\partial L}{\\partial x} = -2(y - \\hat y)\\sum_j C_j\\sigma'(z_j)A_j",
    '\\hat y - d = \\sum_j C_j \\sigma(z_j)',
  ];
  for (const claim of claims) {
    it(claim, () => {
      const builtin = only(check(displayBlocks(directive('model=mlp'), claim)));
      const custom = only(check(displayBlocks(prelude, claim)));
      assert.equal(builtin.evidence.model, 'mlp');
      assert.equal(custom.evidence.model, 'custom');
      assert.deepEqual([custom.verdict, custom.evidence.diagnosis], [builtin.verdict, builtin.evidence.diagnosis], custom.message);
    });
  }
});

const DEFINED = join(FIXTURES, 'defined');

describe('solutions that define their own model (fixtures)', () => {
  for (const path of fixtureFiles(DEFINED, '.md')) {
    it(`${basename(path)}: every mistake flagged, everything else verified in the document's model`, () => {
      const { findings, problems, lineOf } = checkFixture(path);
      for (const finding of findings) {
        if (finding.evidence.model !== 'custom') problems.push(`${basename(path)}:${lineOf(finding)} read in ${String(finding.evidence.model)}: ${finding.text}`);
      }
      assert.ok(findings.length >= 4, 'the fixture has claims');
      assert.deepEqual(problems, []);
    });
  }
});

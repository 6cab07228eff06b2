import * as assert from 'node:assert/strict';
import { extractComments, type CodeLanguage } from '../../../src/engine/extract/comments';
import { checkDocument } from '../../../src/engine';

/** The source text of each claim found in the comments. */
function claims(code: string, language: CodeLanguage): string[] {
  const { spans } = extractComments(code, language);
  for (const s of spans) {
    assert.equal(s.offsets.length, s.text.length + 1);
    for (let i = 1; i < s.text.length; i++) assert.ok(s.offsets[i] >= s.offsets[i - 1], 'offsets never decrease');
  }
  return spans.map((s) => code.slice(s.outer.start, s.outer.end));
}

const CLAIM = 'dL/dd = 2*(yhat - y)';

describe('code comments: comment syntax per language', () => {
  it('python: # comments, not strings; docstrings and statement strings read like comments', () => {
    const code = [
      'import numpy as np',
      `s = "# dL/dd = 1"  # ${CLAIM}`,
      "t = '# dL/dd = 2'",
      'u = f"{a#b} dL/dd = 3"',
      'def grad(x):',
      '    """Gradient of the loss.',
      '',
      '    dL/dC_i = -2*(y - yhat)*sigmoid(z_i)',
      '    """',
      "    v = '''dL/dd = 4'''",
      '    w = (',
      '        """dL/dd = 5"""',
      '    )',
      "    '''dL/dA_i = 0'''",
      '    return x',
    ].join('\n');
    assert.deepEqual(claims(code, 'python'), [CLAIM, 'dL/dC_i = -2*(y - yhat)*sigmoid(z_i)', 'dL/dA_i = 0']);
  });

  it('javascript and typescript: // and /* */ (stars stripped), not strings, regexes or templates', () => {
    const code = [
      `const s = '// dL/dd = 1'; // ${CLAIM}`,
      'const u = "http://x.org/?dL/dd=2";',
      'const r = /\\/\\/ dL\\/dd = 3/g;',
      'const t = `// dL/dd = 4 ${a}`;',
      '/**',
      ' * Gradient:',
      ' * dL/db_i = -2*(y - yhat) * C_i * sigma\'(z_i)',
      ' */',
      `let x: number = 1; /* ${CLAIM} */`,
    ].join('\n');
    const expected = [CLAIM, "dL/db_i = -2*(y - yhat) * C_i * sigma'(z_i)", CLAIM];
    assert.deepEqual(claims(code, 'javascript'), expected);
    assert.deepEqual(claims(code, 'typescript'), expected);
  });

  it('c, cpp and java: // and /* */, not string or character literals, raw strings or text blocks', () => {
    const c = [`char *s = "/* dL/dd = 1 */"; // ${CLAIM}`, "char q = '\\''; /* dL/dd = 2*(yhat - y)*1 */"].join('\n');
    assert.deepEqual(claims(c, 'c'), [CLAIM, 'dL/dd = 2*(yhat - y)*1']);
    const cpp = [`auto r = R"(// dL/dd = 3)"; // ${CLAIM}`, 'int a = b / c; // (b) dL/dd = 2*(yhat-y)'].join('\n');
    assert.deepEqual(claims(cpp, 'cpp'), [CLAIM, 'dL/dd = 2*(yhat-y)']);
    const java = ['String s = """', '  // dL/dd = 6', '  """; // ' + CLAIM, '/** dL/dC_i = -2*(y - yhat)*sigmoid(z_i) */'].join('\n');
    assert.deepEqual(claims(java, 'java'), [CLAIM, 'dL/dC_i = -2*(y - yhat)*sigmoid(z_i)']);
  });

  it('julia: # and nested #= =#, not strings; docstrings', () => {
    const code = [
      `s = "# dL/dd = 1" # ${CLAIM}`,
      '#= block',
      '   dL/dC_i = -2*(y - yhat)*sigmoid(z_i) #= nested =#',
      '=#',
      '"""',
      "    d/dz sigmoid(z) = sigmoid(z)*(1 - sigmoid(z))",
      '"""',
      'f(x) = x',
    ].join('\n');
    assert.deepEqual(claims(code, 'julia'), [CLAIM, 'dL/dC_i = -2*(y - yhat)*sigmoid(z_i)', 'd/dz sigmoid(z) = sigmoid(z)*(1 - sigmoid(z))']);
  });

  it("r: # and roxygen #', not strings", () => {
    const code = [`s <- "# dL/dd = 1" # ${CLAIM}`, "x <- 'a#b' #' dL/dd = 2*(yhat - y)*1"].join('\n');
    assert.deepEqual(claims(code, 'r'), [CLAIM, 'dL/dd = 2*(yhat - y)*1']);
  });

  it("matlab/octave: %, %{ %} blocks and #, not strings; a transpose ' is not a string", () => {
    const code = [
      `s = 'a % dL/dd = 1'; % ${CLAIM}`,
      "x = A' * b'; % dL/dd = 2*(yhat - y)*1",
      'q = "str % dL/dd = 3";',
      '%{',
      'dL/dC_i = -2*(y - yhat)*sigmoid(z_i)',
      '%}',
      '# (f) dL/db_i = -2*(y - yhat)*C_i*sigma\'(z_i)',
    ].join('\n');
    assert.deepEqual(claims(code, 'matlab'), [CLAIM, 'dL/dd = 2*(yhat - y)*1', 'dL/dC_i = -2*(y - yhat)*sigmoid(z_i)', "dL/db_i = -2*(y - yhat)*C_i*sigma'(z_i)"]);
  });
});

describe('code comments: claims, prose and directives', () => {
  it('skips prose before the claim and after it; ordinary comments are no claims', () => {
    const code = [
      '# wrong: dL/dA_i = -2*(y - yhat)*C_i*sigmoid(z_i)',
      '# (d) dL/db_i = -2*(y - yhat)*C_i*sigma\'(z_i), by the chain rule.',
      '# d = 3 is the output bias and dog/day = 2',
      '# x = x + 1  (update)',
    ].join('\n');
    assert.deepEqual(claims(code, 'python'), ['dL/dA_i = -2*(y - yhat)*C_i*sigmoid(z_i)', "dL/db_i = -2*(y - yhat)*C_i*sigma'(z_i)"]);
  });

  it('continues a claim on the next comment line only after an operator', () => {
    const code = ['# dL/db_i = -2*(y - yhat) *', '#     C_i * sigma\'(z_i)', '# dL/dd = 2*(yhat - y)', '#     + 0'].join('\n');
    assert.deepEqual(claims(code, 'python'), ["dL/db_i = -2*(y - yhat) *\n#     C_i * sigma'(z_i)", 'dL/dd = 2*(yhat - y)']);
    // Comments after code on two lines are separate, even after an operator.
    assert.deepEqual(claims('a = 1  # dL/dd = 2*(yhat - y) +\nb = 2  # 0', 'python'), ['dL/dd = 2*(yhat - y) +']);
  });

  it('reads derivcheck directives in comments, with their lines and ranges', () => {
    const code = ['x = 1', '# derivcheck: model=mlp k=3', '// not python', '"""', 'derivcheck: seed=7', '"""'].join('\n');
    const { directives } = extractComments(code, 'python');
    assert.deepEqual(directives.map((d) => [d.text, d.line, d.endLine, code.slice(d.loc.start, d.loc.end)]), [
      ['model=mlp k=3', 2, 2, '# derivcheck: model=mlp k=3'],
      ['seed=7', 5, 6, 'derivcheck: seed=7'],
    ]);
    const block = extractComments('int x; /* derivcheck: sigma=tanh */', 'c').directives;
    assert.deepEqual(block.map((d) => [d.text, d.line, d.loc]), [['sigma=tanh', 1, { start: 7, end: 35 }]]);
    const matlab = extractComments('%% derivcheck: ignore-next-line\nx = 1;', 'matlab').directives;
    assert.deepEqual(matlab.map((d) => [d.text, d.line, d.endLine]), [['ignore-next-line', 1, 1]]);
  });
});

describe('code comments: LaTeX math', () => {
  it('reads $…$ in comments and $$…$$ in docstrings as the notes would, located in the code', () => {
    const code = [
      'def sigmoid_grad(z):',
      '    """Derivative of the sigmoid.',
      '',
      '    $$\\frac{d\\sigma}{dz} = \\sigma(z)(1 - \\sigma(z))$$',
      '    """',
      '    # and $\\frac{d}{dz} z^2 = 2z$, with dL/dd = 2*(yhat - y) beside it',
      '    return z',
    ].join('\n');
    assert.deepEqual(claims(code, 'python'), ['$$\\frac{d\\sigma}{dz} = \\sigma(z)(1 - \\sigma(z))$$', '$\\frac{d}{dz} z^2 = 2z$', CLAIM]);
  });

  it('reads a math environment of a reStructuredText docstring, and leaves a lone dollar alone', () => {
    const code = ['def f(x):', '    """The area.', '', '    .. math::', '      \\begin{align}', '      f(x) =& x^2 \\\\', '      =& x \\cdot x', '      \\end{align}', '    """', '    # costs $5 per call', '    return x'].join('\n');
    const found = claims(code, 'python');
    assert.equal(found.length, 1);
    assert.match(found[0], /^\\begin\{align\}[\s\S]*\\end\{align\}$/);
  });
});

describe('code comments: docstrings that are not raw strings', () => {
  it('read `\\\\sigma` as the `\\sigma` the string holds, and leave a raw docstring as written', () => {
    const docstring = (prefix: string) => ['def lstm(x):', `    ${prefix}"""The cell.`, '', '    .. math::', '', '        c = \\\\tanh(a) \\\\sigma(i)', '    """', '    return x'].join('\n');
    const { spans } = extractComments(docstring(''), 'python');
    assert.deepEqual(spans.map((s) => s.text), ['c = \\tanh(a) \\sigma(i)']);
    // Each character stays where the source has it: the span covers `\\tanh … (i)` in the code.
    assert.equal(docstring('').slice(spans[0].outer.start, spans[0].outer.end), 'c = \\\\tanh(a) \\\\sigma(i)');
    assert.deepEqual(extractComments(docstring('r'), 'python').spans.map((s) => s.text), ['c = \\\\tanh(a) \\\\sigma(i)']);
  });
});

describe('code comments: reStructuredText math', () => {
  it('reads each paragraph of a .. math:: block, an equation on the directive’s line, and :math:`…`, located in the code', () => {
    const code = [
      'def mse(y_pred, y_true):',
      '    """Mean squared error.',
      '',
      '    .. math::',
      '        :label: mse',
      '',
      '        L = \\frac{1}{N} \\sum_i (p_i - t_i)^2',
      '',
      '        \\frac{\\partial L}{\\partial p_i} = \\frac{2}{N}(p_i - t_i)',
      '',
      '    .. math:: \\sigma(z) = \\frac{1}{1 + e^{-z}}',
      '',
      '    where :math:`N = 3` is the size.',
      '    """',
      '    return 0',
    ].join('\n');
    assert.deepEqual(claims(code, 'python'), [
      'L = \\frac{1}{N} \\sum_i (p_i - t_i)^2',
      '\\frac{\\partial L}{\\partial p_i} = \\frac{2}{N}(p_i - t_i)',
      '\\sigma(z) = \\frac{1}{1 + e^{-z}}',
      'N = 3',
    ]);
  });

  it('checks the math of a .. math:: block like the notes’ math', () => {
    const code = ['def f(x):', '    """Square.', '', '    .. math::', '', '        \\frac{d}{dx} x^2 = 3x', '    """', '    return x * x'].join('\n');
    const findings = checkDocument(code, 'python').findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['mismatch']);
    assert.equal(findings[0].text, '\\frac{d}{dx} x^2 = 3x');
  });
});

describe('code comments: findings through checkDocument', () => {
  const py = [
    '# derivcheck: model=mlp sigma=sigmoid',
    'import numpy as np',
    '',
    'def backward(x, y, A, b, C, d):',
    '    z = A * x + b',
    '    yhat = C @ sigmoid(z) + d',
    '    # (b) dL/dd = -2*(y - yhat)',
    '    dd = -2 * (y - yhat)',
    '    # (c) dL/dC_i = 2*(y - yhat)*sigmoid(z_i)   <- sign slip',
    "    # (d) dL/db_i = -2*(y - yhat)*C_i*sigma'(z_i)",
    '    return dd',
  ].join('\n');

  it('gives verdicts located exactly on the claim in the comment', () => {
    const report = checkDocument(py, 'python');
    const found = report.findings.map((f) => [report.lineMap.position(f.range.start).line, f.verdict, py.slice(f.range.start, f.range.end)]);
    assert.deepEqual(found, [
      [7, 'verified', 'dL/dd = -2*(y - yhat)'],
      [9, 'mismatch', 'dL/dC_i = 2*(y - yhat)*sigmoid(z_i)'],
      [10, 'verified', "dL/db_i = -2*(y - yhat)*C_i*sigma'(z_i)"],
    ]);
    assert.match(report.findings[1].message, /sign/);
  });

  it('honours ignore-next-line and model directives written as comments', () => {
    const code = ['// derivcheck: model=mlp', '// derivcheck: ignore-next-line', '// dL/dd = 5', '// dL/dd = 2*(yhat - y)'].join('\n');
    const report = checkDocument(code, 'javascript');
    assert.deepEqual(report.findings.map((f) => [f.verdict, code.slice(f.range.start, f.range.end)]), [['verified', 'dL/dd = 2*(yhat - y)']]);
  });

  it('reports a claim it cannot read as unparsed, located, never verified', () => {
    const code = '# derivcheck: model=mlp\n# dL/dd = 2*(yhat - y) % 3';
    const [finding] = checkDocument(code, 'python').findings;
    assert.equal(finding.verdict, 'unparsed');
    assert.equal(code.slice(finding.range.start, finding.range.end), '%');
  });
});

// The expected right side of a wrong step (check/expected-form.ts): for every kind of diagnosis it is a
// real expression, never the claim's own left side, and pasted in place of the right side it verifies.
import * as assert from 'node:assert/strict';
import { checkText, type CheckReport, type Finding } from '../../../src/engine';
import { MLP } from '../../../src/engine/models/mlp';
import { toLatex } from '../../../src/engine/parse/to-latex';
import { parseChain } from '../../../src/engine/parse/parser';

/** The one mismatch of `text`, its expected right side, and the text with that side pasted in. */
function expectedOf(text: string): { finding: Finding; expected: string | undefined; pasted: () => CheckReport } {
  const report = checkText(text);
  const mismatches = report.findings.filter((f) => f.verdict === 'mismatch');
  assert.equal(mismatches.length, 1, JSON.stringify(report.findings.map((f) => [f.verdict, f.message])));
  const finding = mismatches[0];
  const handle = report.handle(finding)!;
  const expected = handle.expectedLatex();
  const pasted = () => {
    const claim = text.slice(finding.range.start, finding.range.end);
    const at = claim.lastIndexOf(handle.rightLatex);
    assert.ok(at >= 0 && expected !== undefined);
    return checkText(text.slice(0, finding.range.start) + claim.slice(0, at) + expected + claim.slice(at + handle.rightLatex.length) + text.slice(finding.range.end));
  };
  return { finding, expected, pasted };
}

/** The expected side is `expected`, and pasted in it verifies; or, where it writes the definition itself, is no claim at all. */
function pastedVerifies(text: string, expected: string, asDefinition = false): void {
  const result = expectedOf(text);
  assert.equal(result.expected, expected, result.finding.message);
  const again = result.pasted().findings.find((f) => f.range.start === result.finding.range.start);
  if (asDefinition) assert.equal(again, undefined, again?.message);
  else assert.equal(again?.verdict, 'verified', again?.message);
}

const latexOf = (source: string) => {
  const parsed = parseChain(source);
  assert.ok(parsed.ok);
  return toLatex(parsed.chain.members[0]);
};

describe('the expected right side of a wrong step', () => {
  it('is the model’s formula for a gradient of the loss, at the claim’s index', () => {
    pastedVerifies('<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial b_j} = 0$\n', latexOf(MLP.answers.wrt.b.replace(/_\{i\}/g, '_{j}')));
  });

  it('undoes a sign error and a factor, keeping the student’s expression', () => {
    pastedVerifies('$\\frac{d}{dx} x^2 = -2x$\n', '2 x');
    pastedVerifies('$\\frac{d}{dx} x^3 = 6x^2$\n', '3 x^{2}');
    pastedVerifies('$\\frac{d}{dx} x^2 = \\frac{1}{2} x$\n', '2 x');
    pastedVerifies('<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$\n', '-2 \\left(y - \\hat{y}\\right)');
  });

  it('turns gradient ascent into descent, and a step off by a factor into the right step', () => {
    pastedVerifies('<!-- derivcheck: model=mlp -->\n\n$b_{t+1} = b_t + \\alpha \\nabla_b L$\n', 'b_{t} - \\alpha \\nabla_{b} L');
    pastedVerifies('<!-- derivcheck: model=mlp -->\n\n$A_{t+1} = A_t - 2\\eta \\nabla_A L$\n', 'A_{t} - \\eta \\nabla_{A} L');
  });

  it('writes σ′ where σ was', () => {
    // d/dz σ(z) = σ′(z) is then notation, not a claim.
    assert.equal(expectedOf('$\\frac{d}{dz}\\sigma(z) = \\sigma(z)$\n').expected, "\\sigma'\\left(z\\right)");
    pastedVerifies('<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial \\hat y}{\\partial b_i} = C_i \\sigma(z_i)$\n', "C_{i} \\sigma'\\left(z_{i}\\right)");
  });

  it('is the model’s definition of a quantity it computes: ŷ, x̂_i, μ, the ridge solution', () => {
    pastedVerifies('<!-- derivcheck: model=mlp -->\n\n$\\hat y = C\\sigma(Ax) + d$\n', 'C \\sigma\\left(A x + b\\right) + d', true);
    pastedVerifies('<!-- derivcheck: model=batchnorm -->\n\n$\\hat x_i = \\frac{x_i - \\mu}{\\sigma^2 + \\epsilon}$\n', '\\frac{x_{i} - \\mu}{\\sqrt{\\sigma^{2} + \\epsilon}}', true);
    pastedVerifies('<!-- derivcheck: model=batchnorm -->\n\n$\\mu = \\frac{1}{m-1}\\sum_{i=1}^m x_i$\n', '\\frac{1}{m} \\sum_{j=1}^{m} x_{j}', true);
    pastedVerifies('<!-- derivcheck: model=ridge -->\n\n$x^* = (A^\\top A - \\lambda I)^{-1}A^\\top b$\n', '\\left(A^{\\top} A + \\lambda I\\right)^{-1} A^{\\top} b');
  });

  it('is the value of a wrong number: arithmetic, a function the text defined, a given vector', () => {
    pastedVerifies('$2 + 2 = 5$\n', '4');
    pastedVerifies('$f(x) = x^2$\n\n$f(3) = 6$\n', '9');
    pastedVerifies('$x = (1, 2)$\n\n$\\|x\\|^2 = 6$\n', '5');
    pastedVerifies('<!-- derivcheck: model=batchnorm-mean -->\n\nThe batch is $x = (1, 2, 6)$.\n\n$\\mu = 4$\n', '3');
  });

  it('is the definition of a node of the document’s own model', () => {
    const text = '<!-- derivcheck: model=custom -->\n\n$h = \\tanh(w x + c)$\n\n$h = \\tanh(w x - c)$\n';
    pastedVerifies(text, '\\tanh\\left(w x + c\\right)', true);
  });

  it('completes a broken chain rule with its missing link', () => {
    pastedVerifies(
      '$\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial a} \\frac{\\partial z}{\\partial w}$\n',
      '\\frac{\\partial L}{\\partial a} \\cdot \\frac{\\partial a}{\\partial z} \\cdot \\frac{\\partial z}{\\partial w}',
    );
  });

  it('offers none where none can be built, and never the left side', () => {
    assert.equal(expectedOf('$(x+1)^2 = x^2 + 1$\n').expected, undefined);
    for (const text of ['$2 + 2 = 5$\n', '<!-- derivcheck: model=mlp -->\n\n$b_{t+1} = b_t + \\alpha \\nabla_b L$\n', '<!-- derivcheck: model=mlp -->\n\n$\\hat y = C\\sigma(Ax) + d$\n']) {
      const report = checkText(text);
      const handle = report.handle(report.findings[0])!;
      assert.notEqual(handle.expectedLatex(), handle.leftLatex);
    }
  });

  it('offers none for a verified step', () => {
    const report = checkText('$\\frac{d}{dx} x^2 = 2x$\n');
    assert.equal(report.findings[0].verdict, 'verified');
    assert.equal(report.handle(report.findings[0])?.expectedLatex(), undefined);
  });
});

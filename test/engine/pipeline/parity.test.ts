import * as assert from 'node:assert/strict';
import { checkDocument, checkText, type CheckReport } from '../../../src/engine';

// One derivation of Problem 1 (parts a–f), with typical slips, in three notations. Each line of a
// version states the same claims as the same line of the others.

const LATEX = String.raw`# Problem 1

<!-- derivcheck: model=mlp sigma=sigmoid -->

(a) $\frac{d}{dz}\sigma(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)(1-\sigma(z))$

(b) $\frac{\partial L}{\partial d} = 2(y - \hat{y})$

(c) $\frac{\partial L}{\partial C_i} = -2(y - \hat{y})\,\sigma(z_i)$

(c, again) $\frac{\partial L}{\partial C_i} = -(y - \hat{y})\,\sigma(z_i)$

(d) $\frac{\partial L}{\partial b_i} = -2(y - \hat{y})\,C_i\,\sigma(z_i)$

(d, fixed) $\frac{\partial L}{\partial b_i} = -2(y - \hat{y})\,C_i\,\sigma'(z_i)$

(e) $\frac{\partial L}{\partial A_i} = -2(y - \hat{y})\,A_i\,\sigma'(z_i)\,x$

(e, fixed) $\frac{\partial L}{\partial A_i} = -2(y - \hat{y})\,C_i\,\sigma'(z_i)\,x$

(f) $\nabla_b L = -2(y - \hat{y})\, C^\top \odot \sigma'(z)$
`;

const UNICODE = `# Problem 1

<!-- derivcheck: model=mlp sigma=sigmoid -->

(a) d/dz σ(z) = e^(−z)/(1+e^(−z))² = σ(z)(1−σ(z))

(b) So ∂L/∂d = 2(y − ŷ).

(c) ∂L/∂C_i = −2(y − ŷ)·σ(z_i)

(c, again) ∂L/∂C_i = −(y − ŷ) σ(z_i), by the chain rule.

(d) ∂L/∂b_i = −2(y − ŷ) C_i σ(z_i)

(d, fixed) ∂L/∂b_i = −2(y − ŷ) C_i σ′(z_i)

(e) ∂L/∂A_i = −2(y − ŷ) A_i σ′(z_i) x

(e, fixed) ∂L/∂A_i = −2(y − ŷ) C_i σ′(z_i) x

(f) ∇_b L = −2(y − ŷ) Cᵀ ⊙ σ′(z)
`;

const PYTHON = `# Problem 1
import numpy as np

# derivcheck: model=mlp sigma=sigmoid

def sigmoid(z):
    # (a) d/dz sigmoid(z) = np.exp(-z)/(1 + np.exp(-z))**2 = sigmoid(z)*(1 - sigmoid(z))
    return 1 / (1 + np.exp(-z))

def backward(x, y, A, b, C, d):
    z = A * x + b
    y_pred = C @ sigmoid(z) + d
    # (b) dL/dd = 2*(y_true - y_pred)
    # (c) dL/dC_i = -2*(y_true - y_pred)*sigmoid(z_i)
    # (c, again) dL/dC_i = -(y - yhat) * sigmoid(z_i)
    # wrong: dL/db_i = -2*(y - yhat)*C_i*sigma(z_i)
    # (d, fixed) dL/db_i = -2*(y - yhat)*C_i*sigmoid'(z_i)
    # (e) dL/dA_i = -2*(y - yhat)*A_i*sigma'(z_i)*x
    # (e, fixed) dL/dA_i = -2*(y - yhat) * C_i * sigma'(z_i) * x
    """
    (f) grad_b L = -2*(y - yhat) * C.T * sigma'(z)
    """
    return None
`;

/** What each finding says, in order: its verdict and, for mismatches, the diagnosis. */
function outcomes(report: CheckReport): string[] {
  return report.findings.map((f) => (f.verdict === 'mismatch' ? `mismatch:${String(f.evidence.diagnosis)}` : f.verdict));
}

/** The intended verdicts and diagnoses of the derivation, claim by claim, in every notation. */
const INTENDED = [
  'verified', 'verified', // (a), both steps
  'mismatch:sign', // (b)
  'verified', // (c)
  'mismatch:factor', // (c, again)
  'mismatch:sigma-swap', // (d): σ where σ′ belongs
  'verified', // (d, fixed)
  'mismatch:wrong-factor', // (e): A_i where C_i belongs
  'verified', // (e, fixed)
  'verified', // (f)
];

/** The part of the derivation each claim is on, as its line names it (the Python version writes `wrong` for (d)). */
const PARTS = ['(a)', '(a)', '(b)', '(c)', '(c, again)', '(d)', '(d, fixed)', '(e)', '(e, fixed)', '(f)'];

describe('parity: one derivation in LaTeX, Unicode prose and ASCII comments', () => {
  const latex = checkText(LATEX);
  const unicode = checkText(UNICODE);
  const python = checkDocument(PYTHON, 'python');
  const explain = (report: CheckReport) => report.findings.map((f) => `${f.text}: ${f.message}`).join('\n');

  it('the LaTeX version gets the intended verdicts', () => {
    assert.deepEqual(outcomes(latex), INTENDED, explain(latex));
  });

  it('the Unicode prose version gets the same verdicts and diagnoses, the intended ones', () => {
    assert.deepEqual(outcomes(unicode), outcomes(latex), explain(unicode));
    assert.deepEqual(outcomes(unicode), INTENDED, explain(unicode));
  });

  it('the ASCII comment version gets the same verdicts and diagnoses, the intended ones', () => {
    assert.deepEqual(outcomes(python), outcomes(latex), explain(python));
    assert.deepEqual(outcomes(python), INTENDED, explain(python));
  });

  it('each finding sits on the same part in all three versions', () => {
    const part = (report: CheckReport, text: string) =>
      report.findings.map((f) => /\((\w)(, \w+)?\)|wrong/.exec(text.split('\n')[report.lineMap.position(f.range.start).line - 1])?.[0]);
    const parts = part(latex, LATEX);
    assert.deepEqual(parts, PARTS);
    assert.deepEqual(part(unicode, UNICODE), parts);
    assert.deepEqual(part(python, PYTHON).map((p) => (p === 'wrong' ? '(d)' : p)), parts);
  });
});

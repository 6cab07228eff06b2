// Never cry wolf (check/doubted-readings.ts): a detected reading under which a document's claims fail
// for no nameable slip more often than anything speaks for it is in doubt, and those claims are not
// decided; a directive, the model's own formula verified, or slips the diagnosis names keep them.
import * as assert from 'node:assert/strict';
import { checkText } from '../../../src/engine';
import { check, directive, displayBlocks, mismatch, verdicts } from '../../support/claims';

/** jonkrohn's single-point regression: C is the line's squared error, not the MLP's output weights. */
const LINE_COST = ['C = (\\hat{y} - y)^2', '\\frac{\\partial C}{\\partial b} = 2(\\hat{y}-y)'];

/** Two slips the diagnosis names (a factor 2 each) in the MLP's own symbols. */
const NAMED_SLIPS = ['\\frac{\\partial L}{\\partial b_i} = -(y - \\hat y) C_i \\sigma\'(z_i)', '\\frac{\\partial L}{\\partial d} = -(y - \\hat y)'];

describe('doubted readings: never cry wolf', () => {
  it('does not decide the claims of a detected reading that fail for no nameable slip, with none agreeing', () => {
    const findings = check(displayBlocks('# One point\n\nThe line is $y = mx + b$.\n\n', ...LINE_COST));
    const doubted = findings.filter((f) => f.evidence.reason === 'doubted reading');
    assert.deepEqual(doubted.map((f) => f.text), LINE_COST);
    for (const finding of doubted) {
      assert.equal(finding.verdict, 'unsupported');
      assert.match(finding.message, /^not decided: read in the mlp model, 2 claims of this document disagree for no nameable slip and none agrees/);
      assert.match(finding.message, /`derivcheck: model=mlp` confirms the reading\); as read, the shapes differ/);
      assert.equal(finding.evidence.checked?.diagnosis, 'shape', 'what the check found stays in the evidence');
      assert.equal(finding.evidence.model, 'mlp');
    }
  });

  it('keeps them mismatches when a directive names the model', () => {
    const findings = check(displayBlocks(directive('model=mlp'), ...LINE_COST));
    assert.deepEqual(verdicts(findings), LINE_COST.map((t) => `mismatch: ${t}`));
    assert.ok(findings.every((f) => f.evidence.named === true));
  });

  it('keeps them when the document states the model’s own formula and it is verified', () => {
    const slips = ['\\frac{\\partial L}{\\partial b} = (\\hat y - y)', '\\frac{\\partial L}{\\partial d} = 2(\\hat y - y)^2'];
    const findings = check(displayBlocks('# Backprop\n\n', '\\hat y = C\\sigma(Ax + b) + d', ...slips));
    // The formula itself is the document's definition, no claim (model-restatements.ts), but it anchors the reading.
    assert.deepEqual(findings.map((f) => f.verdict), ['mismatch', 'mismatch']);
    const unanchored = check(displayBlocks('# Backprop\n\n', ...slips));
    assert.deepEqual(unanchored.map((f) => f.evidence.reason), ['doubted reading', 'doubted reading']);
  });

  it('keeps slips the diagnosis names: they speak for the reading', () => {
    const findings = check(displayBlocks('# Backprop\n\n', ...NAMED_SLIPS));
    for (const finding of findings) mismatch(finding, 'factor');
  });

  it('keeps one unexplained mismatch, and several when as many claims agree', () => {
    const alone = check(displayBlocks('# Algebra\n\n', '(a+b)^2 = a^2 + b^2'));
    assert.deepEqual(verdicts(alone), ['mismatch: (a+b)^2 = a^2 + b^2']);
    const balanced = check(displayBlocks('# Algebra\n\n', '(a+b)^2 = a^2 + b^2', '(a-b)^2 = a^2 + b^2', '(a+b)(a-b) = a^2 - b^2', '(a-b)^2 = a^2 - 2ab + b^2'));
    assert.deepEqual(balanced.map((f) => f.verdict), ['mismatch', 'mismatch', 'verified', 'verified']);
  });

  it('doubts free variables that fail more often than they hold, unless `model=none` names the reading', () => {
    const claims = ['(a+b)^2 = a^2 + b^2', '(a-b)^2 = a^2 + b^2', '(a+b)(a-b) = a^2 - b^2'];
    const doubted = check(displayBlocks('# Algebra\n\n', ...claims));
    assert.deepEqual(doubted.map((f) => f.verdict), ['unsupported', 'unsupported', 'verified']);
    assert.match(doubted[0].message, /^not decided: read with its symbols as free variables, 2 claims .* and only 1 agrees, .*`derivcheck: model=none`/);
    const named = check(displayBlocks(directive('model=none'), ...claims));
    assert.deepEqual(named.map((f) => f.verdict), ['mismatch', 'mismatch', 'verified']);
  });

  it('does not count an identity in free variables as agreeing with a built-in model', () => {
    const findings = check(displayBlocks('# Backprop\n\n', '-\\log(0.659) \\approx 0.417', ...LINE_COST));
    assert.equal(findings[0].verdict, 'verified');
    assert.deepEqual(findings.slice(1).map((f) => f.evidence.reason), ['doubted reading', 'doubted reading']);
  });

  it('doubts the document’s own definitions too: variants of u_j listed one after another are not errors', () => {
    const text = 'A summation unit:\n$$u_j = \\sum_{i=1}^I w_{ji}x_i - \\theta_j$$\n\nA quadratic unit:\n$$u_j = \\sum_{i=1}^I w_{ji}x_i^2 - \\theta_j$$\n\nA spherical unit:\n$$u_j = \\sum_{i=1}^I (x_i - w_{ji})^2 - \\theta_j$$\n';
    const findings = check(text);
    assert.deepEqual(findings.map((f) => [f.verdict, f.evidence.reason]), [['unsupported', 'doubted reading'], ['unsupported', 'doubted reading']]);
    assert.match(findings[0].message, /^not decided: read with the definitions the checker took from the document, 2 claims/);
  });

  it('counts a misfit left undecided for guessed shapes as disagreeing: u written four ways', () => {
    const findings = check(displayBlocks('', 'u = \\sum_{i=1}^I w_i x_i - \\theta', 'u = \\sum_{i=0}^I w_i x_i', 'u = \\mathbf{w} \\cdot \\mathbf{x}', 'u = \\mathbf{w}^T \\mathbf{x}'));
    assert.deepEqual(findings.map((f) => f.evidence.reason), ['shapes uncertain', 'shapes uncertain', 'doubted reading']);
    assert.match(findings[2].message, /3 claims of this document disagree/);
  });

  it('leaves arithmetic out: it reads no symbol, so it neither speaks for a reading nor is doubted', () => {
    const findings = check(displayBlocks('', '2 \\times 3 = 7', '\\sqrt{2.25} = 1.52', '(a+b)^2 = a^2 + b^2'));
    assert.deepEqual(findings.map((f) => f.verdict), ['mismatch', 'mismatch', 'mismatch']);
    assert.ok(findings[0].evidence.arithmetic && !findings[2].evidence.arithmetic);
  });

  it('puts the same findings in the report’s blocks, each with its handle', () => {
    const report = checkText(displayBlocks('# One point\n\n', ...LINE_COST));
    const inBlocks = report.blocks.flatMap((b) => b.findings);
    assert.deepEqual(inBlocks, report.findings);
    for (const finding of report.findings) assert.ok(report.handle(finding), finding.text);
  });
});

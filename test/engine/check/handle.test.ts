import * as assert from 'node:assert/strict';
import { CheckCache, checkText, type Finding } from '../../../src/engine';
import { MLP } from '../../../src/engine/models/mlp';
import { parseChain } from '../../../src/engine/parse/parser';
import { toLatex } from '../../../src/engine/parse/to-latex';

function single(text: string) {
  const report = checkText(text);
  assert.equal(report.findings.length, 1, JSON.stringify(report.findings.map((f) => f.message)));
  const finding: Finding = report.findings[0];
  const handle = report.handle(finding);
  assert.ok(handle, 'a checked step has a handle');
  return { report, finding, handle };
}

describe('claim handles (hover and report data)', () => {
  const claim = "$\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y)C_i\\sigma'(z_i)$";

  it('gives both sides at the hover point, with the point', () => {
    const { handle } = single(claim);
    const sides = handle.sides()!;
    assert.equal(sides.left, sides.right);
    const names = sides.values.map((v) => v.name);
    assert.ok(names.includes('k') && names.includes('i') && names.includes('C_i'), names.join(','));
  });

  it('inspects the sub-expression under an offset, with its value and definition', () => {
    const { handle } = single(claim);
    const at = claim.indexOf('C_i') + 1;
    const inspection = handle.inspect(at)!;
    assert.equal(inspection.text, 'C_i');
    assert.equal(claim.slice(inspection.range.start, inspection.range.end), 'C_i');
    assert.match(inspection.value, /^−?\d/);
    assert.equal(inspection.definition, 'C ∈ R^{1×k}');
    const sigma = handle.inspect(claim.indexOf("\\sigma'") + 1)!;
    assert.equal(sigma.text, 'σ′(z_i)');
  });

  it('pins the hover point with derivcheck: at', () => {
    const text = `<!-- derivcheck: at x=0.5 y=1 k=3 i=2 -->\n\n$\\frac{\\partial L}{\\partial A_i} = -2(y - \\hat y)C_i\\sigma'(z_i)x$`;
    const { report, handle } = single(text);
    const values = Object.fromEntries(handle.sides()!.values.map((v) => [v.name, v.value]));
    assert.equal(values.k, '3');
    assert.equal(values.i, '2');
    assert.equal(values.x, '0.5');
    assert.equal(values.y, '1');
    assert.deepEqual(report.samplePoint.find((v) => v.name === 'k'), { name: 'k', value: '3' });
  });

  it('sweeps a mentioned scalar for the plot', () => {
    const { handle } = single('$\\frac{\\partial L}{\\partial A_i} = -2(y - \\hat y)C_i\\sigma(z_i)x$');
    const sweep = handle.sweep()!;
    assert.equal(sweep.variable, 'x');
    assert.equal(sweep.xs.length, 41);
    assert.ok(sweep.claimed.some((c, i) => c !== null && sweep.expected[i] !== null && Math.abs(c - sweep.expected[i]!) > 1e-6));
  });

  it('sweeps a scalar written with a label subscript (y_{true})', () => {
    const { handle } = single('$\\frac{\\partial L}{\\partial C_i} = -(y_{true} - y_{pred})\\sigma(z_i)$');
    assert.equal(handle.sweep()?.variable, 'y_true');
  });

  it('knows the expected formula of every gradient of the loss: each formula verifies, and is expected where a claim is wrong', () => {
    for (const [key, answer] of Object.entries(MLP.answers.wrt)) {
      const wrt = { yhat: '\\hat y', h: '\\sigma(z_i)', d: 'd', x: 'x' }[key] ?? `${key}_i`;
      const { finding, handle } = single(`<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial ${wrt}} = ${answer}$`);
      assert.equal(finding.verdict, 'verified', `${key}: ${finding.message}`);
      assert.equal(handle.expectedLatex(), undefined);
      const wrong = single(`<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial ${wrt}} = 0$`);
      const parsed = parseChain(answer);
      assert.ok(parsed.ok);
      assert.equal(wrong.handle.expectedLatex(), toLatex(parsed.chain.members[0]), key);
    }
    const { handle } = single("<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial b_j} = 0$");
    assert.equal(handle.expectedLatex(), "-2 \\left(y - \\hat{y}\\right) C_{j} \\sigma'\\left(z_{j}\\right)");
  });

  it('names each block by the heading it is under', () => {
    const report = checkText('$x = x$\n\n## Problem 2 (b)\n\n$$\n(a+b)^2 = a^2 + 2ab + b^2\n$$\n\n### Part (c)\n\n$2 + 2 = 4$\n');
    assert.deepEqual(report.blocks.map((b) => b.heading), [undefined, 'Problem 2 (b)', 'Part (c)']);
  });

  it('groups findings by block', () => {
    const report = checkText('$$\n\\frac{\\partial L}{\\partial d} = -2(y-\\hat y) = 2(\\hat y - y)\n$$\n\nand $x = x$\n');
    assert.deepEqual(report.blocks.map((b) => b.findings.length), [2, 1]);
  });

  it('reuses unchanged steps from the cache, and re-checks what a definition change affects', () => {
    const cache = new CheckCache();
    const doc = (delta: string) => `$\\delta = ${delta}$\n\n$\\frac{\\partial L}{\\partial d} = \\delta$\n\n$\\frac{\\partial L}{\\partial C_i} = -2(y-\\hat y)\\sigma(z_i)$\n`;
    const first = checkText(doc('-2(y - \\hat y)'), { cache });
    assert.deepEqual([cache.hits, cache.misses], [0, 2]);
    const again = checkText(doc('-2(y - \\hat y)'), { cache });
    assert.deepEqual([cache.hits, cache.misses], [2, 2]);
    assert.deepEqual(again.findings, first.findings);
    const changed = checkText(doc('2(y - \\hat y)'), { cache });
    assert.deepEqual([cache.hits, cache.misses], [2, 4], 'a changed definition re-checks every later step');
    assert.equal(changed.findings[0].verdict, 'mismatch');
  });
});

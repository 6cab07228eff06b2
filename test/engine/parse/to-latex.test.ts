// LaTeX written from a parse (parse/to-latex.ts): KaTeX renders it, under the panel's own options, and
// reading it back gives the same expression, so that what the report shows is what was checked.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { checkDocument, kindOfPath, renderableLatex } from '../../../src/engine';
import { parseChain } from '../../../src/engine/parse/parser';
import { show } from '../../../src/engine/parse/print';
import { toLatex } from '../../../src/engine/parse/to-latex';
import { KATEX_OPTIONS } from '../../../media/view-node';
import { treeShape } from '../../support/tree-shape';

const renders = (latex: string) => katex.renderToString(latex, { ...KATEX_OPTIONS, throwOnError: true });

function member(source: string) {
  const parsed = parseChain(source);
  assert.ok(parsed.ok, source);
  assert.equal(parsed.chain.members.length, 1, source);
  return parsed.chain.members[0];
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('LaTeX written from a parse', () => {
  it('reads back as the same tree, for each kind of expression, and renders', () => {
    const sources = [
      String.raw`-2(y_{true}-y_{pred})\,C_i\,\sigma'(z_i)`, String.raw`\frac{\partial L}{\partial b_i}`, String.raw`C\sigma(Ax+b)+d`,
      String.raw`b_t - \alpha \nabla_b L`, String.raw`(X^\top X + \lambda I)^{-1} X^\top y`, String.raw`\frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}`,
      String.raw`\frac{d}{dx} e^{x^2}`, String.raw`\sum_{i=1}^{n} (x_i - \bar x)^2`, String.raw`W^{(1)}`, String.raw`a^{[l]}_j`, String.raw`\mathbb{1}[z > 0]`,
      String.raw`\|x\|_2^2`, String.raw`|x - 3|`, String.raw`\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}`, String.raw`(1, 7, 7, 9)`,
      String.raw`\left.\frac{\partial L}{\partial b}\right|_{b=b_t}`, String.raw`(\nabla_b L)_i`, String.raw`\Delta x`, String.raw`f'(x)`,
      String.raw`\frac{\partial^2 f}{\partial x^2}`, String.raw`x^*`, String.raw`\mathbf{x}^T A \mathbf{x}`, String.raw`\boldsymbol\theta`, String.raw`2 \cdot 3`,
      String.raw`a - (b - c)`, String.raw`\operatorname{ReLU}(z)`, String.raw`\tanh^2(z)`, String.raw`\frac{1}{1+e^{-z}}`, String.raw`x_{t+1,j}`,
      String.raw`\hat{y}^{(i)}`, String.raw`\sigma(z)(1-\sigma(z))`, String.raw`x \cdot (-1)`, String.raw`\lambda_{1,i}`, String.raw`I_{l,i,j,k}`, String.raw`\sum_{\ell=1}^{L} n_\ell`,
      String.raw`\mathrm{MSE}`, String.raw`X (a + b)`,
    ];
    for (const source of sources) {
      const node = member(source);
      const latex = toLatex(node);
      assert.doesNotThrow(() => renders(latex), latex);
      assert.equal(show(member(latex)), show(node), `${source} → ${latex}`);
    }
  });

  it('writes one expression whatever notation it was written in: LaTeX, Unicode and a code comment’s ASCII, none unknown to KaTeX', () => {
    const written: [kind: 'markdown' | 'python', text: string][] = [
      ['markdown', "<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial A_i} = -2(y - \\hat y)C_i\\sigma(z_i)^2 x$\n"],
      ['markdown', '<!-- derivcheck: model=mlp -->\n\n∂L/∂A_i = −2(y − ŷ)C_iσ(z_i)²x\n'],
      ['python', '# derivcheck: model=mlp\n# dL/dA_i = -2 * (y - yhat) * C_i * sigmoid(z_i)**2 * x\n'],
    ];
    const latex = written.map(([kind, text]) => {
      const report = checkDocument(text, kind);
      assert.equal(report.findings.length, 1, text);
      const claim = report.latex(report.findings[0]);
      assert.ok(claim !== undefined, text);
      assert.doesNotThrow(() => renders(claim), claim);
      assert.doesNotMatch(claim, /\\sigmoid/);
      return claim;
    });
    assert.equal(latex[0], latex[1]);
    assert.equal(treeShape(member(latex[2].split(' = ')[1])), treeShape(member(latex[0].split(' = ')[1])).replace('(call sigma', '(call sigmoid'));
  });

  it('renders every claim of the examples and fixtures that parsed, and reads back as the same tree', () => {
    let claims = 0;
    for (const file of [...filesUnder('examples'), ...filesUnder('test/engine/fixtures')]) {
      const report = checkDocument(readFileSync(file, 'utf8'), kindOfPath(file));
      for (const finding of report.findings) {
        const latex = report.latex(finding);
        if (latex === undefined) continue;
        claims++;
        assert.doesNotThrow(() => renders(latex), `${file}: ${latex}`);
        const again = renderableLatex(latex);
        assert.ok(again !== undefined, `${file}: ${latex} reads back`);
        const shapes = (text: string) => {
          const parsed = parseChain(text);
          assert.ok(parsed.ok);
          return parsed.chain.members.map(treeShape);
        };
        assert.deepEqual(shapes(again), shapes(latex), `${file}: ${latex}`);
      }
    }
    assert.ok(claims > 300, `${claims} claims`);
  });

  it('gives no LaTeX for math that did not parse: the panel shows its source instead', () => {
    const report = checkDocument('$\\frac{1}{2$ and $P(A|B) = 1$\n', 'markdown');
    assert.ok(report.findings.length > 0);
    for (const finding of report.findings) assert.equal(report.latex(finding), undefined, finding.text);
  });
});

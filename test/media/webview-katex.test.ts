// KaTeX's options for the report panel and Export Report (media/view-node.ts), without a browser:
// payload math renders no link, image, id, style or data attribute, legitimate Unicode math still
// renders, and an exported report with payloads in every field holds no markup of theirs. The
// panel's DOM itself is checked in the real VS Code (test/integration/suite/security.test.ts).
import * as assert from 'node:assert/strict';
import katex from 'katex';
import { reportHtml } from '../../src/client/export/html';
import type { Report } from '../../src/protocol/protocol';
import { KATEX_OPTIONS, katexStrict } from '../../media/view-node';

const RUN = `document.title='PWNED'`;
const PAYLOAD_MATH = [
  String.raw`\href{javascript:${RUN}}{x}`,
  String.raw`\url{javascript:${RUN}}`,
  String.raw`\includegraphics{https://example.com/x.png}`,
  String.raw`\htmlId{pwned}{x}`,
  String.raw`\htmlClass{pwned}{x}`,
  String.raw`\htmlStyle{background:url(https://example.com/x.png)}{x}`,
  String.raw`\htmlData{onload=${RUN}}{x}`,
  String.raw`\text{<img src=x onerror="${RUN}"></script><script>${RUN}</script>"><svg onload="${RUN}">}`,
];
/** Markup a payload would have made, in one tag: any of these means it got through. */
const FORBIDDEN_TAG =
  /^<(a|img|script|iframe|object|embed|mglyph|image|use)\b|^<svg(?! class="")|\s(href|src|id|srcset)=|\son\w+=|\sdata-(?!(uri|version|state|verdict|count|claim-id|block-index|variable|has-mismatch|has-unchecked|target|filter|latex|cell)=)/i;

/** The tags of serialized HTML (text is escaped, so every `<` opens a real tag), minus KaTeX's TeX annotation. */
function forbiddenTags(html: string): string[] {
  const tags = html.replace(/<annotation[^>]*>.*?<\/annotation>/gs, '').match(/<[^>]*>/g) ?? [];
  // Attribute values are escaped text (a name, a message): only the tag's own shape counts, and its style.
  return tags.filter((tag) => FORBIDDEN_TAG.test(tag.replace(/="[^"]*"/g, '=""')) || /style="[^"]*url\(/i.test(tag));
}

function render(latex: string): string {
  return katex.renderToString(latex, { ...KATEX_OPTIONS, displayMode: true });
}

describe('KaTeX options of the report panel and Export Report', () => {
  it('trust is off, with limits on macro expansion and sizes', () => {
    assert.equal(KATEX_OPTIONS.trust, false);
    assert.ok(KATEX_OPTIONS.maxExpand > 0 && KATEX_OPTIONS.maxExpand <= 1000);
    assert.ok(KATEX_OPTIONS.maxSize > 0 && KATEX_OPTIONS.maxSize <= 10);
  });

  it('payload math renders no link, image, id, style, data or handler attribute', () => {
    for (const latex of PAYLOAD_MATH) {
      const html = render(latex);
      assert.deepEqual(forbiddenTags(html), [], latex);
    }
  });

  it('a macro bomb stops at maxExpand instead of hanging', () => {
    const bomb = String.raw`\def\a{xxxxxxxxxx}\def\b{\a\a\a\a\a\a\a\a\a\a}\def\c{\b\b\b\b\b\b\b\b\b\b}\def\d{\c\c\c\c\c\c\c\c\c\c}\d\d\d\d`;
    assert.throws(() => katex.renderToString(bomb, { ...KATEX_OPTIONS, throwOnError: true }), /Too many expansions/);
  });

  it('strict mode keeps the Unicode students write, and refuses HTML extensions', () => {
    assert.equal(katexStrict('unicodeTextInMathMode'), 'ignore');
    assert.equal(katexStrict('unknownSymbol'), 'ignore');
    assert.equal(katexStrict('htmlExtension'), 'error');
    for (const latex of ['ŷ = σ(z) − 1', '∂L/∂C_i = −2(y − ŷ)σ(z_i)', 'x̂_i = (x_i − μ)/√(σ² + ε)', String.raw`\hat y = \sigma(z)`]) {
      assert.doesNotThrow(() => katex.renderToString(latex, { ...KATEX_OPTIONS, throwOnError: true }), latex);
    }
    assert.throws(() => katex.renderToString(String.raw`\htmlId{a}{x}`, { ...KATEX_OPTIONS, throwOnError: true }), /htmlExtension/);
  });

  it('Export Report escapes every field and renders payload math inertly', () => {
    const text = `<img src=x onerror="${RUN}"> </script><script>${RUN}</script> "><svg onload="${RUN}"> javascript:${RUN}`;
    const latex = PAYLOAD_MATH.join(' + ');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const claim = (id: string, verdict: 'mismatch' | 'unparsed' | 'verified') => ({
      id: `${id}"><img src=x>`,
      range,
      text: latex,
      latex: `${PAYLOAD_MATH[0]} = ${PAYLOAD_MATH[1]}`,
      verdict,
      target: text,
      message: text,
      expectedLatex: PAYLOAD_MATH[2],
      counterexample: { values: [{ name: text, value: text }], claimed: text, expected: text },
      sweep: { variable: text, xs: [0, 1], claimed: [0, 1], expected: [0, 2] },
    });
    const report: Report = {
      uri: 'file:///tmp/x.md',
      version: 1,
      blocks: [
        { index: 0, range, claims: [claim('0:0', 'mismatch'), claim('0:1', 'unparsed'), claim('0:2', 'verified')] },
        // A notebook's block: the cell's name is shown too.
        { index: 1, range, heading: text, cell: { uri: text, name: text }, claims: [claim('1:0', 'mismatch')] },
      ],
      summary: { verified: 1, mismatch: 1, unparsed: 1, unsupported: 0 },
      samplePoint: [{ name: text, value: text }],
    };
    const html = reportHtml(report, `${text}.md`, { katexCss: '', reportCss: '' }, `gen ${text}`);
    const body = html.slice(html.indexOf('<body>'));
    assert.deepEqual(forbiddenTags(body), []);
    assert.doesNotMatch(html, /<script/i, 'no script anywhere');
    assert.match(body, /&lt;img src=x onerror=&quot;document\.title=&#39;PWNED&#39;&quot;&gt;/, 'the payload is shown as text');
    // Our own plot is the only svg.
    assert.equal((body.match(/<svg\b/g) ?? []).length, (body.match(/<svg class="plot"/g) ?? []).length);
    assert.ok(body.includes('<svg class="plot"'), 'the plot is there');
  });
});

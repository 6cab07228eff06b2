// Hovers (server/hover.ts) on math that did not parse: the whole math is hoverable, not only the
// place where the parse failed, and the message says where that is.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText } from '../../src/engine';
import { ClaimIndex } from '../../src/server/claims';
import { hoverAt } from '../../src/server/hover';

describe('hovers on math that did not parse', () => {
  it('answers anywhere in the math, with the verdict and the place of the error', () => {
    const text = '# t\n\n$$\n\\frac{\\partial L}{\\partial d} = 2(y_{pred} - y_{true}\n$$\n';
    const document = TextDocument.create('file:///t.md', 'markdown', 1, text);
    const claims = new ClaimIndex(checkText(text));
    const [finding] = claims.report.findings;
    assert.equal(finding.verdict, 'unparsed');
    // Where the parse failed is at the end; the start of the math is far from it.
    const start = text.indexOf('\\frac');
    assert.ok(start < finding.range.start);
    const hover = hoverAt(document, claims, start);
    assert.ok(hover, 'a hover at the start of the math');
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\? unparsed/);
    assert.match(value, /opened at line 4, column 34/);
    assert.doesNotMatch(value, /Sample point/, 'no values: nothing was evaluated');
    // Outside the math: none.
    assert.equal(hoverAt(document, claims, 1), null);
  });
});

describe('hovers on a chain rule decided by its form', () => {
  const P = (of: string, wrt: string) => `\\frac{\\partial ${of}}{\\partial ${wrt}}`;
  it('say how it was decided, with no sample point (nothing was evaluated); a broken chain shows the chain it expects', () => {
    const text = `# t\n\n$$${P('L', 'w')} = ${P('L', 'z')}${P('z', 'w')}$$\n\n$$${P('L', 'w')} = ${P('L', 'a')}${P('z', 'w')}$$\n`;
    const document = TextDocument.create('file:///chain.md', 'markdown', 1, text);
    const claims = new ClaimIndex(checkText(text));
    const [linked, broken] = claims.report.findings.map((f) => (hoverAt(document, claims, f.range.start + 1)?.contents as { value: string }).value);
    assert.match(linked, /verified as the chain rule/);
    assert.doesNotMatch(linked, /Sample point/);
    assert.match(broken, /Expected: `∂L\/∂a·∂a\/∂z·∂z\/∂w`/);
    assert.doesNotMatch(broken, /Sample point/);
  });
});

import * as assert from 'node:assert/strict';
import { extractMarkdown, nextContentLine } from '../../../src/engine/extract/markdown';
import type { MathSpan } from '../../../src/engine/source/span';
import { toDocumentRange } from '../../../src/engine/source/span';
import { LineMap } from '../../../src/engine/source/location';

/** Every character maps onto itself; a line break maps to the start of the source line break. */
function assertMapped(doc: string, span: MathSpan): void {
  assert.equal(span.offsets.length, span.text.length + 1);
  for (let i = 0; i < span.text.length; i++) {
    const o = span.offsets[i];
    if (span.text[i] === '\n') {
      assert.ok(doc[o] === '\n' || (doc[o] === '\r'), `break at ${i} maps to ${JSON.stringify(doc[o])}`);
      if (doc[o] === '\n') assert.notEqual(doc[o - 1], '\r', 'CRLF maps to its \\r');
    } else {
      assert.equal(doc[o], span.text[i], `char ${i}`);
    }
    if (i > 0) assert.ok(o > span.offsets[i - 1], 'offsets increase');
  }
  const n = span.text.length;
  if (n) assert.equal(span.offsets[n], span.offsets[n - 1] + 1);
}

function only(doc: string): MathSpan {
  const { spans } = extractMarkdown(doc);
  assert.equal(spans.length, 1, JSON.stringify(spans.map((s) => s.text)));
  assertMapped(doc, spans[0]);
  return spans[0];
}

describe('extractMarkdown', () => {
  it('finds inline $…$ with exact offsets', () => {
    const doc = 'Let $z = Wx + b$ be given.';
    const s = only(doc);
    assert.equal(s.text, 'z = Wx + b');
    assert.equal(s.display, false);
    assert.equal(doc.slice(s.offsets[0], s.offsets[s.text.length - 1] + 1), 'z = Wx + b');
    assert.deepEqual(s.outer, { start: 4, end: 16 });
    assert.equal(doc.slice(s.outer.start, s.outer.end), '$z = Wx + b$');
  });

  it('finds two inline maths on one line, in order', () => {
    const doc = 'a $x^2$ and $$\\sigma(z)$$ b';
    const { spans } = extractMarkdown(doc);
    assert.deepEqual(spans.map((s) => [s.text, s.display]), [['x^2', false], ['\\sigma(z)', true]]);
    spans.forEach((s) => assertMapped(doc, s));
    assert.equal(spans[1].offsets[0], doc.indexOf('\\sigma'));
  });

  it('maps a multi-line $$ block with aligned, &= and \\\\', () => {
    const body = '\\begin{aligned}\nL &= (a - y)^2 \\\\\n\\frac{dL}{da} &= 2(a - y)\n\\end{aligned}';
    const doc = `Intro.\n\n$$\n${body}\n$$\n\nAfter.`;
    const s = only(doc);
    assert.equal(s.text, body);
    assert.equal(s.display, true);
    assert.equal(doc.slice(s.offsets[0], s.offsets[s.text.length - 1] + 1), body);
    const map = new LineMap(doc);
    assert.deepEqual(map.position(s.offsets[0]), { line: 4, column: 1 });
    assert.deepEqual(map.position(s.offsets[s.text.length]), { line: 7, column: 14 });
    assert.deepEqual(map.position(s.outer.start), { line: 3, column: 1 });
    assert.deepEqual(map.position(s.outer.end), { line: 8, column: 3 });
    // A local range maps back to the source text it covers.
    const local = s.text.indexOf('&= 2(a - y)');
    const r = toDocumentRange(s, { start: local, end: local + 11 });
    assert.equal(doc.slice(r.start, r.end), '&= 2(a - y)');
  });

  it('reads ```math fences as display math', () => {
    const doc = 'x\n\n```math\na = b\nc = d\n```\n';
    const s = only(doc);
    assert.equal(s.text, 'a = b\nc = d');
    assert.equal(s.display, true);
    assert.equal(s.offsets[0], doc.indexOf('a = b'));
    assert.equal(s.offsets[5], doc.indexOf('\nc = d'));
  });

  it('maps math inside an indented list item', () => {
    const doc = '- step one\n\n  $$\n  y &= Wx \\\\\n    z &= y\n  $$\n- step two $q$\n';
    const { spans } = extractMarkdown(doc);
    assert.equal(spans.length, 2);
    spans.forEach((s) => assertMapped(doc, s));
    assert.equal(spans[0].text, 'y &= Wx \\\\\n  z &= y');
    assert.equal(spans[0].offsets[0], doc.indexOf('y &='));
    assert.equal(spans[1].text, 'q');
  });

  it('skips the > prefix of blockquote lines', () => {
    const doc = '> Quote:\n>\n> $$\n> a &= b\n>   + c\n> $$\n';
    const s = only(doc);
    assert.equal(s.text, 'a &= b\n  + c');
    assert.equal(s.offsets[0], doc.indexOf('a &= b'));
    assert.equal(s.offsets[6], doc.indexOf('\n>   + c'));
    assert.equal(s.offsets[7], doc.indexOf('  + c'));
    assert.ok(!s.text.includes('>'));
  });

  it('maps inline math that wraps across paragraph lines, also in a blockquote', () => {
    const doc = 'We get $a = b\n= c$ here.';
    const s = only(doc);
    assert.equal(s.text, 'a = b\n= c');
    assert.equal(doc.slice(s.outer.start, s.outer.end), '$a = b\n= c$');
    const quoted = '> We get $a = b\n> c + d$ here.';
    const q = only(quoted);
    assert.equal(q.text, 'a = b\nc + d');
    assert.equal(q.offsets[6], quoted.indexOf('c + d'));
    assert.deepEqual(new LineMap(quoted).position(q.offsets[q.text.length]), { line: 2, column: 8 });
  });

  it('keeps padding of inline math out of the text but maps exactly', () => {
    const s = only('x $$ a+b $$ y');
    assert.equal(s.text, 'a+b');
    assert.equal(s.offsets[0], 5);
    assert.equal(s.display, true);
  });

  it('never reads code spans, other code blocks or \\$ as math', () => {
    const doc = 'Code `$x$` here.\n\n```python\ncost = $5 + $6\n```\n\n    $indented$\n\nPrice \\$5 and \\$6.\n';
    assert.deepEqual(extractMarkdown(doc).spans, []);
    assert.deepEqual(extractMarkdown('\\$5 and \\$6').spans, []);
  });

  it('handles CRLF: text uses \\n, each break maps to the \\r', () => {
    const doc = 'Let $x$ be.\r\n\r\n$$\r\na &= b \\\\\r\nc &= d\r\n$$\r\n\r\nand $p\r\n= q$.\r\n';
    const { spans } = extractMarkdown(doc);
    assert.deepEqual(spans.map((s) => s.text), ['x', 'a &= b \\\\\nc &= d', 'p\n= q']);
    spans.forEach((s) => assertMapped(doc, s));
    const block = spans[1];
    assert.equal(block.offsets[9], doc.indexOf('\r\nc &= d'));
    assert.equal(doc.slice(block.offsets[0], block.offsets[block.text.length]), 'a &= b \\\\\r\nc &= d');
    const map = new LineMap(doc);
    assert.deepEqual(map.position(block.offsets[0]), { line: 4, column: 1 });
    assert.deepEqual(map.position(block.offsets[10]), { line: 5, column: 1 });
    assert.deepEqual(map.position(spans[2].offsets[0]), { line: 8, column: 6 });
  });

  it('keeps offsets indexing into a text that starts with a BOM', () => {
    const doc = '\ufeffLet $x$ and\n\n$$\ny\n$$\n<!-- derivcheck: model=mlp -->';
    const { spans, directives } = extractMarkdown(doc);
    assert.deepEqual(spans.map((s) => s.text), ['x', 'y']);
    spans.forEach((s) => assertMapped(doc, s));
    assert.equal(doc.slice(spans[0].outer.start, spans[0].outer.end), '$x$');
    assert.equal(doc.slice(directives[0].loc.start, directives[0].loc.end), '<!-- derivcheck: model=mlp -->');
  });

  it('maps tabs inside math', () => {
    const doc = '$$\n\ta\t= b\n$$';
    const s = only(doc);
    assert.equal(s.text, '\ta\t= b');
    assert.equal(s.offsets[0], 3);
  });

  it('keeps text after an opening $$ (mdast "meta") raw, escapes and all', () => {
    const doc = '$$ a = b \\\\\nc\n$$';
    const s = only(doc);
    assert.equal(s.text, 'a = b \\\\\nc');
    assert.equal(s.offsets[0], 3);
  });

  it('handles lone \r line breaks and tabs partly eaten by list indentation', () => {
    const cr = 'p\r\r$$\rx\ry\r$$\r';
    assert.equal(only(cr).text, 'x\ny');
    assert.equal(only(cr).offsets[1], 7);
    const tabbed = '- a\n\n\t```math\n\t  x\n\t```';
    assert.equal(only(tabbed).text.trim(), 'x');
  });

  it('keeps text[i] === doc[offsets[i]] on random markup (fuzz)', () => {
    const toks = ['$', '$$', '\n', '\r\n', '\r', '> ', '- ', '  ', '\t', 'a', 'x^2', '\\$', '`', '```math\n', '```\n',
      '~~~math\n', '<!-- derivcheck: m -->', '<!--', '-->', '\\\\', '&=', ' ', '1. ', '\ufeff'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let it = 0; it < 1500; it++) {
      let doc = '';
      for (let i = 1 + rnd(25); i > 0; i--) doc += toks[rnd(toks.length)];
      const { spans, directives } = extractMarkdown(doc);
      for (const s of spans) {
        assertMapped(doc, s);
        assert.ok(s.outer.start <= s.offsets[0] && s.offsets[s.text.length] <= s.outer.end, JSON.stringify(doc));
      }
      for (const d of directives) assert.ok(doc.startsWith('<!--', d.loc.start), JSON.stringify(doc));
    }
  });

  it('reads derivcheck directives with their lines and ranges', () => {
    const doc = [
      '# HW', // 1
      '<!-- derivcheck: model=mlp sigma=tanh -->', // 2
      '', // 3
      'Text $x$.', // 4
      '<!-- derivcheck: ignore-next-line -->', // 5
      '', // 6
      '$y$', // 7
      '<!-- just a comment -->', // 8
      '<!-- note derivcheck: no -->', // 9
      'Inline <!--  derivcheck: a', // 10
      'b --> end.', // 11
    ].join('\n');
    const { directives, spans } = extractMarkdown(doc);
    assert.deepEqual(directives.map((d) => [d.text, d.line, d.endLine]), [
      ['model=mlp sigma=tanh', 2, 2],
      ['ignore-next-line', 5, 5],
      ['a\nb', 10, 11],
    ]);
    assert.equal(doc.slice(directives[0].loc.start, directives[0].loc.end), '<!-- derivcheck: model=mlp sigma=tanh -->');
    assert.equal(doc.slice(directives[2].loc.start, directives[2].loc.end), '<!--  derivcheck: a\nb -->');
    assert.equal(nextContentLine(doc, directives[1].endLine), 7);
    assert.equal(spans.length, 2);
    // In a blockquote the text loses the continuation line's `> `; the range stays in the source.
    const quoted = '> <!-- derivcheck: a\n> b -->\n';
    const [q] = extractMarkdown(quoted).directives;
    assert.deepEqual([q.text, q.line, q.endLine, q.loc], ['a\nb', 1, 2, { start: 2, end: 28 }]);
  });

  it('nextContentLine returns afterLine + 1 when only blank lines follow', () => {
    assert.equal(nextContentLine('a\n\n  \n', 1), 2);
    assert.equal(nextContentLine('a\r\n\r\nb', 1), 3);
    assert.equal(nextContentLine('', 5), 6);
  });

  it('reports where headings start and their levels, ATX and setext, with or without math in them', () => {
    const text = '# Problem 1 $x$\n\nprose\n\nProblem 2\n---\n\n    # not a heading (code)\n\n## Problem 4\n\n#### (a)\n';
    const { headings } = extractMarkdown(text);
    assert.deepEqual(
      headings?.map((h) => [text.slice(h.start, h.end), h.level]),
      [['# Problem 1 $x$', 1], ['Problem 2\n---', 2], ['## Problem 4', 2], ['#### (a)', 4]],
    );
    // Their titles name the report's blocks.
    assert.deepEqual(headings?.map((h) => h.title), ['Problem 1 $x$', 'Problem 2', 'Problem 4', '(a)']);
  });

  it('returns nothing for an empty document', () => {
    assert.deepEqual(extractMarkdown(''), { spans: [], directives: [], headings: [] });
  });

  it('survives hostile input quickly', function () {
    this.timeout(10000);
    const inputs = ['$'.repeat(10000), '$$\n'.repeat(3000), '>'.repeat(3000) + ' $x$', '$a'.repeat(3000), '\ufeff', '\r', '$\n$', '$$ a', '```math'];
    for (const doc of inputs) {
      const t0 = Date.now();
      const { spans } = extractMarkdown(doc);
      spans.forEach((s) => assertMapped(doc, s));
      // The parser dominates; generous bound for slow CI machines.
      assert.ok(Date.now() - t0 < 3000, `${JSON.stringify(doc.slice(0, 10))} took ${Date.now() - t0} ms`);
    }
  });
});

describe('extractMarkdown: plain claims in prose (Unicode and ASCII notation)', () => {
  /** The source text of each span, in document order. */
  const sources = (doc: string) => extractMarkdown(doc).spans.map((s) => doc.slice(s.outer.start, s.outer.end));

  it('finds claims in paragraphs, list items, blockquotes, headings and table cells, in order with $ math', () => {
    const doc = [
      '## (b) ∂L/∂d = 2(ŷ − y)',
      '',
      'So ∂L/∂d = −2(y − ŷ). And $z = Ax + b$ then dL/dC_i = -2*(y - yhat)*sigmoid(z_i).',
      '',
      '- (c) ∂L/∂C_i = −2(y − ŷ)σ(z_i)',
      '',
      '> (d) ∂L/∂b_i = −2(y − ŷ) *',
      '> C_i σ′(z_i)',
      '',
      '| part | answer |',
      '|---|---|',
      '| f | ∇_b L = −2(y − ŷ) Cᵀ ⊙ σ′(z) | note |',
    ].join('\n');
    assert.deepEqual(sources(doc), [
      '∂L/∂d = 2(ŷ − y)',
      '∂L/∂d = −2(y − ŷ)',
      '$z = Ax + b$',
      'dL/dC_i = -2*(y - yhat)*sigmoid(z_i)',
      '∂L/∂C_i = −2(y − ŷ)σ(z_i)',
      '∂L/∂b_i = −2(y − ŷ) *\n> C_i σ′(z_i)',
      '∇_b L = −2(y − ŷ) Cᵀ ⊙ σ′(z)',
    ]);
    const quoted = extractMarkdown(doc).spans[5];
    // The `> ` of the continuation line is not part of the claim; the break maps to the source break.
    assert.equal(quoted.text, '∂L/∂b_i = −2(y − ŷ) *\nC_i σ′(z_i)');
    assert.equal(doc[quoted.offsets[quoted.text.indexOf('\n')]], '\n');
    assert.equal(quoted.offsets[quoted.text.indexOf('C_i')], doc.indexOf('C_i σ′'));
  });

  it('maps an untranslated Unicode claim character for character', () => {
    const doc = 'Intro.\n\n  So ∂L/∂d = −2(y − ŷ) = 2(ŷ − y).';
    const [span] = extractMarkdown(doc).spans;
    assertMapped(doc, span);
    assert.equal(span.text, '∂L/∂d = −2(y − ŷ) = 2(ŷ − y)');
    assert.equal(span.display, false);
  });

  it('never looks in code, inline code, HTML, links, images or math', () => {
    const doc = [
      '`∂L/∂d = 1` and <span>∂L/∂d = 2</span> and [∂L/∂d = 3](http://x.org/dL/dd=4) ![dL/dd = 5](i.png)',
      '',
      '```python',
      '# dL/dd = 6',
      '```',
      '',
      '    ∂L/∂d = 7',
      '',
      '<div>',
      'dL/dd = 8',
      '</div>',
      '',
      '$$',
      '∂L/∂d = 9',
      '$$',
    ].join('\n');
    assert.deepEqual(sources(doc), ['$$\n∂L/∂d = 9\n$$']);
  });

  it('reads prose as rendered: escapes and emphasis markers are not math', () => {
    assert.deepEqual(extractMarkdown('**(b)** dL/dd = 2\\*(y\\_pred - y)').spans.map((s) => s.text), ['\\frac{dL}{dd} = 2*(\\hat{y} - y)']);
    assert.deepEqual(sources('**∂L/∂d = 2(ŷ − y)**'), ['∂L/∂d = 2(ŷ − y)']);
    assert.deepEqual(sources('*Answer:* ∂L/∂d = 2(ŷ − y)'), ['∂L/∂d = 2(ŷ − y)']);
  });

  it('takes no ordinary prose for a claim', () => {
    assert.deepEqual(sources('Here d = 3 is the size, dog/day = 2, and it\'s x = y.\n\nThe derivative ∂L/∂d is what we want.'), []);
  });
});

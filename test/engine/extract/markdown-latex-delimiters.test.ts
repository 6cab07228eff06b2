// LaTeX's math delimiters written straight into Markdown, as MathJax reads them (issue 13, section 7):
// `\begin{equation}` and the align family, `\[…\]`, `\(…\)`, and their doubled-backslash forms
// `\\[…\\]`, `\\(…\\)`; never in code, HTML or escaped brackets, and prices stay prose.
import * as assert from 'node:assert/strict';
import { ExtractionCache } from '../../../src/engine/extract/chunks';
import { extractMarkdown } from '../../../src/engine/extract/markdown';
import type { Extraction } from '../../../src/engine/extract/types';
import { check, verdicts } from '../../support/claims';
import { assertMapped, lineColumn, mathPlace, outerPlace } from '../../support/spans';

/** The extraction of `doc`, every span mapped exactly, the same at once and run by run. */
function extract(doc: string): Extraction {
  const whole = extractMarkdown(doc);
  whole.spans.forEach((span) => assertMapped(doc, span));
  assert.deepEqual(new ExtractionCache().extract(doc), whole, 'run by run as at once');
  return whole;
}

const texts = (doc: string) => extract(doc).spans.map((span) => span.text);

describe('Markdown: LaTeX environments written into the text', () => {
  it('reads \\begin{equation}…\\end{equation} as display math, its body at its place', () => {
    const doc = 'Text.\n\n\\begin{equation}\na = b + c\n\\end{equation}\n\nAfter $x$.\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => [s.text, s.display]), [['a = b + c', true], ['x', false]]);
    assert.equal(mathPlace(doc, spans[0]), '4:1-4:10');
    assert.equal(outerPlace(doc, spans[0]), '3:1-5:15');
  });

  it('reads align, align*, aligned, gather, eqnarray and alignat{2} (without its argument)', () => {
    const doc = [
      '\\begin{align}\na &= b \\\\\n&= c\n\\end{align}',
      '\\begin{align*}\nd &= e\n\\end{align*}',
      '\\begin{aligned}\nf &= g\n\\end{aligned}',
      '\\begin{gather}\nh = i\n\\end{gather}',
      '\\begin{eqnarray}\nj &=& k\n\\end{eqnarray}',
      '\\begin{alignat}{2}\nl &= m\n\\end{alignat}',
    ].join('\n\n');
    assert.deepEqual(texts(doc), ['a &= b \\\\\n&= c', 'd &= e', 'f &= g', 'h = i', 'j &=& k', 'l &= m']);
  });

  it('reads an environment in a paragraph, a list item or a blockquote, the markers left out', () => {
    const doc = '- Step: \\begin{align}\n  a &= b \\\\\n  &= c\n  \\end{align} done.\n- Next\n\n> \\begin{equation}\n> x = y\n> \\end{equation}\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['a &= b \\\\\n&= c', 'x = y']);
    assert.equal(mathPlace(doc, spans[0]), '2:3-3:7');
    assert.equal(outerPlace(doc, spans[0]), '1:9-4:14');
    assert.equal(mathPlace(doc, spans[1]), '8:3-8:8');
  });

  it('reads an environment written with Markdown escapes (a\\_1, \\\\\\\\) as Markdown renders it', () => {
    const doc = '\\begin{align}\na\\_1 &= b \\\\\\\\\n&= c\n\\end{align}\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['a_1 &= b \\\\\n&= c']);
    assert.equal(spans[0].offsets[1], doc.indexOf('_'));
  });

  it('keeps an environment whole when one of its lines would start a list for Markdown', () => {
    const doc = '\\begin{align}\nL &= a\n- b \\\\\n+ c\n\\end{align}\nAfter $x$.\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['L &= a\n- b \\\\\n+ c', 'x']);
    assert.equal(outerPlace(doc, spans[0]), '1:1-5:12');
  });

  it('gives an environment never closed before a blank line a problem at its \\begin', () => {
    const doc = 'Intro $y$.\n\n\\begin{align}\na &= b\n\nc $x$\n';
    const { spans, problems = [] } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['y', 'x']);
    assert.deepEqual(problems.map((p) => [doc.slice(p.range.start, p.range.end), lineColumn(doc, p.range.start), p.message]), [
      ['\\begin{align}', '3:1', '\\begin{align} is never closed by \\end{align} before the next blank line'],
    ]);
  });
});

describe('Markdown: \\[…\\] and \\(…\\), with one backslash or two', () => {
  it('reads \\[…\\] as display math and \\(…\\) as inline math, even with no $ in the document', () => {
    const doc = 'Display:\n\\[\na = b\n\\]\nand inline \\(x = y\\) here.\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => [s.text, s.display]), [['a = b', true], ['x = y', false]]);
    assert.equal(mathPlace(doc, spans[0]), '3:1-3:6');
    assert.equal(outerPlace(doc, spans[0]), '2:1-4:3');
    assert.equal(mathPlace(doc, spans[1]), '5:14-5:19');
    assert.equal(outerPlace(doc, spans[1]), '5:12-5:21');
  });

  it('reads \\\\(…\\\\) and \\\\[…\\\\] as their authors mean them: \\_ is _, \\\\\\\\ is \\\\, \\, stays a thin space', () => {
    const doc = 'Inline \\\\(a\\_1 = b\\,c\\\\) and display\n\n\\\\[\nc = d \\\\\\\\ e = f\n\\\\]\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => [s.text, s.display]), [['a_1 = b\\,c', false], ['c = d \\\\ e = f', true]]);
    assert.equal(mathPlace(doc, spans[0]), '1:11-1:22');
    assert.equal(outerPlace(doc, spans[0]), '1:8-1:25');
    assert.equal(spans[0].offsets[1], doc.indexOf('_'));
    assert.equal(mathPlace(doc, spans[1]), '4:1-4:17');
  });

  it('reads them in list items, blockquotes and headings', () => {
    const doc = '# Problem \\(k = 3\\)\n\n- item \\(z = 1\\)\n\n> \\[ x = y \\]\n';
    const { spans, headings } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['k = 3', 'z = 1', 'x = y']);
    assert.equal(mathPlace(doc, spans[2]), '5:6-5:11');
    assert.deepEqual(headings?.map((h) => doc.slice(h.start, h.end)), ['# Problem \\(k = 3\\)']);
  });

  it('gives a \\\\( that nothing closes a problem; a lone \\( is only an escaped parenthesis', () => {
    const doc = 'See \\\\(a = b here.\n\nSee \\(a = b here.\n';
    const { spans, problems = [] } = extract(doc);
    assert.deepEqual(spans, []);
    assert.deepEqual(problems.map((p) => [doc.slice(p.range.start, p.range.end), p.message]), [['\\\\(', '\\\\( is never closed by \\\\)']]);
  });
});

describe('Markdown: what never becomes math', () => {
  it('reads no delimiter in code, indented code, inline code, HTML, escaped brackets or other environments', () => {
    const doc = [
      'Code `\\[a = b\\]` and `\\(x = y\\)`.',
      '',
      '```',
      '\\begin{equation}',
      'a = b',
      '\\end{equation}',
      '```',
      '',
      '    \\[c = d\\]',
      '',
      'See \\[1\\] and \\[citation needed\\]; - \\[x\\] done.',
      '',
      'Escaped \\\\\\[e = f\\\\\\] stays text.',
      '',
      '<div>\\(g = h\\)</div>',
      '',
      '\\begin{itemize}\\item no\\end{itemize}',
    ].join('\n');
    assert.deepEqual(extract(doc), { spans: [], directives: [], headings: [] });
  });

  it('keeps prices with dollar signs prose, next to real math', () => {
    for (const prose of ['It costs $5 and $10.', 'It cost $5 = 5 dollars, then $10 more.', 'Prices: $5, $10 and $20.', 'A $5 bill, a $20 note.']) {
      assert.deepEqual(extract(prose).spans, [], prose);
      assert.deepEqual(check(prose), [], prose);
    }
    assert.deepEqual(texts('Pay $5 or $10; the loss is $L = 2$.'), ['L = 2']);
  });
});

describe('Markdown: the claims of LaTeX environments and delimiters', () => {
  it('checks each row of an align environment written into the text', () => {
    const doc = 'Text.\n\n\\begin{align}\n\\frac{d}{dx} x^2 &= 2x \\\\\n&= x + 2\n\\end{align}\n';
    const findings = check(doc);
    assert.deepEqual(verdicts(findings), ['verified: \\frac{d}{dx} x^2 &= 2x', 'mismatch: = x + 2']);
    assert.equal(lineColumn(doc, findings[1].range.start), '5:2');
  });

  it('reports an environment never closed as unparsed, with its line', () => {
    const doc = '\\begin{align}\na &= b\n\nc\n';
    const findings = check(doc);
    assert.deepEqual(verdicts(findings), ['unparsed: \\begin{align}']);
    assert.equal(lineColumn(doc, findings[0].range.start), '1:1');
  });
});

describe('Markdown: math found around the parser, on random and hostile input', () => {
  it('maps every character exactly and keeps spans apart (fuzz)', () => {
    const tokens = ['$$', '$', '\n', '\r\n', '\n\n', '> ', '- ', '  ', 'a = b', '\\(', '\\)', '\\[', '\\]', '\\\\(', '\\\\)', '\\\\[',
      '\\\\]', '\\begin{align}', '\\end{align}', '&=', '\\\\', '`', '```\n', '~~~\n', '# ', '---\n', '$5', '\\_', 'x^2'];
    let seed = 13;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let round = 0; round < 1500; round++) {
      let doc = '';
      for (let i = 1 + random(30); i > 0; i--) doc += tokens[random(tokens.length)];
      const { spans, problems = [] } = extractMarkdown(doc);
      spans.forEach((span) => assertMapped(doc, span));
      spans.forEach((span, i) => assert.ok(i === 0 || spans[i - 1].outer.end <= span.outer.start, `spans overlap in ${JSON.stringify(doc)}`));
      for (const p of problems) assert.ok(p.range.start < p.range.end && p.range.end <= doc.length, JSON.stringify(doc));
    }
  });

  it('stays fast on delimiters that never close or never end', function () {
    this.timeout(20_000);
    const inputs = ['\\('.repeat(5000), '\\\\('.repeat(5000), '\\['.repeat(5000), '\\begin{align}'.repeat(3000), '\\begin{align}\n'.repeat(3000),
      '\\[\n'.repeat(5000), '$$a\n'.repeat(3000), `${'$$a = b\n= c $$\n'.repeat(1000)}`, `- ${'\\begin{align}\n  a &= b\n'.repeat(1000)}`];
    for (const doc of inputs) {
      const started = Date.now();
      const { spans } = extractMarkdown(doc);
      spans.forEach((span) => assertMapped(doc, span));
      assert.ok(Date.now() - started < 3000, `${JSON.stringify(doc.slice(0, 16))} took ${Date.now() - started} ms`);
    }
  });
});

// `$$` blocks whose math starts or ends on a delimiter line (kramdown, Jekyll and MathJax style), as
// blogs and textbooks write them (issue 13, section 7). CommonMark's fences close only at a line of
// `$$` alone, so such a block used to swallow the rest of the document.
import * as assert from 'node:assert/strict';
import { ExtractionCache } from '../../../src/engine/extract/chunks';
import { extractMarkdown, extractSimpleMarkdown } from '../../../src/engine/extract/markdown';
import { MAX_PARSES } from '../../../src/engine/extract/markdown-recover';
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

describe('Markdown: $$ blocks with math on a delimiter line', () => {
  it('reads a block opened and closed on lines of math, then the prose, math and heading after it', () => {
    const doc = [
      'Intro.', // 1
      '', // 2
      '$$\\frac{\\partial L}{\\partial w} = 2(w - y)', // 3
      '= 2w - 2y $$', // 4
      'Then $a = b$.', // 5
      '', // 6
      '# Next', // 7
      '', // 8
      '$c = d$', // 9
    ].join('\n');
    const { spans, headings } = extract(doc);
    assert.deepEqual(spans.map((s) => [s.text, s.display]), [
      ['\\frac{\\partial L}{\\partial w} = 2(w - y)\n= 2w - 2y', true],
      ['a = b', false],
      ['c = d', false],
    ]);
    assert.equal(mathPlace(doc, spans[0]), '3:3-4:10');
    assert.equal(outerPlace(doc, spans[0]), '3:1-4:13');
    assert.equal(mathPlace(doc, spans[1]), '5:7-5:12');
    assert.deepEqual(headings?.map((h) => doc.slice(h.start, h.end)), ['# Next']);
  });

  it('reads a block opened on a line of its own and closed on a line of math', () => {
    const doc = '$$\na = b\n= c $$\ntext $x = 1$\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['a = b\n= c', 'x = 1']);
    assert.equal(mathPlace(doc, spans[0]), '2:1-3:4');
    assert.equal(outerPlace(doc, spans[0]), '1:1-3:7');
  });

  it('still reads a block opened on a line of math and closed by $$ alone', () => {
    const doc = '$$a = b\n= c\n$$\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['a = b\n= c']);
    assert.equal(outerPlace(doc, spans[0]), '1:1-3:3');
  });

  it('ends the block at a $$ in the middle of a line; the rest of the line is prose', () => {
    assert.deepEqual(texts('$$\na = b $$ where $b$ is given.\n'), ['a = b', 'b']);
  });

  it('never reads a ~~~ code fence after a multi-line $$ paragraph as math', () => {
    assert.deepEqual(texts('Text\n\n$$a = b\nc = d$$\n~~~\nx = $5$ y\n~~~\n'), ['a = b\nc = d']);
    assert.deepEqual(texts('Text\n$$\na = b\nc = d\n$$\n~~~python\ny = $z$\n~~~\n'), ['a = b\nc = d']);
    assert.deepEqual(texts('$$a = b\n= c $$\n```\n$q$\n```\nAfter $r$.\n'), ['a = b\n= c', 'r']);
  });

  it('reads such blocks in list items and blockquotes, their markers left out', () => {
    const listed = '- item\n  $$a = b\n  = c $$\n- next $x$\n';
    const inList = extract(listed).spans;
    assert.deepEqual(inList.map((s) => s.text), ['a = b\n= c', 'x']);
    assert.equal(mathPlace(listed, inList[0]), '2:5-3:6');
    assert.equal(outerPlace(listed, inList[0]), '2:3-3:9');
    assert.equal(mathPlace(listed, inList[1]), '4:9-4:10');
    const quoted = '> $$a = b\n> = c $$\n> more $y$\n';
    const inQuote = extract(quoted).spans;
    assert.deepEqual(inQuote.map((s) => s.text), ['a = b\n= c', 'y']);
    assert.equal(mathPlace(quoted, inQuote[0]), '1:5-2:6');
  });

  it('reads several such blocks in one list, each block after the one before', () => {
    const doc = '- $$a = 1\n  b = 2 $$\n- $$c = 3\n  d = 4 $$\n- $$e = 5\n  f = 6 $$\n';
    assert.deepEqual(texts(doc), ['a = 1\nb = 2', 'c = 3\nd = 4', 'e = 5\nf = 6']);
  });

  it('maps CRLF line breaks to their \\r', () => {
    const doc = '$$a = b\r\n= c $$\r\n\r\nz $q$\r\n';
    const { spans } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['a = b\n= c', 'q']);
    assert.equal(spans[0].offsets[5], doc.indexOf('\r'));
  });

  it('gives a $$ that nothing closes a problem at its line and reads the lines after it as Markdown', () => {
    const doc = 'Intro $x$.\n\n$$a = b\n= c\n\nMore $y$.\n';
    const { spans, problems = [] } = extract(doc);
    assert.deepEqual(spans.map((s) => s.text), ['x', 'y']);
    assert.deepEqual(problems.map((p) => [doc.slice(p.range.start, p.range.end), lineColumn(doc, p.range.start)]), [['$$a = b', '3:1']]);
    assert.match(problems[0].message, /no \$\$ closes/);
  });

  it('keeps a $$ block that the end of its list item or quote closes, as CommonMark reads it', () => {
    const quoted = '> $$\n> a = b\n\nafter $x$\n';
    assert.deepEqual(texts(quoted), ['a = b', 'x']);
    assert.equal(extract(quoted).problems, undefined);
    // The `$$` under the item is not indented into it: it opens a block of its own, never closed.
    const listed = '1. text\n   $$\n   a = b\n$$\n';
    const { spans, problems = [] } = extract(listed);
    assert.deepEqual(spans.map((s) => s.text), ['a = b']);
    assert.deepEqual(problems.map((p) => lineColumn(listed, p.range.start)), ['4:1']);
  });

  it('reads the simple shapes without the parser as the parser does', () => {
    for (const doc of ['$$\na = b $$\n$$\n', '$$\na = b\n$$\n']) assert.deepEqual(extractSimpleMarkdown(doc), extractMarkdown(doc), JSON.stringify(doc));
  });

  it(`parses one piece of text at most ${MAX_PARSES} times, and says where it stopped`, () => {
    // Each block swallows the rest (no container ends it): each parse uncovers the next block.
    const doc = Array.from({ length: MAX_PARSES + 2 }, (_, i) => `$$a_{${i}} = 1\nb = 2 $$`).join('\n');
    const { spans, problems = [] } = extractMarkdown(doc);
    assert.equal(spans.length, MAX_PARSES - 1);
    assert.deepEqual(spans.slice(0, 2).map((s) => s.text), ['a_{0} = 1\nb = 2', 'a_{1} = 1\nb = 2']);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^not read: this text has too many blocks of math/);
    assert.equal(lineColumn(doc, problems[0].range.start), `${2 * MAX_PARSES - 1}:1`);
  });
});

describe('Markdown: the claims of $$ blocks with math on a delimiter line', () => {
  it('checks each line of the block, at its place', () => {
    const doc = 'Intro.\n\n$$\\frac{d}{dx}\\left(x^2 + 3x\\right) = 2x + 3\n= 2x + 2 $$\nThen text.\n';
    const findings = check(doc);
    assert.deepEqual(verdicts(findings), [
      'verified: \\frac{d}{dx}\\left(x^2 + 3x\\right) = 2x + 3',
      'mismatch: 2x + 3\n= 2x + 2',
    ]);
    assert.equal(lineColumn(doc, findings[1].range.start), '3:39');
  });

  it('reports a $$ that nothing closes as unparsed, with its line', () => {
    const doc = 'Intro.\n\n$$a = b\n= c\n\nMore.\n';
    const findings = check(doc);
    assert.deepEqual(verdicts(findings), ['unparsed: $$a = b']);
    assert.equal(lineColumn(doc, findings[0].range.start), '3:1');
  });
});

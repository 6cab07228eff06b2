// Assertions on extracted math spans: every character maps back onto the document, and positions
// read as line:column, as an editor shows them.
import * as assert from 'node:assert/strict';
import { LineMap } from '../../src/engine/source/location';
import type { MathSpan } from '../../src/engine/source/span';

/** Every character maps onto itself; a line break maps to the start of the source line break. */
export function assertMapped(doc: string, span: MathSpan): void {
  assert.equal(span.offsets.length, span.text.length + 1);
  for (let i = 0; i < span.text.length; i++) {
    const o = span.offsets[i];
    if (span.text[i] === '\n') assert.ok(doc[o] === '\n' || doc[o] === '\r', `break at ${i} maps to ${JSON.stringify(doc[o])}`);
    else assert.equal(doc[o], span.text[i], `char ${i} of ${JSON.stringify(span.text)}`);
    if (i > 0) assert.ok(o > span.offsets[i - 1], 'offsets increase');
  }
  const n = span.text.length;
  if (n) assert.equal(span.offsets[n], span.offsets[n - 1] + 1);
  assert.ok(span.outer.start <= span.offsets[0] && span.offsets[n] <= span.outer.end, 'the span lies inside its construct');
}

/** `line:column` (1-based) of a document offset. */
export function lineColumn(doc: string, offset: number): string {
  const { line, column } = new LineMap(doc).position(offset);
  return `${line}:${column}`;
}

/** Where a span's math starts and ends (just after its last character), as `line:column-line:column`. */
export function mathPlace(doc: string, span: MathSpan): string {
  return `${lineColumn(doc, span.offsets[0])}-${lineColumn(doc, span.offsets[span.text.length])}`;
}

/** Where a span's construct starts and ends, delimiters included, as `line:column-line:column`. */
export function outerPlace(doc: string, span: MathSpan): string {
  return `${lineColumn(doc, span.outer.start)}-${lineColumn(doc, span.outer.end)}`;
}

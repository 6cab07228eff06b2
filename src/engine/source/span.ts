// A piece of math found in a document, with the document offset of every character: what an
// extractor finds and the checker reads, whichever notation it was written in.
import type { SourceRange } from './location';

/**
 * A piece of math found in a document. `text` is the math source (without delimiters); `offsets[i]`
 * is the document offset of `text[i]`, and `offsets[text.length]` is the document offset just after
 * the last character. A span never contains container markup (blockquote `>` etc.), so offsets may
 * jump between lines.
 */
export interface MathSpan {
  readonly text: string;
  readonly offsets: readonly number[];
  /** `inline` for $…$ and \(…\); `display` for $$…$$, fenced math blocks and display environments. */
  readonly display: boolean;
  /** The range of the whole construct in the document, delimiters included. */
  readonly outer: SourceRange;
}

/** Map a document range back into the span: the span-local range of the characters that stand for it. */
export function toSpanRange(span: MathSpan, range: SourceRange): SourceRange | undefined {
  let start = -1;
  let end = -1;
  span.offsets.forEach((offset, i) => {
    if (offset < range.start || offset >= range.end) return;
    if (start < 0) start = i;
    end = i + 1;
  });
  return start < 0 ? undefined : { start, end };
}

/** Map a span-local range to a document range. */
export function toDocumentRange(span: MathSpan, local: SourceRange): SourceRange {
  const clamp = (i: number) => Math.max(0, Math.min(i, span.text.length));
  const start = span.offsets[clamp(local.start)];
  // The end maps through the last included character so that a range never swallows a line break.
  const endIdx = clamp(local.end);
  const end = endIdx > clamp(local.start) ? span.offsets[endIdx - 1] + 1 : start;
  return { start, end };
}

import type { SourceRange } from '../source/location';

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

/** A `derivcheck:` directive found in a comment; `line` is 1-based, where the comment starts. */
export interface Directive {
  readonly text: string; // what follows "derivcheck:", trimmed
  readonly line: number;
  /** The line of the comment's end (a directive applies from here on; ignore-next-line looks after it). */
  readonly endLine: number;
  readonly loc: SourceRange;
}

/** Something in the document that could not be read or expanded (a definition, an invocation, unclosed math), located. */
export interface ExtractionProblem {
  readonly range: SourceRange;
  readonly message: string;
}

/** What an extractor found in a document: its math, its directives and headings, and what it could not read. Plain data. */
export interface Extraction {
  readonly spans: MathSpan[];
  readonly directives: Directive[];
  /** Where headings start (Markdown `#`, LaTeX `\section`), in document order: each resets auto-detection's sticky model. */
  readonly headings?: readonly SourceRange[];
  /** LaTeX: macros that could not be expanded, environments never closed; each becomes an `unparsed` finding. */
  readonly problems?: readonly ExtractionProblem[];
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

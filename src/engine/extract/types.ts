import type { SourceRange } from '../source/location';
import type { MathSpan } from '../source/span';

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

/** A heading and its level: 1 for `#` (or `\chapter`), 2 for `##` (or `\section`); deeper is larger. */
export interface Heading extends SourceRange {
  readonly level: number;
  /** Its text (`Problem 1 (b)`), for the report's section names; none for a slide or a list item. */
  readonly title?: string;
  /** A part of its own (a Beamer frame): what it defines holds in it only. */
  readonly closed?: boolean;
}

/** What an extractor found in a document: its math, its directives and headings, and what it could not read. Plain data. */
export interface Extraction {
  readonly spans: MathSpan[];
  readonly directives: Directive[];
  /** The headings (Markdown `#`, LaTeX `\section`), in document order: they scope what auto-detection finds. */
  readonly headings?: readonly Heading[];
  /** LaTeX: macros that could not be expanded, environments never closed; each becomes an `unparsed` finding. */
  readonly problems?: readonly ExtractionProblem[];
}

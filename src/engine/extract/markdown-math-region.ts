// A piece of math that the Markdown parser misreads or does not see, found around the parser: a `$$`
// block whose math starts or ends on a delimiter line, `\[…\]`, `\(…\)`, `\begin{align}…` written
// straight into the text. The region is masked before the text is parsed again, so that what
// surrounds it reads as Markdown and nothing inside it is read twice.
import type { SourceRange } from '../source/location';
import type { MathSpan } from '../source/span';
import type { ExtractionProblem } from './types';

export interface MathRegion {
  /** The source the region covers, delimiters included. */
  readonly range: SourceRange;
  /** Its math, or undefined when there is none to check (empty, or unreadable: see `problem`). */
  readonly span?: MathSpan;
  /** Why the math cannot be read (a delimiter never closed); it becomes an `unparsed` finding. */
  readonly problem?: ExtractionProblem;
  /** The region ends or continues outside the block the parser found: the text must be parsed again. */
  readonly reparse: boolean;
  /** The region is inside a blockquote: the `>` that start its lines are the quote's markup. */
  readonly quoted: boolean;
}

/** The character masked math is replaced by: a letter starts no Markdown construct and ends none. */
const MASK = 'x';

/**
 * Where the content of the line starting at `lineStart` begins: after the indentation, and inside a
 * blockquote after its `>` markers (the container prefixes the parser strips).
 */
export function lineContentStart(src: string, lineStart: number, quoted: boolean): number {
  let i = lineStart;
  for (;;) {
    while (src[i] === ' ' || src[i] === '\t') i++;
    if (!quoted || src[i] !== '>') return i;
    i++;
  }
}

/** Index just after the line break at `i` (a \r\n counts as one). */
export function afterBreak(src: string, i: number): number {
  return i + (src[i] === '\r' && src[i + 1] === '\n' ? 2 : 1);
}

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/**
 * The text with each region's content replaced by letters, line by line, keeping line breaks and
 * container prefixes, and so every offset and the blocks around the regions.
 */
export function maskRegions(text: string, regions: readonly MathRegion[]): string {
  if (regions.length === 0) return text;
  const out = text.split('');
  for (const { range, quoted } of regions) {
    let i = range.start;
    while (i < range.end) {
      if (isBreak(text[i])) {
        i = lineContentStart(text, afterBreak(text, i), quoted);
        continue;
      }
      out[i] = MASK;
      i++;
    }
  }
  return out.join('');
}

/** The regions' ranges as a per-offset flag: prose runs and the parser's spans must keep out of them. */
export function regionFlags(length: number, regions: readonly MathRegion[]): Uint8Array | undefined {
  if (regions.length === 0) return undefined;
  const flags = new Uint8Array(length);
  for (const { range } of regions) flags.fill(1, Math.max(0, range.start), Math.min(length, range.end));
  return flags;
}

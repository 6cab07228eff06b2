// LaTeX's own math delimiters written straight into Markdown, as MathJax reads them in a page:
// `\(…\)` and `\[…\]`, the same with doubled backslashes (`\\(…\\)`, which Markdown renders as
// `\(…\)` for MathJax), and display environments (`\begin{align}…\end{align}`). The Markdown parser
// sees text there; this finds the math in a paragraph's or heading's source, outside code, HTML and
// `$` math, and reads it with exact offsets.
import type { SourceRange } from '../source/location';
import type { MathSpan } from '../source/span';
import { afterBreak, lineContentStart, type MathRegion } from './markdown-math-region';

/** Environments MathJax typesets as display math wherever they stand. */
const DISPLAY_ENVIRONMENTS = new Set([
  ...['equation', 'align', 'gather', 'multline', 'eqnarray', 'flalign', 'alignat', 'displaymath'].flatMap((n) => [n, `${n}*`]),
  'aligned', 'alignedat', 'gathered', 'split',
]);
/** Environments whose `\begin` takes an argument before the math (`\begin{alignat}{2}`). */
const WITH_ARGUMENT = /^(?:alignat\*?|alignedat)$/;
/**
 * In math between doubled-backslash delimiters, the Markdown escapes that are written for Markdown's
 * sake (`a\_1`, `x\*y`, `\\` for a backslash): each stands for its character. Other escapes (`\,`,
 * `\{`, `\|`) are LaTeX's own commands there, which careless authors leave single; read them as LaTeX.
 */
const MARKDOWN_ESCAPES = /[\\_*`[\]()+\-.~]/;
/**
 * Escapes written for Markdown in math between single-backslash delimiters (`\begin{align} a\_1 &= b
 * \\\\`): the author wrote the whole math for Markdown, so it is read as with doubled ones.
 */
const WRITTEN_FOR_MARKDOWN = /\\[_*]|\\\\\\\\/;
/** What a single-backslash `\[…\]` or `\(…\)` holds when it is math, not an escaped bracket (`\[1\]`). */
const LOOKS_LIKE_MATH = /\\[A-Za-z]|[=^_{}]/;

/** A block of prose the parser found: a paragraph or a heading. */
export interface ProseBlock {
  readonly range: SourceRange;
  /** Code spans, `$` math and HTML inside it, never searched for delimiters. */
  readonly opaque: readonly SourceRange[];
  /** How far math opened in it may run on (the end of its container); a heading's own end. */
  readonly limit: number;
  readonly quoted: boolean;
}

/** The math regions delimited in LaTeX's way that start in `block`. */
export function latexDelimiterRegions(src: string, block: ProseBlock): MathRegion[] {
  const { range, opaque } = block;
  const regions: MathRegion[] = [];
  const firstBackslash = src.indexOf('\\', range.start);
  if (firstBackslash < 0 || firstBackslash >= range.end) return regions;
  const searches: Searches = { failed: new Map() };
  let skip = 0; // index into opaque
  let i = range.start;
  while (i < range.end) {
    while (skip < opaque.length && opaque[skip].end <= i) skip++;
    if (skip < opaque.length && opaque[skip].start <= i) {
      i = opaque[skip].end;
      continue;
    }
    if (src[i] !== '\\') {
      i++;
      continue;
    }
    let run = 0;
    while (src[i + run] === '\\') run++;
    const at = i + run;
    const region = run <= 2 ? delimited(src, i, run, at, block, searches) : undefined;
    if (region) {
      regions.push(region);
      i = region.range.end;
    } else i = at; // a longer run is escaped backslashes, never a delimiter
  }
  return regions;
}

/** What the searches for closing delimiters in one block share, which keeps `\\(\\(\\(…` linear. */
interface Searches {
  /** Where a search for a closing delimiter (by delimiter and limit) failed first: a later one fails too. */
  readonly failed: Map<string, number>;
  /** Where math opened in the block may run on to (the first blank line after it), once found. */
  beyond?: number;
}

/** The region that the delimiter of `run` backslashes at `start` (its character at `at`) opens, if any. */
function delimited(src: string, start: number, run: number, at: number, block: ProseBlock, searches: Searches): MathRegion | undefined {
  const c = src[at];
  if (c === '(' || c === '[') {
    const closer = c === '(' ? ')' : ']';
    const close = findCloser(src, at + 1, run, closer, block, c === '[' && aloneOnLine(src, start, at + 1, block.quoted), searches);
    const name = `${'\\'.repeat(run)}${c}`;
    if (close === undefined) {
      // A lone `\(` or `\[` is an escaped bracket in prose; a doubled one is only ever math.
      return run === 2 ? unclosed(start, at + 1, `${name} is never closed by ${'\\'.repeat(run)}${closer}`, block) : undefined;
    }
    const content = { start: at + 1, end: close.at };
    if (run === 1 && !LOOKS_LIKE_MATH.test(src.slice(content.start, content.end))) return undefined;
    return region(src, { start, end: close.end }, content, escapedIn(src, content, run), c === '[', close.reparse, block.quoted);
  }
  const begin = /^begin\{([A-Za-z]+\*?)\}/.exec(src.slice(at, at + 40));
  if (!begin || !DISPLAY_ENVIRONMENTS.has(begin[1])) return undefined;
  const env = begin[1];
  let bodyStart = at + begin[0].length;
  if (WITH_ARGUMENT.test(env)) {
    const argument = /^\s*\{[^{}]*\}/.exec(src.slice(bodyStart, bodyStart + 40));
    if (argument) bodyStart += argument[0].length;
  }
  const close = findCloser(src, bodyStart, run, `end{${env}}`, block, true, searches);
  if (close === undefined) {
    const message = `${'\\'.repeat(run)}begin{${env}} is never closed by ${'\\'.repeat(run)}end{${env}} before the next blank line`;
    return unclosed(start, bodyStart, message, block);
  }
  const body = { start: bodyStart, end: close.at };
  return region(src, { start, end: close.end }, body, escapedIn(src, body, run), true, close.reparse, block.quoted);
}

/** Whether the math in `content`, opened by `run` backslashes, was written with Markdown's escapes. */
function escapedIn(src: string, content: SourceRange, run: number): boolean {
  return run === 2 || WRITTEN_FOR_MARKDOWN.test(src.slice(content.start, content.end));
}

/**
 * The closing delimiter after `from`: `run` backslashes exactly, then `closer`. Searched in the block,
 * then, when `beyond`, on until the next blank line within the block's limit: a line that starts a
 * list item or a quote inside the math ends the paragraph for the parser, not the math for MathJax.
 */
function findCloser(src: string, from: number, run: number, closer: string, block: ProseBlock, beyond: boolean,
  searches: Searches): { at: number; end: number; reparse: boolean } | undefined {
  const limit = beyond ? (searches.beyond ??= blankLineAfter(src, block.range.end, block.limit, block.quoted)) : block.range.end;
  const search = `${run}${closer}@${limit}`;
  const { failed } = searches;
  if ((failed.get(search) ?? Infinity) <= from) return undefined;
  const length = closer.length;
  let i = from;
  while (i < limit) {
    if (src[i] !== '\\') {
      i++;
      continue;
    }
    let n = 0;
    while (src[i + n] === '\\') n++;
    if (n === run && i + n + length <= limit && src.startsWith(closer, i + n)) {
      const end = i + n + length;
      return { at: i, end, reparse: end > block.range.end };
    }
    i += n;
  }
  failed.set(search, Math.min(failed.get(search) ?? Infinity, from));
  return undefined;
}

/** The start of the first blank line after the line holding `from` (before `limit`), or `limit`. */
function blankLineAfter(src: string, from: number, limit: number, quoted: boolean): number {
  let i = from;
  for (;;) {
    while (i < limit && src[i] !== '\n' && src[i] !== '\r') i++;
    if (i >= limit) return limit;
    const lineStart = afterBreak(src, i);
    const content = lineContentStart(src, lineStart, quoted);
    if (content >= limit || src[content] === '\n' || src[content] === '\r') return Math.min(lineStart, limit);
    i = content;
  }
}

/** Whether only blanks (and container prefixes) share the line with src[start, end). */
function aloneOnLine(src: string, start: number, end: number, quoted: boolean): boolean {
  let before = start;
  while (before > 0 && (src[before - 1] === ' ' || src[before - 1] === '\t' || (quoted && src[before - 1] === '>'))) before--;
  if (before > 0 && src[before - 1] !== '\n' && src[before - 1] !== '\r') return false;
  let after = end;
  while (src[after] === ' ' || src[after] === '\t') after++;
  return after >= src.length || src[after] === '\n' || src[after] === '\r';
}

/** A delimiter that nothing closes: the delimiter is masked and named; what follows reads as Markdown. */
function unclosed(start: number, end: number, message: string, block: ProseBlock): MathRegion {
  return { range: { start, end }, problem: { range: { start, end }, message }, reparse: false, quoted: block.quoted };
}

/**
 * The region of math in `content` (within `outer`): container prefixes dropped from its lines, blanks
 * around it trimmed, and with `escaped` (doubled-backslash delimiters) the escapes written for
 * Markdown read as Markdown renders them (`\_` is `_`, `\\\\` is `\\`: MARKDOWN_ESCAPES).
 */
function region(src: string, outer: SourceRange, content: SourceRange, escaped: boolean, display: boolean, reparse: boolean, quoted: boolean): MathRegion {
  const text: string[] = [];
  const offsets: number[] = [];
  for (let i = content.start; i < content.end; i++) {
    const c = src[i];
    if (c === '\n' || c === '\r') {
      text.push('\n');
      offsets.push(i);
      i = lineContentStart(src, afterBreak(src, i), quoted) - 1;
    } else if (escaped && c === '\\' && i + 1 < content.end && MARKDOWN_ESCAPES.test(src[i + 1])) {
      text.push(src[i + 1]);
      offsets.push(i + 1);
      i++;
    } else {
      text.push(c);
      offsets.push(i);
    }
  }
  let first = 0;
  let last = text.length;
  while (first < last && /\s/.test(text[first])) first++;
  while (last > first && /\s/.test(text[last - 1])) last--;
  const span: MathSpan | undefined = first < last
    ? { text: text.slice(first, last).join(''), offsets: [...offsets.slice(first, last), offsets[last - 1] + 1], display, outer }
    : undefined;
  return { range: outer, span, reparse, quoted };
}

import type { Directive, Extraction, MathSpan } from './types';
import type { SourceRange } from '../source/location';
import { extractMarkdown } from './markdown';

/**
 * Incremental Markdown extraction. A document is cut into runs of top-level blocks at places where
 * Markdown cannot carry context across (a blank line followed by an unindented line that starts no
 * list item, quote or table row, outside fences, $$ blocks and HTML comments); each run is parsed on
 * its own by the real parser and its result is cached by text, so an edit re-parses one run.
 */
export class ExtractionCache {
  private readonly runs = new Map<string, Extraction>();
  private static readonly MAX_RUNS = 5_000;

  extract(text: string): Extraction {
    const spans: MathSpan[] = [];
    const directives: Directive[] = [];
    const headings: SourceRange[] = [];
    let line = 1;
    for (const run of splitRuns(text)) {
      const source = text.slice(run.start, run.end);
      let extraction = this.runs.get(source);
      if (!extraction) {
        extraction = extractMarkdown(source);
        this.runs.set(source, extraction);
        if (this.runs.size > ExtractionCache.MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
      }
      for (const span of extraction.spans) spans.push(shiftSpan(span, run.start));
      for (const directive of extraction.directives) directives.push(shiftDirective(directive, run.start, line - 1));
      for (const heading of extraction.headings ?? []) headings.push({ start: heading.start + run.start, end: heading.end + run.start });
      line += run.lines;
    }
    return { spans, directives, headings };
  }
}

interface Run {
  readonly start: number;
  readonly end: number;
  /** Line breaks inside the run (so the next run starts `lines` lines later). */
  readonly lines: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MATH_FENCE = /^\s*\$\$/;
const CONTINUES_CONTEXT = /^(?:[ \t]|[-+*]\s|\d{1,9}[.)]\s|>|\||$)/;

/** Cut points: offsets of line starts where a new, independent run may begin. */
export function splitRuns(text: string): Run[] {
  const runs: Run[] = [];
  let runStart = 0;
  let runLines = 0;
  let fence: string | undefined;
  let inMath = false;
  let inComment = false;
  let previousBlank = false;
  let position = 0;
  while (position < text.length) {
    let lineEnd = text.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(position, lineEnd).replace(/\r$/, '');
    const outside = !fence && !inMath && !inComment;
    if (outside && previousBlank && position > runStart && !CONTINUES_CONTEXT.test(line)) {
      runs.push({ start: runStart, end: position, lines: runLines });
      runStart = position;
      runLines = 0;
    }
    if (fence) {
      if (line.trimStart().startsWith(fence)) fence = undefined;
    } else if (inMath) {
      if (line.includes('$$')) inMath = false;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const opened = FENCE.exec(line);
      if (opened) fence = opened[1];
      else if (MATH_FENCE.test(line) && (line.match(/\$\$/g) ?? []).length === 1) inMath = true;
      else if (line.includes('<!--') && !line.slice(line.indexOf('<!--')).includes('-->')) inComment = true;
    }
    previousBlank = line.trim() === '';
    if (lineEnd < text.length) runLines++;
    position = lineEnd + 1;
  }
  runs.push({ start: runStart, end: text.length, lines: runLines });
  return runs;
}

function shiftSpan(span: MathSpan, by: number): MathSpan {
  if (by === 0) return span;
  return {
    text: span.text,
    offsets: span.offsets.map((o) => o + by),
    display: span.display,
    outer: { start: span.outer.start + by, end: span.outer.end + by },
  };
}

function shiftDirective(directive: Directive, by: number, lines: number): Directive {
  if (by === 0) return directive;
  return {
    text: directive.text,
    line: directive.line + lines,
    endLine: directive.endLine + lines,
    loc: { start: directive.loc.start + by, end: directive.loc.end + by },
  };
}

import type { Directive, Extraction, ExtractionProblem, Heading } from './types';
import type { MathSpan } from '../source/span';
import { LineMap } from '../source/location';
import { extractMarkdown, extractSimpleMarkdown, mayHoldExtraction } from './markdown';
import { withMarkdownMacros } from './markdown-macros';

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
    const steps = this.steps(text);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /**
   * `extract` a piece at a time: yields after each batch of runs it had to parse (runs found in the
   * cache cost no turn). Runs not in the cache are parsed together, up to BATCH_CHARS of text per
   * parser call (runs are independent, so together they parse as they do one by one; one call per
   * run would spend most of its time setting the parser up), and cached one by one.
   */
  *steps(text: string): Generator<void, Extraction> {
    const runs = splitRuns(text);
    const extractions: (Extraction | undefined)[] = new Array(runs.length);
    let batch: number[] = [];
    let batchChars = 0;
    const parseBatch = () => {
      const sources = batch.map((r) => text.slice(runs[r].start, runs[r].end));
      const parsed = sources.length === 1 ? [extractMarkdown(sources[0])] : splitExtraction(extractMarkdown(sources.join('')), sources);
      batch.forEach((r, i) => {
        extractions[r] = parsed[i];
        this.runs.set(sources[i], parsed[i]);
        if (this.runs.size > ExtractionCache.MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
      });
      batch = [];
      batchChars = 0;
    };
    for (let r = 0; r < runs.length; r++) {
      const source = text.slice(runs[r].start, runs[r].end);
      const cached = this.runs.get(source);
      if (cached) {
        extractions[r] = cached;
        continue;
      }
      if (runs[r].parseAlone) {
        // Its `$$` block would swallow the runs parsed with it, each costing the batch a parse.
        if (batch.length > 0) {
          parseBatch();
          yield;
        }
        batch.push(r);
        parseBatch();
        yield;
        continue;
      }
      if (!mayHoldExtraction(source)) {
        // Nothing to find here (found without a parse).
        extractions[r] = extractMarkdown(source);
        continue;
      }
      const simple = extractSimpleMarkdown(source);
      if (simple) {
        // A line of math, a heading, a comment: read without the parser.
        extractions[r] = simple;
        this.runs.set(source, simple);
        if (this.runs.size > ExtractionCache.MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
        continue;
      }
      batch.push(r);
      batchChars += source.length;
      if (batchChars >= BATCH_CHARS) {
        parseBatch();
        yield;
      }
    }
    if (batch.length > 0) {
      parseBatch();
      yield;
    }
    const spans: MathSpan[] = [];
    const directives: Directive[] = [];
    const headings: Heading[] = [];
    const problems: ExtractionProblem[] = [];
    let line = 1;
    runs.forEach((run, r) => {
      const extraction = extractions[r]!;
      for (const problem of extraction.problems ?? []) problems.push(shiftProblem(problem, run.start));
      for (const span of extraction.spans) spans.push(shiftSpan(span, run.start));
      for (const directive of extraction.directives) directives.push(shiftDirective(directive, run.start, line - 1));
      for (const heading of extraction.headings ?? []) headings.push(shiftHeading(heading, run.start));
      line += run.lines;
    });
    // Macros a run defines apply to the runs after it: expanded in the document, not run by run.
    const expanded = withMarkdownMacros(spans, problems);
    return { spans: expanded, directives, headings, ...(problems.length > 0 ? { problems } : {}) };
  }
}

/** Text of uncached runs parsed in one parser call (at least one run, however long). */
const BATCH_CHARS = 16_384;

/**
 * The extraction of consecutive pieces of text parsed as one, cut back into the extraction of each
 * piece (offsets and lines relative to the piece), as if each had been parsed alone.
 */
function splitExtraction(whole: Extraction, sources: readonly string[]): Extraction[] {
  const starts: number[] = [];
  let offset = 0;
  for (const source of sources) {
    starts.push(offset);
    offset += source.length;
  }
  const joined = sources.join('');
  let map: LineMap | undefined;
  const firstLine = (piece: number) => (map ??= new LineMap(joined)).position(starts[piece]).line;
  const pieceOf = (at: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const out = sources.map(() => ({ spans: [] as MathSpan[], directives: [] as Directive[], headings: [] as Heading[] }));
  for (const span of whole.spans) {
    const piece = pieceOf(span.outer.start);
    out[piece].spans.push(shiftSpan(span, -starts[piece]));
  }
  const problems = sources.map((): ExtractionProblem[] => []);
  for (const problem of whole.problems ?? []) {
    const piece = pieceOf(problem.range.start);
    problems[piece].push(shiftProblem(problem, -starts[piece]));
  }
  for (const directive of whole.directives) {
    const piece = pieceOf(directive.loc.start);
    out[piece].directives.push(shiftDirective(directive, -starts[piece], -(firstLine(piece) - 1)));
  }
  for (const heading of whole.headings ?? []) {
    const piece = pieceOf(heading.start);
    out[piece].headings.push(shiftHeading(heading, -starts[piece]));
  }
  return out.map((extraction, piece) => (problems[piece].length > 0 ? { ...extraction, problems: problems[piece] } : extraction));
}

interface Run {
  readonly start: number;
  readonly end: number;
  /** Line breaks inside the run (so the next run starts `lines` lines later). */
  readonly lines: number;
  /**
   * A `$$` block in it closes on a line of math (`= c $$`): the parser's block runs on past it, into
   * whatever is parsed with the run (markdown-display-blocks.ts), so the run is parsed alone.
   */
  readonly parseAlone?: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MATH_FENCE = /^\s*\$\$/;
const CLOSING_MATH_FENCE = /^\s*\$\$+\s*$/;
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
  let parseAlone = false;
  let position = 0;
  while (position < text.length) {
    let lineEnd = text.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(position, lineEnd).replace(/\r$/, '');
    const outside = !fence && !inMath && !inComment;
    if (outside && previousBlank && position > runStart && !CONTINUES_CONTEXT.test(line)) {
      runs.push({ start: runStart, end: position, lines: runLines, ...(parseAlone ? { parseAlone } : {}) });
      runStart = position;
      runLines = 0;
      parseAlone = false;
    }
    if (fence) {
      if (line.trimStart().startsWith(fence)) fence = undefined;
    } else if (inMath) {
      if (line.includes('$$')) {
        inMath = false;
        if (!CLOSING_MATH_FENCE.test(line)) parseAlone = true;
      }
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
  runs.push({ start: runStart, end: text.length, lines: runLines, ...(parseAlone ? { parseAlone } : {}) });
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

function shiftHeading(heading: Heading, by: number): Heading {
  return { ...heading, start: heading.start + by, end: heading.end + by };
}

function shiftProblem(problem: ExtractionProblem, by: number): ExtractionProblem {
  return { range: { start: problem.range.start + by, end: problem.range.end + by }, message: problem.message };
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

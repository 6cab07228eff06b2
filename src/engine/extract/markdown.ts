import { fromMarkdown } from 'mdast-util-from-markdown';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import { LineMap } from '../source/location';
import { findClaims, mayHoldPlainClaim } from '../notation/claims';
import type { Located } from '../notation/located';
import type { Directive, Extraction, Heading } from './types';
import type { MathSpan } from '../source/span';
import { flowSpan, inlineSpan, readsAsPrice } from './markdown-spans';
import { recoverMath } from './markdown-recover';
import { regionFlags, type MathRegion } from './markdown-math-region';

/** The few mdast fields we read; typed loosely so unexpected trees cannot break us. */
interface MdNode {
  type: string;
  value?: string;
  lang?: string | null;
  meta?: string | null;
  /** A heading's level (1 to 6). */
  depth?: number;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
}

const COMMENT = /<!--([\s\S]*?)-->/g;
const DIRECTIVE_BODY = /^\s*derivcheck:([\s\S]*)$/;

function directivesIn(src: string, node: MdNode, start: number, end: number, lines: () => LineMap,
  out: Directive[]): void {
  // The value has container prefixes stripped, so prefer it for the text; the source gives ranges.
  const fromValue = [...(node.value ?? '').matchAll(COMMENT)];
  const fromSource = [...src.slice(start, end).matchAll(COMMENT)];
  fromSource.forEach((m, i) => {
    const d = DIRECTIVE_BODY.exec((fromValue.length === fromSource.length ? fromValue[i] : m)[1]);
    if (!d || !DIRECTIVE_BODY.test(m[1])) return;
    const s = start + (m.index ?? 0);
    const e = s + m[0].length;
    const map = lines();
    out.push({ text: d[1].trim(), line: map.position(s).line, endLine: map.position(e - 1).line, loc: { start: s, end: e } });
  });
}

/** A backslash before ASCII punctuation is a Markdown escape: it stands for the punctuation. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;

const VOID_ELEMENT = /^<(?:br|hr|img|input|wbr|area|col|embed|source|track|meta|link)\b/i;

/** The source line holding `at` is a table row (`| a | b |`): its pipes separate cells. */
function isTableRow(src: string, at: number): boolean {
  let i = src.lastIndexOf('\n', at - 1) + 1;
  while (i < src.length && (src[i] === ' ' || src[i] === '\t' || src[i] === '>')) i++;
  return src[i] === '|';
}

/**
 * The prose of a paragraph or heading as runs of located text, where plain claims are looked for:
 * text as Markdown renders it (emphasis markers and escapes dropped, container prefixes skipped),
 * cut at anything that is not prose (code, math, HTML, links, images) and at table-cell pipes.
 */
function proseRuns(src: string, container: MdNode, shift: number, math: Uint8Array | undefined): Located[] {
  const runs: Located[] = [];
  let text = '';
  let offsets: number[] = [];
  const push = (c: string, at: number) => {
    text += c;
    offsets.push(at);
  };
  const flush = () => {
    if (/\S/.test(text)) runs.push({ text, offsets: [...offsets, offsets[offsets.length - 1] + 1] });
    text = '';
    offsets = [];
  };
  const appendSource = (from: number, to: number) => {
    let tableRow = isTableRow(src, from);
    for (let i = from; i < to; i++) {
      const c = src[i];
      if (math?.[i]) flush(); // math found around the parser (markdown-recover.ts)
      else if (c === '\r' || c === '\n') {
        push('\n', i);
        if (c === '\r' && src[i + 1] === '\n') i++;
        while (i + 1 < to && (src[i + 1] === ' ' || src[i + 1] === '\t' || src[i + 1] === '>')) i++;
        tableRow = isTableRow(src, i + 1);
      } else if (c === '\\' && i + 1 < to && ESCAPABLE.test(src[i + 1])) {
        push(src[i + 1], i + 1);
        i++;
      } else if (tableRow && c === '|') flush();
      else push(c, i);
    }
  };
  let insideHtml = 0; // text between inline HTML tags (`<span>…</span>`) is HTML's, not prose
  const visit = (nodes: readonly MdNode[]) => {
    for (const node of nodes) {
      if (node.type === 'html') {
        const value = (node.value ?? '').trim();
        if (/^<\/[A-Za-z][\w-]*\s*>$/.test(value)) insideHtml = Math.max(0, insideHtml - 1);
        else if (/^<[A-Za-z][\w-]*[^>]*>$/.test(value) && !value.endsWith('/>') && !VOID_ELEMENT.test(value)) insideHtml++;
      }
      if (insideHtml > 0 || node.type === 'html') {
        flush();
        continue;
      }
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (s === undefined || e === undefined) {
        flush();
        continue;
      }
      const start = Math.min(s + shift, src.length);
      const end = Math.min(Math.max(e + shift, start), src.length);
      if (node.type === 'text' || (node.type === 'inlineMath' && readsAsPrice(src, start, end))) appendSource(start, end);
      else if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete') {
        // The markers render as nothing: blanks keep `**(b)** ∂L/∂d` apart and `a*b*c` a product.
        const children = node.children ?? [];
        const inner = children.length ? (children[0].position?.start.offset ?? e) + shift : end;
        const innerEnd = children.length ? (children[children.length - 1].position?.end.offset ?? s) + shift : end;
        for (let i = start; i < Math.min(inner, end); i++) push(' ', i);
        visit(children);
        for (let i = Math.max(innerEnd, start); i < end; i++) push(' ', i);
      }
      else if (node.type === 'break') {
        const br = src.slice(start, end).search(/[\r\n]/);
        push('\n', br < 0 ? start : start + br);
      } else flush();
    }
  };
  visit(container.children ?? []);
  flush();
  return runs;
}

/** The parser's tree of a Markdown text: CommonMark with `$` math. */
function parseMarkdown(source: string): MdNode {
  return fromMarkdown(source, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] }) as MdNode;
}

export function extractMarkdown(text: string): Extraction {
  return extractFromTree(text, parseMarkdown);
}

/**
 * The extraction of a run of one of a few simple shapes, found without the Markdown parser (which
 * costs far more to start than to run): one line of a paragraph whose only markup is `$…$` math, an
 * ATX heading of that kind, a `<!-- … -->` comment, or a `$$` block with its fences on lines of
 * their own, each followed by blank lines only. Undefined for any other text (then extractMarkdown
 * decides). For the shapes it accepts it builds the tree micromark would build (test/engine/
 * simple-markdown.test.ts compares the two), and reads it as extractMarkdown does.
 */
export function extractSimpleMarkdown(text: string): Extraction | undefined {
  const tree = simpleTree(text);
  return tree ? extractFromTree(text, () => tree) : undefined;
}

function extractFromTree(text: string, parse: (text: string) => MdNode): Extraction {
  const spans: MathSpan[] = [];
  const directives: Directive[] = [];
  const headings: Heading[] = [];
  let regions: readonly MathRegion[] = [];
  try {
    // Nothing the parser could turn into math, a directive, a plain claim or a heading: skip the (comparatively slow) parse.
    const plain = mayHoldPlainClaim(text);
    if (!plain && !mayHoldMarkdownMath(text)) return { spans, directives, headings };
    // micromark skips one leading BOM and counts its offsets from after it.
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let map: LineMap | undefined;
    const lines = () => (map ??= new LineMap(text));
    const recovered = recoverMath(text, parse(text), parseMarkdown, shift);
    const tree = recovered.tree;
    regions = recovered.regions;
    const inRegion = regionFlags(text.length, regions);
    const stack: MdNode[] = [tree]; // explicit stack: deeply nested containers must not overflow
    while (stack.length) {
      const node = stack.pop()!;
      if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (s === undefined || e === undefined) continue;
      const start = Math.min(s + shift, text.length);
      const end = Math.min(Math.max(e + shift, start), text.length);
      if (node.type === 'heading') headings.push({ start, end, level: node.depth ?? 1, ...titleOf(text.slice(start, end)) });
      try {
        let span: MathSpan | undefined;
        if (node.type === 'inlineMath') span = inlineSpan(text, node, start, end);
        else if (node.type === 'math' || (node.type === 'code' && node.lang?.toLowerCase() === 'math')) span = flowSpan(text, node, start, end);
        else if (node.type === 'html') directivesIn(text, node, start, end, lines, directives);
        else if (plain && (node.type === 'paragraph' || node.type === 'heading')) {
          for (const run of proseRuns(text, node, shift, inRegion)) spans.push(...findClaims(run));
        }
        if (span && !overlaps(inRegion, start, end)) spans.push(span);
      } catch {
        // One odd node must not cost the rest of the document.
      }
    }
  } catch {
    // Parser failure: return what was found so far.
  }
  for (const region of regions) if (region.span) spans.push(region.span);
  const problems = regions.flatMap((region) => (region.problem ? [region.problem] : []));
  // A setext underline after masked math would make it a heading; the math was a block, not one.
  const reparsed = regionFlags(text.length, regions.filter((region) => region.reparse));
  const keptHeadings = headings.filter((heading) => !overlaps(reparsed, heading.start, heading.end));
  spans.sort((a, b) => a.outer.start - b.outer.start);
  directives.sort((a, b) => a.loc.start - b.loc.start);
  keptHeadings.sort((a, b) => a.start - b.start);
  return { spans, directives, headings: keptHeadings, ...(problems.length > 0 ? { problems } : {}) };
}

/** Whether any offset of [start, end) is flagged. */
function overlaps(flags: Uint8Array | undefined, start: number, end: number): boolean {
  if (!flags) return false;
  for (let i = start; i < end; i++) if (flags[i]) return true;
  return false;
}

// ——— the simple shapes, without the parser ———

const at = (offset: number) => ({ offset });
const node = (type: string, start: number, end: number, extra: Partial<MdNode> = {}): MdNode => ({ type, position: { start: at(start), end: at(end) }, ...extra });

/** Only blank lines (or nothing) follow. */
const BLANK_REST = /^[ \n]*$/;
/** Characters that start Markdown constructs in text (but emphasis): outside `$…$` a line with one of these is left to the parser. */
const INLINE_MARKUP = /[!&<[\\\]`~]/;
/** micromark's classes of the characters around an emphasis marker: whitespace (and the line's ends), punctuation or symbols, other. */
const UNICODE_WHITESPACE = /\s/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;
/** First characters of a line that may start a block other than a paragraph (or an indented one). */
const BLOCK_START = /^[ #>\-+*=_<`~|0-9[]/;
/** A line that closes a `$$` block. */
const MATH_FENCE_LIKE = /^ {0,3}\$\$/;

function simpleTree(text: string): MdNode | undefined {
  // No carriage returns, tabs, NULs or BOM: micromark rewrites those.
  if (/[\r\t\0\ufeff]/.test(text)) return undefined;
  const firstBreak = text.indexOf('\n');
  const line = firstBreak < 0 ? text : text.slice(0, firstBreak);
  const rest = firstBreak < 0 ? '' : text.slice(firstBreak + 1);
  if (line === '$$') return mathBlockTree(text);
  if (!BLANK_REST.test(rest) || line.length === 0) return undefined;
  let child: MdNode | undefined;
  if (line.startsWith('<!--')) {
    // One line holding a whole comment: an HTML block of its own.
    if (line.indexOf('-->', 4) < 0) return undefined;
    child = node('html', 0, line.length, { value: line });
  } else if (line.startsWith('#')) {
    const heading = /^(#{1,6}) (?=\S)(.*\S)$/.exec(line);
    if (!heading || heading[2].endsWith('#')) return undefined;
    const from = heading[1].length + 1;
    const children = inlineNodes(line, from, line.length);
    if (!children) return undefined;
    child = node('heading', 0, line.length, { children, depth: heading[1].length });
  } else {
    if (BLOCK_START.test(line) || /\s$/.test(line)) return undefined;
    const children = inlineNodes(line, 0, line.length);
    if (!children) return undefined;
    child = node('paragraph', 0, line.length, { children });
  }
  return node('root', 0, text.length, { children: [child] });
}

/** `$$`, lines of math, `$$`, then blank lines. */
function mathBlockTree(text: string): MdNode | undefined {
  const lines = text.split('\n');
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (MATH_FENCE_LIKE.test(lines[i])) {
      close = i;
      break;
    }
  }
  if (close < 0 || lines[close] !== '$$' || !BLANK_REST.test(lines.slice(close + 1).join('\n'))) return undefined;
  let end = 0;
  for (let i = 0; i <= close; i++) end += lines[i].length + (i < close ? 1 : 0);
  const value = lines.slice(1, close).join('\n');
  return node('root', 0, text.length, { children: [node('math', 0, end, { value, meta: null })] });
}

/** micromark's classifyCharacter for the character at `index` of `line` (outside [from, to): the line's end, whitespace). */
function characterClass(line: string, index: number, from: number, to: number): 'space' | 'punctuation' | 'other' {
  if (index < from || index >= to) return 'space';
  let code = line.charCodeAt(index);
  // The whole code point (a character outside the BMP is two UTF-16 units).
  if (code >= 0xdc00 && code <= 0xdfff && index > from) code = line.codePointAt(index - 1) ?? code;
  else code = line.codePointAt(index) ?? code;
  const character = String.fromCodePoint(code);
  if (UNICODE_WHITESPACE.test(character)) return 'space';
  return UNICODE_PUNCTUATION.test(character) ? 'punctuation' : 'other';
}

/**
 * Whether a run of emphasis markers (`*` or `_`, from `start` to `end`) may open and may close
 * emphasis, as micromark's attention construct decides from the characters around it.
 */
function flanking(line: string, start: number, end: number, from: number, to: number): { open: boolean; close: boolean } {
  const before = characterClass(line, start - 1, from, to);
  const after = characterClass(line, end, from, to);
  const open = after === 'other' || (after === 'punctuation' && before !== 'other');
  const close = before === 'other' || (before === 'punctuation' && after !== 'other');
  if (line[start] === '*') return { open, close };
  return { open: open && (before !== 'other' || !close), close: close && (after !== 'other' || !open) };
}

/**
 * The children of a paragraph or heading whose text is plain but for `$…$` math (with n dollars on
 * each side) and `*` or `_` that cannot make emphasis (no run that may open it is followed by one of
 * the same marker that may close it: `y_true`, `2*(y - ŷ)`); undefined for anything else.
 */
function inlineNodes(line: string, from: number, to: number): MdNode[] | undefined {
  const children: MdNode[] = [];
  /** Whether an opening run of each marker was seen. */
  const opened = { '*': false, _: false };
  let textStart = from;
  let i = from;
  while (i < to) {
    const c = line[i];
    if (c === '$') {
      let open = i;
      while (open < to && line[open] === '$') open++;
      const size = open - i;
      let close = -1;
      for (let k = open; k < to; ) {
        if (line[k] !== '$') {
          k++;
          continue;
        }
        let run = k;
        while (run < to && line[run] === '$') run++;
        if (run - k === size) {
          close = k;
          break;
        }
        k = run;
      }
      // Dollars that close nothing are text: left to the parser.
      if (close < 0) return undefined;
      if (textStart < i) children.push(node('text', textStart, i, { value: line.slice(textStart, i) }));
      children.push(node('inlineMath', i, close + size, { value: mathValue(line.slice(open, close)) }));
      i = close + size;
      textStart = i;
      continue;
    }
    if (c === '_' || c === '*') {
      let end = i;
      while (end < to && line[end] === c) end++;
      const { open, close } = flanking(line, i, end, from, to);
      // An opener before a closer may make emphasis: left to the parser.
      if (close && opened[c]) return undefined;
      if (open) opened[c] = true;
      i = end;
      continue;
    }
    if (INLINE_MARKUP.test(c)) return undefined;
    i++;
  }
  if (textStart < to) children.push(node('text', textStart, to, { value: line.slice(textStart, to) }));
  return children;
}

/** Inline math content as micromark keeps it: one space of padding dropped on each side when both are there (and more than spaces). */
function mathValue(content: string): string {
  if (content.length >= 2 && content[0] === ' ' && content[content.length - 1] === ' ' && /[^ ]/.test(content)) return content.slice(1, -1);
  return content;
}

/**
 * Cheap test: could the parser find anything in this text (math, a directive, a plain claim, a
 * heading)? When not, extractMarkdown finds nothing without parsing.
 */
export function mayHoldExtraction(text: string): boolean {
  return mayHoldPlainClaim(text) || mayHoldMarkdownMath(text);
}

function mayHoldMarkdownMath(text: string): boolean {
  return text.includes('$') || LATEX_DELIMITER.test(text) || text.includes('math') || text.includes('derivcheck') || MAY_HOLD_HEADING.test(text);
}

/** `\(`, `\[` or `\begin{`: LaTeX's math delimiters written into Markdown (markdown-latex-delimiters.ts). */
const LATEX_DELIMITER = /\\[([]|\\begin\{/;

/** An ATX heading (`## …`) or a setext underline (`===`, `---`) somewhere in the text. */
const MAY_HOLD_HEADING = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)/m;

/** The first non-blank line after `afterLine` (1-based); `afterLine + 1` if there is none. */
export function nextContentLine(source: string | LineMap, afterLine: number): number {
  const map = typeof source === 'string' ? new LineMap(source) : source;
  const text = map.text;
  for (let line = Math.max(1, afterLine + 1); line <= map.lineCount; line++) {
    const s = map.lineStart(line);
    const e = line < map.lineCount ? map.lineStart(line + 1) : text.length;
    if (/\S/.test(text.slice(s, e))) return line; // \s covers a BOM too
  }
  return afterLine + 1;
}

/** An ATX heading's text without its `#` marks, or a setext heading's first line. */
function titleOf(raw: string): { title?: string } {
  const title = raw.split('\n')[0].replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '').trim();
  return title ? { title } : {};
}

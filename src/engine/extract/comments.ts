// Claims and directives in the comments of code files. Comments are found with Prism's grammars
// (prismjs: maintained, synchronous, pure JavaScript), so strings are never taken for comments
// (`"# not a comment"`, `'//'`, regex literals, template strings, raw strings). Prism's MATLAB
// grammar knows neither `%{ … %}` blocks, double-quoted strings nor Octave's `#`, so MATLAB uses
// the small grammar below, in Prism's format. Python (and Julia) triple-quoted strings standing as
// statements (docstrings, and strings used as block comments) are read like comments.
import Prism from 'prismjs';
import 'prismjs/components/prism-c';
import 'prismjs/components/prism-cpp';
import 'prismjs/components/prism-java';
import 'prismjs/components/prism-typescript';
import 'prismjs/components/prism-python';
import 'prismjs/components/prism-julia';
import 'prismjs/components/prism-r';
import { LineMap } from '../source/location';
import { findClaims } from '../notation/claims';
import { commentMath } from './comment-math';
import type { Located } from '../notation/located';
import type { Directive, Extraction } from './types';
import type { MathSpan } from '../source/span';

export type CodeLanguage = 'python' | 'javascript' | 'typescript' | 'c' | 'cpp' | 'java' | 'julia' | 'r' | 'matlab';

export const CODE_LANGUAGES: readonly CodeLanguage[] = ['python', 'javascript', 'typescript', 'c', 'cpp', 'java', 'julia', 'r', 'matlab'];

/** MATLAB and Octave: `%{ … %}` and `#{ … #}` blocks (markers alone on their lines), `%`/`#` lines, `...` continuations; `'…'` unless it is a transpose. */
const MATLAB: Prism.Grammar = {
  string: [
    { pattern: /(^|[^\w\])}.'])'(?:''|[^'\r\n])*'/, lookbehind: true, greedy: true },
    { pattern: /"(?:""|\\.|[^"\\\r\n])*"/, greedy: true },
  ],
  comment: [
    { pattern: /^[ \t]*%\{[ \t]*\r?\n[\s\S]*?^[ \t]*%\}[ \t]*$/m, greedy: true },
    { pattern: /^[ \t]*#\{[ \t]*\r?\n[\s\S]*?^[ \t]*#\}[ \t]*$/m, greedy: true },
    { pattern: /\.\.\..*/, greedy: true },
    { pattern: /[%#].*/, greedy: true },
  ],
};

function grammarOf(language: CodeLanguage): Prism.Grammar {
  return language === 'matlab' ? MATLAB : Prism.languages[language];
}

/** How a line comment starts, per language (`##`, `///`, `//!`, `%%` and R's `#'` included). */
const LINE_MARKER: Readonly<Record<CodeLanguage, RegExp>> = {
  python: /^#+/, julia: /^#+/, r: /^#+'?/, matlab: /^(?:[%#]+|\.\.\.)/,
  javascript: /^\/\/+[!/]?/, typescript: /^\/\/+[!/]?/, c: /^\/\/+[!/]?/, cpp: /^\/\/+[!/]?/, java: /^\/\/+[!/]?/,
};

const DIRECTIVE = /^\s*derivcheck:([\s\S]*)$/;

/** One line of comment text, markers removed. */
interface CommentLine {
  readonly content: Located;
  /** 1-based document line. */
  readonly line: number;
  /** Which comment it belongs to, and whether that comment began its source line. */
  readonly comment: number;
  readonly ownLine: boolean;
  /** For block comments: the document line where the comment ends. */
  readonly endLine: number;
  /** The comment as a directive's range: the whole line comment, or this line of a block (all of a one-line block). */
  readonly range: { readonly start: number; readonly end: number };
}

export function extractComments(text: string, language: CodeLanguage): Extraction {
  const spans: MathSpan[] = [];
  const directives: Directive[] = [];
  const map = new LineMap(text);
  let lines: CommentLine[];
  try {
    lines = commentLines(text, language, map);
  } catch {
    return { spans, directives }; // a grammar failure must not cost the file its other checks
  }
  let run: CommentLine[] = [];
  const flush = () => {
    try {
      if (run.length) {
        const { spans: math, rest } = commentMath(joinLines(run));
        spans.push(...math, ...findClaims(rest));
      }
    } catch {
      // One odd comment must not cost the file its other claims.
    }
    run = [];
  };
  for (const line of lines) {
    const directive = DIRECTIVE.exec(line.content.text);
    if (directive) {
      flush();
      directives.push({ text: directive[1].trim(), line: line.line, endLine: line.endLine, loc: line.range });
      continue;
    }
    const previous = run[run.length - 1];
    const continues = previous && line.line === previous.line + 1 && (line.comment === previous.comment || (line.ownLine && previous.ownLine));
    if (!continues) flush();
    run.push(line);
  }
  flush();
  spans.sort((a, b) => a.outer.start - b.outer.start);
  return { spans, directives };
}

/** The comment lines in document order; each keeps the document offset of every character. */
function commentLines(text: string, language: CodeLanguage, map: LineMap): CommentLine[] {
  const out: CommentLine[] = [];
  let index = 0;
  let depth = 0;
  const visit = (stream: (string | Prism.Token)[], position: number, topLevel: boolean): number => {
    for (const token of stream) {
      if (typeof token === 'string') {
        position += token.length;
        continue;
      }
      const start = position;
      const end = start + token.length;
      if (token.type === 'comment') addComment(text, start, end, language, index++, map, out);
      else if (topLevel && isDocstring(text, token, start, depth, language)) addDocstring(text, start, end, index++, map, out);
      else if (topLevel && token.type === 'punctuation' && typeof token.content === 'string') {
        if ('([{'.includes(token.content)) depth++;
        else if (')]}'.includes(token.content)) depth = Math.max(0, depth - 1);
      } else if (Array.isArray(token.content)) visit(token.content, start, false); // comments inside template interpolations
      position = end;
    }
    return position;
  };
  visit(Prism.tokenize(text, grammarOf(language)), 0, true);
  return out;
}

/** A triple-quoted string that is a statement of its own: first on its line, outside brackets, not continuing an expression. */
function isDocstring(text: string, token: Prism.Token, start: number, depth: number, language: CodeLanguage): boolean {
  if (depth > 0 || (language !== 'python' && language !== 'julia')) return false;
  const body = typeof token.content === 'string' ? token.content : text.slice(start, start + token.length);
  if (token.type !== 'triple-quoted-string' && !(language === 'julia' && token.type === 'string' && body.startsWith('"""'))) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return false;
  let k = lineStart - 1;
  while (k >= 0 && /\s/.test(text[k])) k--;
  return k < 0 || !/[\\=,+\-*/%(\[{|&<>]/.test(text[k]);
}

function located(text: string, from: number, to: number): Located {
  const offsets: number[] = [];
  for (let i = from; i < to; i++) offsets.push(i);
  offsets.push(to);
  return { text: text.slice(from, to), offsets };
}

/** The lines of a comment [start, end), markers stripped. */
function addComment(text: string, start: number, end: number, language: CodeLanguage, comment: number, map: LineMap, out: CommentLine[]): void {
  const raw = text.slice(start, end);
  const firstLine = map.position(start).line;
  const lastLine = map.position(Math.max(start, end - 1)).line;
  const ownLine = text.slice(text.lastIndexOf('\n', start - 1) + 1, start).trim() === '';
  const block = blockDelimiters(raw);
  if (!block) {
    const marker = LINE_MARKER[language].exec(raw)?.[0].length ?? 0;
    let e = end;
    while (e > start + marker && (text[e - 1] === '\r' || text[e - 1] === '\n')) e--;
    out.push({ content: located(text, start + marker, e), line: firstLine, comment, ownLine, endLine: firstLine, range: { start, end: e } });
    return;
  }
  const from = start + block.open;
  const to = end - block.close;
  let lineStart = from;
  let line = firstLine;
  while (lineStart <= to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    let s = lineStart;
    let e = lineEnd;
    if (e > s && text[e - 1] === '\r') e--;
    if (block.stars && line > firstLine) {
      // ` * dL/dz = …` in a /* … */ block: the decorative star is not math.
      const star = /^[ \t]*\*(?!\/)(?:[ \t]|$)?/.exec(text.slice(s, e));
      if (star) s += star[0].length;
    }
    const range = firstLine === lastLine ? { start, end } : { start: s, end: e };
    out.push({ content: located(text, s, e), line, comment, ownLine, endLine: lastLine, range });
    if (lineEnd >= to) break;
    lineStart = lineEnd + 1;
    line++;
  }
}

/** `/* … *\/`, `#= … =#`, `%{ … %}`, `#{ … #}`: the lengths of the opening and closing markers. */
function blockDelimiters(raw: string): { open: number; close: number; stars: boolean } | undefined {
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trimStart();
  if (body.startsWith('/*')) {
    const open = lead + (/^\/\*[*!]?/.exec(body)?.[0].length ?? 2);
    return { open, close: raw.endsWith('*/') && raw.length - 2 >= open ? 2 : 0, stars: true };
  }
  if (body.startsWith('#=')) return { open: lead + 2, close: raw.endsWith('=#') ? 2 : 0, stars: false };
  if (/^[%#]\{[ \t]*\r?\n/.test(body)) {
    const trailing = /\r?\n[ \t]*[%#]\}[ \t]*$/.exec(raw);
    return { open: lead + 2, close: trailing ? trailing[0].length : 0, stars: false };
  }
  return undefined;
}

/** A docstring's lines, quotes (and a string prefix such as `r`) stripped. */
function addDocstring(text: string, start: number, end: number, comment: number, map: LineMap, out: CommentLine[]): void {
  const source = text.slice(start, end);
  const open = /^([A-Za-z]*)("""|''')/.exec(source);
  if (!open) return;
  // A docstring without the r prefix holds `\\sigma` for the `\sigma` its reader sees.
  const raw = /[rR]/.test(open[1]);
  const from = start + open[0].length;
  const to = source.endsWith(open[2]) && source.length >= open[0].length + 3 ? end - 3 : end;
  const lastLine = map.position(Math.max(start, end - 1)).line;
  let line = map.position(start).line;
  let lineStart = from;
  while (lineStart <= to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    const e = lineEnd > lineStart && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const content = located(text, lineStart, e);
    out.push({ content: raw ? content : backslashesUnescaped(content), line, comment, ownLine: true, endLine: lastLine, range: { start: lineStart, end: e } });
    if (lineEnd >= to) break;
    lineStart = lineEnd + 1;
    line++;
  }
}

/** `\\\\` read as the `\\` a non-raw Python string holds, each kept at the offset of its pair's first character. */
function backslashesUnescaped(content: Located): Located {
  if (!content.text.includes('\\\\')) return content;
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < content.text.length; i++) {
    text += content.text[i];
    offsets.push(content.offsets[i]);
    if (content.text[i] === '\\' && content.text[i + 1] === '\\') i++;
  }
  offsets.push(content.offsets[content.text.length]);
  return { text, offsets };
}

/** Consecutive comment lines as one text, joined by line breaks (mapped to the end of each line). */
function joinLines(lines: readonly CommentLine[]): Located {
  let text = '';
  const offsets: number[] = [];
  lines.forEach((line, k) => {
    const n = line.content.text.length;
    if (k > 0) {
      text += '\n';
      offsets.push(lines[k - 1].content.offsets[lines[k - 1].content.text.length]);
    }
    text += line.content.text;
    for (let i = 0; i < n; i++) offsets.push(line.content.offsets[i]);
  });
  const last = lines[lines.length - 1].content;
  offsets.push(last.offsets[last.text.length]);
  return { text, offsets };
}

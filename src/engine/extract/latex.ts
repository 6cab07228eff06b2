// Math, directives and macro definitions of a LaTeX document. The document structure (math
// delimiters and environments, comments, verbatim, groups) comes from unified-latex's parser;
// macros the document defines are expanded in each math span with an offset map (latex-macros.ts).
import { parse } from '@unified-latex/unified-latex-util-parse';
import { LineMap, type SourceRange } from '../source/location';
import type { Directive, Extraction, ExtractionProblem, Heading } from './types';
import type { MathSpan } from '../source/span';
import { DEFINING_COMMANDS, TokenReader, commentedOut, expandMacros, readDefinition, tokenize, type MacroDefinition, type Token } from './latex-macros';

/** The few fields of unified-latex nodes we read; typed loosely so unexpected trees cannot break us. */
interface TexNode {
  type: string;
  content?: TexNode[] | string;
  env?: string | { content?: unknown };
  args?: { content?: TexNode[] }[];
  position?: { start: { offset: number }; end: { offset: number } };
}

export type { ExtractionProblem } from './types';

export interface LatexExtraction extends Extraction {
  /** Unclosed math, definitions that cannot be read, macros that cannot be expanded. */
  readonly problems: ExtractionProblem[];
  readonly headings: Heading[];
}

/** Math environments and whether they are display math. `aligned`, `split` … live inside these. */
const MATH_ENVIRONMENTS = new Map<string, boolean>([
  ...['equation', 'align', 'gather', 'multline', 'eqnarray', 'flalign', 'alignat'].flatMap((n) => [[n, true], [`${n}*`, true]] as [string, boolean][]),
  ['displaymath', true],
  ['math', false],
]);
/** Environments whose body is never math (it is code, or commented out). */
const VERBATIM_ENVIRONMENTS = new Set([
  'verbatim', 'verbatim*', 'Verbatim', 'Verbatim*', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment',
  'filecontents', 'filecontents*',
]);
/** Commands whose arguments are code, URLs or names, never math. */
const VERBATIM_COMMANDS = new Set(['lstinline', 'mintinline', 'url', 'path', 'href', 'input', 'include', 'usepackage', 'documentclass', 'label', 'ref', 'eqref', 'cite']);
/** Sectioning commands: each starts a heading (which resets the sticky choice of model). */
/** Sectioning commands and their heading levels (`\part` above `\chapter`; a document uses a run of them). */
const SECTIONING = new Map([
  ['part', 0],
  ['chapter', 1],
  ['section', 2],
  ['subsection', 3],
  ['subsubsection', 4],
  ['paragraph', 5],
  ['subparagraph', 6],
]);
/** Beamer's `frame` environment, as a heading: below `\subparagraph`. */
const FRAME_LEVEL = 7;
/** A list's `\item`, as a heading: below a frame. */
const ITEM_LEVEL = 8;
/** Text-mode commands that are not TeX conditionals although their names start with "if". */
const NOT_CONDITIONALS = new Set(['ifthenelse', 'iff']);
const DIRECTIVE = /^[\s%]*derivcheck:([\s\S]*)$/; // `%% derivcheck:` too

/**
 * Documents longer than this are parsed a piece at a time (see latexPieces): unified-latex's tree for
 * a whole 280 KB document took 600+ MB; pieces of ~16 KB keep the peak near 200 MB at the same speed.
 */
export const LATEX_PIECE_CHARS = 16_000;

export function extractLatex(text: string, pieceChars = LATEX_PIECE_CHARS, companions: readonly string[] = []): LatexExtraction {
  const reader = new LatexReader(text);
  for (const companion of companions) reader.learn(companion);
  const read = (piece: SourceRange, retry: boolean) => {
    // Without \ $ % { } a piece holds no math, macro, comment or group: nothing to parse.
    if (!SPECIAL.test(text.slice(piece.start, piece.end))) return;
    try {
      const root = parse(text.slice(piece.start, piece.end)) as TexNode;
      if (piece.start > 0) shiftPositions(root, piece.start);
      reader.walk(Array.isArray(root.content) ? root.content : []);
    } catch (error) {
      // The parser recurses per group: thousands of nested `{` exhaust the stack. Parse the piece's
      // paragraphs one by one instead, so only the one holding the deep nesting is lost.
      const paragraphs = retry ? latexPieces(text.slice(piece.start, piece.end), 1) : [];
      if (paragraphs.length > 1) {
        for (const p of paragraphs) read({ start: piece.start + p.start, end: piece.start + p.end }, false);
        return;
      }
      const deep = deepNesting(text, piece);
      if (deep !== undefined) {
        reader.problems.push({
          range: { start: deep, end: deep + 1 },
          message: `could not read this LaTeX: groups nested more than ${MAX_GROUP_DEPTH} levels deep, so nothing from the blank line before this to the next one where they are closed is checked`,
        });
        return;
      }
      // The parser accepts nearly anything; if it still fails, say so where the piece starts.
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      reader.problems.push({ range: { start: piece.start, end: Math.min(text.length, piece.start + 1) }, message: `could not read this document as LaTeX: ${message}` });
    }
  };
  for (const piece of latexPieces(text, pieceChars)) read(piece, true);
  const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;
  reader.spans.sort((a, b) => byStart(a.outer, b.outer));
  reader.directives.sort((a, b) => byStart(a.loc, b.loc));
  reader.problems.sort((a, b) => byStart(a.range, b.range));
  reader.headings.sort(byStart);
  return { spans: reader.spans, directives: reader.directives, problems: dedupe(reader.problems), headings: reader.headings };
}

/** Deeper than this, a `{` is named as the cause when the parser fails (it nests far less in real documents). */
const MAX_GROUP_DEPTH = 200;

/** The first `{` of a range that opens more than MAX_GROUP_DEPTH groups (`\{` and comments aside). */
function deepNesting(text: string, range: SourceRange): number | undefined {
  let depth = 0;
  for (let i = range.start; i < range.end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '%') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? range.end : eol;
    } else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === '{' && ++depth > MAX_GROUP_DEPTH) return i;
  }
  return undefined;
}

/** The characters that start anything extraction reads (math, macros, comments, groups). */
const SPECIAL = /[\\$%{}]/;
/**
 * A run of plain text at least this long becomes a piece of its own, which is not parsed:
 * unified-latex takes ~20 ms per KB, so a 1 MB line of prose took 15 s, and has no blank line to cut at.
 */
const PLAIN_RUN_CHARS = 4096;
/** A plain run starts this far after the last special character, beyond the reach of a macro's unbraced arguments. */
const PLAIN_RUN_MARGIN = 64;

/**
 * Splits a document at blank lines where nothing is open: no group, environment, math, TeX
 * conditional or verbatim text spans the cut, so each piece parses as it would inside the whole
 * document (a test holds the two to the same extraction). Pieces are at least `minChars` long,
 * except a long run of plain text where nothing is open: it is cut out as a piece of its own.
 * Anything this scan cannot pair (an unbalanced brace, an unclosed `\begin`) only stops further cuts;
 * `\begin{document}` is the exception, cuts go inside it.
 */
export function latexPieces(text: string, minChars: number): SourceRange[] {
  if (text.length <= minChars) return [{ start: 0, end: text.length }];
  const pieces: SourceRange[] = [];
  let pieceStart = 0;
  let braces = 0;
  let conditionals = 0;
  let math = 0; // $ / $$ / \( / \[ open
  const environments: string[] = [];
  const closed = () => braces === 0 && conditionals === 0 && math === 0 && environments.length === 0;
  const specials = new RegExp(SPECIAL.source, 'g');
  let nextSpecialAt = -1; // the first special character at or after the last position asked (i only grows)
  const nextSpecial = (from: number) => {
    if (nextSpecialAt >= from) return nextSpecialAt;
    specials.lastIndex = from;
    return (nextSpecialAt = specials.exec(text)?.index ?? text.length);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (
      (c === ' ' || c === '\t' || c === '\n') &&
      nextSpecial(i) - i >= PLAIN_RUN_CHARS &&
      closed() &&
      !SPECIAL.test(text.slice(Math.max(0, i - PLAIN_RUN_MARGIN), i))
    ) {
      if (i > pieceStart) pieces.push({ start: pieceStart, end: i });
      pieces.push({ start: i, end: nextSpecial(i) });
      pieceStart = i = nextSpecial(i);
    } else if (c === '%') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (c === '{') {
      braces++;
      i++;
    } else if (c === '}') {
      braces--;
      i++;
    } else if (c === '$') {
      const display = text[i + 1] === '$';
      math = math === 0 ? 1 : 0;
      i += display ? 2 : 1;
    } else if (c === '\\') {
      const word = /^[A-Za-z@]+/.exec(text.slice(i + 1, i + 40))?.[0];
      if (!word) {
        const next = text[i + 1];
        if (next === '(' || next === '[') math++;
        else if ((next === ')' || next === ']') && math > 0) math--;
        i += 2;
        continue;
      }
      i += 1 + word.length;
      if (word === 'begin' || word === 'end') {
        const m = /^\s*\{([^{}\n]*)\}/.exec(text.slice(i, i + 80));
        if (!m) continue;
        i += m[0].length;
        const env = m[1].trim();
        // The document environment wraps everything: cuts go inside it (its pieces parse alike).
        if (env === 'document' && environments.length === 0) continue;
        if (word === 'begin' && VERBATIM_ENVIRONMENTS.has(env)) {
          const close = text.indexOf(`\\end{${env}}`, i);
          i = close < 0 ? text.length : close + 6 + env.length;
        } else if (word === 'begin') environments.push(env);
        else if (environments[environments.length - 1] === env) environments.pop();
        else environments.push(`unpaired ${env}`); // never closes again: no more cuts
      } else if (word === 'verb' || word === 'lstinline') {
        const delimiter = text[i] === '*' ? text[++i] : text[i];
        if (delimiter === '{' || delimiter === undefined) continue;
        const close = text.indexOf(delimiter, i + 1);
        const eol = text.indexOf('\n', i + 1);
        i = close < 0 || (eol >= 0 && eol < close) ? i + 1 : close + 1;
      } else if (word === 'fi') conditionals--;
      else if (word === 'newif') i = skipControlWord(text, i);
      else if (isConditional(word)) conditionals++;
    } else if (c === '\n' && i - pieceStart >= minChars && closed()) {
      const blank = /^\n[ \t]*\n/.exec(text.slice(i, i + 64));
      if (blank) {
        pieces.push({ start: pieceStart, end: i + 1 });
        pieceStart = i + 1;
      }
      i++;
    } else i++;
  }
  if (pieceStart < text.length || pieces.length === 0) pieces.push({ start: pieceStart, end: text.length });
  return pieces;
}

/** After `\newif`: the index past the control word it declares (`\ifsolutions`). */
function skipControlWord(text: string, from: number): number {
  const m = /^\s*\\[A-Za-z@]+/.exec(text.slice(from, from + 80));
  return m ? from + m[0].length : from;
}

/** Moves every node's source offsets by `delta` (a piece's nodes count from the piece's start). */
function shiftPositions(value: unknown, delta: number): void {
  if (Array.isArray(value)) {
    for (const item of value) shiftPositions(item, delta);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as TexNode & Record<string, unknown>;
  if (node.position) {
    node.position.start.offset += delta;
    node.position.end.offset += delta;
  }
  if (typeof node.content === 'object') shiftPositions(node.content, delta);
  if (node.args) shiftPositions(node.args, delta);
  if (typeof node.env === 'object') shiftPositions(node.env, delta);
}

function dedupe(problems: ExtractionProblem[]): ExtractionProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.range.start}:${p.range.end}:${p.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

const startOf = (node: TexNode | undefined) => node?.position?.start.offset;
const endOf = (node: TexNode | undefined) => node?.position?.end.offset;
const macroName = (node: TexNode | undefined) => (node?.type === 'macro' && typeof node.content === 'string' ? node.content : undefined);

function environmentName(node: TexNode): string {
  const env = node.env;
  if (typeof env === 'string') return env;
  return typeof env?.content === 'string' ? env.content : '';
}

/** Where a companion file defines a macro (the defining commands of latex-macros.ts, by name). */
const COMPANION_DEFINITION = new RegExp(`\\\\(?:${[...DEFINING_COMMANDS].map((c) => c.slice(1)).join('|')})(?![A-Za-z])`, 'g');

class LatexReader {
  readonly spans: MathSpan[] = [];
  readonly directives: Directive[] = [];
  readonly problems: ExtractionProblem[] = [];
  readonly headings: Heading[] = [];
  /** Macros defined so far, in document order (TeX semantics: a macro is known after its definition). */
  private readonly macros = new Map<string, MacroDefinition>();
  private lineMap: LineMap | undefined;

  constructor(private readonly text: string) {}

  private get lines(): LineMap {
    return (this.lineMap ??= new LineMap(this.text));
  }

  /** Walks one list of sibling nodes; TeX conditionals (`\iffalse … \else … \fi`) work among siblings. */
  walk(nodes: TexNode[]): void {
    const open: ('iftrue' | 'live')[] = [];
    for (let i = 0; i < nodes.length; i++) {
      try {
        i = this.step(nodes, i, open);
      } catch {
        // One odd node must not cost the rest of the document.
      }
    }
  }

  /** Handles nodes[i]; returns the index of the last node it consumed. */
  private step(nodes: TexNode[], i: number, open: ('iftrue' | 'live')[]): number {
    const node = nodes[i];
    const name = macroName(node);
    if (name === 'iffalse') {
      const end = branchEnd(nodes, i + 1, true);
      if (end.kind === 'else') open.push('live');
      return end.index;
    }
    if (name === 'else' && open[open.length - 1] === 'iftrue') {
      open.pop();
      return branchEnd(nodes, i + 1, false).index;
    }
    if (name !== undefined && isConditional(name)) open.push(name === 'iftrue' ? 'iftrue' : 'live');
    else if (name === 'fi') open.pop();
    else if (name === 'newif') return nextSignificant(nodes, i + 1); // \newif\ifsolutions declares, it does not open
    else if (name === 'begin') return this.unclosedEnvironment(nodes, i);
    else this.visit(node);
    return i;
  }

  private visit(node: TexNode): void {
    const start = startOf(node);
    const end = endOf(node);
    switch (node.type) {
      case 'inlinemath':
      case 'displaymath': {
        if (start === undefined || end === undefined) return;
        // `$`, `$$`, `\(`, `\[`: a single dollar is the only one-character delimiter.
        const width = this.text[start] === '$' && this.text[start + 1] !== '$' ? 1 : 2;
        this.addSpan(start + width, end - width, { start, end }, node.type === 'displaymath');
        this.directivesWithin(node);
        return;
      }
      case 'mathenv':
      case 'environment': {
        const env = environmentName(node);
        const display = MATH_ENVIRONMENTS.get(env);
        if (display !== undefined && start !== undefined && end !== undefined) {
          const inner = this.environmentBody(start, end, env);
          this.addSpan(inner.start, inner.end, { start, end }, display);
          this.directivesWithin(node);
        } else if (!VERBATIM_ENVIRONMENTS.has(env) && Array.isArray(node.content)) {
          // A slide is a heading below every sectioning level, and a part of its own.
          if (env === 'frame' && start !== undefined) this.headings.push({ start, end: start + '\\begin{frame}'.length, level: FRAME_LEVEL, closed: true });
          this.walk(node.content);
        }
        return;
      }
      case 'comment':
        this.directive(node);
        return;
      case 'macro':
        this.macro(node);
        return;
      case 'string':
        if (node.content === '$' || node.content === '$$') {
          this.problem(start, end, `this ${node.content} opens math that is never closed, so what follows it is not checked`);
        }
        return;
      case 'verb':
      case 'verbatim':
        return;
      default:
        if (Array.isArray(node.content)) this.walk(node.content);
    }
  }

  /**
   * The macros a file the document loads defines (`\usepackage{defs}` of a local defs.sty): known
   * from the start. Its problems are its own file's, not reported here.
   */
  learn(companion: string): void {
    for (const match of companion.matchAll(COMPANION_DEFINITION)) if (!commentedOut(companion, match.index!)) readDefinition(companion, match.index!, this.macros);
  }

  private macro(node: TexNode): void {
    const name = macroName(node)!;
    const start = startOf(node);
    if (DEFINING_COMMANDS.has(`\\${name}`)) {
      if (start === undefined) return;
      const problem = readDefinition(this.text, start, this.macros);
      if (problem) this.problems.push(problem);
      return;
    }
    if (name === '[' || name === '(') {
      this.problem(start, endOf(node), `\\${name} opens math that is never closed with \\${name === '[' ? ']' : ')'}, so it is not checked`);
      return;
    }
    if (VERBATIM_COMMANDS.has(name)) return;
    const level = SECTIONING.get(name);
    if (level !== undefined && start !== undefined) {
      const end = endOf(node) ?? start + name.length + 1;
      // `\section*[short]{Title}`: the text of its last argument.
      const argument = (node.args ?? []).at(-1)?.content;
      const from = argument?.[0]?.position?.start.offset;
      const to = endOf(argument?.at(-1));
      const title = from !== undefined && to !== undefined ? this.text.slice(from, to).trim() : undefined;
      this.headings.push({ start, end, level, ...(title ? { title } : {}) });
    }
    // A list item is a part of its own: `\item $\frac{dy}{dx} = -ky$ … $y(x) = Ce^{-kx}$` is one
    // exercise, and what it defines is not the next item's (what comes before the list is every item's).
    if (name === 'item' && start !== undefined) this.headings.push({ start, end: start + '\\item'.length, level: ITEM_LEVEL, closed: true });
    for (const arg of node.args ?? []) if (Array.isArray(arg.content)) this.walk(arg.content);
  }

  /**
   * `\begin{name}` the parser could not pair with its `\end` (it leaves the macro and a group).
   * For a math environment, the math runs to the next `\end{…}` among the siblings (or their end);
   * returns the index to continue after.
   */
  private unclosedEnvironment(nodes: TexNode[], i: number): number {
    const begin = nodes[i];
    const nameAt = nextSignificant(nodes, i + 1);
    const group = nodes[nameAt];
    const start = startOf(begin);
    const groupEnd = endOf(group);
    if (group?.type !== 'group' || start === undefined || groupEnd === undefined) return i;
    const env = this.text.slice(startOf(group)! + 1, groupEnd - 1).trim();
    const display = MATH_ENVIRONMENTS.get(env);
    if (display === undefined) return nameAt;
    // Display math cannot hold a blank line (TeX stops with an error there), so the body ends at one.
    let stop = nameAt + 1;
    while (stop < nodes.length && macroName(nodes[stop]) !== 'end' && nodes[stop].type !== 'parbreak') stop++;
    const end = stop < nodes.length ? startOf(nodes[stop]) : endOf(nodes[nodes.length - 1]);
    this.problems.push({ range: { start, end: groupEnd }, message: `\\begin{${env}} is never closed by \\end{${env}}` });
    if (end !== undefined && end > groupEnd) this.addSpan(groupEnd, end, { start, end }, display);
    for (let k = nameAt + 1; k < stop; k++) this.directivesWithin(nodes[k]);
    return stop < nodes.length && nodes[stop].type === 'parbreak' ? stop - 1 : stop;
  }

  /** The body of a closed environment: after `\begin{name}` (and alignat's `{n}`), before `\end{name}`. */
  private environmentBody(start: number, end: number, env: string): SourceRange {
    const reader = new TokenReader(this.text, start, end);
    let bodyStart = start;
    if (reader.next()?.text === '\\begin' && reader.nextNonSpace()?.kind === 'open' && reader.groupBody()) {
      bodyStart = reader.pos;
      if (env.startsWith('alignat')) {
        const t = reader.nextNonSpace();
        if (t?.kind === 'open' && reader.groupBody()) bodyStart = reader.pos;
      }
    }
    let bodyEnd = end;
    if (this.text[end - 1] === '}') {
      const open = this.text.lastIndexOf('{', end - 1);
      let k = open - 1;
      while (k >= bodyStart && /\s/.test(this.text[k])) k--;
      if (open > bodyStart && this.text.slice(k - 3, k + 1) === '\\end') bodyEnd = k - 3;
    }
    return { start: bodyStart, end: Math.max(bodyStart, bodyEnd) };
  }

  private addSpan(start: number, end: number, outer: SourceRange, display: boolean): void {
    if (end <= start) return;
    const prose: SourceRange[] = [];
    const tokens = replaceIntertext(expandMacros(tokenize(this.text, start, end), this.macros, this.text, this.problems), prose);
    const text = tokens.map((t) => t.text).join('');
    if (text.trim() !== '') {
      const offsets = tokens.flatMap((t) => t.offsets);
      offsets.push(offsets[offsets.length - 1] + 1);
      this.spans.push({ text, offsets, display, outer });
    }
    for (const range of prose) this.inlineMathIn(range);
  }

  /** The inline math of a stretch of prose inside math (`\intertext{since $z_i = A_i x + b_i$,}`). */
  private inlineMathIn(range: SourceRange): void {
    const visit = (nodes: TexNode[]) => {
      for (const node of nodes) {
        const start = startOf(node);
        const end = endOf(node);
        if (node.type === 'inlinemath' && start !== undefined && end !== undefined) {
          const width = this.text[range.start + start] === '$' ? 1 : 2;
          this.addSpan(range.start + start + width, range.start + end - width, { start: range.start + start, end: range.start + end }, false);
        } else if (Array.isArray(node.content)) visit(node.content);
      }
    };
    try {
      const root = parse(this.text.slice(range.start, range.end)) as TexNode;
      visit(Array.isArray(root.content) ? root.content : []);
    } catch {
      // Prose that does not parse holds no math we could locate.
    }
  }

  private directive(node: TexNode): void {
    const start = startOf(node);
    const end = endOf(node);
    if (typeof node.content !== 'string' || start === undefined || end === undefined) return;
    const match = DIRECTIVE.exec(node.content);
    if (!match) return;
    const percent = this.text.indexOf('%', start);
    let stop = end;
    while (stop > percent && /\s/.test(this.text[stop - 1])) stop--;
    if (percent < 0 || percent >= end) return;
    const line = this.lines.position(percent).line;
    this.directives.push({ text: match[1].trim(), line, endLine: line, loc: { start: percent, end: stop } });
  }

  /** Directives in comments inside math (they apply from after that math on). */
  private directivesWithin(node: TexNode): void {
    if (node.type === 'comment') this.directive(node);
    if (Array.isArray(node.content)) for (const child of node.content) this.directivesWithin(child);
    for (const arg of node.args ?? []) if (Array.isArray(arg.content)) for (const child of arg.content) this.directivesWithin(child);
  }

  private problem(start: number | undefined, end: number | undefined, message: string): void {
    if (start !== undefined) this.problems.push({ range: { start, end: Math.max(end ?? start + 1, start + 1) }, message });
  }
}

function isConditional(name: string): boolean {
  return name.startsWith('if') && !NOT_CONDITIONALS.has(name);
}

/**
 * Where the branch that starts at `from` ends: at the matching `\fi`, or (if `stopAtElse`) at an
 * `\else` of the same conditional; at the end of the siblings when neither comes.
 */
function branchEnd(nodes: TexNode[], from: number, stopAtElse: boolean): { index: number; kind: 'else' | 'fi' | 'none' } {
  let depth = 0;
  for (let i = from; i < nodes.length; i++) {
    const name = macroName(nodes[i]);
    if (name === undefined) continue;
    if (isConditional(name)) depth++;
    else if (name === 'fi' && depth-- === 0) return { index: i, kind: 'fi' };
    else if (name === 'else' && depth === 0 && stopAtElse) return { index: i, kind: 'else' };
  }
  return { index: nodes.length, kind: 'none' };
}

/** Index of the next sibling that is not whitespace or a comment. */
function nextSignificant(nodes: TexNode[], from: number): number {
  let i = from;
  while (i < nodes.length && (nodes[i].type === 'whitespace' || nodes[i].type === 'comment')) i++;
  return i;
}

/**
 * `\intertext{…}` (amsmath prose between rows) becomes a row break, so the rows around it stay apart;
 * the source range of each one's prose is added to `prose` (its inline math is math of its own).
 */
function replaceIntertext(tokens: Token[], prose: SourceRange[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'cs' && (t.text === '\\intertext' || t.text === '\\shortintertext')) {
      let j = i + 1;
      while (j < tokens.length && tokens[j].kind === 'space') j++;
      if (tokens[j]?.kind === 'open') {
        let depth = 0;
        let k = j;
        for (; k < tokens.length; k++) {
          if (tokens[k].kind === 'open') depth++;
          else if (tokens[k].kind === 'close' && --depth === 0) break;
        }
        if (k < tokens.length) {
          out.push({ kind: 'cs', text: '\\\\', offsets: [t.offsets[0], tokens[k].offsets[0]] });
          if (tokens[j].offsets.length === 1 && tokens[k].offsets.length === 1) prose.push({ start: tokens[j].offsets[0] + 1, end: tokens[k].offsets[0] });
          i = k;
          continue;
        }
      }
    }
    out.push(t);
  }
  return out;
}

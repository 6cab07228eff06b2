// The math span of a Markdown math node (`$…$`, `$$` blocks, ```math fences), mapped back onto the
// source character by character: the parser strips container prefixes (`> `, list indentation) from
// a node's value, so each line of the value is found again in the source.
import type { MathSpan } from '../source/span';

/** The fields of an mdast math node that are read here. */
export interface MathNode {
  readonly type: string;
  readonly value?: string;
  readonly meta?: string | null;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Index of the next \r or \n at or after `from`, or -1 if none before `to`. */
export function nextBreak(src: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** Length of the longest common suffix of `line` and src[from, to). */
function commonSuffix(src: string, line: string, from: number, to: number): number {
  let c = 0;
  while (c < line.length && to - c - 1 >= from && line[line.length - 1 - c] === src[to - c - 1]) c++;
  return c;
}

/**
 * Map a node value (container prefixes stripped by the parser) back onto the source region
 * [from, to). The value only tells where each line's content starts: the text is copied from the
 * source, so text[i] === src[offsets[i]] always holds (except line breaks, which become \n and
 * map to the first character of the source break, i.e. the \r of \r\n). `firstIsPrefix` is for
 * inline math, whose first line starts right after the opening dollars (maybe after padding).
 */
export function align(src: string, value: string, from: number, to: number, firstIsPrefix: boolean,
  text: string[], offsets: number[]): void {
  const lines = value.split(LINE_BREAK);
  let p = from;
  for (let k = 0; k < lines.length; k++) {
    if (k > 0) {
      const br = nextBreak(src, p, to);
      if (br < 0) return; // the value has more lines than the source: stop rather than invent
      text.push('\n');
      offsets.push(br);
      p = br + (src.charCodeAt(br) === 13 && src.charCodeAt(br + 1) === 10 ? 2 : 1);
    }
    const line = lines[k];
    const n = line.length;
    // `$` then a line break: the parser drops the padding line ending, so the value starts on the next line.
    if (k === 0 && n > 0) {
      const br = nextBreak(src, p, to);
      if (br >= 0 && /^[ \t]*$/.test(src.slice(p, br))) p = br + (src.charCodeAt(br) === 13 && src.charCodeAt(br + 1) === 10 ? 2 : 1);
    }
    const brEnd = nextBreak(src, p, to);
    const end = brEnd < 0 ? to : brEnd;
    // Prefixes are stripped on the left, padding on either side: try the likely spots first.
    const tries = firstIsPrefix && k === 0 ? [p, p + 1, end - n, end - 1 - n] : [end - n, end - 1 - n];
    let s = tries.find((t) => t >= p && t + n <= end && src.startsWith(line, t));
    let e = s === undefined ? end : s + n;
    if (s === undefined) {
      // Tabs partly eaten by indentation come back as spaces: drop them; else keep the tail.
      const c = commonSuffix(src, line, p, end);
      s = /^\s*$/.test(line.slice(0, n - c)) ? end - c : firstIsPrefix && k === 0 ? p : Math.max(p, end - n);
      if (firstIsPrefix && k === 0) e = Math.min(end, s + n);
    }
    for (let i = s; i < e; i++) {
      text.push(src[i]);
      offsets.push(i);
    }
    p = e;
  }
}

export function makeSpan(text: string[], offsets: number[], display: boolean, start: number, end: number): MathSpan | undefined {
  const joined = text.join('');
  if (joined.trim() === '') return undefined; // nothing to check
  offsets.push(offsets.length ? offsets[offsets.length - 1] + 1 : start);
  return { text: joined, offsets, display, outer: { start, end } };
}

/**
 * `$5 and $10`: single dollars whose closing one has a digit right after it are prices in prose, not
 * math (pandoc's rule), although the parser pairs them.
 */
export function readsAsPrice(src: string, start: number, end: number): boolean {
  return src[start] === '$' && src[start + 1] !== '$' && src[end - 1] === '$' && /[0-9]/.test(src[end] ?? '');
}

export function inlineSpan(src: string, node: MathNode, start: number, end: number) {
  if (readsAsPrice(src, start, end)) return undefined;
  let run = 0;
  while (start + run < end && src.charCodeAt(start + run) === 36 /* $ */) run++;
  const from = Math.min(start + run, end);
  const to = Math.max(from, end - run);
  const text: string[] = [];
  const offsets: number[] = [];
  align(src, node.value ?? '', from, to, true, text, offsets);
  return makeSpan(text, offsets, run >= 2, start, end);
}

/** `$$` blocks and ```math fences: content starts on the line after the opening fence. */
export function flowSpan(src: string, node: MathNode, start: number, end: number) {
  const text: string[] = [];
  const offsets: number[] = [];
  const br = nextBreak(src, start, end);
  const firstEnd = br < 0 ? end : br;
  if (node.type === 'math' && node.meta) {
    // mdast-util-math calls text after an opening `$$` "meta" (escape-decoded); for students it is
    // math, so take it raw from the source.
    let s = start;
    while (s < firstEnd && src.charCodeAt(s) === 36) s++;
    let e = firstEnd;
    while (s < e && /\s/.test(src[s])) s++;
    while (e > s && /\s/.test(src[e - 1])) e--;
    for (let i = s; i < e; i++) {
      text.push(src[i]);
      offsets.push(i);
    }
  }
  const value = node.value ?? '';
  if (br >= 0 && value !== '') {
    if (text.length) {
      text.push('\n');
      offsets.push(br);
    }
    const from = br + (src.charCodeAt(br) === 13 && src.charCodeAt(br + 1) === 10 ? 2 : 1);
    align(src, value, from, end, false, text, offsets);
  }
  return makeSpan(text, offsets, true, start, end);
}

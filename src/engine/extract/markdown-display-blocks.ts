// `$$` blocks as kramdown, Jekyll and MathJax read them: the block ends at the first `$$` after the
// opening one, wherever it stands, so blogs and textbooks write
//     $$\frac{\partial L}{\partial w} = …
//     = … $$
// micromark follows CommonMark's fences: only a line holding `$$` alone closes the block, and the
// block above runs on to the end of its container, swallowing prose, headings and code fences.
import { flowSpan, type MathNode } from './markdown-spans';
import type { MathRegion } from './markdown-math-region';

/** The text of a `$$` opener with nothing closing it, up to this many characters, names the problem. */
const OPENER_SHOWN = 80;

/**
 * The region of the parser's `$$` block node (at [start, end) of `src`) when it is not the block that
 * kramdown reads: the math up to the first `$$` after the opener, or, when no `$$` follows and the
 * block ran on to the end of the document, the opener's line with a problem (the lines after it are
 * read as Markdown again). Undefined when the parser's block is right: closed by a `$$` line, opened by
 * more than two dollars (no kramdown), or `contained` (in a list item or quote) and closed by its end.
 */
export function displayBlockRegion(src: string, node: MathNode, start: number, end: number, quoted: boolean, contained: boolean): MathRegion | undefined {
  if (node.type !== 'math') return undefined;
  let run = 0;
  while (src[start + run] === '$') run++;
  if (run !== 2) return undefined;
  const close = src.indexOf('$$', start + run);
  if (close >= 0 && close < end) {
    if (closesAsFence(src, close, end)) return undefined;
    return { range: { start, end: close + 2 }, span: mathUpTo(src, node, start, close), reparse: true, quoted };
  }
  if (contained) return undefined;
  let lineEnd = start + run;
  while (lineEnd < end && src[lineEnd] !== '\n' && src[lineEnd] !== '\r') lineEnd++;
  let shownEnd = lineEnd;
  while (shownEnd > start + run && /\s/.test(src[shownEnd - 1])) shownEnd--;
  const problemEnd = Math.min(shownEnd, start + OPENER_SHOWN);
  return {
    range: { start, end: lineEnd },
    problem: { range: { start, end: problemEnd }, message: 'this $$ opens display math that no $$ closes; the lines after it are read as text' },
    reparse: true,
    quoted,
  };
}

/** The `$$` at `close` is the block's closing fence: alone on the last line of the block. */
function closesAsFence(src: string, close: number, end: number): boolean {
  if (!/^\$+[ \t]*$/.test(src.slice(close, end))) return false;
  let i = close;
  while (i > 0 && src[i - 1] !== '\n' && src[i - 1] !== '\r') i--;
  return /^[ \t>]*$/.test(src.slice(i, close));
}

/** The block's math from its opener up to (not including) the `$$` at `close`, mapped like the parser's. */
function mathUpTo(src: string, node: MathNode, start: number, close: number) {
  // The value holds no `$` before the closing one (the opener's line, `meta`, cannot hold one).
  const whole = node.value ?? '';
  const valueEnd = whole.indexOf('$$');
  const value = valueEnd < 0 ? '' : whole.slice(0, valueEnd).replace(/\s+$/, '');
  let to = close;
  while (to > start + 2 && /\s/.test(src[to - 1])) to--;
  const span = flowSpan(src, { type: 'math', meta: node.meta, value }, start, to);
  return span && { ...span, outer: { start, end: close + 2 } };
}

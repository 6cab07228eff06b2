// LaTeX math written in comments and docstrings (`# $\frac{d}{dz} z^2 = 2z$`, `$$…$$` in a NumPy-style
// docstring, reStructuredText's `.. math::` and :math:`…`): read as Markdown reads it, so a code comment's math is found as in the notes. What is
// left, with the math blanked out, is plain text for notation/claims.ts.
import type { Located } from '../notation/located';
import type { MathSpan } from '../source/span';
import { extractMarkdown } from './markdown';
import { hasRstMath, rstMathAsMarkdown } from './rst-math';

/** A comment run's math spans (in document offsets), and its text with them blanked out. */
export function commentMath(run: Located): { spans: MathSpan[]; rest: Located } {
  if (!/\$|\\\(|\\\[|\\begin\{/.test(run.text) && !hasRstMath(run.text)) return { spans: [], rest: run };
  // Indented lines would be a code block to Markdown: a docstring's indentation is not.
  const dedent = dedented(run);
  const flat = hasRstMath(dedent.text) ? rstMathAsMarkdown(dedent) : dedent;
  const spans = extractMarkdown(flat.text).spans.map((span) => ({
    text: span.text,
    display: span.display,
    offsets: span.offsets.map((offset) => flat.offsets[offset]),
    outer: { start: flat.offsets[span.outer.start], end: flat.offsets[Math.max(span.outer.start, span.outer.end - 1)] + 1 },
  }));
  if (spans.length === 0) return { spans, rest: run };
  const blank = run.text.split('');
  for (const span of spans) {
    for (let i = 0; i < blank.length; i++) if (run.offsets[i] >= span.outer.start && run.offsets[i] < span.outer.end && blank[i] !== '\n') blank[i] = ' ';
  }
  return { spans, rest: { text: blank.join(''), offsets: run.offsets } };
}

/** `run` without the indentation its non-blank lines share; as in a docstring, the first line's own does not count. */
function dedented(run: Located): Located {
  const lines = run.text.split('\n');
  const indent = (line: string) => /^[ \t]*/.exec(line)![0].length;
  const indents = lines.slice(1).filter((line) => line.trim() !== '').map(indent);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  if (common === 0 && indent(lines[0]) === 0) return run;
  let text = '';
  const offsets: number[] = [];
  let at = 0;
  lines.forEach((line, k) => {
    const cut = line.trim() === '' ? line.length : k === 0 ? indent(line) : common;
    if (k > 0) {
      text += '\n';
      offsets.push(run.offsets[at - 1]);
    }
    for (let i = cut; i < line.length; i++) {
      text += line[i];
      offsets.push(run.offsets[at + i]);
    }
    at += line.length + 1;
  });
  offsets.push(run.offsets[run.text.length]);
  return { text, offsets };
}

// reStructuredText math in docstrings (Sphinx, NumPy style): a `.. math::` directive, its equations
// indented below it (one per paragraph) or on its own line, and the inline role :math:`x^2`. Rewritten
// as the `$$…$$` and `$…$` that the Markdown reader of comments finds, every character still pointing
// at the docstring character it stands for.
import { LocatedBuilder, type Located } from '../notation/located';

/** `.. math::`, and what follows it on its line. */
const DIRECTIVE = /^([ \t]*)\.\.[ \t]+math::[ \t]*(.*)$/;
/** A directive option (`:label: eq1`, `:nowrap:`) at the head of the block. */
const OPTION = /^[ \t]*:[a-z-]+:/;
/** :math:`…` */
const ROLE = /:math:`([^`\n]+)`/g;

/** Whether `text` writes reStructuredText math at all (most comments do not: they are left as they are). */
export function hasRstMath(text: string): boolean {
  return text.includes('math::') || text.includes(':math:`');
}

/** `run` with its reStructuredText math written as Markdown math. */
export function rstMathAsMarkdown(run: Located): Located {
  const out = new LocatedBuilder();
  const lines = run.text.split('\n');
  let at = 0;
  const lineStart: number[] = [];
  for (const line of lines) {
    lineStart.push(at);
    at += line.length + 1;
  }
  const source = (i: number) => run.offsets[Math.min(i, run.text.length)];
  /** Appends the text of `run` from `start` to `end` as it is. */
  const copy = (start: number, end: number) => {
    for (let i = start; i < end; i++) out.push(run.text[i], source(i));
  };
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const directive = DIRECTIVE.exec(line);
    if (k > 0) out.push('\n', source(lineStart[k] - 1));
    if (!directive) {
      copyWithRoles(line, lineStart[k], out, source);
      continue;
    }
    const indent = directive[1].length;
    const head = lineStart[k];
    // `.. math:: a = b`: the equation on the directive's own line.
    if (directive[2].trim() !== '') {
      const start = head + line.length - directive[2].length;
      const last = head + line.trimEnd().length - 1;
      out.push('$$', source(start));
      copy(start, last + 1);
      out.push('$$', source(last));
      continue;
    }
    // The block: the lines after it that are blank or indented deeper, options first.
    let end = k + 1;
    while (end < lines.length && (lines[end].trim() === '' || /^[ \t]*/.exec(lines[end])![0].length > indent)) end++;
    let open = false;
    /** The offset in the run of the last character of the equation being read. */
    let lastChar = head;
    for (let j = k + 1; j < end; j++) {
      const body = lines[j];
      if (body.trim() === '' || (!open && OPTION.test(body))) {
        // The paragraph's equation ends at its last character, not at the blank line after it.
        if (open) out.push('\n$$', source(lastChar));
        out.push('\n', source(lineStart[j] - 1));
        open = false;
        continue;
      }
      out.push('\n', source(lineStart[j] - 1));
      const trimmed = body.length - body.trimStart().length;
      if (!open) out.push('$$\n', source(lineStart[j] + trimmed));
      open = true;
      copy(lineStart[j] + trimmed, lineStart[j] + body.trimEnd().length);
      lastChar = lineStart[j] + body.trimEnd().length - 1;
    }
    if (open) out.push('\n$$', source(lastChar));
    k = end - 1;
  }
  return out.build(source(run.text.length));
}

/** `line` (at `start` of the run) with each :math:`…` written `$…$`. */
function copyWithRoles(line: string, start: number, out: LocatedBuilder, source: (i: number) => number): void {
  let last = 0;
  for (const match of line.matchAll(ROLE)) {
    const from = match.index!;
    for (let i = last; i < from; i++) out.push(line[i], source(start + i));
    const body = from + ':math:`'.length;
    out.push('$', source(start + body));
    for (let i = body; i < body + match[1].length; i++) out.push(line[i], source(start + i));
    out.push('$', source(start + body + match[1].length - 1));
    last = from + match[0].length;
  }
  for (let i = last; i < line.length; i++) out.push(line[i], source(start + i));
}

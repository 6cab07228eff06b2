// Macros a Markdown page or notebook defines in its math (`$$\newcommand\norm[1]{\left\lVert#1\right\rVert}$$`):
// MathJax and KaTeX read a definition in any math and apply it to the math after it, so notes define
// their shorthands in a math block of their own. The blocks that only define are read and dropped
// (they hold nothing to check), and the macros are expanded in the spans after them, each character
// keeping the document offset it stands for, as for a .tex file (latex-macros.ts).
import type { MathSpan } from '../source/span';
import type { ExtractionProblem } from './types';
import { DEFINING_COMMANDS, expandMacros, readDefinition, tokenize, type MacroDefinition } from './latex-macros';

const DEFINITION = new RegExp(`\\\\(?:${[...DEFINING_COMMANDS].map((c) => c.slice(1)).join('|')})(?![A-Za-z])`, 'g');

/** Whether a span only defines macros: it starts with a defining command. */
function definesOnly(span: MathSpan): boolean {
  const first = span.text.search(DEFINITION);
  return first >= 0 && span.text.slice(0, first).trim() === '';
}

/** A range of `span.text` as the document range it stands for. */
function inDocument(span: MathSpan, start: number, end: number): { start: number; end: number } {
  const at = (i: number) => span.offsets[Math.min(i, span.offsets.length - 1)];
  return { start: at(start), end: Math.max(at(start), at(Math.max(start, end - 1)) + 1) };
}

/** The spans (in document order) with the definitions read out of them and the macros expanded; problems found on the way are added to `problems`. */
export function withMarkdownMacros(spans: readonly MathSpan[], problems: ExtractionProblem[]): MathSpan[] {
  const macros = new Map<string, MacroDefinition>();
  const out: MathSpan[] = [];
  for (const span of spans) {
    if (definesOnly(span)) {
      for (const match of span.text.matchAll(DEFINITION)) {
        const problem = readDefinition(span.text, match.index!, macros);
        if (problem) problems.push({ message: problem.message, range: inDocument(span, problem.range.start, problem.range.end) });
      }
      continue;
    }
    if (macros.size === 0 || !span.text.includes('\\')) {
      out.push(span);
      continue;
    }
    const found: ExtractionProblem[] = [];
    const tokens = expandMacros(tokenize(span.text, 0, span.text.length), macros, span.text, found);
    problems.push(...found.map((p) => ({ message: p.message, range: inDocument(span, p.range.start, p.range.end) })));
    const offsets = tokens.flatMap((t) => t.offsets.map((o) => span.offsets[o]));
    offsets.push(offsets.length > 0 ? offsets[offsets.length - 1] + 1 : span.outer.start);
    out.push({ ...span, text: tokens.map((t) => t.text).join(''), offsets });
  }
  return out;
}

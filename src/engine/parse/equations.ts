// The equations of a math span: the span is cut into segments (aligned rows, `,`-separated
// statements, `\quad`-separated ones: segment.ts), and each segment that holds an equation is parsed.
// Prose math (`x \in \mathbb{R}`, `z > 0`, a bare expression) holds none and is not a claim.
import type { ParseResult } from './ast';
import { parseChain } from './parser';
import { segmentMath, type Segment } from './segment';

/** The equations of a span, segmented and parsed (ASTs are immutable, so the result is cacheable). */
export function parseSpan(text: string): ParsedSegment[] {
  const { masked, segments } = segmentMath(text);
  return segments.map((segment) => {
    const end = equationEnd(masked.slice(segment.start, segment.end));
    return { segment, parsed: end === undefined ? undefined : parseChain(masked, segment.start, segment.start + end) };
  });
}

export interface ParsedSegment {
  readonly segment: Segment;
  /** Undefined for a segment that holds no equation (prose math). */
  readonly parsed: ParseResult | undefined;
}

const EQUATION = /=|\\approx|≈|\\leftarrow|\\gets|\\coloneqq/g;
const NON_EQUATION = /\\(?:in|notin|subset|subseteq|supset|mapsto|to|sim|propto|leq?|geq?|neq?|ll|gg|perp|forall|exists)(?![a-zA-Z])|[<>≤≥∈]/g;
const INDICATOR = /\\math(?:bb|bf)\s*\{?\s*1\s*\}?\s*(?:_\s*)?(?:\\left)?\s*(\[[^\]]*\]|\\\{.*?\\\}|\([^)]*\)|\{[^}]*\})/g;

/**
 * Where the equation in a segment ends, or undefined when it holds none. Only equations are claims:
 * `x \in \mathbb{R}`, `z > 0` and bare expressions are prose; in `… = 2 > 0` the equation ends
 * before the inequality.
 */
function equationEnd(source: string): number | undefined {
  const blank = (m: string) => ' '.repeat(m.length);
  const plain = source.replace(INDICATOR, blank).replace(/\\(?:left|right)(?![a-zA-Z])/g, blank);
  const relations = [...plain.matchAll(EQUATION)];
  if (relations.length === 0) return undefined;
  // Only a relation outside braces ends the equation: `\min_{f \in F}`, `\sum_{i \in B}` are subscripts.
  const other = [...plain.matchAll(NON_EQUATION)].find((m) => braceDepth(plain, m.index) === 0);
  if (!other) return source.length;
  const lastEquation = relations[relations.length - 1].index!;
  return other.index > lastEquation ? other.index : undefined;
}

/** How many `{` are open at `index` of `text` (escaped braces `\{` are delimiters, not groups). */
function braceDepth(text: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

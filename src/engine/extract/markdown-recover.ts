// Math the Markdown parser loses, found around it (issue 13): `$$` blocks closed on a line of math
// (kramdown's style, markdown-display-blocks.ts) and LaTeX's delimiters written into the text
// (markdown-latex-delimiters.ts). Where such math changes the blocks around it, the text is parsed
// again with the math masked, until the parser's blocks and the math agree.
import { displayBlockRegion } from './markdown-display-blocks';
import { latexDelimiterRegions, type ProseBlock } from './markdown-latex-delimiters';
import { maskRegions, type MathRegion } from './markdown-math-region';
import { readsAsPrice } from './markdown-spans';
import type { SourceRange } from '../source/location';

/** The fields of an mdast node read here. */
export interface TreeNode {
  readonly type: string;
  readonly value?: string;
  readonly meta?: string | null;
  readonly position?: { readonly start: { readonly offset?: number }; readonly end: { readonly offset?: number } };
  readonly children?: readonly TreeNode[];
}

/**
 * Parses at most this many times, and at most this many characters again in all: each parse can
 * uncover the next block that a `$$` block closed on a line of math had swallowed, so a text with many
 * of them takes one parse each (the extraction cache parses a run holding one alone: chunks.ts).
 */
export const MAX_PARSES = 50;
export const MAX_PARSED_AGAIN = 250_000;

/** The parser's tree of the text with the math regions masked, and the regions (in document order). */
export interface RecoveredMath<T> {
  readonly tree: T;
  readonly regions: readonly MathRegion[];
}

/**
 * The math regions of `text` whose first parse is `tree`, and the tree to read everything else from.
 * `shift` is where the parser's offsets start (after a BOM).
 */
export function recoverMath<T extends TreeNode>(text: string, tree: T, parse: (text: string) => T, shift: number): RecoveredMath<T> {
  const regions: MathRegion[] = [];
  let current = tree;
  let source = text;
  for (let parses = 1; ; parses++) {
    const found = regionsIn(source, current, shift);
    if (!found.some((r) => r.reparse)) {
      regions.push(...found);
      break;
    }
    if (parses >= MAX_PARSES || parses * text.length > MAX_PARSED_AGAIN) {
      // Read no further than the parser did; say where the reading stopped.
      for (const r of found) regions.push(r.reparse ? { ...r, span: undefined, problem: { range: r.range, message: TOO_MANY }, reparse: false } : r);
      break;
    }
    regions.push(...found);
    source = maskRegions(text, regions);
    current = parse(source);
  }
  regions.sort((a, b) => a.range.start - b.range.start);
  return { tree: current, regions };
}

const TOO_MANY = 'not read: this text has too many blocks of math that change the Markdown around them to read in one piece; separate them by blank lines';

/** The regions that start in the parser's blocks of `tree` (over `src`), up to the first that changes the blocks. */
function regionsIn(src: string, tree: TreeNode, shift: number): MathRegion[] {
  const found: MathRegion[] = [];
  // `limit`: the end of the node's container; `contained`: the container is not the document.
  const stack: { node: TreeNode; limit: number; quoted: boolean; contained: boolean }[] = [{ node: tree, limit: src.length, quoted: false, contained: false }];
  while (stack.length > 0) {
    const { node, limit, quoted, contained } = stack.pop()!;
    const range = rangeOf(node, src.length, shift);
    if (!range) continue;
    if (node.type === 'math') {
      const region = displayBlockRegion(src, node, range.start, range.end, quoted, contained);
      if (region) found.push(region);
    } else if (node.type === 'paragraph' || node.type === 'heading') {
      const block: ProseBlock = { range, opaque: opaqueIn(src, node, shift), limit: node.type === 'heading' ? range.end : limit, quoted };
      found.push(...latexDelimiterRegions(src, block));
    } else if (node.children) {
      const inner = quoted || node.type === 'blockquote';
      const inside = node.type !== 'root';
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], limit: range.end, quoted: inner, contained: inside });
    }
  }
  found.sort((a, b) => a.range.start - b.range.start);
  const kept: MathRegion[] = [];
  for (const region of found) {
    if (kept.length > 0 && kept[kept.length - 1].range.end > region.range.start) continue;
    kept.push(region);
    // After math that changes the blocks around it, the parser's blocks are not the text's: what
    // follows is found in the next parse (a `$$` that closed the block before may open one now).
    if (region.reparse) break;
  }
  return kept;
}

/** The node's source range (offsets shifted past a BOM, clamped to the text). */
function rangeOf(node: TreeNode, length: number, shift: number): SourceRange | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  if (s === undefined || e === undefined) return undefined;
  const start = Math.min(s + shift, length);
  return { start, end: Math.min(Math.max(e + shift, start), length) };
}

/** Code spans, `$` math (but prices: `$5 and $10`) and inline HTML in a block, in order. */
function opaqueIn(src: string, block: TreeNode, shift: number): SourceRange[] {
  const out: SourceRange[] = [];
  const visit = (nodes: readonly TreeNode[]) => {
    for (const node of nodes) {
      const range = rangeOf(node, src.length, shift);
      if (!range) continue;
      if (node.type === 'inlineCode' || node.type === 'html' || (node.type === 'inlineMath' && !readsAsPrice(src, range.start, range.end))) out.push(range);
      else if (node.children) visit(node.children);
    }
  };
  visit(block.children ?? []);
  return out;
}

import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { shortPhrase, type Block } from '../engine';
import { COMMANDS, type CodeLensMode } from '../protocol/protocol';
import type { ClaimIndex } from './claims';

/**
 * One lens per line that holds math blocks (inline math often puts several on one line), on the
 * lines `mode` asks for: all of them, those with a mismatch (the default), or none.
 */
export function codeLenses(document: TextDocument, claims: ClaimIndex, mode: CodeLensMode): CodeLens[] {
  if (mode === 'off') return [];
  const byLine = new Map<number, { blockIndex: number; block: Block }[]>();
  claims.report.blocks.forEach((block, blockIndex) => {
    const line = document.positionAt(block.range.start).line;
    byLine.set(line, [...(byLine.get(line) ?? []), { blockIndex, block }]);
  });
  const wrong = (blocks: readonly { block: Block }[]) => blocks.some(({ block }) => block.findings.some((f) => f.verdict === 'mismatch'));
  return [...byLine.values()].filter((blocks) => mode === 'all' || wrong(blocks)).map((blocks) => {
    const position = document.positionAt(blocks[0].block.range.start);
    const findings = blocks.flatMap(({ block }) => block.findings);
    const { title, stepIndex } = lensTitle({ range: blocks[0].block.range, findings });
    return {
      range: { start: position, end: position },
      command: { title, command: COMMANDS.revealClaim, arguments: [document.uri, claimIdOf(blocks, stepIndex)] },
    };
  });
}

/** The claim id (`block:step`) of the `index`-th step of `blocks` taken together. */
function claimIdOf(blocks: readonly { blockIndex: number; block: Block }[], index: number): string {
  for (const { blockIndex, block } of blocks) {
    if (index < block.findings.length) return `${blockIndex}:${index}`;
    index -= block.findings.length;
  }
  return `${blocks[0].blockIndex}:0`;
}

/** "✓ 3 steps verified", "✗ step 2: sign error", and the step the lens reveals. */
export function lensTitle(block: Block): { title: string; stepIndex: number } {
  const steps = block.findings;
  const firstMismatch = steps.findIndex((f) => f.verdict === 'mismatch');
  if (firstMismatch >= 0) {
    const more = steps.filter((f) => f.verdict === 'mismatch').length - 1;
    const suffix = more > 0 ? ` (+${more} more)` : '';
    return { title: `✗ step ${firstMismatch + 1}: ${shortPhrase(steps[firstMismatch])}${suffix}`, stepIndex: firstMismatch };
  }
  const verified = steps.filter((f) => f.verdict === 'verified').length;
  const unchecked = steps.length - verified;
  const firstUnchecked = Math.max(0, steps.findIndex((f) => f.verdict !== 'verified'));
  if (unchecked === 0) return { title: `✓ ${plural(verified, 'step')} verified`, stepIndex: 0 };
  if (verified === 0) return { title: `? ${plural(unchecked, 'step')} not checked`, stepIndex: firstUnchecked };
  return { title: `✓ ${plural(verified, 'step')} verified, ${unchecked} not checked`, stepIndex: firstUnchecked };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

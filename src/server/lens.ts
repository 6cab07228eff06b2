import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { shortPhrase, type Block } from '../engine';
import { COMMANDS } from '../protocol/protocol';
import type { ClaimIndex } from './claims';

export function codeLenses(document: TextDocument, claims: ClaimIndex): CodeLens[] {
  return claims.report.blocks.map((block, blockIndex) => {
    const position = document.positionAt(block.range.start);
    const { title, stepIndex } = lensTitle(block);
    return {
      range: { start: position, end: position },
      command: { title, command: COMMANDS.revealClaim, arguments: [document.uri, `${blockIndex}:${stepIndex}`] },
    };
  });
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

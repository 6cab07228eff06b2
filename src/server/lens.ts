import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Block, Finding } from '../engine';
import { COMMANDS } from '../protocol/protocol';
import type { ClaimIndex } from './claims';

/**
 * What a teacher writes in the margin, per diagnosis kind, where the message's first clause is too
 * long or too technical ("sign error, and off by a factor of 2 (the right side is −2 times …)").
 * Other kinds ("missing a factor x", "this is ∂L/∂b_i, not ∂L/∂A_i") read well as they are.
 */
const PHRASES: Record<string, string> = {
  sign: 'sign error',
  'sign-factor': 'sign error and off by a factor',
  ascent: 'gradient ascent, not descent',
  'learning-rate': 'learning rate missing',
  'update-factor': 'update step off by a factor',
  shape: 'shapes differ',
  value: 'wrong value',
  constant: 'a constant, but the left side varies',
  'sigmoid-only': 'holds only for the sigmoid',
  differ: 'the two sides differ',
};
/** A lens is one short line above the math. */
const MAX_PHRASE_LENGTH = 60;

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

export function shortPhrase(finding: Finding): string {
  const kind = finding.evidence.diagnosis;
  if (typeof kind === 'string' && PHRASES[kind]) return PHRASES[kind];
  const clause = finding.message.split(/[:;]/)[0].trim();
  return clause.length <= MAX_PHRASE_LENGTH ? clause : `${clause.slice(0, MAX_PHRASE_LENGTH - 1).trimEnd()}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

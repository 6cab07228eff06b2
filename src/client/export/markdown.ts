import type { Report, ReportClaim } from '../../protocol/protocol';
import { blockTitle, displayLatex, VERDICT_LABEL } from '../../../media/view';

/** Backslash-escapes the characters Markdown would read as markup in a line of text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]{}<>#|!$~])/g, '\\$1');
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, ' ');
}

function mathBlock(latex: string): string[] {
  return ['$$', latex.replace(/\$\$/g, '$ $'), '$$'];
}

function claimMarkdown(claim: ReportClaim): string[] {
  const lines = [
    `### ${VERDICT_LABEL[claim.verdict]}${claim.target ? ` — ${escapeMarkdown(claim.target)}` : ''} (line ${claim.range.start.line + 1})`,
    '',
  ];
  const latex = displayLatex(claim);
  if (latex === undefined) lines.push('```latex', claim.text.replace(/```/g, '` ` `'), '```');
  else lines.push(...mathBlock(latex));
  lines.push('', escapeMarkdown(claim.message), '');
  if (claim.verdict !== 'verified' && claim.expectedLatex !== undefined) lines.push('Expected:', '', ...mathBlock(claim.expectedLatex), '');
  const ce = claim.counterexample;
  if (ce) {
    lines.push('| at | value |', '| --- | --- |');
    for (const v of ce.values) lines.push(`| ${cell(v.name)} | ${cell(v.value)} |`);
    lines.push(`| **yours** | ${cell(ce.claimed)} |`, `| **expected** | ${cell(ce.expected)} |`, '');
  }
  return lines;
}

/** The report as a Markdown file (math as `$$` blocks, counterexamples as tables). */
export function reportMarkdown(report: Report, documentName: string, generator: string): string {
  const s = report.summary;
  const total = s.verified + s.mismatch + s.unparsed + s.unsupported;
  const lines = [
    // The report quotes the math as it was checked, wrong steps too: it is not checked itself.
    `<!-- derivcheck: ignore-file -->`,
    '',
    `# Derivations in ${escapeMarkdown(documentName)}`,
    '',
    `${s.mismatch > 0 ? '✗' : '✓'} ${total} claims: ${s.verified} verified, ${s.mismatch} mismatch, ${s.unparsed} unparsed, ${s.unsupported} unsupported`,
    '',
  ];
  for (const block of report.blocks) {
    if (block.claims.length === 0) continue;
    lines.push(`## ${escapeMarkdown(blockTitle(block))}`, '');
    for (const claim of block.claims) lines.push(...claimMarkdown(claim));
  }
  lines.push(`_Checked by ${escapeMarkdown(generator)}._`, '');
  return lines.join('\n');
}

// What the engine's tests share: documents built from claims, and assertions on their findings that
// say which claim failed and why. Every assertion checks that the claims were found at all.
import * as assert from 'node:assert/strict';
import { checkText, type CheckOptions, type DiagnosisKind, type Finding } from '../../src/engine';

/** `<!-- derivcheck: … -->` and a blank line, or nothing for an empty body. */
export function directive(body: string): string {
  return body ? `<!-- derivcheck: ${body} -->\n\n` : '';
}

/** `header`, then each claim as a display block `$$…$$` of its own. */
export function displayBlocks(header: string, ...claims: string[]): string {
  return header + claims.map((c) => `$$${c}$$\n\n`).join('');
}

/** `header`, then one display block holding `latex` (several lines make an aligned derivation). */
export function displayMath(latex: string, header = ''): string {
  return `${header}$$\n${latex}\n$$\n`;
}

/** `header`, then each line as a paragraph of its own (inline math `$…$` in prose). */
export function paragraphs(header: string, ...lines: string[]): string {
  return header + lines.flatMap((l) => [l, '']).join('\n');
}

/** The findings of a Markdown document. */
export function check(text: string, options?: CheckOptions): Finding[] {
  return checkText(text, options).findings;
}

/** `verdict: text` for each finding, to compare a document's verdicts in one assertion. */
export function verdicts(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.verdict}: ${f.text}`);
}

function listed(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map((f) => [f.verdict, f.text, f.message]));
}

/** The one finding (fails when there are none or several). */
export function only(findings: readonly Finding[]): Finding {
  assert.equal(findings.length, 1, `expected one finding, got ${listed(findings)}`);
  return findings[0];
}

/** The last finding (the lines before it only give values or define); fails when there is none. */
export function last(findings: readonly Finding[]): Finding {
  assert.ok(findings.length > 0, 'no claim found');
  return findings[findings.length - 1];
}

/** Every finding is verified, and there are `count` of them (at least one when not given). */
export function verified(findings: readonly Finding[], count?: number): readonly Finding[] {
  if (count === undefined) assert.ok(findings.length > 0, 'no claim found');
  else assert.equal(findings.length, count, listed(findings));
  for (const f of findings) assert.equal(f.verdict, 'verified', `${f.text}: ${f.message}`);
  return findings;
}

/** The finding is a mismatch, with this diagnosis (when given) and a message matching `message` (when given). */
export function mismatch(finding: Finding, diagnosis?: DiagnosisKind, message?: RegExp): Finding {
  assert.equal(finding.verdict, 'mismatch', `${finding.text}: ${finding.message}`);
  if (diagnosis !== undefined) assert.equal(finding.evidence.diagnosis, diagnosis, finding.message);
  if (message !== undefined) assert.match(finding.message, message);
  return finding;
}

import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { summaryOf, type Finding, type SourceRange } from '../engine';
import { DIAGNOSTIC_SOURCE, type Settings, type Verdict } from '../protocol/protocol';
import type { ClaimIndex } from './claims';
import { severityOf } from './settings';

/** What code actions need from a diagnostic, carried on it so they never depend on a re-check. */
export interface DiagnosticData {
  readonly verdict: Verdict;
  readonly claimId?: string;
  readonly target?: string;
}

export function toRange(document: TextDocument, range: SourceRange): Range {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

/** Every finding but the verified ones, as diagnostics of `document` (the text that was checked). */
export function toDiagnostics(document: TextDocument, claims: ClaimIndex, settings: Settings, withRelated: boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of claims.report.findings) {
    if (finding.verdict === 'verified') continue;
    diagnostics.push({
      range: toRange(document, finding.range),
      severity: severityOf(settings, finding.verdict),
      source: DIAGNOSTIC_SOURCE,
      code: finding.verdict,
      message: problemsMessage(finding),
      ...(withRelated && finding.related?.length ? { relatedInformation: related(document, finding) } : {}),
      data: dataOf(finding, claims),
    });
  }
  return diagnostics;
}

/** What the Problems panel shows: the target first, as the CLI writes it, and the summary; the example point is in the hover and the panel. */
export function problemsMessage(finding: Finding): string {
  const summary = summaryOf(finding.message);
  return finding.target ? `${finding.target}: ${summary}` : summary;
}

function related(document: TextDocument, finding: Finding): DiagnosticRelatedInformation[] {
  return (finding.related ?? []).map((r) => ({ location: { uri: document.uri, range: toRange(document, r.range) }, message: r.message }));
}

function dataOf(finding: Finding, claims: ClaimIndex): DiagnosticData {
  return {
    verdict: finding.verdict,
    ...(claims.ofFinding(finding) ? { claimId: claims.ofFinding(finding)!.id } : {}),
    ...(finding.target ? { target: finding.target } : {}),
  };
}

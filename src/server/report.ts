import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine';
import type { Report, ReportClaim } from '../protocol/protocol';
import type { ClaimIndex } from './claims';
import { toRange } from './diagnostics';
import { counterexampleOf } from './format';
import { tryOrUndefined } from './log';

/**
 * Sweeps evaluate a claim ~40 times each; on a long homework the panel must still open quickly, so
 * only this many claims get a plot, mismatches first.
 */
const MAX_SWEEPS = 100;

/** The report panel's data for the checked text of `document`; sweeps are computed here, on demand. */
export function buildReport(document: TextDocument, claims: ClaimIndex): Report {
  const { report } = claims;
  const swept = sweptFindings(report.findings);
  return {
    uri: document.uri,
    version: document.version,
    blocks: report.blocks.map((block, index) => ({
      index,
      range: toRange(document, block.range),
      ...(block.heading ? { heading: block.heading } : {}),
      claims: block.findings.map((finding, step) => reportClaim(document, claims, finding, `${index}:${step}`, swept.has(finding))),
    })),
    summary: claims.summary(),
    samplePoint: report.samplePoint,
  };
}

function sweptFindings(findings: readonly Finding[]): Set<Finding> {
  const order = [...findings.filter((f) => f.verdict === 'mismatch'), ...findings.filter((f) => f.verdict === 'verified')];
  return new Set(order.slice(0, MAX_SWEEPS));
}

function reportClaim(document: TextDocument, claims: ClaimIndex, finding: Finding, id: string, withSweep: boolean): ReportClaim {
  const handle = tryOrUndefined(() => claims.report.handle(finding));
  const { evidence } = finding;
  const sweep = handle && withSweep ? tryOrUndefined(() => handle.sweep()) : undefined;
  const expectedLatex = handle ? tryOrUndefined(() => handle.expectedLatex()) : undefined;
  const counterexample = counterexampleOf(evidence.counterexample);
  return {
    id,
    range: toRange(document, finding.range),
    text: finding.text,
    ...latexOf(claims, finding),
    verdict: finding.verdict,
    ...(finding.target ? { target: finding.target, ...(handle ? { targetLatex: handle.targetLatex } : {}) } : {}),
    message: finding.message,
    ...(evidence.diagnosis ? { diagnosis: evidence.diagnosis } : {}),
    ...(expectedLatex ? { expectedLatex } : {}),
    ...(counterexample ? { counterexample } : {}),
    ...(evidence.points !== undefined ? { points: evidence.points } : {}),
    ...(evidence.maxError !== undefined ? { maxError: evidence.maxError } : {}),
    ...(sweep ? { sweep } : {}),
  };
}

/** The claim as parsed, for rendering (undefined where it did not parse: the panel shows the source). */
function latexOf(claims: ClaimIndex, finding: Finding): { latex?: string } {
  const latex = tryOrUndefined(() => claims.report.latex(finding));
  return latex ? { latex } : {};
}

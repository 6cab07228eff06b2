import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClaimHandle, Evidence, Finding, Inspection, NamedValue } from '../engine';
import { describeLatex, summaryOf } from '../engine';
import { counterexampleOf } from './format';
import type { ClaimIndex } from './claims';
import { toRange } from './diagnostics';
import { formatNumber } from '../engine';
import { tryOrUndefined } from './log';

const VERDICT_LABELS: Record<Finding['verdict'], string> = {
  verified: '✓ verified',
  mismatch: '✗ mismatch',
  unparsed: '? unparsed',
  unsupported: '? not checked',
};
/** A hover is read at a glance: long sample points are cut. */
const MAX_POINT_VALUES = 12;

/**
 * The hover at `offset`: the sub-expression under the cursor (its value and, for a model symbol,
 * its definition) when there is one, then the claim (verdict, both sides, evidence, sample point).
 * Nothing outside claims.
 */
export function hoverAt(document: TextDocument, claims: ClaimIndex, offset: number): Hover | null {
  const finding = claims.findingAt(offset);
  if (!finding) return null;
  const handle = tryOrUndefined(() => claims.report.handle(finding));
  const inspection = handle ? tryOrUndefined(() => handle.inspect(offset)) : undefined;
  const sections = [...(inspection ? [inspectionMarkdown(inspection)] : []), claimMarkdown(finding, handle, claims.report.samplePoint)];
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: toRange(document, inspection?.range ?? finding.range),
  };
}

function inspectionMarkdown(inspection: Inspection): string {
  const lines = [`${code(inspection.text)} = **${escape(inspection.value)}**`];
  const definition = inspection.definition;
  // A formula (`C ∈ R^{1×k}`, `δ = −2(y − ŷ)`) is what it is defined as; a phrase (`σ is the sigmoid`) is a sentence.
  if (definition) lines.push(/[=∈]/.test(definition) ? `Defined as ${code(definition)}` : `${escape(definition.replace(/^[a-z]/, (c) => c.toUpperCase()))}.`);
  return lines.join('\n\n');
}

/**
 * The claim: its verdict and what it is about; the diagnosis once; for a mistake, both sides at the
 * counterexample's point and the expected expression; else both sides at the hover's sample point.
 * Math is in the Unicode of messages, not LaTeX.
 */
function claimMarkdown(finding: Finding, handle: ClaimHandle | undefined, samplePoint: readonly NamedValue[]): string {
  const heading = `**derivcheck** ${VERDICT_LABELS[finding.verdict]}${finding.target ? ` · ${escape(finding.target)}` : ''}`;
  const parts = [heading, escape(summaryOf(finding.message))];
  const counterexample = finding.verdict === 'mismatch' ? counterexampleOf(finding.evidence.counterexample) : undefined;
  const sides = !counterexample && handle ? tryOrUndefined(() => handle.sides()) : undefined;
  if (counterexample) {
    parts.push(`At ${pointText(counterexample.values)}: yours **${escape(counterexample.claimed)}**, expected **${escape(counterexample.expected)}**.`);
  } else if (handle && sides) {
    parts.push([`- ${code(handle.leftText)} = **${escape(sides.left)}**`, `- ${code(handle.rightText)} = **${escape(sides.right)}**`].join('\n'));
  }
  const expected = finding.verdict === 'mismatch' && handle ? tryOrUndefined(() => handle.expectedLatex()) : undefined;
  const expectedText = expected !== undefined ? (describeLatex(expected) ?? expected) : undefined;
  if (expectedText) parts.push(`Expected: ${code(expectedText)}`);
  const evidence = evidenceLine(finding);
  if (evidence) parts.push(evidence);
  const reading = readingLine(finding.evidence);
  if (reading) parts.push(reading);
  // The point the values are at: only for a step evaluated at it (math that did not parse and a chain
  // rule decided by its form have none; stand-ins for undefined functions are not part of the point).
  const evaluated = handle !== undefined && finding.evidence.method !== 'chain-rule' && finding.evidence.standIns === undefined;
  const point = sides?.values.length ? sides.values : evaluated ? samplePoint : [];
  if (!counterexample && point.length > 0) parts.push(`Sample point: ${pointText(point)}`);
  return parts.join('\n\n');
}

/** "Checked at 16 points; largest error 3.2e−16." (a verified claim's message already says how many points). */
function evidenceLine(finding: Finding): string | undefined {
  const { evidence } = finding;
  const points = evidence.points !== undefined && finding.verdict !== 'verified' ? `Checked at ${evidence.points} points` : undefined;
  const error = evidence.maxError !== undefined ? `largest error ${formatNumber(evidence.maxError)}` : undefined;
  const text = [points, error].filter(Boolean).join('; ');
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : undefined;
}

/** "Checked against the ridge model (detected from f, x, A, b, λ)." for a model detection chose. */
function readingLine(evidence: Evidence): string | undefined {
  if (!evidence.detectedFrom || !evidence.model) return undefined;
  return `Checked against the ${escape(evidence.model)} model (detected from ${escape(evidence.detectedFrom)}).`;
}

function pointText(values: readonly NamedValue[]): string {
  const shown = values.slice(0, MAX_POINT_VALUES).map((v) => `${escape(v.name)} = ${escape(v.value)}`);
  if (values.length > MAX_POINT_VALUES) shown.push('…');
  return shown.join(', ');
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/\s+/g, ' ')}${fence}`;
}

/** Markdown syntax in engine text is shown literally: y_pred is not an emphasis. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#]/g, '\\$&');
}

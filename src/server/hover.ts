import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClaimHandle, Evidence, Finding, Inspection, NamedValue } from '../engine';
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
  if (inspection.definition) lines.push(`Defined as ${code(inspection.definition)}`);
  return lines.join('\n\n');
}

function claimMarkdown(finding: Finding, handle: ClaimHandle | undefined, samplePoint: readonly NamedValue[]): string {
  const heading = `**derivcheck** ${VERDICT_LABELS[finding.verdict]}${finding.target ? ` · ${escape(finding.target)}` : ''}`;
  const parts = [heading, escape(finding.message)];
  const sides = handle ? tryOrUndefined(() => handle.sides()) : undefined;
  if (handle && sides) {
    parts.push([`- left ${code(handle.leftLatex)} = **${escape(sides.left)}**`, `- right ${code(handle.rightLatex)} = **${escape(sides.right)}**`].join('\n'));
  }
  const evidence = evidenceLine(finding.evidence);
  if (evidence) parts.push(evidence);
  const reading = readingLine(finding.evidence);
  if (reading) parts.push(reading);
  const point = sides?.values.length ? sides.values : samplePoint;
  if (point.length > 0) parts.push(`Sample point: ${pointText(point)}`);
  return parts.join('\n\n');
}

/** "Checked at 16 points; largest error 3.2e−16." */
function evidenceLine(evidence: Evidence): string | undefined {
  const points = evidence.points !== undefined ? `Checked at ${evidence.points} points` : undefined;
  const error = evidence.maxError !== undefined ? `largest error ${formatNumber(evidence.maxError)}` : undefined;
  if (!points && !error) return undefined;
  return `${[points, error].filter(Boolean).join('; ')}.`;
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

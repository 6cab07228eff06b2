import type { Report, ReportBlock, ReportClaim, Summary, Verdict } from '../src/protocol/protocol';
import { plotView } from './plot';
import { h, math, type ViewNode } from './view-node';

/** The report as an element tree, shared by the panel (interactive) and Export Report (static). */
export interface ViewOptions {
  /** The document's name for the heading ("problem1.md"). */
  readonly documentName: string;
  /** Rows are focusable buttons and expected expressions get a "Copy LaTeX" button. */
  readonly interactive: boolean;
}

export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  verified: '✓ verified',
  mismatch: '✗ mismatch',
  unparsed: '? unparsed',
  unsupported: '⚠ unsupported',
};

export function reportView(report: Report | null, options: ViewOptions): ViewNode {
  if (!report) {
    return h(
      'div',
      { class: 'report', 'data-state': 'empty' },
      h('p', { class: 'empty' }, 'Open a Markdown, LaTeX or notebook document to see its derivations checked.'),
    );
  }
  const claims = report.blocks.reduce((n, b) => n + b.claims.length, 0);
  return h(
    'div',
    { class: 'report', 'data-state': 'report', 'data-uri': report.uri, 'data-version': String(report.version) },
    h(
      'header',
      { class: 'report-header' },
      h('h1', { class: 'title' }, 'Derivations in ', h('span', { class: 'document' }, options.documentName)),
      summaryView(report.summary),
      options.interactive && filterView(report.summary),
      report.samplePoint.length > 0 &&
        h('p', { class: 'sample-point' }, 'Hover sample point: ', report.samplePoint.map((v) => `${v.name} = ${v.value}`).join(', ')),
    ),
    claims === 0 && h('p', { class: 'empty' }, 'No equation steps found in this document.'),
    ...groupedByCell(report.blocks.filter((b) => b.claims.length > 0)).map((group) =>
      group.cell ? cellView(group.cell.name, group.blocks, options) : blockView(group.blocks[0], report.uri, options, 'h2'),
    ),
  );
}

interface BlockGroup {
  readonly cell?: ReportBlock['cell'];
  readonly blocks: ReportBlock[];
}

/** A notebook's blocks, one group per cell in order; a document's blocks, one group each. */
function groupedByCell(blocks: readonly ReportBlock[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const block of blocks) {
    const last = groups[groups.length - 1];
    if (block.cell && last?.cell?.uri === block.cell.uri) last.blocks.push(block);
    else groups.push({ cell: block.cell, blocks: [block] });
  }
  return groups;
}

/** Attributes that let the filter hide a section none of whose claims it shows. */
function filterMarks(claims: readonly ReportClaim[]): Record<string, string | undefined> {
  const has = (verdicts: readonly string[]) => (claims.some((c) => verdicts.includes(c.verdict)) ? 'true' : undefined);
  return { 'data-has-mismatch': has(['mismatch']), 'data-has-unchecked': has(['unparsed', 'unsupported']) };
}

function statusText(claims: readonly ReportClaim[]): string {
  const bad = claims.filter((c) => c.verdict !== 'verified').length;
  return bad === 0 ? ` — all ${claims.length} verified` : ` — ${bad} of ${claims.length} to look at`;
}

/** A notebook cell: its name, then its blocks. */
function cellView(name: string, blocks: readonly ReportBlock[], options: ViewOptions): ViewNode {
  const claims = blocks.flatMap((b) => b.claims);
  return h(
    'section',
    { class: 'cell', 'data-cell': name, ...filterMarks(claims) },
    h('h2', { class: 'cell-title' }, name[0].toUpperCase() + name.slice(1), h('span', { class: 'block-status' }, statusText(claims))),
    ...blocks.map((b) => blockView(b, b.cell!.uri, options, 'h3', blocks.length > 1)),
  );
}

function summaryView(summary: Summary): ViewNode {
  const parts: [Verdict, number][] = [
    ['verified', summary.verified],
    ['mismatch', summary.mismatch],
    ['unparsed', summary.unparsed],
    ['unsupported', summary.unsupported],
  ];
  return h(
    'p',
    { class: 'summary' },
    ...parts.map(([verdict, n]) => h('span', { class: `count verdict-${verdict}`, 'data-verdict': verdict, 'data-count': String(n) }, `${n} ${verdict}`)),
  );
}

/** The filters of the panel's rows: everything, the mistakes only, or what was not checked (report.ts applies them). */
export const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'mismatch', label: 'Mistakes' },
  { value: 'unchecked', label: 'Not checked' },
] as const;
export type Filter = (typeof FILTERS)[number]['value'];

function filterView(summary: Summary): ViewNode {
  const counts: Record<Filter, number> = {
    all: summary.verified + summary.mismatch + summary.unparsed + summary.unsupported,
    mismatch: summary.mismatch,
    unchecked: summary.unparsed + summary.unsupported,
  };
  return h(
    'div',
    { class: 'filters', role: 'group', 'aria-label': 'Show' },
    ...FILTERS.map(({ value, label }) =>
      h('button', { class: 'filter', type: 'button', 'data-filter': value, 'aria-pressed': value === 'all' ? 'true' : 'false' }, `${label} (${counts[value]})`),
    ),
  );
}

/**
 * A block's name: the document's heading it is under, else its number (in a notebook: its cell's
 * name, then the cell's heading); and its line (in a notebook, the cell's line).
 */
export function blockTitle(block: ReportBlock): string {
  const name = block.cell ? [block.cell.name, block.heading] : [block.heading ?? `Block ${block.index + 1}`];
  return [...name, `line ${block.range.start.line + 1}`].filter(Boolean).join(' · ');
}

/** A block under its own title; in a cell's group (h3), titled by its heading and line, and counted only when the cell has others. */
function blockView(block: ReportBlock, uri: string, options: ViewOptions, level: 'h2' | 'h3', counted = true): ViewNode {
  const title = level === 'h2' ? blockTitle(block) : [block.heading, `line ${block.range.start.line + 1}`].filter(Boolean).join(' · ');
  return h(
    'section',
    { class: 'block', 'data-block-index': String(block.index), ...filterMarks(block.claims) },
    h(level, { class: 'block-title' }, title, counted && h('span', { class: 'block-status' }, statusText(block.claims))),
    h('ol', { class: 'claims' }, ...block.claims.map((c) => claimView(c, uri, options))),
  );
}

/** What the claim is about, as math where its LaTeX is known (`data-target` keeps the text). */
function targetView(target: string, latex: string | undefined): ViewNode {
  if (latex === undefined) return h('span', { class: 'target', 'data-target': target }, target);
  return { tag: 'span', attrs: { class: 'target', 'data-target': target }, math: { latex, display: false } };
}

/** The claim for display: its math as parsed; the source as written where it did not parse (not KaTeX's error). */
export function displayLatex(claim: ReportClaim): string | undefined {
  return claim.latex;
}

function claimView(claim: ReportClaim, uri: string, options: ViewOptions): ViewNode {
  const line = claim.range.start.line + 1;
  const interactive = options.interactive
    ? { tabindex: '0', role: 'button', title: `Line ${line}: click to show it in the editor` }
    : {};
  return h(
    'li',
    { class: `claim verdict-${claim.verdict}`, 'data-claim-id': claim.id, 'data-verdict': claim.verdict, 'data-uri': uri, ...interactive },
    h(
      'div',
      { class: 'claim-head' },
      h('span', { class: `verdict verdict-${claim.verdict}` }, VERDICT_LABEL[claim.verdict]),
      claim.target !== undefined && targetView(claim.target, claim.targetLatex),
      h('span', { class: 'location' }, `line ${line}`),
    ),
    displayLatex(claim) === undefined ? h('pre', { class: 'source' }, claim.text) : math(displayLatex(claim)!, true, 'math claim-math'),
    h('p', { class: 'message' }, claim.message),
    claim.verdict !== 'verified' && claim.expectedLatex !== undefined && expectedView(claim.expectedLatex, options),
    evidenceView(claim),
    pointsView(claim),
  );
}

/** The points checked and the largest error; a verified claim's message already says how many points. */
function pointsView(claim: ReportClaim): ViewNode | undefined {
  if (claim.points === undefined) return undefined;
  const largest = claim.maxError !== undefined && claim.maxError > 0 ? `largest error ${formatError(claim.maxError)}` : '';
  const text = claim.verdict === 'verified' ? largest : [`${claim.points} sample points`, largest].filter(Boolean).join(', ');
  return text ? h('p', { class: 'evidence' }, text) : undefined;
}

/** The copy button's label (media/report.ts puts it back after "Copied"). */
export const COPY_LABEL = 'Copy LaTeX';

function expectedView(latex: string, options: ViewOptions): ViewNode {
  return h(
    'div',
    { class: 'expected' },
    h('span', { class: 'label' }, 'Expected'),
    math(latex, true, 'math expected-math'),
    options.interactive && h('button', { class: 'copy', type: 'button', 'data-latex': latex, title: 'Copy the expected expression as LaTeX' }, COPY_LABEL),
  );
}

/** The counterexample table and the plot, side by side when there is room. */
function evidenceView(claim: ReportClaim): ViewNode | undefined {
  const table = claim.counterexample && counterexampleView(claim.counterexample);
  const plot = plotFigure(claim);
  if (!table && !plot) return undefined;
  if (claim.verdict === 'verified' && !table) {
    // Both lines coincide: the plot is there for the curious, folded.
    return h('details', { class: 'evidence-details' }, h('summary', {}, 'Plot'), plot);
  }
  return h('div', { class: 'evidence-row' }, table, plot);
}

function counterexampleView(counterexample: NonNullable<ReportClaim['counterexample']>): ViewNode {
  return h(
    'table',
    { class: 'counterexample' },
    h('caption', {}, 'Counterexample'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'at'), h('th', { scope: 'col' }, 'value'))),
    h(
      'tbody',
      {},
      ...counterexample.values.map((v) => h('tr', { class: 'point' }, h('th', { scope: 'row' }, v.name), h('td', {}, v.value))),
      h('tr', { class: 'value-claimed' }, h('th', { scope: 'row' }, 'yours'), h('td', {}, counterexample.claimed)),
      h('tr', { class: 'value-expected' }, h('th', { scope: 'row' }, 'expected'), h('td', {}, counterexample.expected)),
    ),
  );
}

function plotFigure(claim: ReportClaim): ViewNode | undefined {
  if (claim.verdict === 'unparsed') return undefined;
  const plot = claim.sweep && plotView(claim.sweep);
  if (!plot || !claim.sweep) return undefined;
  return h('figure', { class: 'plot-figure' }, plot, h('figcaption', {}, `yours vs expected as ${claim.sweep.variable} varies`));
}

function formatError(value: number): string {
  return value >= 1e-3 && value < 1e4 ? Number(value.toPrecision(3)).toString() : value.toExponential(2);
}

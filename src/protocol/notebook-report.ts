// A notebook's report: VS Code gives each cell a text document of its own, and the server reports
// each one; the panel and Export Report show the notebook as a whole, its blocks grouped by cell.
import type { Report, ReportBlock } from './protocol';
import { addSummaries, EMPTY_SUMMARY } from './summary';

export interface CellReport {
  /** The cell's position in the notebook, from 0. */
  readonly index: number;
  /** Its name as the notebook shows it ("cell 4"). */
  readonly name: string;
  readonly report: Report;
}

/** The id of a cell's claim in its notebook's report (a cell's own ids repeat from cell to cell). */
export function cellClaimId(cellIndex: number, claimId: string): string {
  return `${cellIndex}/${claimId}`;
}

/** One report for the notebook at `uri`: the cells' blocks in order, each naming its cell; counts summed. */
export function notebookReport(uri: string, version: number, cells: readonly CellReport[]): Report {
  const blocks: ReportBlock[] = [];
  let summary = EMPTY_SUMMARY;
  for (const { index, name, report } of [...cells].sort((a, b) => a.index - b.index)) {
    summary = addSummaries(summary, report.summary);
    for (const block of report.blocks) {
      blocks.push({
        ...block,
        index: blocks.length,
        cell: { uri: report.uri, name },
        claims: block.claims.map((claim) => ({ ...claim, id: cellClaimId(index, claim.id) })),
      });
    }
  }
  return { uri, version, blocks, summary, samplePoint: sharedSamplePoint(cells) };
}

/** Hovers sample each cell on its own: the notebook has one sample point only when its cells agree on it. */
function sharedSamplePoint(cells: readonly CellReport[]): Report['samplePoint'] {
  const points = cells.map((c) => c.report.samplePoint).filter((p) => p.length > 0);
  const first = points[0] ?? [];
  return points.every((p) => JSON.stringify(p) === JSON.stringify(first)) ? first : [];
}

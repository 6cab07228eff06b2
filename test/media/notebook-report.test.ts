// A notebook's report (src/protocol/notebook-report.ts) and how the panel's view and the Markdown
// export show it: every checked cell's blocks, in the notebook's order, grouped and named by cell.
import * as assert from 'node:assert/strict';
import { reportMarkdown } from '../../src/client/export/markdown';
import { cellClaimId, notebookReport, type CellReport } from '../../src/protocol/notebook-report';
import type { Report, ReportClaim, Verdict } from '../../src/protocol/protocol';
import { summarize } from '../../src/protocol/summary';
import { reportView } from '../../media/view';
import type { ViewNode } from '../../media/view-node';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });

function claim(id: string, verdict: Verdict, line: number): ReportClaim {
  return { id, range: at(line), text: `x_${id} = 1`, latex: 'x = 1', verdict, message: `${verdict} at ${line}` };
}

function cellReport(index: number, verdicts: Verdict[][], samplePoint: Report['samplePoint'] = []): CellReport {
  const uri = `vscode-notebook-cell:/hw.ipynb#cell${index}`;
  const blocks = verdicts.map((vs, b) => ({ index: b, range: at(b * 3), claims: vs.map((v, s) => claim(`${b}:${s}`, v, b * 3 + s)) }));
  const report: Report = { uri, version: 1, blocks, summary: summarize(blocks.flatMap((b) => b.claims)), samplePoint };
  return { index, name: `cell ${index + 1}`, report };
}

/** The elements of a view tree with this class, depth first. */
function withClass(node: ViewNode, name: string): ViewNode[] {
  const own = (node.attrs?.class ?? '').split(' ').includes(name) ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((c) => withClass(c, name))];
}

function text(node: ViewNode): string {
  return (node.text ?? '') + (node.children ?? []).map(text).join('');
}

describe('a notebook’s report', () => {
  // Given out of order, as Promise.all may: cell 4 (two blocks), then cell 2.
  const cells = [cellReport(3, [['verified'], ['mismatch', 'unparsed']]), cellReport(1, [['verified', 'verified']])];
  const report = notebookReport('file:///hw.ipynb', 7, cells);

  it('lists the cells’ blocks in the notebook’s order, each naming its cell, with ids unique across cells', () => {
    assert.equal(report.uri, 'file:///hw.ipynb');
    assert.equal(report.version, 7);
    assert.deepEqual(
      report.blocks.map((b) => [b.index, b.cell?.name, b.cell?.uri, b.claims.map((c) => c.id)]),
      [
        [0, 'cell 2', 'vscode-notebook-cell:/hw.ipynb#cell1', ['1/0:0', '1/0:1']],
        [1, 'cell 4', 'vscode-notebook-cell:/hw.ipynb#cell3', ['3/0:0']],
        [2, 'cell 4', 'vscode-notebook-cell:/hw.ipynb#cell3', ['3/1:0', '3/1:1']],
      ],
    );
    assert.equal(cellClaimId(3, '1:1'), '3/1:1');
    const ids = report.blocks.flatMap((b) => b.claims.map((c) => c.id));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('sums the cells’ counts, and keeps each claim’s range in its own cell', () => {
    assert.deepEqual(report.summary, { verified: 3, mismatch: 1, unparsed: 1, unsupported: 0 });
    assert.deepEqual(report.blocks[2].claims[1].range, at(4));
  });

  it('shows a sample point only when the cells agree on it', () => {
    const point = [{ name: 'x', value: '0.5' }];
    assert.deepEqual(notebookReport('n', 1, [cellReport(0, [['verified']], point), cellReport(1, [['verified']]), cellReport(2, [['verified']], point)]).samplePoint, point);
    const other = [{ name: 'x', value: '0.7' }];
    assert.deepEqual(notebookReport('n', 1, [cellReport(0, [['verified']], point), cellReport(1, [['verified']], other)]).samplePoint, []);
  });

  it('an empty notebook is a report with no blocks', () => {
    assert.deepEqual(notebookReport('n', 1, []), { uri: 'n', version: 1, blocks: [], summary: { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 }, samplePoint: [] });
  });

  it('the panel groups the blocks by cell, under the cell’s name, and marks a cell by what its claims need', () => {
    const view = reportView(report, { documentName: 'hw.ipynb', interactive: true });
    const sections = withClass(view, 'cell');
    assert.deepEqual(
      sections.map((s) => [s.attrs?.['data-cell'], withClass(s, 'block').length, s.attrs?.['data-has-mismatch']]),
      [
        ['cell 2', 1, undefined],
        ['cell 4', 2, 'true'],
      ],
    );
    assert.equal(text(withClass(sections[1], 'cell-title')[0]), 'Cell 4 — 2 of 3 to look at');
    assert.deepEqual(withClass(sections[1], 'block-title').map(text), ['line 1 — all 1 verified', 'line 4 — 2 of 2 to look at']);
    assert.deepEqual(withClass(sections[0], 'block-title').map(text), ['line 1'], 'a cell’s only block is counted in the cell’s title');
    // A row reveals its range in its own cell's document.
    assert.deepEqual(withClass(sections[1], 'claim').map((c) => c.attrs?.['data-uri']), Array(3).fill('vscode-notebook-cell:/hw.ipynb#cell3'));
  });

  it('a document’s blocks are not grouped', () => {
    const document = cellReport(0, [['verified'], ['mismatch']]).report;
    const view = reportView(document, { documentName: 'notes.md', interactive: false });
    assert.equal(withClass(view, 'cell').length, 0);
    assert.deepEqual(withClass(view, 'block-title').map((t) => t.tag), ['h2', 'h2']);
  });

  it('the Markdown export names each block’s cell', () => {
    const markdown = reportMarkdown(report, 'hw.ipynb', 'test');
    assert.deepEqual(markdown.split('\n').filter((l) => l.startsWith('## ')), ['## cell 2 · line 1', '## cell 4 · line 1', '## cell 4 · line 4']);
    const headed = notebookReport('n', 1, [cellReport(0, [['verified']])]);
    const block = { ...headed.blocks[0], heading: 'Problem 2' };
    assert.match(reportMarkdown({ ...headed, blocks: [block] }, 'n', 'test'), /^## cell 1 · Problem 2 · line 1$/m);
  });
});

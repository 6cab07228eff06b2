// Notebooks as first-class documents: each cell named in its messages, code cells' comments checked,
// the whole notebook counted in the status bar, a verdict in each cell's own status bar, Check
// Current Document from any cell, and one report for the whole notebook, grouped by cell.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, derivcheckDiagnostics, diagnosticsWhen, fixtureUri, nextEvent, when, type DerivcheckApi } from './helpers';
import { clickInWebview, hasWorkbenchBridge, inWebview, inWorkbench, screenshot, untilInWorkbench } from './workbench';

const SUMMARY = { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 };

suite('notebooks', () => {
  let api: DerivcheckApi;
  let notebook: vscode.NotebookDocument;

  suiteSetup(async () => {
    await closeAllEditors();
    api = await activeApi();
    notebook = await vscode.workspace.openNotebookDocument(fixtureUri('notebook.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
  });

  suiteTeardown(() => closeAllEditors());

  test('a message names its cell; a code cell’s comment is checked as in a .py file', async () => {
    const [markdown, code] = notebook.getCells();
    const [wrong] = await diagnosticsWhen(markdown.document.uri, (d) => d.length === 1, 'the sign error of cell 1');
    assert.match(wrong.message, /^cell 1: ∂L\/∂d: sign error/);
    assert.equal(code.document.languageId, 'python');
    assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument', code.document.uri), { verified: 1, mismatch: 0, unparsed: 0, unsupported: 0 });
    assert.deepEqual(derivcheckDiagnostics(code.document.uri), [], 'the comment holds');
  });

  test('Check Current Document from a code cell checks the whole notebook; the status bar counts the whole notebook', async () => {
    await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(1, 2)] });
    await vscode.commands.executeCommand('notebook.cell.edit');
    await when(() => vscode.window.activeTextEditor?.document.uri.toString(), (u) => u === notebook.cellAt(1).document.uri.toString(), [vscode.window.onDidChangeActiveTextEditor], 'the code cell’s editor');
    assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument'), SUMMARY);
    const counts = '∂ 1 ✓  1 ✗  0 ?';
    assert.equal(await when(() => api.statusText(), (t) => t === counts, [api.onDidChangeStatus], 'the notebook’s counts'), counts);
  });

  test('each cell shows its own verdict in its status bar', async function () {
    if (!hasWorkbenchBridge) this.skip(); // the desktop launcher has no Playwright page
    const read = `() => [...document.querySelectorAll('.cell-statusbar-container .cell-status-item')].map((e) => e.textContent.trim()).filter((t) => t.startsWith('∂'))`;
    await untilInWorkbench(`() => (${read})().length === 2`);
    const items = await inWorkbench<string[]>(read);
    assert.deepEqual(items.map((t) => t.replace(/\s+/g, ' ')).sort(), ['∂ 0 ✓ 1 ✗ 0 ?', '∂ 1 ✓ 0 ✗ 0 ?']);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('notebook.png');
  });

  test('the report covers the whole notebook, grouped by cell, and a row shows its cell', async function () {
    await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(1, 2)] });
    const rendered = nextEvent(api.panel.onDidRender, (r) => r.uri === notebook.uri.toString() && r.claims === 2, 'the notebook’s report');
    await vscode.commands.executeCommand('derivcheck.showReport');
    await rendered;
    assert.equal(api.panel.uri(), notebook.uri.toString());
    // A code lens or quick fix names a cell's claim by the cell's own id: the panel stays on the notebook.
    await vscode.commands.executeCommand('derivcheck.revealClaim', notebook.cellAt(0).document.uri, '0:0');
    assert.equal(api.panel.uri(), notebook.uri.toString());
    if (!hasWorkbenchBridge) return; // the desktop launcher has no Playwright page: the DOM is read below
    const cells = await inWebview<{ name: string; ids: string[] }[]>(
      `() => [...document.querySelectorAll('section.cell')].map((c) => ({ name: c.dataset.cell, ids: [...c.querySelectorAll('.claim')].map((r) => r.dataset.claimId) }))`,
      'section.cell',
    );
    assert.deepEqual(cells, [
      { name: 'cell 1', ids: ['0/0:0'] },
      { name: 'cell 2', ids: ['1/0:0'] },
    ]);
    const selected = nextEvent(
      vscode.window.onDidChangeNotebookEditorSelection,
      (e) => e.notebookEditor.notebook === notebook && e.selections[0]?.start === 0,
      'the wrong step’s cell to be selected',
    );
    await clickInWebview('.claim[data-claim-id="0/0:0"] .claim-head');
    await selected;
    await screenshot('notebook-report.png', { waitFor: '.statusbar' });
  });

  test('Export Report from a cell exports the whole notebook, by cell', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'derivcheck-notebook-export-'));
    try {
      const target = vscode.Uri.file(path.join(folder, 'notebook.derivations.md'));
      // Given a cell's document, as the editor title's button passes it.
      await vscode.commands.executeCommand('derivcheck.exportReport', target, notebook.cellAt(1).document.uri);
      const markdown = fs.readFileSync(target.fsPath, 'utf8');
      assert.match(markdown, /^# Derivations in notebook\.ipynb$/m);
      assert.match(markdown, /^✗ 2 claims: 1 verified, 1 mismatch, 0 unparsed, 0 unsupported$/m);
      assert.deepEqual(markdown.split('\n').filter((l) => l.startsWith('## ')), ['## cell 1 · line 5', '## cell 2 · line 2']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

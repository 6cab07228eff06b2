// Notebooks as first-class documents: each cell named in its messages, code cells' comments checked,
// the whole notebook counted in the status bar, a verdict in each cell's own status bar, and Check
// Current Document from any cell.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, derivcheckDiagnostics, diagnosticsWhen, fixtureUri, when, type DerivcheckApi } from './helpers';
import { hasWorkbenchBridge, inWorkbench, screenshot, untilInWorkbench } from './workbench';

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
});

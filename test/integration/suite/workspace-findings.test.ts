// Check Workspace's findings stay for a file no editor shows: VS Code releases the documents it
// opened and the server clears their diagnostics, but the findings are kept until the file changes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, derivcheckDiagnostics, fixtureUri, nextEvent, when, type DerivcheckApi } from './helpers';

/** A file of the fixture workspace's ignored `*.generated.md` pattern, removed at the end. */
const NAME = 'released.generated.md';
const WRONG = '<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$\n';
const FIXED = '<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$\n';

suite('Check Workspace: findings of files no editor shows', () => {
  let api: DerivcheckApi;
  const uri = fixtureUri(NAME);

  suiteSetup(async () => {
    await closeAllEditors();
    api = await activeApi();
    fs.writeFileSync(uri.fsPath, WRONG);
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    fs.rmSync(uri.fsPath, { force: true });
  });

  test('stay after the document is closed, once only, and go when the file changes', async () => {
    // Opened as the user opens a file (an editor), so that closing it releases the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    await vscode.commands.executeCommand('derivcheck.checkWorkspace');
    const mine = () => derivcheckDiagnostics(uri).length;
    assert.equal(await when(mine, (n) => n === 1, [vscode.languages.onDidChangeDiagnostics], 'the live finding'), 1);

    const closed = nextEvent(vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === uri.toString(), 'the document released');
    await closeAllEditors();
    await closed;
    // The server clears its diagnostics for the closed document; the kept finding takes their place.
    await when(() => api.workspaceFindings(uri), (n) => n === 1, [vscode.languages.onDidChangeDiagnostics], 'the kept finding');
    assert.equal(await when(mine, (n) => n === 1, [vscode.languages.onDidChangeDiagnostics], 'one finding shown'), 1);
    assert.match(derivcheckDiagnostics(uri)[0].message, /sign error/);

    // The file changes on disk: what was kept no longer holds.
    fs.writeFileSync(uri.fsPath, FIXED);
    assert.equal(await when(mine, (n) => n === 0, [vscode.languages.onDidChangeDiagnostics], 'the kept finding gone'), 0);
    assert.equal(api.workspaceFindings(uri), 0);
  });
});

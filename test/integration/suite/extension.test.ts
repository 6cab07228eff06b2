// Runs inside a real VS Code extension host (see ../run.js). The workspace folder is
// test/integration/fixtures/workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'derivcheck.derivcheck';
const COMMAND_CHECK_DOCUMENT = 'derivcheck.checkDocument';
const PROBLEM1 = 'problem1.md';
/** 0-based lines of the two claims in fixtures/workspace/problem1.md. */
const CORRECT_CLAIM_LINE = 7; // ∂L/∂d = -2(y_true - y_pred)
const WRONG_CLAIM_LINE = 10; // ∂L/∂b_i = 2(y_true - y_pred) C_i σ'(z_i): sign error

function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The derivcheck diagnostics of `uri` once there are some: already published, or at a later change. */
function diagnosticsOnceNonEmpty(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'derivcheck');
  if (current().length > 0) return Promise.resolve(current());
  return new Promise((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString()) || current().length === 0) return;
      subscription.dispose();
      resolve(current());
    });
  });
}

suite('extension in a real VS Code', () => {
  test('activates on a Markdown document and registers derivcheck.checkDocument', async () => {
    const document = await openFixture(PROBLEM1);
    assert.equal(document.languageId, 'markdown');

    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed in the host`);
    // The Markdown document has already asked for activation (onLanguage:markdown);
    // activate() returns that same activation and rejects if activate() threw.
    await extension.activate();
    assert.equal(extension.isActive, true);

    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(COMMAND_CHECK_DOCUMENT), `${COMMAND_CHECK_DOCUMENT} is registered`);
  });

  test('checkDocument returns the counts and the server publishes the sign error in problem1.md, and only it', async () => {
    const document = await openFixture(PROBLEM1);
    assert.match(document.lineAt(CORRECT_CLAIM_LINE).text, /\\partial d\} = -2\(y_\{true\} - y_\{pred\}\)/);
    assert.match(document.lineAt(WRONG_CLAIM_LINE).text, /\\partial b_i\} = 2\(y_\{true\}-y_\{pred\}\)C_i/);

    // The server checks on open (run mode onType) and again on the command; either publishes them.
    const counts = await vscode.commands.executeCommand(COMMAND_CHECK_DOCUMENT, document.uri);
    assert.deepEqual(counts, { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 });
    const diagnostics = await diagnosticsOnceNonEmpty(document.uri);

    const summary = diagnostics.map((d) => `${d.range.start.line}:${d.code} ${d.message}`).join('\n');
    assert.equal(diagnostics.length, 1, `exactly one diagnostic expected, got:\n${summary || '(none)'}`);
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic.range.start.line, WRONG_CLAIM_LINE, 'on the line of the wrong claim');
    assert.equal(diagnostic.source, 'derivcheck');
    assert.equal(diagnostic.code, 'mismatch');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /sign/i);
  });
});

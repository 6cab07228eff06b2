// LaTeX files and code comments are checked like Markdown: the same engine, the same diagnostics,
// located on the user's text (inside a macro call, inside a comment).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, diagnosticsWhen, fixtureUri, when, type Summary } from './helpers';

suite('LaTeX and code documents', () => {
  const cases = [
    // The sign error in ∂L/∂b_i is written through the file's own \pd macro, in an align environment.
    { name: 'homework.tex', language: 'latex', wrongLine: 11, wrongText: /^\\pd\{L\}\{b_i\}/ },
    // The second comment claims σ′ where ∂L/∂C_i needs σ.
    { name: 'gradients.py', language: 'python', wrongLine: 13, wrongText: /^dL\/dC_i = / },
  ] as const;
  for (const { name, language, wrongLine, wrongText } of cases) {
    test(`${name} (${language}): one claim verified, the wrong one flagged where it is written`, async () => {
      await activeApi();
      const document = await vscode.workspace.openTextDocument(fixtureUri(name));
      assert.equal(document.languageId, language);
      await vscode.window.showTextDocument(document);
      const summary = await vscode.commands.executeCommand<Summary>('derivcheck.checkDocument', document.uri);
      assert.deepEqual(summary, { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 });
      const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === 1, `one diagnostic on ${name}`);
      const [wrong] = diagnostics;
      assert.equal(wrong.code, 'mismatch');
      assert.equal(wrong.range.start.line, wrongLine);
      assert.match(document.getText(wrong.range), wrongText);

      // The hover on the claim, inside the macro call or the comment, shows its verdict and its values at the counterexample.
      const at = wrong.range.start.translate(0, 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /✗ mismatch · /);
      assert.match(text, /At [^\n]*: yours \*\*−?[\d.]+\*\*, expected \*\*−?[\d.]+\*\*\./);
    });
  }

  test('an .mdx file, which VS Code opens as plain text, is checked as Markdown (as the CLI reads it)', async () => {
    const api = await activeApi();
    const document = await vscode.workspace.openTextDocument(fixtureUri('notes.mdx'));
    assert.equal(document.languageId, 'plaintext', 'no MDX extension in the test host');
    const editor = await vscode.window.showTextDocument(document);
    const mismatch: Summary = { verified: 0, mismatch: 1, unparsed: 0, unsupported: 0 };
    assert.deepEqual(await vscode.commands.executeCommand<Summary>('derivcheck.checkDocument'), mismatch, 'the active document is checked');
    const [wrong] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the sign error in notes.mdx');
    assert.equal(wrong.code, 'mismatch');
    assert.equal(wrong.range.start.line, 7);
    assert.match(wrong.message, /sign error/);
    assert.equal(await when(() => api.statusText(), (t) => t === '∂ 0 ✓  1 ✗  0 ?', [api.onDidChangeStatus], 'the status of notes.mdx'), '∂ 0 ✓  1 ✗  0 ?');
    // A directive goes in as Markdown's comment; undone at once.
    editor.selection = new vscode.Selection(7, 0, 7, 0);
    assert.equal(await vscode.commands.executeCommand('derivcheck.insertModelDirective', 'mlp'), true);
    assert.equal(document.lineAt(7).text, '<!-- derivcheck: model=mlp -->');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.isDirty, false);
    await closeAllEditors();
  });
});

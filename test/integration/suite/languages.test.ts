// LaTeX files and code comments are checked like Markdown: the same engine, the same diagnostics,
// located on the user's text (inside a macro call, inside a comment).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, diagnosticsWhen, fixtureUri, type Summary } from './helpers';

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

      // The hover on the claim, inside the macro call or the comment, shows its verdict and values.
      const at = wrong.range.start.translate(0, 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /✗ mismatch · /);
      assert.match(text, /- left `[^`]+` = \*\*−?[\d.]+/);
    });
  }
});

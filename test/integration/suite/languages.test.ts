// LaTeX and code files are served by the language server (their notations are checked from the
// "Breadth" issue on): they activate the extension and can be checked without errors.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, fixtureUri, type Summary } from './helpers';

suite('LaTeX and code documents', () => {
  for (const [name, language] of [
    ['homework.tex', 'latex'],
    ['gradients.py', 'python'],
  ] as const) {
    test(`${name} opens as ${language} and Check Current Document answers for it`, async () => {
      await activeApi();
      const document = await vscode.workspace.openTextDocument(fixtureUri(name));
      assert.equal(document.languageId, language);
      await vscode.window.showTextDocument(document);
      const summary = await vscode.commands.executeCommand<Summary>('derivcheck.checkDocument', document.uri);
      assert.deepEqual(summary, { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 });
      assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
    });
  }
});

// Runs only in the launcher's second workbench, where the extension is the packaged .vsix installed
// with the code-server CLI (no extensionDevelopmentPath): what a user installs must activate, check,
// and render the report panel with its bundled KaTeX assets.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, diagnosticsWhen, EXTENSION_ID, fixtureUri, nextEvent, openFixture } from './helpers';
import { hasWorkbenchBridge, inWebview } from './workbench';

/** The repository root (out/integration/suite/ -> ../../..): the installed copy must be elsewhere. */
const REPOSITORY = path.resolve(__dirname, '..', '..', '..');

suite('installed vsix', () => {
  suiteSetup(function () {
    if (process.env.DERIVCHECK_VSIX_RUN !== '1') this.skip(); // only in the launcher's .vsix run
  });

  test('the extension is the installed package, with only its runtime files', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const root = extension.extensionUri.fsPath;
    assert.notEqual(path.resolve(root), REPOSITORY, 'not the development folder');
    const top = fs.readdirSync(root);
    assert.ok(top.some((f) => /^license/i.test(f)) && top.some((f) => /^readme\.md$/i.test(f)), `LICENSE and README in ${top.join(', ')}`);
    for (const file of ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/symbolic-worker.js', 'dist/extract-worker.js', 'dist/report.js', 'dist/katex/katex.min.css', 'dist/katex/fonts/KaTeX_Main-Regular.woff2', 'media/report.css']) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is packaged`);
    }
    for (const absent of ['src', 'test', 'node_modules', 'out', 'dist/extension.js.map', 'media/report.ts']) {
      assert.ok(!fs.existsSync(path.join(root, absent)), `${absent} is not packaged`);
    }
  });

  test('it activates on a Markdown document and its language server publishes diagnostics', async () => {
    await closeAllEditors();
    const editor = await openFixture('problem1.md');
    const api = await activeApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const diagnostics = await diagnosticsWhen(editor.document.uri, (d) => d.length > 0, 'diagnostics from the installed server');
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code]), [[10, 'mismatch']]);
    assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument'), { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 });

    if (!hasWorkbenchBridge) return;
    const uri = fixtureUri('problem1.md');
    const rendered = nextEvent(api.panel.onDidRender, (r) => r.uri === uri.toString(), 'the panel');
    await vscode.commands.executeCommand('derivcheck.showReport');
    assert.equal((await rendered).claims, 2);
    const fontsLoaded = await inWebview<boolean>(
      `async () => { await document.fonts.ready; return [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded'); }`,
      '.claim .katex',
    );
    assert.ok(fontsLoaded, 'the packaged KaTeX fonts load in the webview');
  });
});

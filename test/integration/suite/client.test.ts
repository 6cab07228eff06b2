// The VS Code client: contributions, commands, status bar (real extension host, real server).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activeApi,
  closeAllEditors,
  diagnosticsWhen,
  EXTENSION_ID,
  fixtureUri,
  openFixture,
  when,
  type DerivcheckApi,
  type Summary,
} from './helpers';
import { hasWorkbenchBridge, inWorkbench, untilInWorkbench } from './workbench';

/** report.md: a chain of two verified steps, a factor-2 mistake in ∂L/∂d, an identity, a sign error, malformed math. */
const REPORT_MD = 'report.md';
const REPORT_MD_SUMMARY: Summary = { verified: 3, mismatch: 2, unparsed: 1, unsupported: 0 };
/** The status bar's counts: verified, mismatch, not checked. */
const statusText = (s: Summary) => `∂ ${s.verified} ✓  ${s.mismatch} ✗  ${s.unparsed + s.unsupported} ?`;
/** The files of fixtures/workspace. */
const WORKSPACE_FIXTURES = [
  'gradients.R', 'gradients.py', 'homework.tex', 'layer.jsx', 'notebook.ipynb', 'notes.mdx', 'problem1.md', 'report.md', 'server.md', 'train.pyw',
];
const COMMAND_IDS = [
  'derivcheck.checkDocument',
  'derivcheck.checkWorkspace',
  'derivcheck.showReport',
  'derivcheck.resample',
  'derivcheck.insertModelDirective',
  'derivcheck.toggleLiveChecking',
  'derivcheck.exportReport',
  'derivcheck.revealClaim',
  'derivcheck.copyLatex',
];
/**
 * DEFAULT_SETTINGS of src/protocol/protocol.ts, as the contributions must declare them (written out
 * here: the suite is compiled apart from src/; test/project/manifest.test.ts holds the registries'
 * lists in package.json equal to the registries).
 */
const DEFAULTS: Record<string, unknown> = {
  run: 'onType',
  debounceMs: 300,
  severity: { mismatch: 'error', unparsed: 'hint', unsupported: 'hint' },
  samples: 16,
  tolerance: 1e-9,
  defaultModel: 'auto',
  defaultSigma: 'sigmoid',
  seed: 1,
  maxFileSizeMB: 5,
  claimBudgetMs: 200,
  codeLens: 'problems',
  languages: [
    'markdown', 'mdx', 'latex', 'tex', 'latex-expl3', 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact',
    'c', 'cpp', 'java', 'julia', 'r', 'matlab', 'octave',
  ],
};

/** A row of the open quick pick: an item, or a separator VS Code draws as a row of its own. */
interface QuickPickRow {
  readonly label: string;
  readonly description: string;
  /** The separator label VS Code draws on an item's row, if any. */
  readonly separator: string;
  readonly separatorRow: boolean;
}
const QUICK_PICK_ROWS = `() => [...document.querySelectorAll('.quick-input-widget .monaco-list-row')].map((row) => ({
  label: row.querySelector('.label-name')?.textContent ?? '',
  description: row.querySelector('.label-description')?.textContent ?? '',
  separator: [...row.querySelectorAll('.quick-input-list-separator')].filter((e) => e.style.display !== 'none').map((e) => e.textContent).join(''),
  separatorRow: row.querySelector('.quick-input-list-separator-as-item') !== null,
}))`;
/** Types `text` into the open quick pick's filter box. */
const TYPE_IN_QUICK_PICK = (text: string) => `() => {
  const input = document.querySelector('.quick-input-widget .quick-input-box input');
  input.value = ${JSON.stringify(text)};
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}`;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('client: contributions, commands and status bar', () => {
  let api: DerivcheckApi;
  const workspaceSettings = path.join(fixtureUri('.').fsPath, '.vscode');
  const hadWorkspaceSettings = fs.existsSync(workspaceSettings);

  suiteSetup(async () => {
    await closeAllEditors();
    await openFixture(REPORT_MD);
    api = await activeApi();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('derivcheck').update('run', undefined, vscode.ConfigurationTarget.Workspace);
    if (!hadWorkspaceSettings) fs.rmSync(workspaceSettings, { recursive: true, force: true });
    await closeAllEditors();
  });

  test('the manifest contributes every setting with the protocol defaults, the commands, activation and trust', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const manifest = extension.packageJSON;
    const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown; markdownDescription?: string }>;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(DEFAULTS).map((k) => `derivcheck.${k}`).sort());
    for (const [key, value] of Object.entries(DEFAULTS)) {
      assert.deepEqual(properties[`derivcheck.${key}`].default, value, `default of derivcheck.${key}`);
      assert.ok(properties[`derivcheck.${key}`].markdownDescription, `derivcheck.${key} has a description`);
      assert.deepEqual(vscode.workspace.getConfiguration('derivcheck').get(key), value, `effective derivcheck.${key}`);
    }
    const contributed = (manifest.contributes.commands as { command: string; category: string }[]).map((c) => c.command);
    assert.deepEqual(contributed.sort(), [...COMMAND_IDS].sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Derivation Checker');
    const events = manifest.activationEvents as string[];
    assert.ok(!events.includes('*'), 'no * activation');
    for (const language of DEFAULTS.languages as string[]) assert.ok(events.includes(`onLanguage:${language}`), `activates on ${language}`);
    assert.ok(events.includes('onNotebook:jupyter-notebook'));
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  test('every command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of COMMAND_IDS) assert.ok(registered.has(id), `${id} is registered`);
  });

  test('Check Current Document returns the counts of the active document, and of a document given by URI', async () => {
    await openFixture(REPORT_MD);
    assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument'), REPORT_MD_SUMMARY);
    assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument', fixtureUri(REPORT_MD)), REPORT_MD_SUMMARY);
  });

  test('the status bar shows ∂ verified ✓ mismatches ✗ for the active document, and hides for other languages', async () => {
    await openFixture(REPORT_MD);
    const expected = statusText(REPORT_MD_SUMMARY);
    assert.equal(await when(() => api.statusText(), (t) => t === expected, [api.onDidChangeStatus], 'the status of report.md'), expected);
    if (hasWorkbenchBridge) {
      const shown = await inWorkbench<string>(
        `() => [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent).find((t) => t.includes('∂')) ?? ''`,
        '.statusbar-item',
      );
      assert.match(shown, /∂ 3 ✓\s+2 ✗/, 'the workbench shows the item');
    }
    const plain = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'not math' });
    await vscode.window.showTextDocument(plain);
    assert.equal(await when(() => api.statusText(), (t) => t === undefined, [api.onDidChangeStatus], 'the item hidden'), undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await openFixture(REPORT_MD);
    assert.equal(await when(() => api.statusText(), (t) => t === expected, [api.onDidChangeStatus], 'the status back'), expected);
  });

  test('New Sample Point for Hovers draws a new hover sample point, and says so', async () => {
    const editor = await openFixture(REPORT_MD);
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, (d) => d.some((x) => /factor of 2/.test(x.message)), 'the document checked');
    // A verified step: its hover shows both sides at the hover's sample point (a mistake's, at its counterexample).
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('= -2(y_{true} - y_{pred})'));
    const at = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('= -2') + 1);
    const before = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at));
    assert.match(before, /Sample point: /);
    assert.equal(await vscode.commands.executeCommand('derivcheck.resample'), 'Derivation Checker: new sample point for hovers', 'confirmed in the status bar');
    const after = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at));
    assert.match(after, /Sample point: /);
    assert.notEqual(after, before, 'the hover shows other values after Resample');
  });

  test('hovering anywhere in math that did not parse says why, with line and column', async () => {
    const editor = await openFixture(REPORT_MD);
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, (d) => d.some((x) => x.code !== undefined && String(typeof x.code === 'object' ? x.code.value : x.code) === 'unparsed'), 'the unparsed step');
    const line = editor.document.getText().split('\n').findIndex((l) => l.endsWith('= 2(y_{pred} - y_{true}'));
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 1)));
    assert.match(text, /\? unparsed/);
    assert.match(text, new RegExp(`opened at line ${line + 1}, column \\d+`));
  });

  test('Insert Model Directive inserts the directive above the cursor line as one undoable edit, in the comment syntax of the language', async () => {
    const cases: [language: string, argument: string, expected: string][] = [
      ['markdown', 'ridge', '<!-- derivcheck: model=ridge -->'],
      ['python', 'ridge', '# derivcheck: model=ridge'],
      ['latex', 'ridge', '% derivcheck: model=ridge'],
      ['typescriptreact', 'model=batchnorm-mean', '// derivcheck: model=batchnorm-mean'],
      ['python', 'sigma=gelu', '# derivcheck: sigma=gelu'],
      ['markdown', 'sigma=tanh', '<!-- derivcheck: sigma=tanh -->'],
    ];
    for (const [language, argument, expected] of cases) {
      const content = 'first line\n  second line\nthird line\n';
      const document = await vscode.workspace.openTextDocument({ language, content });
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(1, 4, 1, 4);
      assert.equal(await vscode.commands.executeCommand('derivcheck.insertModelDirective', argument), true);
      assert.equal(document.getText(), `first line\n  ${expected}\n  second line\nthird line\n`, `${language} ${argument}`);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), content, `one undo restores the ${language} document (${argument})`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('Insert Model Directive refuses a model or σ the manifest does not list, without editing', async () => {
    const content = 'text\n';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document);
    for (const argument of ['resnet', 'sigma=cosh', 'model=gelu', 'seed=3']) {
      // The command logs the error and answers undefined (no pop-up).
      assert.equal(await vscode.commands.executeCommand('derivcheck.insertModelDirective', argument), undefined, argument);
      assert.equal(document.getText(), content, `${argument}: nothing inserted`);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test("Insert Model Directive offers the manifest's models and, under a separator, its activation functions σ in a quick pick", async function () {
    if (!hasWorkbenchBridge) this.skip(); // needs the page to see the quick pick open
    const properties = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.configuration.properties;
    const models = properties['derivcheck.defaultModel'].enum as string[];
    const sigmas = properties['derivcheck.defaultSigma'].enum as string[];
    assert.ok(models.includes('mlp') && sigmas.includes('gelu'), `the manifest lists ${models.join(', ')} and ${sigmas.join(', ')}`);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'text\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, 0);

    let inserted = vscode.commands.executeCommand('derivcheck.insertModelDirective');
    const rows = await inWorkbench<QuickPickRow[]>(QUICK_PICK_ROWS, '.quick-input-widget .monaco-list-row');
    assert.deepEqual(rows.filter((r) => !r.separatorRow).map((r) => r.label), [...models, ...sigmas]);
    const separators = rows.map((r) => (r.separatorRow ? r.label : r.separator)).filter((t) => t !== '');
    assert.deepEqual(separators, ['model', 'activation function σ']);
    assert.ok(rows.find((r) => r.label === 'gelu')?.description, 'σ choices carry their description');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext'); // auto -> mlp
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await inserted, true);
    assert.equal(document.lineAt(0).text, '<!-- derivcheck: model=mlp -->');

    // Typing "gelu" leaves the one σ; accepting it inserts sigma=gelu, in one undoable edit.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    inserted = vscode.commands.executeCommand('derivcheck.insertModelDirective');
    await inWorkbench(TYPE_IN_QUICK_PICK('gelu'), '.quick-input-widget .monaco-list-row');
    await untilInWorkbench(`() => { const rows = (${QUICK_PICK_ROWS})().filter((r) => !r.separatorRow); return rows.length === 1 && rows[0].label === 'gelu'; }`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await inserted, true);
    assert.equal(document.getText(), '<!-- derivcheck: sigma=gelu -->\n<!-- derivcheck: model=mlp -->\ntext\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), '<!-- derivcheck: model=mlp -->\ntext\n', 'one undo takes the σ directive back');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Toggle Live Checking pauses checking for the workspace without writing settings: "∂ paused", stale results cleared; resuming checks again', async () => {
    const editor = await openFixture(REPORT_MD);
    const uri = editor.document.uri;
    const counts = statusText(REPORT_MD_SUMMARY);
    await when(() => api.statusText(), (t) => t === counts, [api.onDidChangeStatus], 'the counts of report.md');
    await diagnosticsWhen(uri, (d) => d.length > 0, 'the findings of report.md');
    const config = vscode.workspace.getConfiguration('derivcheck');
    try {
      assert.equal(await vscode.commands.executeCommand('derivcheck.toggleLiveChecking'), 'paused');
      assert.equal(await when(() => api.statusText(), (t) => t === '∂ paused', [api.onDidChangeStatus], 'the paused status'), '∂ paused');
      await diagnosticsWhen(uri, (d) => d.length === 0, 'stale findings cleared while paused');
      assert.equal(config.inspect('run')?.workspaceValue, undefined, 'no setting written into the folder');
      // Check Current Document still checks, once.
      assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument', uri), REPORT_MD_SUMMARY);
    } finally {
      assert.equal(await vscode.commands.executeCommand('derivcheck.toggleLiveChecking'), 'live');
    }
    await diagnosticsWhen(uri, (d) => d.length > 0, 'the findings back once resumed');
    assert.equal(await when(() => api.statusText(), (t) => t === counts, [api.onDidChangeStatus], 'the counts back'), counts);
  });

  test('Export Report writes a self-contained HTML file and a Markdown file where it is told', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'derivcheck-export-'));
    try {
      const source = fixtureUri(REPORT_MD);
      const htmlTarget = vscode.Uri.file(path.join(folder, 'report.html'));
      const written = await vscode.commands.executeCommand<vscode.Uri>('derivcheck.exportReport', htmlTarget, source);
      assert.equal(written?.toString(), htmlTarget.toString());
      const html = fs.readFileSync(htmlTarget.fsPath, 'utf8');
      assert.match(html, /^<!DOCTYPE html>/);
      assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
      assert.doesNotMatch(html, /<script|<link |src="http|url\(fonts\//, 'nothing loaded from outside the file');
      assert.equal((html.match(/<li class="claim [^"]*"/g) ?? []).length, 6, 'one row per claim');
      assert.equal((html.match(/<li class="claim [^"]*" data-claim-id="[^"]*" data-verdict="mismatch"/g) ?? []).length, 2);
      assert.match(html, /class="katex"/, 'math rendered by KaTeX');
      assert.match(html, /<svg class="plot"[^>]*>.*<polyline class="series claimed"/s, 'an inline SVG plot');
      assert.match(html, /<table class="counterexample">/);
      assert.match(html, /url\(data:font\/woff2;base64,/, 'KaTeX fonts inlined');

      const mdTarget = vscode.Uri.file(path.join(folder, 'report.md'));
      await vscode.commands.executeCommand('derivcheck.exportReport', mdTarget, source);
      const markdown = fs.readFileSync(mdTarget.fsPath, 'utf8');
      assert.match(markdown, /^<!-- derivcheck: ignore-file -->\n\n# Derivations in report\.md\n\n✗ 6 claims: 3 verified, 2 mismatch, 1 unparsed, 0 unsupported\n/);
      // The math as parsed (what was checked), in LaTeX that renders.
      assert.match(markdown, /### ✗ mismatch — ∂L\/∂d \(line 14\)\n\n\$\$\n\\frac\{\\partial L\}\{\\partial d\} = y_\{\\text\{pred\}\} - y_\{\\text\{true\}\}\n\$\$\n/);
      assert.match(markdown, /\| \*\*yours\*\* \| /);
      assert.deepEqual(fs.readdirSync(folder).sort(), ['report.html', 'report.md'], 'nothing else written');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('an exported Markdown report is not checked: it is marked ignore-file, and Check Workspace skips *.derivations.* files', async () => {
    const source = fixtureUri(REPORT_MD);
    const exported = vscode.Uri.joinPath(source, '..', 'report.derivations.md');
    try {
      await vscode.commands.executeCommand('derivcheck.exportReport', exported, source);
      assert.match(fs.readFileSync(exported.fsPath, 'utf8'), /^<!-- derivcheck: ignore-file -->\n/);
      const empty: Summary = { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 };
      assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument', exported), empty, 'the quoted wrong steps are not findings');
      const result = await vscode.commands.executeCommand<{ files: { uri: string }[] }>('derivcheck.checkWorkspace');
      assert.ok(result && result.files.length > 0);
      assert.ok(!result.files.some((f) => f.uri.endsWith('.derivations.md')), 'the export is not among the files checked');
    } finally {
      await closeAllEditors();
      fs.rmSync(exported.fsPath, { force: true });
    }
  });

  test('Check Workspace checks every fixture file of every kind, notebooks by their Markdown cells, and sums their counts', async () => {
    const result = await vscode.commands.executeCommand<{ files: { uri: string; summary: Summary }[]; summary: Summary; cancelled: boolean }>(
      'derivcheck.checkWorkspace',
    );
    assert.ok(result);
    assert.equal(result.cancelled, false);
    const byName = new Map(result.files.map((f) => [path.basename(vscode.Uri.parse(f.uri).fsPath), f.summary]));
    assert.deepEqual(WORKSPACE_FIXTURES.filter((name) => !byName.has(name)), [], 'every fixture is checked');
    assert.deepEqual(byName.get(REPORT_MD), REPORT_MD_SUMMARY);
    // One claim each in the files of extensions VS Code gives another language id (.jsx, .pyw), of
    // an upper-case extension (.R), and of one VS Code opens as plain text (.mdx, read as Markdown).
    const one = (verdict: keyof Summary): Summary => ({ verified: 0, mismatch: 0, unparsed: 0, unsupported: 0, [verdict]: 1 });
    assert.deepEqual(byName.get('layer.jsx'), one('verified'));
    assert.deepEqual(byName.get('train.pyw'), one('verified'));
    assert.deepEqual(byName.get('gradients.R'), one('verified'));
    assert.deepEqual(byName.get('notes.mdx'), one('mismatch'));
    assert.deepEqual(byName.get('gradients.py'), { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 });
    assert.deepEqual(byName.get('homework.tex'), { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 });
    // The notebook's Markdown cell (a text document of scheme vscode-notebook-cell) has a sign error; its code cell's comment holds.
    assert.deepEqual(byName.get('notebook.ipynb'), { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 });
    assert.deepEqual(byName.get('problem1.md'), await vscode.commands.executeCommand('derivcheck.checkDocument', fixtureUri('problem1.md')));
    const sum = result.files.reduce(
      (s, f) => ({
        verified: s.verified + f.summary.verified,
        mismatch: s.mismatch + f.summary.mismatch,
        unparsed: s.unparsed + f.summary.unparsed,
        unsupported: s.unsupported + f.summary.unsupported,
      }),
      { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 },
    );
    assert.deepEqual(result.summary, sum);
  });

  test('Check Workspace does not open files above derivcheck.maxFileSizeMB, and says which it skipped', async () => {
    const config = vscode.workspace.getConfiguration('derivcheck');
    // A 2 KB file nothing has opened, under a 1 KB limit (every fixture is smaller).
    const large = fixtureUri(`large-${process.pid}.md`);
    fs.writeFileSync(large.fsPath, `$$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$$\n\n`.repeat(40));
    const limitMB = 1 / 1024;
    await config.update('maxFileSizeMB', limitMB, vscode.ConfigurationTarget.Global);
    try {
      const result = await vscode.commands.executeCommand<{ files: { uri: string }[]; skipped: { uri: string; reason: string }[] }>('derivcheck.checkWorkspace');
      assert.ok(result);
      const size = fs.statSync(large.fsPath).size;
      assert.deepEqual(result.skipped, [{ uri: large.toString(), reason: `${(size / 1024).toFixed(1)} KB is above the ${limitMB} MB limit (derivcheck.maxFileSizeMB)` }]);
      assert.ok(!result.files.some((f) => f.uri === large.toString()));
      assert.ok(result.files.some((f) => f.uri.endsWith('/problem1.md')), 'the small files are checked');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === large.toString()), 'the large file was opened');
    } finally {
      await config.update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(large.fsPath, { force: true });
    }
  });

  test('Copy LaTeX puts the expression on the clipboard', async () => {
    const latex = '-2(y_{true} - y_{pred})\\,\\sigma(z_i)';
    assert.equal(await vscode.commands.executeCommand('derivcheck.copyLatex', latex), true);
    assert.equal(await vscode.env.clipboard.readText(), latex);
  });
});

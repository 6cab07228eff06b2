// Nothing lost (issue 6): a whole editing session with live checking (edits, undo, hovers, lenses,
// the report panel, every command that does not edit) leaves each document exactly as the edits
// alone make it, and the file on disk untouched; the ignore code action is one edit, undone by
// one undo to the original bytes. Documents live in a temporary folder (one with CRLF endings).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, diagnosticsWhen, fixtureUri, nextEvent, type DerivcheckApi } from './helpers';
import { hasWorkbenchBridge, inWebview } from './workbench';

const MARKDOWN = [
  '# Session',
  '',
  '<!-- derivcheck: model=mlp -->',
  '',
  '$$',
  '\\frac{\\partial L}{\\partial d} = -2(y_{true} - y_{pred})',
  '$$',
  '',
  '$$',
  '\\frac{\\partial L}{\\partial d} = y_{pred} - y_{true}',
  '$$',
  '',
].join('\n');

// CRLF endings and a tab: ranges and the inserted directive line must keep them.
const LATEX = [
  '\\documentclass{article}',
  '\\begin{document}',
  '% derivcheck: model=mlp',
  '\\[',
  '\t\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)',
  '\\]',
  '\\[',
  '\t\\frac{\\partial L}{\\partial d} = \\hat y - y',
  '\\]',
  '\\end{document}',
  '',
].join('\r\n');

interface Case {
  readonly name: string;
  readonly text: string;
  /** The line of the factor-2 mistake (0-based), and what makes it right. */
  readonly wrongLine: number;
  readonly fixedRight: string;
  /** A new verified step typed character by character on a new line before this line. */
  readonly typedLine: number;
  readonly typed: string;
  readonly eol: string;
  /** The line the ignore quick fix inserts (with its line ending). */
  readonly ignoreLine: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: 'session.md',
    text: MARKDOWN,
    wrongLine: 9,
    fixedRight: '2(y_{pred} - y_{true})',
    typedLine: 11,
    typed: '$(a+b)^2 = a^2 + 2ab + b^2$',
    eol: '\n',
    ignoreLine: /^<!-- derivcheck: ignore-next-line -->\n$/,
  },
  {
    name: 'session.tex',
    text: LATEX,
    wrongLine: 7,
    fixedRight: '2(\\hat y - y)',
    typedLine: 9,
    typed: '\\[ (a+b)^2 = a^2 + 2ab + b^2 \\]',
    eol: '\r\n',
    ignoreLine: /^\s*% derivcheck: ignore-next-line\r\n$/,
  },
];

/** The text model of the test: what the edits alone make of the document. */
class Model {
  private readonly history: string[] = [];
  constructor(public text: string) {}
  private offset(line: number, character: number): number {
    let at = 0;
    for (let i = 0; i < line; i++) at = this.text.indexOf('\n', at) + 1;
    return at + character;
  }
  replace(line: number, from: number, to: number, text: string): void {
    this.history.push(this.text);
    this.text = this.text.slice(0, this.offset(line, from)) + text + this.text.slice(this.offset(line, to));
  }
  undo(): void {
    const previous = this.history.pop();
    assert.ok(previous !== undefined, 'nothing to undo in the model');
    this.text = previous;
  }
  get edits(): number {
    return this.history.length;
  }
}

function mismatches(uri: vscode.Uri, count: number, what: string): Promise<vscode.Diagnostic[]> {
  return diagnosticsWhen(uri, (d) => d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length === count, what);
}

/** Every file of a folder (recursively) with its bytes and mtime. */
function snapshot(folder: string): Map<string, { bytes: string; mtimeMs: number }> {
  const files = new Map<string, { bytes: string; mtimeMs: number }>();
  for (const name of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(folder, name);
    const stat = fs.statSync(file);
    if (stat.isFile()) files.set(name, { bytes: fs.readFileSync(file).toString('base64'), mtimeMs: stat.mtimeMs });
  }
  return files;
}

suite('nothing lost: live checking never changes a document', function () {
  let api: DerivcheckApi;
  let folder: string;
  let exportFolder: string;
  const workspace = fixtureUri('.').fsPath;
  let workspaceBefore: Map<string, { bytes: string; mtimeMs: number }>;
  const workspaceSettings = path.join(workspace, '.vscode');
  const hadWorkspaceSettings = fs.existsSync(workspaceSettings);

  let autoSave: unknown;

  suiteSetup(async () => {
    // The web workbench saves after a delay by default (desktop: off); that would be the
    // workbench writing the file, not the extension, so it is off for the session.
    const files = vscode.workspace.getConfiguration('files');
    autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await closeAllEditors();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'derivcheck-session-'));
    exportFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'derivcheck-session-export-'));
    for (const c of CASES) fs.writeFileSync(path.join(folder, c.name), c.text);
    workspaceBefore = snapshot(workspace);
    api = await activeApi();
    assert.equal(vscode.workspace.getConfiguration('derivcheck').get('run'), 'onType', 'live checking is on');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('derivcheck').update('run', undefined, vscode.ConfigurationTarget.Workspace);
    if (!hadWorkspaceSettings) fs.rmSync(workspaceSettings, { recursive: true, force: true });
    await closeAllEditors();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(exportFolder, { recursive: true, force: true });
  });

  for (const c of CASES) {
    test(`${c.name}: edits, undo, hovers, lenses, the panel and every non-editing command leave exactly the edited text, and the file untouched`, async () => {
      const file = path.join(folder, c.name);
      const before = fs.statSync(file).mtimeMs;
      const uri = vscode.Uri.file(file);
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One, preview: false });
      const document = editor.document;
      const model = new Model(c.text);
      const edit = async (line: number, from: number, to: number, text: string) => {
        assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, from, line, to), text), { undoStopBefore: true, undoStopAfter: true }));
        model.replace(line, from, to, text);
      };
      const undo = async () => {
        await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, preserveFocus: false });
        await vscode.commands.executeCommand('undo');
        model.undo();
      };
      const same = (when: string) => assert.equal(document.getText(), model.text, `${c.name} ${when}: the document is what the edits made it`);

      await mismatches(uri, 1, 'the factor-2 mistake');
      same('after opening');

      // Fix the mistake by typing, and watch live checking follow.
      const wrong = model.text.split(/\r?\n/)[c.wrongLine];
      const start = wrong.indexOf('= ') + 2;
      await edit(c.wrongLine, start, wrong.length, '');
      for (const [i, ch] of [...c.fixedRight].entries()) await edit(c.wrongLine, start + i, start + i, ch);
      await mismatches(uri, 0, 'no mismatch once fixed');
      same('after fixing');

      // Type a new step on a new line, one character at a time (a burst inside the debounce).
      await edit(c.typedLine, 0, 0, c.eol);
      for (const [i, ch] of [...c.typed].entries()) await edit(c.typedLine, i, i, ch);
      const typedSummary = await vscode.commands.executeCommand<{ verified: number; mismatch: number }>('derivcheck.checkDocument', uri);
      assert.deepEqual([typedSummary?.verified, typedSummary?.mismatch], [3, 0], 'the typed identity is checked too');
      same('after typing');

      // Everything that reads: hovers, lenses, code actions (not applied), symbols, the panel, commands.
      const at = new vscode.Position(c.wrongLine, start + 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      assert.ok(hovers.some((h) => h.contents.some((x) => /derivcheck/.test(typeof x === 'string' ? x : x.value))), 'our hover answers');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      // No mistake left, so no lens (derivcheck.codeLens: problems).
      assert.ok(!lenses.some((l) => l.command?.command === 'derivcheck.revealClaim'), 'our code lenses answer, with none');
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at));
      const rendered = nextEvent(api.panel.onDidRender, (r) => r.uri === uri.toString() && r.claims === 3, 'the panel on the edited document');
      await vscode.commands.executeCommand('derivcheck.showReport', uri);
      await rendered;
      if (hasWorkbenchBridge) assert.equal(await inWebview<number>(`() => document.querySelectorAll('.claim').length`, '.claim'), 3);
      await vscode.commands.executeCommand('derivcheck.revealClaim', uri.toString(), '1:0');
      await vscode.commands.executeCommand('derivcheck.resample', uri);
      await vscode.commands.executeCommand('derivcheck.checkDocument', uri);
      await vscode.commands.executeCommand('derivcheck.copyLatex', '\\sigma(z)');
      const target = vscode.Uri.file(path.join(exportFolder, `${c.name}.html`));
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>('derivcheck.exportReport', target, uri))?.toString(), target.toString());
      assert.equal(await vscode.commands.executeCommand('derivcheck.toggleLiveChecking'), 'paused');
      assert.equal(await vscode.commands.executeCommand('derivcheck.toggleLiveChecking'), 'live');
      await vscode.commands.executeCommand('derivcheck.checkWorkspace');
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn });
      same('after hovers, lenses, the panel and the commands');

      // Break it again and undo every edit: back to the original bytes, not dirty, never saved.
      await edit(c.wrongLine, start, start + 1, '');
      await mismatches(uri, 1, 'the mistake again');
      while (model.edits > 0) await undo();
      same('after undoing every edit');
      assert.equal(document.getText(), c.text, 'every undo applied: the original text');
      assert.equal(document.isDirty, false, 'undone to the saved text: not dirty');
      await mismatches(uri, 1, 'the original diagnostics');
      assert.equal(fs.readFileSync(file, 'utf8'), c.text, 'the file on disk is unchanged');
      assert.equal(fs.statSync(file).mtimeMs, before, 'the file on disk was never written');
    });
  }

  for (const c of CASES) {
    test(`${c.name}: the ignore code action is one edit, and one undo restores the original bytes`, async () => {
      const uri = vscode.Uri.file(path.join(folder, c.name));
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One, preview: false });
      const document = editor.document;
      assert.equal(document.getText(), c.text);
      const [diagnostic] = await mismatches(uri, 1, 'the factor-2 mistake');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      const ignore = actions.filter((a) => a.title.startsWith('Ignore this'));
      assert.equal(ignore.length, 1, `one ignore action: ${actions.map((a) => a.title).join(', ')}`);
      const edit = ignore[0].edit;
      assert.ok(edit, 'the ignore action is a workspace edit');
      const entries = edit.entries();
      assert.equal(entries.length, 1, 'it edits one document');
      assert.equal(entries[0][0].toString(), uri.toString(), 'that document');
      assert.equal(entries[0][1].length, 1, 'with one text edit');

      const version = document.version;
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(document.version, version + 1, 'one change of the document');
      // Exactly one line was inserted: the directive, in the document's comment syntax and line ending.
      const lines = (text: string) => text.split(/(?<=\n)/);
      const [was, now] = [lines(c.text), lines(document.getText())];
      assert.equal(now.length, was.length + 1, 'one line more');
      const at = now.findIndex((l, i) => l !== was[i]);
      assert.match(now[at], c.ignoreLine, `the inserted line ${JSON.stringify(now[at])}`);
      assert.deepEqual([...now.slice(0, at), ...now.slice(at + 1)], was, 'and nothing else changed');
      await mismatches(uri, 0, 'the inserted directive to silence the mistake');

      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, preserveFocus: false });
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), c.text, 'one undo restores the original bytes');
      assert.equal(document.isDirty, false);
      await mismatches(uri, 1, 'the mistake back');
    });
  }

  test('no fixture in the workspace was written during the session', () => {
    const after = snapshot(workspace);
    for (const [name, state] of workspaceBefore) {
      if (name.startsWith('.vscode')) continue; // Toggle Live Checking's own setting
      assert.deepEqual(after.get(name), state, `${name} is unchanged`);
    }
    assert.deepEqual(
      [...after.keys()].filter((n) => !workspaceBefore.has(n) && !n.startsWith('.vscode')),
      [],
      'no file was added to the workspace',
    );
    assert.deepEqual(fs.readdirSync(exportFolder).sort(), CASES.map((c) => `${c.name}.html`).sort(), 'exports went only where they were told');
  });
});

// The language server's features as VS Code shows them: diagnostics, live edits, hovers, code
// lenses, code actions and settings, on fixtures/workspace/server.md. Everything waits on events.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, derivcheckDiagnostics, diagnosticsWhen, nextEvent, openFixture } from './helpers';

const FIXTURE = 'server.md';
/** 0-based lines of fixtures/workspace/server.md. */
const CHAIN_LINE = 7; // ∂L/∂d = -2(y - ŷ) = 2(ŷ - y): two verified steps
const DELTA_LINE = 10; // Let δ = -2(y - ŷ)
const WRONG_LINE = 12; // ∂L/∂C_i = -δ σ(z_i): sign error
const BIAS_LINE = 16; // ∂L/∂b_i = δ C_i σ'(z_i): verified
/** In the Problems panel: the target first, the summary; the example point is in the hover and the report. */
const SIGN_ERROR = /^∂L\/∂C_i: sign error: the right side is the negative of the correct value$/;

const SETTINGS_SECTION = 'derivcheck';
/** A hover or lens is the server's when it carries its marks (VS Code's Markdown extension adds its own). */
const OURS = /derivcheck/;

let editor: vscode.TextEditor;
let uri: vscode.Uri;

function column(line: number, needle: string, delta = 0): number {
  const text = editor.document.lineAt(line).text;
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `'${needle}' on line ${line}: ${text}`);
  return index + delta;
}

function position(line: number, needle: string, delta = 0): vscode.Position {
  return new vscode.Position(line, column(line, needle, delta));
}

async function hoverText(at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  const ours = texts.filter((t) => OURS.test(t));
  assert.ok(ours.length > 0, `a derivcheck hover at ${at.line}:${at.character}; got ${JSON.stringify(texts)}`);
  return ours.join('\n');
}

/** The one mismatch of the pristine fixture. */
/**
 * The lenses once `ready` holds: a settings change re-checks the document, which re-publishes its
 * diagnostics; the lenses are asked again after each publication (subscribed before asking, so none is missed).
 */
async function lensesWhen<T>(read: () => Promise<T>, ready: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const published = nextEvent(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()), what);
    const now = await read();
    if (ready(now)) {
      published.catch(() => undefined); // not waited for: its timeout is no failure
      return now;
    }
    await published;
  }
  throw new Error(`${what}: not after five publications`);
}

function theMismatch(): Promise<vscode.Diagnostic[]> {
  return diagnosticsWhen(uri, (d) => d.length === 1 && d[0].range.start.line === WRONG_LINE && d[0].severity === vscode.DiagnosticSeverity.Error, 'the sign error on line 13');
}

async function edit(line: number, from: number, to: number, text: string): Promise<void> {
  const applied = await editor.edit((b) => b.replace(new vscode.Range(line, from, line, to), text));
  assert.ok(applied, 'the edit applied');
}

/** Back to the file on disk (the suite never saves), and to its diagnostics. */
async function revert(): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  if (editor.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
  await theMismatch();
}

suite('language server in a real VS Code', () => {
  suiteSetup(async () => {
    editor = await openFixture(FIXTURE);
    uri = editor.document.uri;
    await activeApi();
  });

  teardown(async () => {
    await revert();
  });

  test('publishes the wrong step: exact range, message, code, severity and the definition it uses', async () => {
    const [diagnostic] = await theMismatch();
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      [WRONG_LINE, column(WRONG_LINE, '\\frac'), WRONG_LINE, editor.document.lineAt(WRONG_LINE).text.lastIndexOf('$')],
    );
    assert.match(diagnostic.message, SIGN_ERROR);
    assert.equal(diagnostic.source, 'derivcheck');
    assert.equal(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code, 'mismatch');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const related = diagnostic.relatedInformation ?? [];
    assert.deepEqual(related.map((r) => [r.location.uri.toString(), r.location.range.start.line, r.message]), [[uri.toString(), DELTA_LINE, 'δ is defined here']]);
  });

  test('an edit that fixes the mistake clears it; one that breaks a step adds it', async () => {
    await theMismatch();
    const started = Date.now();
    await edit(WRONG_LINE, column(WRONG_LINE, '-\\delta'), column(WRONG_LINE, '-\\delta', 1), '');
    await diagnosticsWhen(uri, (d) => d.length === 0, 'no diagnostics after the fix');
    console.log(`    edit → diagnostics cleared in ${Date.now() - started} ms (debounce 300 ms included)`);

    await edit(BIAS_LINE, column(BIAS_LINE, '\\delta C_i'), column(BIAS_LINE, '\\delta C_i'), '2');
    const [broken] = await diagnosticsWhen(uri, (d) => d.length === 1, 'a diagnostic for the broken step');
    assert.equal(broken.range.start.line, BIAS_LINE);
    assert.match(broken.message, /^∂L\/∂b_i: off by a factor of 2/);
  });

  test('hovering a claim shows the verdict and both sides in Unicode; a mistake once, at its counterexample, with the expected expression', async () => {
    await theMismatch();
    const text = await hoverText(position(CHAIN_LINE, '= -2'));
    assert.match(text, /✓ verified · ∂L\/∂d/);
    // ŷ as messages write it: y and a combining circumflex.
    assert.match(text, /- `∂L\/∂d` = \*\*(−?[\d.e−]+)\*\*\n- `−2\(y − y\u0302\)` = \*\*\1\*\*/);
    assert.match(text, /Largest error /);
    assert.match(text, /Sample point: k = \d/);

    const wrong = await hoverText(position(WRONG_LINE, '= -'));
    assert.match(wrong, /✗ mismatch · ∂L\/∂C\\_i\n\nsign error: the right side is the negative of the correct value\n\nAt k = \d, [^\n]*: yours \*\*(−?[\d.]+)\*\*, expected \*\*(−?[\d.]+)\*\*\.\n\nExpected: `−2\(y − y\u0302\)σ\(z_i\)`/);
    assert.equal(wrong.match(/sign error/g)?.length, 1, 'the diagnosis once');
    assert.doesNotMatch(wrong, /Sample point|\\frac/);
  });

  test('hovering a symbol shows its value and, for a model symbol, its definition', async () => {
    await theMismatch();
    const text = await hoverText(position(BIAS_LINE, 'C_i', 1));
    assert.match(text, /^`C_i` = \*\*−?\d[\d.]*\*\*/);
    assert.match(text, /Defined as `C ∈ R\^\{1×k\}`/);
    const sigma = await hoverText(position(BIAS_LINE, "\\sigma'", 2));
    assert.match(sigma, /^`σ′\(z_i\)` = \*\*/);
  });

  test('a code lens above the wrong step (derivcheck.codeLens: problems), above every block with all, none with off', async () => {
    await theMismatch();
    const ours = async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return lenses.filter((l) => l.command?.command === 'derivcheck.revealClaim').map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]);
    };
    assert.deepEqual(await ours(), [[WRONG_LINE, '✗ step 1: sign error', [uri.toString(), '1:0']]]);
    const config = vscode.workspace.getConfiguration('derivcheck');
    try {
      await config.update('codeLens', 'all', vscode.ConfigurationTarget.Global);
      const all = [
        [CHAIN_LINE - 1, '✓ 2 steps verified', [uri.toString(), '0:0']],
        [WRONG_LINE, '✗ step 1: sign error', [uri.toString(), '1:0']],
        [BIAS_LINE, '✓ 1 step verified', [uri.toString(), '2:0']],
      ];
      assert.deepEqual(await lensesWhen(ours, (l) => l.length === all.length, 'lenses on every block'), all);
      await config.update('codeLens', 'off', vscode.ConfigurationTarget.Global);
      assert.deepEqual(await lensesWhen(ours, (l) => l.length === 0, 'no lenses'), []);
    } finally {
      await config.update('codeLens', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('code actions on the mismatch; applying "Ignore this claim" silences it, and undo brings it back', async () => {
    const [diagnostic] = await theMismatch();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    // The command drops each action's `diagnostics`: ours are told apart by their command or title.
    const ours = actions.filter((a) => a.command?.command.startsWith('derivcheck.') || /^(Ignore this|Replace the right side)/.test(a.title));
    assert.deepEqual(ours.map((a) => a.title), ['Show expected expression', 'Replace the right side with the expected expression', 'Copy expected expression as LaTeX', 'Ignore this claim']);
    const [show, replace, copy, ignore] = ours;
    assert.deepEqual([show.command?.command, show.command?.arguments], ['derivcheck.showReport', [uri.toString(), '1:0']]);
    assert.equal(copy.command?.command, 'derivcheck.copyLatex');
    assert.match(String(copy.command?.arguments?.[0]), /\\sigma'?\\left\(z_\{i\}\\right\)/);
    assert.equal(replace.edit?.get(uri)[0].newText, copy.command?.arguments?.[0]);
    assert.ok(ignore.kind?.contains(vscode.CodeActionKind.QuickFix));
    assert.ok(ignore.edit, 'the ignore action is an edit');

    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(editor.document.lineAt(WRONG_LINE).text, '<!-- derivcheck: ignore-next-line -->');
    await diagnosticsWhen(uri, (d) => d.length === 0, 'no diagnostics once the claim is ignored');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'undo restores the text');
    await theMismatch();
  });

  test('the replace quick fix writes the expected expression in place of the right side: the step verifies, and undo brings it back', async () => {
    const [diagnostic] = await theMismatch();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const replace = actions.find((a) => a.title === 'Replace the right side with the expected expression');
    assert.ok(replace?.edit, 'a replace edit');
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    assert.ok(editor.document.lineAt(WRONG_LINE).text.includes(replace.edit.get(uri)[0].newText));
    await diagnosticsWhen(uri, (d) => d.length === 0, 'no diagnostics once the expected expression is in');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'undo restores the text');
    await theMismatch();
  });

  test('a settings change re-publishes: severity.mismatch → warning', async () => {
    await theMismatch();
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const original = config.inspect('severity')?.globalValue;
    try {
      await config.update('severity', { mismatch: 'warning', unparsed: 'hint', unsupported: 'hint' }, vscode.ConfigurationTarget.Global);
      const [warning] = await diagnosticsWhen(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning, 'the mismatch as a warning');
      assert.equal(warning.range.start.line, WRONG_LINE);
    } finally {
      await config.update('severity', original, vscode.ConfigurationTarget.Global);
    }
    await theMismatch();
    assert.equal(derivcheckDiagnostics(uri)[0].severity, vscode.DiagnosticSeverity.Error);
  });
});

// The report panel, seen from both sides: the extension host drives VS Code, and the launcher's
// Playwright (through the workbench bridge) reads and clicks the webview's DOM.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, diagnosticsWhen, fixtureUri, nextEvent, openFixture, when, type DerivcheckApi } from './helpers';
import { clickInWebview, hasWorkbenchBridge, inWebview, inWorkbench, screenshot, untilInWorkbench } from './workbench';

const REPORT_MD = 'report.md';

interface ClaimRow {
  id: string;
  verdict: string;
  katex: number;
  plotLines: number;
  tableRows: string[];
  expected: boolean;
  target: string;
  targetMath: boolean;
  message: string;
}

/** Runs in the webview: one entry per rendered claim row. */
const READ_ROWS = `() => [...document.querySelectorAll('.claim')].map((row) => ({
  id: row.dataset.claimId,
  verdict: row.dataset.verdict,
  katex: row.querySelectorAll('.claim-math .katex').length,
  plotLines: row.querySelectorAll('svg.plot polyline.series').length,
  tableRows: [...row.querySelectorAll('table.counterexample tbody tr')].map((tr) => tr.textContent.trim()),
  expected: row.querySelector('.expected .katex') !== null,
  target: row.querySelector('.target')?.dataset.target ?? '',
  targetMath: row.querySelector('.target .katex') !== null,
  message: row.querySelector('.message')?.textContent ?? '',
}))`;

suite('report panel (webview DOM via Playwright)', function () {
  let api: DerivcheckApi;

  suiteSetup(async function () {
    if (!hasWorkbenchBridge) this.skip(); // the desktop launcher has no Playwright page
    await closeAllEditors();
    await openFixture(REPORT_MD);
    api = await activeApi();
  });

  suiteTeardown(async () => {
    if (hasWorkbenchBridge) await closeAllEditors();
  });

  /** Opens or updates the panel with `act`, and resolves once the webview rendered `uri`'s report. */
  async function rendered(uri: vscode.Uri, act: () => Thenable<unknown>, accept: (claims: number) => boolean = () => true) {
    const done = nextEvent(api.panel.onDidRender, (r) => r.uri === uri.toString() && accept(r.claims), `the panel to render ${uri.path}`);
    await act();
    return done;
  }

  test('Show Report Panel renders every claim of the document, grouped by block, with verdicts, KaTeX, a plot and the counterexample', async () => {
    const uri = fixtureUri(REPORT_MD);
    const result = await rendered(uri, () => vscode.commands.executeCommand('derivcheck.showReport'));
    assert.equal(result.claims, 6);
    assert.equal(api.panel.uri(), uri.toString());
    assert.equal(api.statusText(), '∂ 3 ✓  2 ✗  1 ?', 'the status bar keeps the document counts beside the panel');

    const rows = await inWebview<ClaimRow[]>(READ_ROWS, '.claim');
    assert.deepEqual(
      rows.map((r) => `${r.id} ${r.verdict}`),
      ['0:0 verified', '0:1 verified', '1:0 mismatch', '2:0 verified', '3:0 mismatch', '4:0 unparsed'],
    );
    for (const row of rows.filter((r) => r.verdict !== 'unparsed')) assert.equal(row.katex, 1, `claim ${row.id} is rendered by KaTeX`);

    const factor = rows[2];
    assert.equal(factor.target, '∂L/∂d');
    assert.ok(factor.targetMath, 'the target is rendered by KaTeX');
    assert.match(factor.message, /off by a factor of 2/);
    assert.ok(factor.expected, 'the expected expression is rendered');
    assert.ok(factor.plotLines >= 2, 'a plot of both sides as d varies');
    assert.ok(factor.tableRows.some((t) => /^yours/.test(t)) && factor.tableRows.some((t) => /^expected/.test(t)), 'counterexample table');
    assert.ok(factor.tableRows.some((t) => /^y_true\s*−1\.74/.test(t)), `the point is in the table: ${factor.tableRows.join(' | ')}`);

    const sign = rows[4];
    assert.match(sign.message, /sign error/);
    assert.ok(sign.plotLines >= 2, 'the sign error is plotted against z');

    const page = await inWebview<{ blocks: number; summary: string; mathFont: string; themed: boolean; fontsLoaded: boolean }>(
      `async () => {
        await document.fonts.ready;
        const katex = document.querySelector('.katex');
        const root = getComputedStyle(document.documentElement);
        return {
          blocks: document.querySelectorAll('section.block').length,
          summary: document.querySelector('.summary').textContent,
          mathFont: getComputedStyle(katex).fontFamily,
          themed: root.getPropertyValue('--vscode-foreground').trim() !== '' &&
            getComputedStyle(document.body).color !== '',
          fontsLoaded: [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded'),
        };
      }`,
      '.katex',
    );
    assert.equal(page.blocks, 5);
    assert.match(page.summary, /3 verified.*2 mismatch.*1 unparsed.*0 unsupported/);
    assert.match(page.mathFont, /KaTeX_Main/, "KaTeX's stylesheet is loaded under the CSP");
    assert.ok(page.fontsLoaded, "KaTeX's fonts are loaded under the CSP");
    assert.ok(page.themed, 'the theme variables reach the webview');
  });

  test('blocks are named by the document’s headings, and the filter shows the mistakes only, or what was not checked', async () => {
    const uri = fixtureUri(REPORT_MD);
    await rendered(uri, () => vscode.commands.executeCommand('derivcheck.showReport', uri.toString()));
    const titles = await inWebview<string[]>(`() => [...document.querySelectorAll('.block-title')].map((t) => t.firstChild.textContent)`, '.block-title');
    assert.ok(titles.length > 0 && titles.every((t) => /^Report panel fixture · line \d+$/.test(t)), titles.join(' | '));
    const visible = `() => [...document.querySelectorAll('.claim')].filter((r) => r.offsetParent !== null).map((r) => r.dataset.verdict)`;
    await clickInWebview('button.filter[data-filter="mismatch"]');
    assert.deepEqual(await inWebview<string[]>(visible, '.report[data-filter="mismatch"]'), ['mismatch', 'mismatch']);
    await clickInWebview('button.filter[data-filter="unchecked"]');
    assert.deepEqual(await inWebview<string[]>(visible, '.report[data-filter="unchecked"]'), ['unparsed']);
    await clickInWebview('button.filter[data-filter="all"]');
    assert.equal((await inWebview<string[]>(visible, '.report[data-filter="all"]')).length, 6);
  });

  test('clicking a row selects the claim in the editor', async () => {
    const uri = fixtureUri(REPORT_MD);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    assert.ok(editor, 'report.md is visible beside the panel');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const [sign] = (await diagnosticsWhen(uri, (d) => d.some((x) => /sign error/.test(x.message)), 'the sign error diagnostic')).filter((d) =>
      /sign error/.test(d.message),
    );
    const selected = nextEvent(
      vscode.window.onDidChangeTextEditorSelection,
      (e) => e.textEditor.document.uri.toString() === uri.toString() && !e.selections[0].isEmpty,
      'the selection to move',
    );
    await clickInWebview('.claim[data-claim-id="3:0"] .claim-head');
    const event = await selected;
    assert.deepEqual(
      [event.selections[0].start, event.selections[0].end].map((p) => [p.line, p.character]),
      [sign.range.start, sign.range.end].map((p) => [p.line, p.character]),
      'the selection is the step the diagnostic marks',
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the editor has the focus');
    const focused = await inWebview<string | undefined>(`() => document.querySelector('.claim.focused')?.dataset.claimId`);
    assert.equal(focused, '3:0');
  });

  test('the panel updates live when the document is edited', async () => {
    // An untitled copy: the fixture is never edited, and nothing is left behind.
    const content = fs.readFileSync(fixtureUri(REPORT_MD).fsPath, 'utf8');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    let editor: vscode.TextEditor | undefined;
    await rendered(document.uri, async () => {
      editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    });
    assert.ok(editor);
    const line = document.getText().split('\n').findIndex((l) => l.endsWith('= y_{pred} - y_{true}'));
    assert.ok(line >= 0, 'the factor-2 mistake is in the copy');
    const rightSide = (text: string) => (b: vscode.TextEditorEdit) => {
      const current = document.lineAt(line).text;
      const start = current.indexOf('= ') + 2;
      b.replace(new vscode.Range(line, start, line, current.length), text);
    };
    await rendered(document.uri, () => editor!.edit(rightSide('2(y_{pred} - y_{true})')));
    const verdicts = await inWebview<string[]>(
      `() => [...document.querySelectorAll('.claim')].map((r) => r.dataset.verdict)`,
      '.claim[data-claim-id="1:0"][data-verdict="verified"]',
    );
    assert.deepEqual(verdicts, ['verified', 'verified', 'verified', 'verified', 'mismatch', 'unparsed']);
    await rendered(document.uri, () => editor!.edit(rightSide('3(y_{pred} - y_{true})')));
    const message = await inWebview<string>(
      `() => document.querySelector('.claim[data-claim-id="1:0"] .message').textContent`,
      '.claim[data-claim-id="1:0"][data-verdict="mismatch"]',
    );
    assert.match(message, /1\.5 times the correct value/);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Expected is a right side that holds for each kind of mistake, never the left side; math in LaTeX, Unicode and code comments renders without a KaTeX error', async () => {
    const markdown = [
      '<!-- derivcheck: model=mlp -->',
      '',
      '$b_{t+1} = b_t + \\alpha \\nabla_b L$',
      '',
      '$\\hat y = C\\sigma(Ax) + d$',
      '',
      "$\\frac{\\partial L}{\\partial b_i} = 2(y - \\hat y)C_i\\sigma'(z_i)$",
      '',
      '$2 + 2 = 5$',
      '',
      '∂L/∂C_i = −2(y − ŷ)σ(z_i)',
      '',
    ].join('\n');
    const expected = {
      '0:0': 'b_{t} - \\alpha \\nabla_{b} L',
      '1:0': 'C \\sigma\\left(A x + b\\right) + d',
      '2:0': "-2 \\left(y - \\hat{y}\\right) C_{i} \\sigma'\\left(z_{i}\\right)",
      '3:0': '4',
    };
    const readExpected = `() => [...document.querySelectorAll('.claim')].map((row) => ({
      id: row.dataset.claimId,
      verdict: row.dataset.verdict,
      expected: row.querySelector('.expected button.copy')?.dataset.latex,
      math: row.querySelectorAll('.claim-math .katex').length,
      errors: row.querySelectorAll('.math-error').length,
    }))`;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    // Checked first: an untitled document may reuse the name of one closed before.
    await diagnosticsWhen(document.uri, (d) => d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length === 4, 'the four mistakes');
    await rendered(document.uri, () => vscode.commands.executeCommand('derivcheck.showReport', document.uri.toString()), (claims) => claims === 5);
    const rows = await inWebview<{ id: string; verdict: string; expected?: string; math: number; errors: number }[]>(readExpected, '.claim');
    assert.deepEqual(
      rows.map((r) => [r.id, r.verdict, r.expected]),
      [...Object.entries(expected).map(([id, latex]) => [id, 'mismatch', latex]), ['4:0', 'verified', undefined]],
    );
    for (const row of rows) assert.deepEqual([row.math, row.errors], [1, 0], `claim ${row.id} renders`);
    for (const [index, latex] of Object.values(expected).entries()) assert.ok(!document.getText().split('\n')[2 + 2 * index].startsWith(`$${latex} =`), 'not the left side');
    // Copy LaTeX puts it on the clipboard, and the button says so.
    await clickInWebview('.claim[data-claim-id="0:0"] button.copy');
    const label = await inWebview<string>(`() => document.querySelector('.claim[data-claim-id="0:0"] button.copy').textContent`, '.claim[data-claim-id="0:0"] button.copy.copied');
    assert.equal(label, 'Copied');
    assert.equal(await vscode.env.clipboard.readText(), expected['0:0']);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // The same gradient in a code comment's ASCII (sigmoid, **, yhat): rendered from its parse, no `\\sigmoid`.
    const python = ['# derivcheck: model=mlp', '# dL/dC_i = -2 * (y - yhat) * sigmoid(z_i)', '# dL/dC_i = -2 * (y - yhat) * sigmoid(z_i)**2', ''].join('\n');
    const code = await vscode.workspace.openTextDocument({ language: 'python', content: python });
    await vscode.window.showTextDocument(code, vscode.ViewColumn.One);
    // The live check first: the untitled document's text reaches the server with its open, or with the
    // edit that follows it; Check Current Document then answers for the text it has.
    await diagnosticsWhen(code.uri, (d) => d.length === 1, 'the mistake in the comment');
    assert.deepEqual(await vscode.commands.executeCommand('derivcheck.checkDocument', code.uri), { verified: 1, mismatch: 1, unparsed: 0, unsupported: 0 });
    await rendered(code.uri, () => vscode.commands.executeCommand('derivcheck.showReport', code.uri.toString()), (claims) => claims === 2);
    const codeRows = await inWebview<{ id: string; verdict: string; math: number; errors: number }[]>(readExpected, '.claim');
    assert.deepEqual(codeRows.map((r) => [r.verdict, r.math, r.errors]), [['verified', 1, 0], ['mismatch', 1, 0]]);
    const shown = await inWebview<string>(`() => [...document.querySelectorAll('.claim-math annotation')].map((a) => a.textContent).join(' | ')`, '.claim-math');
    assert.doesNotMatch(shown, /\\sigmoid/);
    await vscode.window.showTextDocument(code);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the panel follows the active editor, and revealClaim focuses a claim', async () => {
    const problem1 = fixtureUri('problem1.md');
    await rendered(problem1, () => openFixture('problem1.md'));
    const title = await inWebview<string>(`() => document.querySelector('.title').textContent`, '.claim');
    assert.equal(title, 'Derivations in problem1.md');

    const report = fixtureUri(REPORT_MD);
    await rendered(report, () => vscode.commands.executeCommand('derivcheck.revealClaim', report.toString(), '1:0'));
    const focused = await inWebview<string | undefined>(`() => document.querySelector('.claim.focused')?.dataset.claimId`, '.claim.focused');
    assert.equal(focused, '1:0');
  });

  test('screenshots: the panel beside the editor, a hover, the Problems panel', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('notifications.clearAll');
    const editor = await openFixture(REPORT_MD);
    const uri = editor.document.uri;
    const [factor] = (await diagnosticsWhen(uri, (d) => d.some((x) => /factor of 2/.test(x.message)), 'diagnostics')).filter((d) =>
      /factor of 2/.test(d.message),
    );
    await vscode.commands.executeCommand('derivcheck.revealClaim', uri.toString(), '1:0');
    await inWebview('() => true', '.claim.focused[data-claim-id="1:0"] svg.plot');
    editor.selection = new vscode.Selection(factor.range.start, factor.range.start);
    editor.revealRange(factor.range, vscode.TextEditorRevealType.InCenter);
    await screenshot('report-panel.png', { webview: true, waitFor: '.claim.focused svg.plot' });
    await screenshot('workbench-with-panel.png', { waitFor: '.statusbar' });

    const at = factor.range.start.translate(0, 40);
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false, selection: new vscode.Range(at, at) });
    await vscode.commands.executeCommand('editor.action.showHover');
    // The marker's part shows first; the server's hover joins it when its provider answers.
    const serverHover = '.monaco-hover:has-text("derivcheck ✗ mismatch")';
    const hover = await inWorkbench<string>(`() => document.querySelector('.monaco-hover')?.textContent ?? ''`, serverHover);
    assert.match(hover, /derivcheck ✗ mismatch · ∂L\/∂d/);
    await screenshot('hover.png', { waitFor: serverHover });
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems.png', { waitFor: '.markers-panel .monaco-list-row' });
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});

/** The first pass of the code-server launcher is followed by a reload pass (see ../run.js). */
const RELOAD_PASS = process.env.DERIVCHECK_RELOAD_PASS === '1';
const RELOAD_FOLLOWS = hasWorkbenchBridge && !RELOAD_PASS && process.env.DERIVCHECK_VSIX_RUN !== '1' && !process.env.DERIVCHECK_TEST_GREP;

/**
 * Runs in the workbench page: whether the web workbench has written its editor layout, with the
 * report panel on report.md active in a group, to its IndexedDB state (it writes every few seconds;
 * on a reload, only what was written comes back).
 */
const PANEL_PERSISTED = `async () => {
  const read = (request) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
  for (const { name } of await indexedDB.databases()) {
    if (!name || !name.startsWith('vscode-web-state-db')) continue;
    const db = await read(indexedDB.open(name));
    try {
      if (!db.objectStoreNames.contains('ItemTable')) continue;
      const value = await read(db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get('memento/workbench.parts.editor'));
      if (typeof value !== 'string') continue;
      // The active editor of some group is the panel on report.md.
      const groups = [];
      const walk = (node) => (node.type === 'leaf' ? groups.push(node.data) : (node.data || []).forEach(walk));
      walk(JSON.parse(value)['editorpart.state'].serializedGrid.root);
      const active = (group) => group.editors?.[group.mru?.[0] ?? 0]?.value ?? '';
      if (groups.some((g) => active(g).includes('derivcheck.report') && active(g).includes('report.md'))) return true;
    } finally {
      db.close();
    }
  }
  return false;
}`;

/** Runs in the workbench page: later writes to the workbench's state databases fail (see below). */
const FREEZE_WORKBENCH_STATE = `() => {
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    if (mode === 'readwrite' && this.name.startsWith('vscode-web-state-db')) {
      throw new DOMException('state frozen by the integration suite until the reload', 'InvalidStateError');
    }
    return transaction.call(this, stores, mode, ...rest);
  };
  return true;
}`;

// Root-level: after every suite of the first pass, leave the panel open on report.md, persisted, for the reload.
suiteTeardown(async () => {
  if (!RELOAD_FOLLOWS) return;
  const api = await activeApi();
  const report = fixtureUri(REPORT_MD);
  await openFixture(REPORT_MD);
  const done = nextEvent(api.panel.onDidRender, (r) => r.uri === report.toString(), 'the panel before the reload');
  await vscode.commands.executeCommand('derivcheck.showReport', report);
  await done;
  await untilInWorkbench(PANEL_PERSISTED, 20_000);
  // When the suite ends, the workbench stops the extension host before the launcher reloads the
  // page, and its next state write would no longer hold the panel (no live serializer). A user's
  // reload saves while the extension runs: keep the state written above, as that reload would.
  await inWorkbench(FREEZE_WORKBENCH_STATE);
});

suite('report panel after a reload', () => {
  suiteSetup(function () {
    if (!RELOAD_PASS) this.skip(); // only in the launcher's reload pass
  });

  test('the panel comes back on its document (webview serializer) and renders its report', async () => {
    const api = await activeApi();
    const report = fixtureUri(REPORT_MD).toString();
    const tabs = () =>
      vscode.window.tabGroups.all
        .map((g) => g.tabs.map((t) => `${t.label}${t.isActive ? '*' : ''}${t.input instanceof vscode.TabInputWebview ? ' (webview)' : ''}`).join(', '))
        .join(' | ');
    const rendered = await when(
      () => api.panel.lastRendered(),
      (r) => r?.uri === report,
      [api.panel.onDidRender as vscode.Event<unknown>],
      'the restored panel to render report.md',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; editor tabs after the reload: ${tabs()}`);
    });
    assert.equal(rendered?.claims, 6);
    assert.equal(api.panel.uri(), report);
    const verdicts = await inWebview<string[]>(`() => [...document.querySelectorAll('.claim')].map((r) => r.dataset.verdict)`, '.claim .katex');
    assert.deepEqual(verdicts, ['verified', 'verified', 'mismatch', 'verified', 'mismatch', 'unparsed']);
  });
});

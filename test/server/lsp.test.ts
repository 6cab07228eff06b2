// The language server driven over stdio by a plain LSP client, outside VS Code: what Neovim, Helix
// or Emacs see from `derivcheck lsp --stdio`.
import * as assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeLensRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
  type Position,
  type TextEdit,
} from 'vscode-languageserver/node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkText } from '../../src/engine';
import { CHECK_REQUEST, COMMANDS, PAUSE_NOTIFICATION, REPORT_REQUEST, RESAMPLE_REQUEST, type Report, type Summary } from '../../src/protocol/protocol';
import { LspClient } from './lsp-client';

const URI = 'file:///homework/problem1.md';
const LINES = [
  '# Problem 1',
  '',
  '<!-- derivcheck: model=mlp -->',
  '',
  '$$',
  '\\frac{\\partial L}{\\partial d} = -2(y - \\hat y) = 2(\\hat y - y)',
  '$$',
  '',
  'The hidden bias:',
  '',
  "$\\frac{\\partial L}{\\partial b_i} = 2(y - \\hat y)C_i\\sigma'(z_i)$",
  '',
];
const TEXT = LINES.join('\n');
const WRONG_LINE = 10;
const WRONG = LINES[WRONG_LINE];
/** Where the sign goes that fixes the wrong step: before `2(y`. */
const FIX_AT: Position = { line: WRONG_LINE, character: WRONG.indexOf('= 2(') + 2 };

function at(line: number, needle: string, delta = 0): Position {
  const character = LINES[line].indexOf(needle);
  assert.ok(character >= 0, `${needle} on line ${line}`);
  return { line, character: character + delta };
}

function hoverText(contents: unknown): string {
  return (contents as MarkupContent).value;
}

describe('language server over stdio (derivcheck lsp --stdio)', function () {
  // The first request waits for tsx to compile the sources in the child process.
  this.timeout(60_000);
  let client: LspClient;
  let version = 1;
  let mismatch: Diagnostic;

  before(async () => {
    client = new LspClient();
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, codeLens: { refreshSupport: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown'] } },
      },
    });
    assert.equal(result.serverInfo?.name, 'derivcheck');
    assert.ok(result.capabilities.hoverProvider);
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(() => client?.kill());

  it('publishes the wrong step on open: exact range, code, severity, message', async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'markdown', version, text: TEXT } });
    const published = await client.diagnostics.next('diagnostics on open', (p) => p.uri === URI);
    assert.equal(published.version, version);
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
    mismatch = published.diagnostics[0];
    assert.deepEqual(mismatch.range, { start: { line: WRONG_LINE, character: WRONG.indexOf('\\frac') }, end: { line: WRONG_LINE, character: WRONG.lastIndexOf('$') } });
    assert.equal(mismatch.code, 'mismatch');
    assert.equal(mismatch.source, 'derivcheck');
    assert.equal(mismatch.severity, DiagnosticSeverity.Error);
    assert.equal(mismatch.message, '∂L/∂b_i: sign error: the right side is the negative of the correct value');
    const status = await client.status.next('status after the first check', (s) => s.uri === URI);
    assert.deepEqual(status.summary, { verified: 2, mismatch: 1, unparsed: 0, unsupported: 0 });
  });

  it('puts a code lens above each block with a mistake (derivcheck.codeLens: problems, the default), naming the first wrong step', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } })) ?? [];
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
      [[WRONG_LINE, '✗ step 1: sign error', COMMANDS.revealClaim, [URI, '1:0']]],
    );
  });

  it('offers show, replace, copy and ignore actions on the mismatch; the replace edit verifies, the ignore edit silences it', async () => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: mismatch.range,
      context: { diagnostics: [mismatch] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Show expected expression', 'Replace the right side with the expected expression', 'Copy expected expression as LaTeX', 'Ignore this claim']);
    const [show, replace, copy, ignore] = actions;
    assert.deepEqual(show.command?.arguments, [URI, '1:0']);
    assert.equal(copy.command?.command, COMMANDS.copyLatex);
    const expected = "-2 \\left(y - \\hat{y}\\right) C_{i} \\sigma'\\left(z_{i}\\right)";
    assert.equal(copy.command?.arguments?.[0], expected);
    // The replace edit puts the expected expression where the right side was written; the claim then verifies.
    const [replacement] = replace.edit?.changes?.[URI] as TextEdit[];
    assert.equal(replacement.newText, expected);
    const rightSide = "2(y - \\hat y)C_i\\sigma'(z_i)";
    assert.deepEqual(replacement.range, { start: { line: WRONG_LINE, character: WRONG.indexOf(rightSide) }, end: { line: WRONG_LINE, character: WRONG.indexOf(rightSide) + rightSide.length } });
    await change([{ range: replacement.range, text: replacement.newText }]);
    const replaced = await client.diagnostics.next('diagnostics after the replace edit', (p) => p.uri === URI && p.version === version);
    assert.deepEqual(replaced.diagnostics, []);
    const inserted = { start: replacement.range.start, end: { line: WRONG_LINE, character: replacement.range.start.character + expected.length } };
    await change([{ range: inserted, text: rightSide }]);
    const restored = await client.diagnostics.next('diagnostics after undoing the replace edit', (p) => p.uri === URI && p.version === version);
    assert.equal(restored.diagnostics.length, 1);
    assert.equal(ignore.kind, 'quickfix');
    const edits = ignore.edit?.changes?.[URI] as TextEdit[];
    assert.deepEqual(edits, [{ range: { start: { line: WRONG_LINE, character: 0 }, end: { line: WRONG_LINE, character: 0 } }, newText: '<!-- derivcheck: ignore-next-line -->\n' }]);

    // Apply it as an editor would, then take it back.
    await change([{ range: edits[0].range, text: edits[0].newText }]);
    const ignored = await client.diagnostics.next('diagnostics after the ignore edit', (p) => p.uri === URI && p.version === version);
    assert.deepEqual(ignored.diagnostics, []);
    await change([{ range: { start: { line: WRONG_LINE, character: 0 }, end: { line: WRONG_LINE + 1, character: 0 } }, text: '' }]);
    const back = await client.diagnostics.next('diagnostics after undoing the ignore edit', (p) => p.uri === URI && p.version === version);
    assert.equal(back.diagnostics.length, 1);
  });

  it('hovers over a claim with both sides, the verdict, the evidence and the sample point', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: at(5, '= -2', 0) });
    assert.ok(hover, 'a hover on the = of a claim');
    const text = hoverText(hover.contents);
    const local = checkText(TEXT);
    const sides = local.handle(local.findings[0])!.sides()!;
    assert.match(text, /✓ verified/);
    assert.ok(text.includes(`**${sides.left}**`) && text.includes(`**${sides.right}**`), text);
    assert.match(text, /Largest error/);
    assert.match(text, /Sample point: k = \d/);
  });

  it('hovers over a symbol with its value and its definition', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: at(WRONG_LINE, 'C_i', 1) });
    assert.ok(hover);
    const text = hoverText(hover.contents);
    assert.match(text, /^`C_i` = \*\*−?\d/);
    assert.match(text, /Defined as `C ∈ R\^\{1×k\}`/);
    assert.deepEqual(hover.range, { start: at(WRONG_LINE, 'C_i'), end: at(WRONG_LINE, 'C_i', 3) });
    assert.match(text, /✗ mismatch · ∂L\/∂b\\_i/);
  });

  it('clears the diagnostic when an edit fixes the step, and adds one when an edit breaks a step', async () => {
    const started = performance.now();
    await change([{ range: { start: FIX_AT, end: FIX_AT }, text: '-' }]);
    const fixed = await client.diagnostics.next('diagnostics after the fix', (p) => p.uri === URI && p.version === version);
    const latencyMs = performance.now() - started;
    assert.deepEqual(fixed.diagnostics, []);
    // Debounce (300 ms) plus the check; generous for slow CI machines.
    assert.ok(latencyMs < 3000, `edit → diagnostics took ${Math.round(latencyMs)} ms`);

    const sign = at(5, '= 2(', 2);
    await change([{ range: { start: sign, end: sign }, text: '-' }]);
    const broken = await client.diagnostics.next('diagnostics after breaking a step', (p) => p.uri === URI && p.version === version);
    assert.deepEqual(broken.diagnostics.map((d) => [d.range.start.line, d.code]), [[5, 'mismatch']]);
    // An HTML comment cannot go inside $$…$$: ignoring a step of a display block ignores the block.
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: broken.diagnostics[0].range, context: { diagnostics: broken.diagnostics } })) as CodeAction[];
    const ignore = actions.find((a) => a.title.startsWith('Ignore'));
    assert.equal(ignore?.title, 'Ignore this math block (2 steps)');
    assert.deepEqual((ignore?.edit?.changes?.[URI] as TextEdit[])[0].range.start, { line: 4, character: 0 });
    await change([{ range: { start: sign, end: { ...sign, character: sign.character + 1 } }, text: '' }]);
    assert.deepEqual((await client.diagnostics.next('diagnostics after repairing', (p) => p.uri === URI && p.version === version)).diagnostics, []);
  });

  it('drops results for superseded versions: a burst of edits publishes once, for the last version', async () => {
    client.diagnostics.drain();
    const first = version + 1;
    for (let i = 0; i < 5; i++) await change([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    const published = await client.diagnostics.next('diagnostics after a burst', (p) => p.uri === URI);
    assert.equal(published.version, version, `only the last of versions ${first}..${version} is checked`);
  });

  it('answers derivcheck/report with blocks, claims, the expected expression, a counterexample and a sweep', async () => {
    const wrongBias = FIX_AT;
    await change([{ range: { start: wrongBias, end: { ...wrongBias, character: wrongBias.character + 1 } }, text: '' }]);
    await client.diagnostics.next('diagnostics with the mistake back', (p) => p.uri === URI && p.version === version);
    const report = (await client.connection.sendRequest(REPORT_REQUEST, { uri: URI })) as Report;
    assert.equal(report.version, version);
    assert.deepEqual(report.summary, { verified: 2, mismatch: 1, unparsed: 0, unsupported: 0 });
    assert.deepEqual(report.blocks.map((b) => b.claims.map((c) => `${c.id} ${c.verdict}`)), [['0:0 verified', '0:1 verified'], ['1:0 mismatch']]);
    const wrong = report.blocks[1].claims[0];
    assert.equal(wrong.diagnosis, 'sign');
    assert.equal(wrong.target, '∂L/∂b_i');
    assert.equal(wrong.latex, "\\frac{\\partial L}{\\partial b_{i}} = 2 \\left(y - \\hat{y}\\right) C_{i} \\sigma'\\left(z_{i}\\right)");
    assert.match(wrong.expectedLatex ?? "", /^-2 \\left\(y - \\hat\{y\}\\right\)/);
    assert.ok(wrong.counterexample && wrong.counterexample.values.some((v) => v.name === 'k'));
    assert.match(wrong.counterexample.claimed, /^−?\d/);
    assert.ok(wrong.sweep && wrong.sweep.xs.length > 10 && wrong.sweep.claimed.length === wrong.sweep.xs.length);
    assert.equal(wrong.points, 16);
    assert.ok(report.samplePoint.some((v) => v.name === 'k'));
  });

  it('checks on request and resamples the hover point', async () => {
    const summary = (await client.connection.sendRequest(CHECK_REQUEST, { uri: URI })) as Summary;
    assert.deepEqual(summary, { verified: 2, mismatch: 1, unparsed: 0, unsupported: 0 });
    const before = ((await client.connection.sendRequest(REPORT_REQUEST, { uri: URI })) as Report).samplePoint;
    await client.connection.sendRequest(RESAMPLE_REQUEST, { uri: URI });
    const after = ((await client.connection.sendRequest(REPORT_REQUEST, { uri: URI })) as Report).samplePoint;
    assert.notDeepEqual(after, before);
  });

  it('answers a check request sent before the didOpen of its document, once the document arrives (an untitled document checked right after opening)', async () => {
    const uri = 'untitled:Untitled-9';
    const text = '<!-- derivcheck: model=mlp -->\n\n$$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$$\n';
    const summary = client.connection.sendRequest(CHECK_REQUEST, { uri });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    assert.deepEqual(await summary, { verified: 0, mismatch: 1, unparsed: 0, unsupported: 0 });
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    // One never opened gets the empty counts, after the wait.
    assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, { uri: 'untitled:Untitled-never' }), { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 });
  });

  it('re-publishes with the new severity when settings change', async () => {
    client.settings = { severity: { mismatch: 'warning' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const published = await client.diagnostics.next('diagnostics after the settings change', (p) => p.uri === URI && p.diagnostics[0]?.severity === DiagnosticSeverity.Warning);
    assert.equal(published.diagnostics.length, 1);
  });

  it('pauses live checking (derivcheck/pause): findings cleared, an open document checked only on request; resuming checks it again', async () => {
    const uri = 'file:///homework/paused.md';
    const text = '<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await client.diagnostics.next('the finding before the pause', (p) => p.uri === uri && p.diagnostics.length === 1);
    await client.connection.sendNotification(PAUSE_NOTIFICATION, { paused: true });
    await client.diagnostics.next('findings cleared by the pause', (p) => p.uri === uri && p.diagnostics.length === 0);
    // Paused, a newly opened document is not checked until asked; then it is.
    const other = 'file:///homework/opened-while-paused.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: other, languageId: 'markdown', version: 1, text } });
    const asked = client.diagnostics.next('the finding of a check on request', (p) => p.uri === other && p.diagnostics.length === 1);
    assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, { uri: other }), { verified: 0, mismatch: 1, unparsed: 0, unsupported: 0 });
    await asked;
    await client.connection.sendNotification(PAUSE_NOTIFICATION, { paused: false });
    await client.diagnostics.next('the finding back once resumed', (p) => p.uri === uri && p.diagnostics.length === 1);
    for (const closed of [uri, other]) await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: closed } });
  });

  for (const { languageId, uri, text, range } of [
    // The sign error is written through the file's own macro: the range covers the call.
    { languageId: 'latex', uri: 'file:///homework/problem1.tex', text: '\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}\n\\[ \\pd{L}{d} = 2(y - \\hat y) \\]\n', range: { start: { line: 1, character: 3 }, end: { line: 1, character: 28 } } },
    { languageId: 'python', uri: 'file:///homework/grad.py', text: 'def grad_d(y, y_hat):\n    # dL/dd = 2 * (y - y_hat)\n    return -2 * (y - y_hat)\n', range: { start: { line: 1, character: 6 }, end: { line: 1, character: 29 } } },
  ]) {
    it(`checks ${languageId} documents with their own notation and locates findings in the source`, async () => {
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      const published = await client.diagnostics.next(`diagnostics of the ${languageId} document`, (p) => p.uri === uri && p.diagnostics.length > 0);
      assert.equal(published.diagnostics.length, 1);
      assert.match(String(published.diagnostics[0].message), /^[^:]+: sign error/);
      assert.deepEqual(published.diagnostics[0].range, range);
      assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, { uri }), { verified: 0, mismatch: 1, unparsed: 0, unsupported: 0 });
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    });
  }

  it('ignores a wrong row of a LaTeX align with a directive above the environment, as one edit', async () => {
    const uri = 'file:///homework/aligned.tex';
    const text = '\\begin{align}\n  \\frac{\\partial L}{\\partial d} &= 2(\\hat y - y) \\\\\n  \\frac{\\partial L}{\\partial d} &= 2(y - \\hat y)\n\\end{align}\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'latex', version: 1, text } });
    const published = await client.diagnostics.next('diagnostics of the align', (p) => p.uri === uri && p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.code]), [[2, 'mismatch']]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } })) as CodeAction[];
    const ignore = actions.find((a) => a.title.startsWith('Ignore'));
    // A `%` directive inside the math would apply only after it: the edit goes above \begin{align}.
    assert.equal(ignore?.title, 'Ignore this math block (2 steps)');
    const edits = ignore?.edit?.changes?.[uri] as TextEdit[];
    assert.deepEqual(edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '% derivcheck: ignore-next-line\n' }]);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: edits[0].range, text: edits[0].newText }] });
    const ignored = await client.diagnostics.next('diagnostics after the ignore edit', (p) => p.uri === uri && p.version === 2);
    assert.deepEqual(ignored.diagnostics, []);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('reads the notation a LaTeX file on disk loads from a package beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'derivcheck-lsp-'));
    writeFileSync(join(dir, 'defs.sty'), '\\newcommand{\\sq}[1]{{#1}^2}\n');
    const uri = pathToFileURL(join(dir, 'hw.tex')).href;
    const text = '\\usepackage{defs}\n$\\frac{d}{dx} \\sq{x} = 3x$\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'latex', version: 1, text } });
    const published = await client.diagnostics.next('diagnostics of the LaTeX file', (p) => p.uri === uri && p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['mismatch']);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('says in the hover which model detection chose, and from what', async () => {
    const uri = 'file:///homework/detected.md';
    const text = '# Problem 1 (c)\n\n$\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)$\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await client.diagnostics.next('diagnostics of the detected document', (p) => p.uri === uri);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: text.split('\n')[2].indexOf('= -2') } });
    assert.ok(hover);
    assert.match(hoverText(hover.contents), /Checked against the mlp model \(detected from C\\_i, y\u0302, z\\_i\)\./);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('reads a plain-text file by its extension (an .mdx as Markdown, a .py as Python) and leaves other plain text alone', async () => {
    const mdx = 'file:///homework/notes.mdx';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: mdx, languageId: 'plaintext', version: 1, text: '# Notes\n\n$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$\n' } });
    const published = await client.diagnostics.next('diagnostics of the plain-text .mdx', (p) => p.uri === mdx && p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.code]), [[2, 'mismatch']]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: mdx }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } })) as CodeAction[];
    assert.equal((actions.find((a) => a.title.startsWith('Ignore'))?.edit?.changes?.[mdx] as TextEdit[])[0].newText, '<!-- derivcheck: ignore-next-line -->\n');
    const py = 'file:///homework/train.py';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: py, languageId: 'plaintext', version: 1, text: 'x = 1\n# dL/dd = 2*(y - y_hat)\n' } });
    const code = await client.diagnostics.next('diagnostics of the plain-text .py', (p) => p.uri === py && p.diagnostics.length > 0);
    assert.deepEqual(code.diagnostics.map((d) => [d.range.start.line, d.code]), [[1, 'mismatch']]);
    const txt = 'file:///homework/readme.txt';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: txt, languageId: 'plaintext', version: 1, text: '$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$\n' } });
    assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, { uri: txt }), { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 });
    for (const uri of [mdx, py, txt]) await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('survives bad requests: unknown documents, positions outside the document, missing params', async () => {
    const nowhere = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///nope.md' }, position: { line: 0, character: 0 } });
    assert.equal(nowhere, null);
    const outside = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 999, character: 999 } });
    assert.equal(outside, null);
    assert.equal(await client.connection.sendRequest(REPORT_REQUEST, { uri: 'file:///nope.md' }), null);
    assert.equal(await client.connection.sendRequest(REPORT_REQUEST, undefined), null);
    assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, { uri: 'file:///nope.md' }), { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 });
    assert.ok(client.logs.some((l) => /report failed/.test(l)), 'the bad report request is logged');
  });

  it('clears diagnostics on close, and exits cleanly after shutdown', async () => {
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: URI } });
    const cleared = await client.diagnostics.next('diagnostics on close', (p) => p.uri === URI && p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await client.whenExited(), 0);
  });

  async function change(changes: { range: { start: Position; end: Position }; text: string }[]): Promise<void> {
    version++;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version }, contentChanges: changes });
  }
});

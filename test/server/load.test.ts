// The language server under load and abuse, over stdio like any editor's client: a burst of 1,000
// edits with hovers in between, a 50 MB document, positions outside the document, malformed
// messages, and 10,000 edits with the server's memory sampled. Everything waits on messages; the
// hover times during the burst are logged here and benchmarked by `npm run bench` (bench/server-burst.ts).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import {
  CodeActionRequest,
  CodeLensRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticSeverity,
  ErrorCodes,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ResponseError,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckCache, checkText, type CheckReport } from '../../src/engine';
import { CHECK_REQUEST, REPORT_REQUEST, RESAMPLE_REQUEST, type Summary } from '../../src/protocol/protocol';
import { MEMORY_REQUEST } from '../../src/server/server';
import { problemsMessage } from '../../src/server/diagnostics';
import { Utf8Meter } from '../../src/server/size';
import { largeDocument } from '../integration/suite/large-document';
import { burstScript, Editor, lineLength, sendBursts, timedHover } from './burst';
import { LspClient } from './lsp-client';

/** The issue's bound on a hover's round trip under load. */
const HOVER_BUDGET_MS = 100;
/** Liveness during the burst: the server keeps answering (how fast is benchmarked: bench/server-burst.ts). */
const BURST_HOVER_LIMIT_MS = 1000;
const MB = 1024 * 1024;
const EMPTY: Summary = { verified: 0, mismatch: 0, unparsed: 0, unsupported: 0 };

async function startClient(settings: Record<string, unknown> = {}): Promise<LspClient> {
  const client = new LspClient();
  client.settings = settings;
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  await client.configured;
  return client;
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

/** What the server publishes for a fresh check of `document`'s text (all findings but the verified ones). */
function expectedDiagnostics(document: TextDocument, report: CheckReport): Pick<Diagnostic, 'range' | 'code' | 'message'>[] {
  return report.findings
    .filter((f) => f.verdict !== 'verified')
    .map((f) => ({ range: { start: document.positionAt(f.range.start), end: document.positionAt(f.range.end) }, code: f.verdict, message: problemsMessage(f) }));
}

/** A claim that ran out of its time budget (200 ms): on a loaded machine that happens in one process and not the other. */
const OUT_OF_TIME = /^(?:[^:]+: )?too complex to check in time/;

/**
 * The server's diagnostics are a fresh check's, claim for claim, except where either ran out of
 * its time budget (those claims are left out on both sides, and counted).
 */
function assertSameDiagnostics(published: readonly Diagnostic[], document: TextDocument): void {
  const actual = published.map((d) => ({ range: d.range, code: d.code, message: d.message }));
  const expected = expectedDiagnostics(document, checkText(document.getText()));
  const key = (d: { range: unknown }) => JSON.stringify(d.range);
  const timedOut = new Set([...actual, ...expected].filter((d) => OUT_OF_TIME.test(String(d.message))).map(key));
  if (timedOut.size > 0) console.log(`      (${timedOut.size} claims out of time in the server or the fresh check: not compared)`);
  assert.deepEqual(
    actual.filter((d) => !timedOut.has(key(d))),
    expected.filter((d) => !timedOut.has(key(d))),
  );
}

describe('language server under load', function () {
  // tsx compiles the server in the child process, which then checks 120 claims from a cold start.
  this.timeout(120_000);

  describe('a burst of 1,000 edits in one second on a 120-claim document, with hovers', () => {
    const URI = 'file:///homework/burst.md';
    const generated = largeDocument(60);
    const editor = new Editor(URI, generated, 25);
    let client: LspClient;

    before(async () => {
      assert.ok(generated.claims >= 100, `${generated.claims} claims`);
      client = await startClient();
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: generated.text } });
      await client.diagnostics.next('diagnostics of the opened document', (p) => p.uri === URI);
    });

    after(() => client?.kill());

    it('keeps answering hovers, publishes only the newest version, and ends with a fresh check’s diagnostics', async () => {
      const BURSTS = 10;
      const PER_BURST = 100;
      /** Between the starts of two bursts: the 10 bursts are sent within 0.65 s (a loaded machine adds to it). */
      const BURST_MS = 70;
      /** In arrival order: publishes, and hover answers with the newest version sent before their request. */
      const arrivals: ({ kind: 'publish'; version: number } | { kind: 'answer'; after: number })[] = [];
      client.diagnostics.drain();
      const stopWatching = watchPublishes(client, URI, (p) => arrivals.push({ kind: 'publish', version: p.version! }));
      const script = burstScript(editor, generated, BURSTS, PER_BURST);
      const sent = await sendBursts(client, URI, script, BURST_MS, (hover) => arrivals.push({ kind: 'answer', after: hover.version }));
      const sendingMs = sent.sendingMs;
      assert.equal(editor.version, 1 + BURSTS * PER_BURST);

      const answers = await sent.hovers;
      const final = await client.diagnostics.next('diagnostics of the last version', (p) => p.uri === URI && p.version === editor.version);
      // A marker: once it is answered, the server has read every edit (messages are handled in order).
      await timedHover(client, URI, { line: 0, character: 0 });
      stopWatching();

      const slowest = Math.max(...answers.map((a) => a.ms));
      console.log(`      hover times (ms): ${answers.map((a) => `${a.ms.toFixed(0)}${a.modified ? "m" : ""}`).join(" ")}`);
      const real = answers.filter((a) => !a.modified);
      console.log(
        `      burst: 1,000 edits sent in ${Math.round(sendingMs)} ms; ${answers.length} hovers, ${real.length} answered, ` +
          `${answers.length - real.length} ContentModified; slowest hover ${slowest.toFixed(1)} ms; ${arrivals.filter((a) => a.kind === 'publish').length} publishes`,
      );
      // A hover answered for real has the verdict a check of the very text it was asked on gives.
      const cache = new CheckCache();
      for (const a of answers.filter((h) => !h.modified)) {
        const report = checkText(a.text, { cache });
        const snapshot = TextDocument.create(URI, 'markdown', a.version, a.text);
        const finding = report.findings.find((f) => snapshot.positionAt(f.range.start).line === a.line);
        assert.ok(finding, `a claim on line ${a.line}`);
        const text = hoverText(a.hover);
        if (OUT_OF_TIME.test(finding.message) || /too complex to check in time/.test(text)) continue;
        assert.match(text, finding.verdict === 'verified' ? /✓ verified/ : /✗ mismatch/, `hover on line ${a.line} at version ${a.version}`);
      }

      // Publishes: versions only go up, and none is for a version older than one the server had
      // read when it answered an earlier hover (it could not have been the newest any more).
      let newestKnown = 0;
      let lastPublished = 0;
      for (const a of arrivals) {
        if (a.kind === 'answer') newestKnown = Math.max(newestKnown, a.after);
        else {
          assert.ok(a.version > lastPublished, `publish for version ${a.version} after one for ${lastPublished}`);
          assert.ok(a.version >= newestKnown, `publish for version ${a.version} after the server had read version ${newestKnown}`);
          lastPublished = a.version;
        }
      }
      assert.equal(lastPublished, editor.version, 'the last publish is for the last version');

      // The diagnostics after all those edits (and a step cache reused across them) are a fresh check's.
      assertSameDiagnostics(final.diagnostics, editor.mirror);

      // Last, liveness (with the load of the machine in the message). How fast is measured by
      // `npm run bench` (bench/server-burst.ts), not here. A hover is answered from a check up to its
      // claim, on the turn it is read (up to 50 ms of checking), so edits behind it cannot make its
      // answer moot: all are answered for real, but on a loaded machine a few may not be.
      const load = `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
      assert.ok(sendingMs < 1000, `1,000 edits sent in ${Math.round(sendingMs)} ms (${load})`);
      for (const [i, a] of answers.entries()) assert.ok(a.ms < BURST_HOVER_LIMIT_MS, `hover ${i} (line ${a.line}, version ${a.version}) took ${a.ms.toFixed(1)} ms (${load})`);
      assert.ok(real.length >= (answers.length * 3) / 4, `${real.length} of the ${answers.length} hovers answered for real (${load})`);
    });

    it('answers requests for positions outside the document with nothing, and keeps answering', async () => {
      const uri = { uri: URI };
      const lines = editor.mirror.lineCount;
      const claimLine = generated.toggles[0].line;
      for (const position of [
        { line: 1_000_000, character: 0 },
        { line: lines, character: 0 },
        { line: claimLine, character: -1 },
        { line: -1, character: 3 },
        { line: claimLine + 0.5, character: 3 },
      ]) {
        assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: uri, position }), null, `hover at ${JSON.stringify(position)}`);
      }
      // Past the end of a line means its end (LSP): the same answer as there.
      const end = lineLength(editor.mirror, claimLine);
      assert.deepEqual(
        await client.connection.sendRequest(HoverRequest.type, { textDocument: uri, position: { line: claimLine, character: 1_000_000 } }),
        await client.connection.sendRequest(HoverRequest.type, { textDocument: uri, position: { line: claimLine, character: end } }),
      );

      const outside = { start: { line: 1_000_000, character: 0 }, end: { line: 1_000_000, character: 5 } };
      const stray: Diagnostic = { range: outside, message: 'sign error', source: 'derivcheck', code: 'mismatch', data: { verdict: 'mismatch', claimId: '0:0' } };
      assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: uri, range: outside, context: { diagnostics: [stray] } }), []);
      const negative = { ...stray, range: { start: { line: 0, character: -4 }, end: { line: 0, character: 2 } } };
      assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: uri, range: negative.range, context: { diagnostics: [negative] } }), []);
      for (const nowhere of [{ uri: 'file:///never-opened.md' }]) {
        assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: nowhere }), []);
        assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: nowhere, position: { line: 0, character: 0 } }), null);
        assert.equal(await client.connection.sendRequest(REPORT_REQUEST, nowhere), null);
        assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, nowhere), EMPTY);
        assert.equal(await client.connection.sendRequest(RESAMPLE_REQUEST, nowhere), null);
      }

      // Still answering, with the real thing.
      assert.match(hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: uri, position: { line: claimLine, character: 3 } })), /derivcheck/);
      const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: uri });
      // A lens above each line with a mistake (derivcheck.codeLens: problems).
      assert.ok(lenses && lenses.length > 0 && lenses.every((l) => l.command?.title.startsWith('✗')), JSON.stringify(lenses?.map((l) => l.command?.title)));
    });

    it('survives malformed messages and keeps answering', async () => {
      const claimLine = generated.toggles[0].line;
      const stillAnswers = async (after: string) => {
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: claimLine, character: 3 } });
        assert.match(hoverText(hover), /derivcheck/, `a hover after ${after}`);
      };
      const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
      const raw: [string, string][] = [
        ['a body that is not JSON', frame('{"jsonrpc": "2.0", "method": oops}')],
        ['a message without a method', frame(JSON.stringify({ jsonrpc: '2.0', id: 424242, params: { textDocument: { uri: URI } } }))],
        ['a message that is not an object', frame('[1, 2, 3]')],
        ['a Content-Length longer than the JSON', frame(`${JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })}%%%garbage%%%`)],
        ['a Content-Length header of 100,000 characters', frame(JSON.stringify({ jsonrpc: '2.0', method: '$/noSuchThing', params: {} })).replace('Content-Length: ', `Content-Length: ${'0'.repeat(100_000)}`)],
        ['a header line of 1 MB', `X-Padding: ${'x'.repeat(1 << 20)}\r\n${frame(JSON.stringify({ jsonrpc: '2.0', method: '$/noSuchThing', params: {} }))}`],
      ];
      for (const [what, bytes] of raw) {
        await client.writeRaw(bytes);
        await stillAnswers(what);
      }

      await assert.rejects(client.connection.sendRequest('derivcheck/noSuchRequest', {}), (e: ResponseError<unknown>) => e.code === ErrorCodes.MethodNotFound);
      await client.connection.sendNotification('derivcheck/noSuchNotification', { anything: [1, 2] });
      await stillAnswers('unknown methods');

      // Wrong types where the protocol has objects, and a change to a document that was never opened.
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: 5 } as never);
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'file:///typo.md', languageId: 'markdown', version: 1, text: 42 } } as never);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: 'two' }, contentChanges: 'abc' } as never);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: 10_000 }, contentChanges: [{ range: { start: 'x', end: 3 }, text: 5 }] } as never);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: 'file:///never-opened.md', version: 2 }, contentChanges: [{ text: '$x = 1$' }] });
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: null } as never);
      assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: 5, position: 'here' } as never), null);
      assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: '3', character: null } } as never), null);
      assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: [] } as never), []);
      assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: null, context: { diagnostics: 'none' } } as never), []);
      assert.equal(await client.connection.sendRequest(REPORT_REQUEST, 7), null);
      assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, { uri: { not: 'a string' } }), EMPTY);
      await stillAnswers('wrong parameter types');
      assert.ok(client.logs.some((l) => /ignored a textDocument\/didOpen notification with malformed params/.test(l)), 'the malformed didOpen is logged');

      // None of it touched the document: after one more real edit, the diagnostics are a fresh check of the client's text.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, editor.next());
      const published = await client.diagnostics.next('diagnostics after a real edit', (p) => p.uri === URI && p.version === editor.version);
      assertSameDiagnostics(published.diagnostics, editor.mirror);
    });
  });

  describe('a 50 MB document, and documents around the size limit', () => {
    const BIG = 'file:///homework/huge.md';
    /** 50 MB of claims: checking it would take hours, so anything but skipping it shows. */
    const CLAIM = '$$\n\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)\n$$\n\n';
    const big = CLAIM.repeat(Math.ceil((50 * 1024 * 1024) / CLAIM.length)).slice(0, 50 * 1024 * 1024);
    const SMALL = ['# Problem 1', '', "$\\frac{\\partial L}{\\partial b_i} = 2(y - \\hat y)C_i\\sigma'(z_i)$", ''].join('\n');
    let client: LspClient;

    before(async () => {
      client = await startClient();
    });

    after(() => client?.kill());

    it('publishes one notice instead of checking it, and answers requests on it at once', async () => {
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: BIG, languageId: 'markdown', version: 1, text: big } });
      const published = await client.diagnostics.next('the size notice', (p) => p.uri === BIG);
      assert.equal(published.version, 1);
      assert.deepEqual(published.diagnostics, [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: 'derivcheck',
          code: 'too-large',
          message: 'Not checked: this document is 50.0 MB, above the derivcheck.maxFileSizeMB limit of 5 MB.',
        },
      ]);
      assert.deepEqual((await client.status.next('the status of the big document', (p) => p.uri === BIG)).summary, EMPTY);

      const times: number[] = [];
      for (const position of [{ line: 0, character: 0 }, { line: 1, character: 3 }, { line: 500_000, character: 3 }, { line: 10_000_000, character: 0 }]) {
        const answer = await timedHover(client, BIG, position);
        assert.deepEqual([answer.hover, answer.modified], [null, false], `hover at ${JSON.stringify(position)}`);
        times.push(answer.ms);
      }
      console.log(`      50 MB document: hovers answered in ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
      for (const ms of times) assert.ok(ms < HOVER_BUDGET_MS, `a hover on the 50 MB document took ${ms.toFixed(1)} ms`);
      assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: BIG } }), []);
      const notice = published.diagnostics[0];
      assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: BIG }, range: notice.range, context: { diagnostics: [notice] } }), []);
      assert.equal(await client.connection.sendRequest(REPORT_REQUEST, { uri: BIG }), null);
      assert.deepEqual(await client.connection.sendRequest(CHECK_REQUEST, { uri: BIG }), EMPTY);
    });

    it('checks it once an edit brings it under the limit', async () => {
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: BIG, version: 2 }, contentChanges: [{ text: SMALL }] });
      const published = await client.diagnostics.next('diagnostics of the shrunk document', (p) => p.uri === BIG && p.version === 2);
      assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.code]), [[2, 'mismatch']]);
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: BIG } });
    });

    it('measures the UTF-8 size when the length leaves it open, and follows the setting', async () => {
      const uri = 'file:///homework/accents.md';
      // 0.01 MB is 10,486 bytes. 3,000 'é' are 3,000 code units but 6,000 bytes: only measuring tells.
      client.settings = { maxFileSizeMB: 0.01 };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const prose = (n: number) => `${'é'.repeat(n)}\n\n`;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: prose(3000) + SMALL } });
      const under = await client.diagnostics.next('diagnostics under the limit', (p) => p.uri === uri && p.version === 1);
      assert.deepEqual(under.diagnostics.map((d) => d.code), ['mismatch']);
      // 6,000 'é' (12,000 bytes) in 6,000 code units: over by its bytes, not by its length.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'é'.repeat(3000) }] });
      const over = await client.diagnostics.next('the notice over the limit', (p) => p.uri === uri && p.version === 2);
      const bytes = Buffer.byteLength(prose(6000) + SMALL);
      assert.deepEqual(over.diagnostics.map((d) => [d.code, d.message]), [['too-large', `Not checked: this document is ${(bytes / 1024 / 1024).toPrecision(2)} MB, above the derivcheck.maxFileSizeMB limit of 0.01 MB.`]]);
      assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 3 } }), null);
      // A larger limit in the settings: checked again, without an edit.
      client.settings = { maxFileSizeMB: 1 };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const again = await client.diagnostics.next('diagnostics under the raised limit', (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'mismatch'));
      assert.equal(again.version, 2);
      assert.match(hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 3 } })), /✗ mismatch/);
    });

    it('measures surrogate pairs and multi-byte text exactly, a chunk at a time', () => {
      // 😀 is a surrogate pair (4 bytes); chunks of 256 Ki code units must not cut one in two.
      for (const text of ['', 'x', '😀'.repeat(300_000), `x${'😀'.repeat(300_000)}`, `${'é'.repeat(262_143)}😀${'∂'.repeat(10)}`]) {
        const meter = new Utf8Meter(text);
        let steps = 0;
        while (meter.step()) steps++;
        assert.equal(meter.bytes, Buffer.byteLength(text), `${text.length} code units`);
        assert.ok(steps <= Math.ceil(text.length / (256 * 1024)), `${steps} steps`);
      }
    });
  });

  describe('10,000 edits: memory stays bounded', () => {
    const URI = 'file:///homework/memory.md';
    const generated = largeDocument(60);
    const editor = new Editor(URI, generated, 10);
    let client: LspClient;

    before(async function () {
      if (process.platform !== 'linux') this.skip(); // the server's RSS is read from /proc
      // A short debounce: each wait for diagnostics below costs 20 ms of it, not 300.
      client = await startClient({ debounceMs: 20 });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: generated.text } });
      await client.diagnostics.next('diagnostics of the opened document', (p) => p.uri === URI);
    });

    after(() => client?.kill());

    it('keeps the server’s memory from growing with the number of edits', async () => {
      const TOTAL = 10_000;
      /** Edits between two waits for the diagnostics of the newest version (so checks do run). */
      const ROUND = 100;
      const SAMPLES = [1_000, 5_000, TOTAL];
      const rss: Record<number, number> = {};
      const heap: Record<number, number> = {};
      const started = performance.now();
      let modified = 0;
      for (let done = 0; done < TOTAL; ) {
        for (let i = 0; i < ROUND; i++, done++) {
          void client.connection.sendNotification(DidChangeTextDocumentNotification.type, editor.next());
          if (i === ROUND / 2) void timedHover(client, URI, { line: generated.toggles[done % generated.toggles.length].line, character: 3 }).then((a) => (modified += a.modified ? 1 : 0));
        }
        const version = editor.version;
        await client.diagnostics.next(`diagnostics of version ${version}`, (p) => p.uri === URI && p.version === version);
        assert.match(hoverText((await timedHover(client, URI, { line: generated.toggles[0].line, character: 3 })).hover), /derivcheck/);
        if (SAMPLES.includes(done)) {
          // The heap after a full collection shows a leak that garbage not yet collected would hide in RSS.
          const memory = (await client.connection.sendRequest(MEMORY_REQUEST)) as { heapUsed: number; collected: boolean };
          assert.ok(memory.collected, 'the server runs with --expose-gc (see lsp-client.ts)');
          heap[done] = memory.heapUsed / MB;
          rss[done] = residentMB(client.pid!);
        }
      }
      const [first, middle, last] = SAMPLES;
      const growth = (of: Record<number, number>, from: number, to: number) => of[to] - of[from];
      console.log(
        `      memory after 1,000 / 5,000 / 10,000 edits: RSS ${SAMPLES.map((n) => rss[n].toFixed(0)).join(' / ')} MB, ` +
          `heap after GC ${SAMPLES.map((n) => heap[n].toFixed(1)).join(' / ')} MB (${Math.round(performance.now() - started)} ms; ` +
          `${modified} of ${TOTAL / ROUND} mid-round hovers ContentModified)`,
      );
      assert.ok(growth(rss, first, last) < 100, `RSS grew by ${growth(rss, first, last).toFixed(0)} MB from 1,000 to 10,000 edits`);
      // A leak grows with the edits: the 5,000 edits after the 5,000th would add more than the 4,000 before them.
      // The bounded caches (steps, parses, Markdown runs) fill early; 2 MB over 5,000 edits is 400 bytes an edit.
      const early = growth(heap, first, middle);
      const late = growth(heap, middle, last);
      assert.ok(late < Math.max(2, early / 2), `the heap grew by ${early.toFixed(1)} MB over edits 1,000–5,000 and ${late.toFixed(1)} MB over 5,000–10,000`);
    });
  });
});

/** The resident set of a process, in MB (Linux). */
function residentMB(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(kb, `VmRSS of process ${pid}`);
  return Number(kb[1]) / 1024;
}

/** Calls `record` for each publish of `uri` with a version (a close clears without one); returns a stop function. */
function watchPublishes(client: LspClient, uri: string, record: (p: PublishDiagnosticsParams) => void): () => void {
  const listener = (p: PublishDiagnosticsParams) => {
    if (p.uri === uri && p.version !== undefined) record(p);
  };
  client.publishListeners.add(listener);
  return () => client.publishListeners.delete(listener);
}

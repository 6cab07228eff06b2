// The language server stays responsive while it checks a long document: its check runs in slices,
// and a hover gets a check of its own up to the hovered claim (the claims before it take effect
// without verdicts), so it is answered before the document's check is done, even on the last claim.
// Asserts the order of the messages, never a duration.
import * as assert from 'node:assert/strict';
import {
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type Hover,
  type MarkupContent,
  type Position,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { checkDocument, checkText } from '../../src/engine';
import { largeDocument, type LargeDocument } from '../integration/suite/large-document';
import { LspClient } from './lsp-client';

const URI = 'file:///homework/long.md';

describe('language server responsiveness (a 2,000-line document with 400 claims)', function () {
  // tsx compiles the server in the child process, then it checks 400 claims from a cold start.
  this.timeout(120_000);
  const generated = largeDocument();
  const lines = generated.text.split('\n');
  /** The first block's display claim, and the last block's inline claim (the document's last span). */
  const first = { line: generated.toggles[0].line, character: 3 };
  const lastLine = generated.toggles[generated.toggles.length - 1].line + 3;
  const last = { line: lastLine, character: lines[lastLine].indexOf('$') + 3 };
  let client: LspClient;

  before(async () => {
    assert.ok(generated.lines >= 2000 && generated.claims >= 400);
    client = await initializedClient();
  });

  after(() => client?.kill());

  it('answers a hover on the first claim while the first check of the document runs', async () => {
    const { events, answers, diagnostics } = await openAndHover(client, URI, 'markdown', generated.text, [
      [first, 'hover on the first claim'],
      [last, 'hover on the last claim'],
    ]);
    const [firstHover, lastHover] = answers;

    // Both are answered before the document's check is complete: the last claim's check skips 399 verdicts.
    assert.deepEqual(events, ['hover on the first claim', 'hover on the last claim', 'diagnostics']);
    assert.equal(mismatchCount(diagnostics), generated.mismatches);

    // Answered early, and final: the same verdict and values as the whole document's check.
    const report = checkText(generated.text);
    // LineMap lines are 1-based, LSP lines 0-based.
    const findingOn = (line: number) => report.findings.find((f) => report.lineMap.position(f.range.start).line === line + 1);
    for (const [position, answer] of [[first, firstHover], [last, lastHover]] as const) {
      const finding = findingOn(position.line);
      assert.ok(finding, `a claim on line ${position.line}`);
      assert.match(hoverText(answer), finding.verdict === 'verified' ? /✓ verified/ : /✗ mismatch/);
      const sides = report.handle(finding)!.sides()!;
      assert.ok(hoverText(answer).includes(`**${sides.left}**`) && hoverText(answer).includes(`**${sides.right}**`), hoverText(answer));
    }
  });
});

describe('language server responsiveness (the same document in LaTeX, extracted off the server thread)', function () {
  this.timeout(120_000);
  const { text, lastClaim } = asLatex(largeDocument());
  const TEX = 'file:///homework/long.tex';
  let client: LspClient;

  before(async () => {
    client = await initializedClient();
  });

  after(() => client?.kill());

  it('answers a hover on the last claim once the extraction is back, before the document is checked', async () => {
    const { events, answers } = await openAndHover(client, TEX, 'latex', text, [[lastClaim, 'hover on the last claim']]);
    const [answer] = answers;
    assert.deepEqual(events, ['hover on the last claim', 'diagnostics']);

    const report = checkDocument(text, 'latex');
    const finding = report.findings.find((f) => report.lineMap.position(f.range.start).line === lastClaim.line + 1);
    assert.ok(finding, `a claim on line ${lastClaim.line}`);
    assert.match(hoverText(answer), finding.verdict === 'verified' ? /✓ verified/ : /✗ mismatch/);
    const sides = report.handle(finding)!.sides()!;
    assert.ok(hoverText(answer).includes(`**${sides.left}**`), hoverText(answer));
  });
});

/**
 * The generated Markdown document as LaTeX, line for line after a preamble: headings become
 * sections, directives `%` comments, `$$` blocks `\[ … \]`. With the position of its last claim.
 */
function asLatex(generated: LargeDocument): { text: string; lastClaim: { line: number; character: number } } {
  let display = false;
  const body = generated.text.split('\n').map((line) => {
    if (line.startsWith('$$')) return (display = !display) ? '\\[' : '\\]';
    return line
      .replace(/^# (.*)$/, '\\section{$1}')
      .replace(/^## (.*)$/, '\\subsection{$1}')
      .replace(/^<!-- (derivcheck:.*) -->$/, '% $1')
      .replace(/\*\*(.*?)\*\*/g, '\\textbf{$1}')
      .replace(/`(.*?)`/g, '\\texttt{$1}');
  });
  const preamble = ['\\documentclass{article}', '\\begin{document}'];
  const lines = [...preamble, ...body, '\\end{document}'];
  const line = preamble.length + generated.toggles[generated.toggles.length - 1].line + 3;
  return { text: lines.join('\n'), lastClaim: { line, character: lines[line].indexOf('$') + 3 } };
}

async function initializedClient(): Promise<LspClient> {
  const client = new LspClient();
  await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await client.connection.sendNotification(InitializedNotification.type, {});
  await client.configured;
  return client;
}

/** Opens a document and hovers at once; `events` is the order in which the hovers and the diagnostics came back. */
async function openAndHover(client: LspClient, uri: string, languageId: string, text: string, hovers: [Position, string][]): Promise<{ events: string[]; answers: (Hover | null)[]; diagnostics: PublishDiagnosticsParams }> {
  const events: string[] = [];
  const published = client.diagnostics.next(`diagnostics of ${uri}`, (p) => p.uri === uri).then((p) => {
    events.push('diagnostics');
    return p;
  });
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  const answers = hovers.map(([position, name]) =>
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }).then((h) => {
      events.push(name);
      return h;
    }),
  );
  const [diagnostics, answered] = await Promise.all([published, Promise.all(answers)]);
  return { events, answers: answered, diagnostics };
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

function mismatchCount(published: PublishDiagnosticsParams): number {
  return published.diagnostics.filter((d) => d.code === 'mismatch').length;
}

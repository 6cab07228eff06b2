// The language server under a burst of edits: how long hovers take while 1,000 didChange
// notifications arrive within a second (issue 6: within 100 ms). Each round starts a fresh server
// (the bundle the VS Code client launches, dist/server.js, when DERIVCHECK_LSP_BUNDLE=1), opens a
// 600-line, 120-claim Markdown document, waits for its diagnostics, and sends 10 bursts of 100
// edits 70 ms apart with a hover in the middle of each burst and one after it, as the load test
// does (test/server/burst.ts). Prints JSON: every hover's round trip, seen from the client.
//
//   node --import tsx bench/server-burst.ts [rounds]
import { DidOpenTextDocumentNotification, InitializedNotification, InitializeRequest } from 'vscode-languageserver/node';
import { largeDocument } from '../test/integration/suite/large-document';
import { burstScript, Editor, sendBursts } from '../test/server/burst';
import { LspClient } from '../test/server/lsp-client';

const URI = 'file:///bench/burst.md';
const BURSTS = 10;
const PER_BURST = 100;
const BURST_MS = 70;

async function round(): Promise<{ burst: number; after: boolean; ms: number; modified: boolean }[]> {
  const generated = largeDocument(60);
  const editor = new Editor(URI, generated, 25);
  const client = new LspClient();
  try {
    await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.configured;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: generated.text } });
    await client.diagnostics.next('diagnostics of the opened document', (p) => p.uri === URI);
    const sent = await sendBursts(client, URI, burstScript(editor, generated, BURSTS, PER_BURST), BURST_MS);
    return (await sent.hovers).map(({ burst, after, ms, modified }) => ({ burst, after, ms, modified }));
  } finally {
    client.kill();
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const hovers = [];
  for (let r = 0; r < rounds; r++) hovers.push(...(await round()).map((h) => ({ round: r, ...h })));
  process.stdout.write(JSON.stringify({ rounds, bursts: BURSTS, perBurst: PER_BURST, burstMs: BURST_MS, server: process.env.DERIVCHECK_LSP_BUNDLE === '1' ? 'dist/server.js' : 'sources (tsx)', hovers }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The language server's settings reach the check: `derivcheck.tolerance` is the relative tolerance
// of every claim (options.tol), whether the client answers workspace/configuration or sends the
// settings as initializationOptions.
import * as assert from 'node:assert/strict';
import {
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type ClientCapabilities,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../../src/protocol/protocol';
import { LspClient } from './lsp-client';

const LINES = [
  '<!-- derivcheck: model=mlp sigma=sigmoid -->',
  '',
  // Off by a relative 1e-4 (2.0002 for 2): within 1e-3, not within the default 1e-9.
  '$\\frac{\\partial L}{\\partial d} = -2.0002(y - \\hat y)$',
  '',
  // A sign error, a mismatch at any tolerance.
  '$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$',
  '',
];
const TEXT = LINES.join('\n');
const NEAR_LINE = 2;
const WRONG_LINE = 4;

/** A diagnostic's message as text. */
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
/** The lines the diagnostics are on. */
const lines = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.range.start.line).sort((a, b) => a - b);

/** A client that has initialized the server; `settings` is what it answers workspace/configuration with. */
async function started(capabilities: ClientCapabilities, { settings = {}, initializationOptions }: { settings?: Record<string, unknown>; initializationOptions?: unknown } = {}): Promise<LspClient> {
  const client = new LspClient();
  client.settings = settings;
  await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, initializationOptions });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return client;
}

describe('language server settings: the tolerance', function () {
  // The first request waits for tsx to compile the sources in the child process.
  this.timeout(60_000);
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('checks with derivcheck.tolerance from workspace/configuration, and again when it changes', async () => {
    const client = await started({ workspace: { configuration: true } }, { settings: { tolerance: 1e-3 } });
    clients.push(client);
    const uri = 'file:///homework/tolerance.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: TEXT } });
    const loose = await client.diagnostics.next('diagnostics at tolerance 1e-3', (p) => p.uri === uri);
    assert.deepEqual(lines(loose.diagnostics), [WRONG_LINE]);
    assert.match(messageOf(loose.diagnostics[0]), /sign error/);

    // Back to the default (1e-9): the near claim is a mismatch too.
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const strict = await client.diagnostics.next('diagnostics at the default tolerance', (p) => p.uri === uri && p.diagnostics.length === 2);
    assert.deepEqual(lines(strict.diagnostics), [NEAR_LINE, WRONG_LINE]);
    assert.match(messageOf(strict.diagnostics.find((d) => d.range.start.line === NEAR_LINE)!), /factor/);

    client.settings = { tolerance: 1e-3 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const again = await client.diagnostics.next('diagnostics at tolerance 1e-3 again', (p) => p.uri === uri && p.diagnostics.length === 1);
    assert.deepEqual(lines(again.diagnostics), [WRONG_LINE]);
  });

  it('takes derivcheck.tolerance from initializationOptions when the client has no workspace/configuration', async () => {
    const client = await started({}, { initializationOptions: { [SETTINGS_SECTION]: { tolerance: 1e-3 } } });
    clients.push(client);
    const uri = 'file:///homework/tolerance-init.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: TEXT } });
    const loose = await client.diagnostics.next('diagnostics at tolerance 1e-3', (p) => p.uri === uri);
    assert.deepEqual(lines(loose.diagnostics), [WRONG_LINE]);

    // Pushed settings without it: the default tolerance.
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SETTINGS_SECTION]: {} } });
    const strict = await client.diagnostics.next('diagnostics at the default tolerance', (p) => p.uri === uri && p.diagnostics.length === 2);
    assert.deepEqual(lines(strict.diagnostics), [NEAR_LINE, WRONG_LINE]);
  });
});

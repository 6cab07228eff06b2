// No network access, no writes outside what the user chose, no document edits but the explicit
// ones (issue 6; SECURITY.md). The sources of every bundle (src/) are read with the TypeScript
// parser; each network use, file write and document edit must be an audited exception.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { audit, describeUse, scanSource, scanSrc, type Exception } from './source-scan';

const EXCEPTIONS: readonly Exception[] = [
  {
    file: 'client/commands.ts',
    kind: 'write',
    what: /^vscode\.workspace\.fs\.writeFile\(\)$/,
    why: 'Export Report writes the one file the user picked in the save dialog (or that the caller of the command named)',
  },
  {
    file: 'client/commands.ts',
    kind: 'edit',
    what: /^editor\.edit\(\)$/,
    why: 'Insert Model Directive: one undoable insertion, only when the user runs the command',
  },
];

describe('no network, no writes but the audited ones', () => {
  it('the scanner finds network use, file writes and document edits', () => {
    const snippet = [
      "import * as http from 'node:http';",
      "import { request } from 'https';",
      "const net = require('net');",
      "fetch('https://example.com');",
      "new WebSocket('wss://example.com');",
      "fs.writeFileSync('x', '');",
      "vscode.workspace.fs.delete(uri);",
      "import { appendFile } from 'node:fs/promises';",
      'editor.edit((b) => b.insert(p, text));',
      'workspace.applyEdit(edit);',
      'map.delete(key); stream.write(text); cache.copy();',
    ].join('\n');
    const found = scanSource('snippet.ts', snippet);
    assert.deepEqual(
      found.map((u) => `${u.line} ${u.kind}`),
      ['1 network', '2 network', '3 network', '4 network', '5 network', '6 write', '7 write', '8 write', '9 edit', '10 edit'],
      found.map(describeUse).join('\n'),
    );
  });

  it('every network use, file write and document edit in src/ is audited', () => {
    const { unaudited, stale } = audit(scanSrc(), EXCEPTIONS, ['network', 'write', 'edit']);
    assert.deepEqual(unaudited.map(describeUse), [], 'network, writes or edits that no exception covers: audit them (here and in SECURITY.md) or remove them');
    assert.deepEqual(stale.map((e) => `${e.file}: ${e.why}`), [], 'audited exceptions that match nothing any more: update the list');
  });

  it('the language server talks to the editor over IPC or stdio, never a socket', () => {
    const client = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'client', 'server.ts'), 'utf8');
    const transports = [...client.matchAll(/TransportKind\.(\w+)/g)].map((m) => m[1]);
    assert.ok(transports.length > 0, 'the client names its transport');
    assert.deepEqual([...new Set(transports)], ['ipc']);
  });

  it('the extension declares untrusted workspaces supported', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });
});

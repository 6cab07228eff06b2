// Shared by the client and panel suites: fixtures, the extension's test API, event waits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'derivcheck.derivcheck';

/** What the extension's activate() returns (src/client/extension.ts, DerivcheckApi). */
export interface DerivcheckApi {
  readonly ready: Promise<void>;
  statusText(): string | undefined;
  readonly onDidChangeStatus: vscode.Event<string | undefined>;
  workspaceFindings(uri: vscode.Uri): number;
  readonly panel: {
    readonly isOpen: () => boolean;
    readonly uri: () => string | undefined;
    readonly onDidRender: vscode.Event<Rendered>;
    readonly lastRendered: () => Rendered | undefined;
  };
}

export interface Rendered {
  readonly uri: string | null;
  readonly version: number;
  readonly claims: number;
}

export interface Summary {
  verified: number;
  mismatch: number;
  unparsed: number;
  unsupported: number;
}

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFixture(name: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
}

/** Activates the extension (if the documents have not already) and waits for its language server. */
export async function activeApi(): Promise<DerivcheckApi> {
  const extension = vscode.extensions.getExtension<DerivcheckApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed in the host`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** Resolves with the first event value that satisfies `accept` (subscribe before acting). */
export function nextEvent<T>(event: vscode.Event<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** The value of `read()` once `ready(value)` holds: now, or after one of `events` fires. */
export async function when<T>(read: () => T, ready: (value: T) => boolean, events: vscode.Event<unknown>[], what: string, timeoutMs = 20_000): Promise<T> {
  const now = read();
  if (ready(now)) return now;
  return new Promise((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = (error?: Error) => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      if (error) reject(error);
    };
    const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value ${JSON.stringify(read())}`)), timeoutMs);
    for (const event of events) {
      subscriptions.push(
        event(() => {
          const value = read();
          if (!ready(value)) return;
          done();
          resolve(value);
        }),
      );
    }
  });
}

export function derivcheckDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'derivcheck');
}

/** The derivcheck diagnostics of `uri` once `ready` holds for them (already, or after a change). */
export function diagnosticsWhen(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return when(() => derivcheckDiagnostics(uri), ready, [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>], what);
}

/**
 * Closes every editor without saving anything. (Closing a dirty editor asks to save, and in a test
 * run the workbench answers that dialog with its default, Save: a fixture would be overwritten.)
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.uri.scheme === 'vscode-notebook-cell') continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// Edit → diagnostics latency in the real VS Code, shared by the integration test (latency.test.ts,
// a few edits) and the editor benchmark (editor.bench.ts, `npm run bench:editor`).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri } from './helpers';
import { largeDocument, type LargeDocument } from './large-document';

export interface OpenedDocument {
  readonly uri: vscode.Uri;
  readonly document: vscode.TextDocument;
  readonly generated: LargeDocument;
  /** From openTextDocument to the first diagnostics of the whole document. */
  readonly firstCheckMs: number;
  close(): Promise<void>;
}

export interface EditLatency {
  /** Per edit: from applyEdit to the diagnostics that reflect it, minus the debounce. */
  readonly afterDebounceMs: number[];
  /** Per edit: how long applyEdit itself took (the round trip to the workbench that changes the text). */
  readonly applyEditMs: number[];
  /**
   * Per edit: from the moment the extension host has the changed text (onDidChangeTextDocument: the
   * language client sends it to the server then) to the diagnostics, minus the debounce. Leaves out
   * applyEdit's trip through the workbench, which a keystroke makes only one way.
   */
  readonly fromChangeAfterDebounceMs: number[];
  readonly debounceMs: number;
}

const mismatchesOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'mismatch').length;

/** Resolves once `uri` has `want` mismatch diagnostics (at once if it already has). */
function mismatchCount(uri: vscode.Uri, want: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString()) && mismatchesOf(uri) === want) {
        subscription.dispose();
        resolve();
      }
    });
    if (mismatchesOf(uri) === want) {
      subscription.dispose();
      resolve();
    }
  });
}

/** Writes the generated 2,000-line document to the fixture workspace, opens it and waits for its first check. */
export async function openLargeDocument(name: string): Promise<OpenedDocument> {
  const generated = largeDocument();
  const uri = fixtureUri(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(generated.text));
  const started = performance.now();
  const checked = mismatchCount(uri, generated.mismatches);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  await checked;
  const firstCheckMs = performance.now() - started;
  assert.equal(document.lineCount, generated.lines);
  return {
    uri,
    document,
    generated,
    firstCheckMs,
    close: async () => {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    },
  };
}

/**
 * Flips `edits` display claims between their right and wrong right-hand sides, one at a time, and
 * times each from applyEdit until VS Code has the diagnostics of the edited text (the mismatch
 * count moves by one).
 */
export async function measureEdits(opened: OpenedDocument, edits: number): Promise<EditLatency> {
  const { uri, document, generated } = opened;
  const debounceMs = vscode.workspace.getConfiguration('derivcheck', uri).get<number>('debounceMs', 300);
  const wrong = generated.toggles.map((t) => t.wrongAtFirst);
  const samples: number[] = [];
  const applied: number[] = [];
  const fromChange: number[] = [];
  for (let i = 0; i < edits; i++) {
    // 37 is prime to the 200 claims: the edits visit different claims all over the document.
    const k = (i * 37) % generated.toggles.length;
    const toggle = generated.toggles[k];
    const text = document.lineAt(toggle.line).text;
    const [from, to] = wrong[k] ? [toggle.wrong, toggle.right] : [toggle.right, toggle.wrong];
    const start = text.lastIndexOf(from);
    assert.ok(start > 0 && start + from.length === text.length, `line ${toggle.line} ends with ${from}: ${text}`);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(toggle.line, start, toggle.line, text.length), to);
    const arrived = mismatchCount(uri, mismatchesOf(uri) + (wrong[k] ? -1 : 1));
    wrong[k] = !wrong[k];
    let changedAt: number | undefined;
    const changes = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === uri.toString()) changedAt ??= performance.now();
    });
    const started = performance.now();
    assert.ok(await vscode.workspace.applyEdit(edit));
    applied.push(performance.now() - started);
    await arrived;
    const arrivedAt = performance.now();
    changes.dispose();
    samples.push(arrivedAt - started - debounceMs);
    fromChange.push(arrivedAt - (changedAt ?? started) - debounceMs);
  }
  return { afterDebounceMs: samples, applyEditMs: applied, fromChangeAfterDebounceMs: fromChange, debounceMs };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

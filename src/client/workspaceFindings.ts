// Check Workspace's findings for files no editor shows. Check Workspace opens each file as a
// background document; VS Code releases those some minutes later, the language server is told the
// document closed, and it clears its diagnostics. These findings must stay: they are kept here, in a
// collection of their own, until the file changes on disk or is opened or checked again (its live
// diagnostics then take over).
import * as vscode from 'vscode';

const COLLECTION = 'derivcheck-workspace';

export class WorkspaceFindings implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(COLLECTION);
  /**
   * The documents Check Workspace checked, with what the server last said of them while they were open
   * and not edited (undefined once edited: an unsaved text's findings say nothing of the file).
   */
  private readonly last = new Map<string, readonly vscode.Diagnostic[] | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const changed = (uri: vscode.Uri) => this.forgetFile(uri);
    this.disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  /** Check Workspace checks `uri` (a file, or a notebook cell): its findings are kept when it is released. */
  checking(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.last.set(uri.toString(), []);
  }

  /** The server published `diagnostics` for `uri` (the language client's middleware calls this first). */
  published(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    const key = uri.toString();
    if (!this.last.has(key)) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (document) {
      // Open: the live diagnostics are the ones shown.
      this.collection.delete(uri);
      this.last.set(key, document.isDirty ? undefined : [...diagnostics]);
      return;
    }
    // Closed (released): the server cleared its diagnostics; keep what it said of the file as saved.
    const kept = this.last.get(key);
    if (kept && kept.length > 0) this.collection.set(uri, [...kept]);
    else this.collection.delete(uri);
  }

  /** The findings kept for `uri`, for tests and the status of files no editor shows. */
  kept(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  /** The file changed on disk (or went): what was kept of it, and of its notebook's cells, no longer holds. */
  private forgetFile(file: vscode.Uri): void {
    for (const key of [...this.last.keys()]) {
      const uri = vscode.Uri.parse(key);
      if (uri.path !== file.path) continue;
      this.last.delete(key);
      this.collection.delete(uri);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

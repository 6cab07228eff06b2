import * as vscode from 'vscode';
import { BYTES_PER_MB, COMMANDS, DEFAULT_SETTINGS, describeSize, SETTINGS_SECTION, type Summary } from '../protocol/protocol';
import { addSummaries, EMPTY_SUMMARY } from '../protocol/summary';
import { kindOfPath } from '../engine/extract/kinds';
import { directiveChoices, directiveText, parseDirective, pickDirective } from './directives';
import { reportMarkdown } from './export/markdown';
import { directiveLine, enabledLanguages, isChecked, workspaceGlob } from './languages';
import { reportOf, reportSubject } from './notebookReport';
import { activeNotebook, checkedCells } from './notebooks';
import type { Log } from './log';
import type { ReportPanel } from './panel/reportPanel';
import type { ServerConnection } from './server';
import type { StatusBar } from './statusBar';
import type { WorkspaceFindings } from './workspaceFindings';

/** What an exported report adds to its document's name: `notes.derivations.html`, `notes.derivations.md`. */
const EXPORT_SUFFIX = '.derivations';
/** Not checked by Check Workspace: dependencies, build output, and exported reports (`*.derivations.md`, marked `derivcheck: ignore-file` too). */
const WORKSPACE_EXCLUDE = `{**/node_modules/**,**/.git/**,**/out/**,**/dist/**,**/*${EXPORT_SUFFIX}.*}`;
const WORKSPACE_MAX_FILES = 5000;

export interface WorkspaceCheckResult {
  readonly files: { readonly uri: string; readonly summary: Summary }[];
  /** Files not opened at all: above `derivcheck.maxFileSizeMB` (the server would not check them either). */
  readonly skipped: { readonly uri: string; readonly reason: string }[];
  readonly summary: Summary;
  readonly cancelled: boolean;
}


interface Services {
  readonly context: vscode.ExtensionContext;
  readonly server: ServerConnection;
  readonly panel: ReportPanel;
  readonly statusBar: StatusBar;
  readonly log: Log;
  readonly workspaceFindings: WorkspaceFindings;
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value.length > 0) return vscode.Uri.parse(value);
  return undefined;
}

function activeCheckedDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && isChecked(document) ? document : undefined;
}

/** Registers every command; each logs its failures and never shows an error pop-up. */
export function registerCommands(services: Services): vscode.Disposable[] {
  const { log } = services;
  const register = (id: string, run: (...args: any[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        log.error(`command ${id}`, error);
        return undefined;
      }
    });
  return [
    register(COMMANDS.checkDocument, (uri?: unknown) => checkDocument(services, toUri(uri))),
    register(COMMANDS.checkWorkspace, () => checkWorkspace(services)),
    register(COMMANDS.showReport, (uri?: unknown, claimId?: unknown) =>
      services.panel.show(toUri(uri), typeof claimId === 'string' ? claimId : undefined),
    ),
    register(COMMANDS.revealClaim, (uri?: unknown, claimId?: unknown) =>
      services.panel.show(toUri(uri), typeof claimId === 'string' ? claimId : undefined),
    ),
    register(COMMANDS.resample, async (uri?: unknown) => {
      await services.server.resample(toUri(uri) ?? activeCheckedDocument()?.uri);
      // Hovers show it; nothing else changes, so say that it happened.
      const message = 'Derivation Checker: new sample point for hovers';
      vscode.window.setStatusBarMessage(message, 3000);
      return message;
    }),
    register(COMMANDS.insertModelDirective, (directive?: unknown) =>
      insertModelDirective(services.context, typeof directive === 'string' ? directive : undefined),
    ),
    register(COMMANDS.toggleLiveChecking, () => toggleLiveChecking(services)),
    register(COMMANDS.exportReport, (target?: unknown, uri?: unknown) => exportReport(services, toUri(target), toUri(uri))),
    register(COMMANDS.copyLatex, async (latex?: unknown) => {
      if (typeof latex !== 'string') return false;
      await vscode.env.clipboard.writeText(latex);
      vscode.window.setStatusBarMessage('Derivation Checker: LaTeX copied', 3000);
      return true;
    }),
  ];
}

/**
 * Check Current Document: asks the server to check now (whatever the run mode); returns the counts.
 * In a notebook (whichever cell is selected, code or Markdown), every checked cell, summed.
 */
async function checkDocument({ server, statusBar }: Services, uri: vscode.Uri | undefined): Promise<Summary | undefined> {
  const notebook = uri ? undefined : activeNotebook();
  const targets = uri ? [uri] : notebook ? checkedCells(notebook, isChecked).map((d) => d.uri) : [activeCheckedDocument()?.uri].filter((u) => u !== undefined);
  if (targets.length === 0) {
    vscode.window.setStatusBarMessage('Derivation Checker: no checkable document is active', 4000);
    return undefined;
  }
  let summary = EMPTY_SUMMARY;
  for (const target of targets) {
    const counts = await server.check(target);
    statusBar.record(target, counts);
    summary = addSummaries(summary, counts);
  }
  vscode.window.setStatusBarMessage(
    `Derivation Checker: ${summary.verified} verified, ${summary.mismatch} mismatch, ${summary.unparsed} unparsed, ${summary.unsupported} unsupported`,
    5000,
  );
  return summary;
}

/** The text documents Check Workspace hands the server for one file (a notebook: its Markdown cells). */
async function documentsOf(uri: vscode.Uri): Promise<vscode.TextDocument[]> {
  if (kindOfPath(uri.path) === 'notebook') return checkedCells(await vscode.workspace.openNotebookDocument(uri), isChecked);
  const document = await vscode.workspace.openTextDocument(uri);
  return isChecked(document) ? [document] : [];
}

/** Check Workspace: every md/tex/ipynb/code file, with a cancellable progress notification. */
async function checkWorkspace({ server, log, workspaceFindings }: Services): Promise<WorkspaceCheckResult> {
  const uris = (await vscode.workspace.findFiles(workspaceGlob(enabledLanguages()), WORKSPACE_EXCLUDE, WORKSPACE_MAX_FILES)).sort(
    (a, b) => a.toString().localeCompare(b.toString()),
  );
  const files: { uri: string; summary: Summary }[] = [];
  const skipped: { uri: string; reason: string }[] = [];
  let cancelled = false;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Derivation Checker: checking the workspace', cancellable: true },
    async (progress, token) => {
      for (const [index, uri] of uris.entries()) {
        if (token.isCancellationRequested) {
          cancelled = true;
          break;
        }
        progress.report({ message: `${index + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
        try {
          const tooLarge = await overSizeLimit(uri);
          if (tooLarge) {
            skipped.push({ uri: uri.toString(), reason: tooLarge });
            log.info(`Check Workspace: ${vscode.workspace.asRelativePath(uri)} skipped: ${tooLarge}`);
            continue;
          }
          let summary = EMPTY_SUMMARY;
          const documents = await documentsOf(uri);
          for (const document of documents) {
            workspaceFindings.checking(document.uri);
            summary = addSummaries(summary, await server.check(document.uri));
          }
          if (documents.length > 0) files.push({ uri: uri.toString(), summary });
        } catch (error) {
          log.error(`checking ${uri.toString()}`, error);
        }
      }
    },
  );
  const summary = files.reduce((sum, f) => addSummaries(sum, f.summary), EMPTY_SUMMARY);
  const text =
    `${files.length} files: ${summary.verified} verified, ${summary.mismatch} mismatch${summary.mismatch === 1 ? '' : 'es'}` +
    (summary.unparsed + summary.unsupported > 0 ? `, ${summary.unparsed} unparsed, ${summary.unsupported} unsupported` : '') +
    (skipped.length > 0 ? `; ${skipped.length} skipped as too large (derivcheck.maxFileSizeMB)` : '') +
    (cancelled ? ' (cancelled)' : '');
  log.info(`Check Workspace: ${text}`);
  void vscode.window.showInformationMessage(`Derivation Checker: ${text}`, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return { files, skipped, summary, cancelled };
}

/**
 * Why a file is not opened for Check Workspace, if it is above `derivcheck.maxFileSizeMB` (by its
 * size on disk, before reading it: opening a 50 MB file costs the editor what the limit saves).
 */
async function overSizeLimit(uri: vscode.Uri): Promise<string | undefined> {
  const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<number>('maxFileSizeMB');
  const limitMB = typeof configured === 'number' && configured > 0 && Number.isFinite(configured) ? configured : DEFAULT_SETTINGS.maxFileSizeMB;
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size <= limitMB * BYTES_PER_MB) return undefined;
  return `${describeSize(size)} is above the ${limitMB} MB limit (derivcheck.maxFileSizeMB)`;
}

/**
 * Insert Model Directive: one undoable insertion of a directive line above the cursor's line, in
 * the document's comment syntax. `directive` (see parseDirective: `ridge`, `model=ridge`,
 * `sigma=gelu`) skips the quick pick; the choices are the manifest's models and activation functions.
 */
async function insertModelDirective(context: vscode.ExtensionContext, directive: string | undefined): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const choices = directiveChoices(context.extension.packageJSON);
  const choice = directive === undefined ? await pickDirective(choices) : parseDirective(directive, choices);
  if (!choice) return false;
  const { document } = editor;
  const line = document.lineAt(editor.selection.active.line);
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  const text = `${indent}${directiveLine(document, directiveText(choice))}\n`;
  return editor.edit((builder) => builder.insert(line.range.start, text));
}

/** Toggle Live Checking: `derivcheck.run` between onType and manual, in the workspace settings. */
/**
 * Toggle Live Checking: pauses or resumes checking as you type, for this workspace (its workspace
 * state, not a settings file in the student's folder). Paused, results are cleared (they would go
 * stale) and the status bar says `∂ paused`; Check Current Document still checks.
 */
async function toggleLiveChecking({ context, server, statusBar }: Services): Promise<'paused' | 'live'> {
  const paused = !livePaused(context);
  await context.workspaceState.update(PAUSED_KEY, paused);
  server.setPaused(paused);
  statusBar.setPaused(paused);
  vscode.window.setStatusBarMessage(`Derivation Checker: live checking ${paused ? 'paused' : 'resumed'}`, 4000);
  return paused ? 'paused' : 'live';
}

const PAUSED_KEY = 'derivcheck.livePaused';

/** Whether live checking is paused in this workspace. */
export function livePaused(context: vscode.ExtensionContext): boolean {
  return context.workspaceState.get<boolean>(PAUSED_KEY, false);
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Export Report: a self-contained HTML file, or Markdown when the chosen name ends in .md. */
async function exportReport(services: Services, target: vscode.Uri | undefined, uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const { server, context, log } = services;
  const source = uri ? reportSubject(uri).uri : (activeNotebook()?.uri ?? activeCheckedDocument()?.uri ?? services.panel.uri);
  if (!source) {
    vscode.window.setStatusBarMessage('Derivation Checker: open a checkable document to export its report', 4000);
    return undefined;
  }
  const report = await reportOf(server, source);
  if (!report) throw new Error(`the server has no report for ${source.toString()}`);
  const name = baseName(source);
  const destination =
    target ??
    (await vscode.window.showSaveDialog({
      title: 'Export Derivation Report',
      defaultUri: vscode.Uri.joinPath(source, '..', `${name.replace(/\.[^.]*$/, '')}${EXPORT_SUFFIX}.html`),
      filters: { HTML: ['html'], Markdown: ['md'] },
      saveLabel: 'Export',
    }));
  if (!destination) return undefined;
  const generator = `Derivation Checker ${context.extension.packageJSON.version as string}`;
  let content: string;
  if (/\.(md|markdown)$/i.test(destination.path)) {
    content = reportMarkdown(report, name, generator);
  } else {
    // KaTeX is most of this code and only HTML export needs it: webpack puts
    // ./export/html in its own chunk (dist/extension-export-html.js), loaded on first use.
    const { inlineFonts, reportHtml } = await import(/* webpackChunkName: "export-html" */ './export/html');
    const read = async (...path: string[]) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...path));
    const katexCss = await inlineFonts(new TextDecoder().decode(await read('dist', 'katex', 'katex.min.css')), (font) =>
      read('dist', 'katex', 'fonts', font).then(
        (data) => data,
        () => undefined,
      ),
    );
    const reportCss = new TextDecoder().decode(await read('media', 'report.css'));
    content = reportHtml(report, name, { katexCss, reportCss }, generator);
  }
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(content));
  log.info(`exported the report of ${source.toString()} to ${destination.toString()}`);
  vscode.window.setStatusBarMessage(`Derivation Checker: report exported to ${baseName(destination)}`, 5000);
  return destination;
}

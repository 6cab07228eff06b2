import * as vscode from 'vscode';
import { checkText } from '../engine';
import type { Finding } from '../engine/check/finding';

const COMMAND_CHECK_DOCUMENT = 'derivcheck.checkDocument';
const DIAGNOSTIC_SOURCE = 'derivcheck';

/** Minimal client: one command that publishes the engine's findings as diagnostics. */
export function activate(context: vscode.ExtensionContext): void {
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  context.subscriptions.push(diagnostics);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_CHECK_DOCUMENT, (uri?: vscode.Uri) => {
      const document = uri
        ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
        : vscode.window.activeTextEditor?.document;
      if (!document) return [];
      const findings = checkText(document.getText()).findings;
      diagnostics.set(document.uri, findings.filter(isReportable).map((f) => toDiagnostic(document, f)));
      return findings;
    }),
  );
}

function isReportable(finding: Finding): boolean {
  return finding.verdict !== 'verified';
}

function toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(finding.range.start), document.positionAt(finding.range.end));
  const severity =
    finding.verdict === 'mismatch' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Hint;
  const diagnostic = new vscode.Diagnostic(range, finding.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.verdict;
  return diagnostic;
}

export function deactivate(): void {}

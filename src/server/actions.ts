import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../protocol/protocol';
import type { ClaimIndex } from './claims';
import type { DiagnosticData } from './diagnostics';
import { documentKind, ignoreDirectiveLine } from './languages';

/** What a directive line keeps of the line it sits above: its indentation, and in Markdown its blockquote markers. */
const INDENT = /^[ \t]*/;
const MARKDOWN_PREFIX = /^[ \t>]*/;

/**
 * The actions on derivcheck diagnostics: for a mismatch, show the expected expression, put it in place of
 * the right side (an edit, undoable) or copy it; for every finding in math, a quick fix that ignores it. `claims` is the current check of the document, or
 * undefined when the document changed since (the ignore action then works from the diagnostic alone).
 */
export function codeActions(document: TextDocument, diagnostics: readonly Diagnostic[], claims: ClaimIndex | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = (diagnostic.data ?? {}) as Partial<DiagnosticData>;
    if (diagnostic.code === 'mismatch' && data.claimId) {
      actions.push({
        title: 'Show expected expression',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Show expected expression', command: COMMANDS.showReport, arguments: [document.uri, data.claimId] },
      });
    }
    // Only while the text is the one checked: the range was found in it.
    if (diagnostic.code === 'mismatch' && data.expectedLatex && data.rightRange && claims) {
      actions.push({
        title: 'Replace the right side with the expected expression',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [{ range: data.rightRange, newText: data.expectedLatex }] } },
      });
    }
    if (diagnostic.code === 'mismatch' && data.expectedLatex) {
      actions.push({
        title: 'Copy expected expression as LaTeX',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Copy expected expression as LaTeX', command: COMMANDS.copyLatex, arguments: [data.expectedLatex] },
      });
    }
    // Only math can be ignored: a bad directive (no claim id) is fixed by editing it.
    if (data.claimId) actions.push(ignoreAction(document, diagnostic, claims));
  }
  return actions;
}

/**
 * Inserts `derivcheck: ignore-next-line` above the claim. In Markdown and LaTeX it goes above the
 * math block's first line, and then covers every step of that block (the engine ignores a block by
 * the line it starts on).
 */
function ignoreAction(document: TextDocument, diagnostic: Diagnostic, claims: ClaimIndex | undefined): CodeAction {
  // By position, not by claim id: the editor keeps the diagnostic's range in step with edits.
  const block = claims?.blockAt(document.offsetAt(diagnostic.range.start));
  // A directive cannot sit inside the math: a Markdown comment is not math, and a LaTeX `%` directive
  // inside math only applies after it. So both go above the block and cover all of its steps.
  const language = documentKind(document);
  const wholeBlock = (language === 'markdown' || language === 'latex') && block !== undefined;
  const line = wholeBlock ? document.positionAt(block.range.start).line : diagnostic.range.start.line;
  const steps = wholeBlock ? block.findings.length : 1;
  const title = steps > 1 ? `Ignore this math block (${steps} steps)` : 'Ignore this claim';
  const edit: TextEdit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${prefixOf(document, line)}${ignoreDirectiveLine(document)}${eolOf(document)}` };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.uri]: [edit] } } };
}

function prefixOf(document: TextDocument, line: number): string {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return (documentKind(document) === 'markdown' ? MARKDOWN_PREFIX : INDENT).exec(text)?.[0] ?? '';
}

function eolOf(document: TextDocument): string {
  return document.getText().includes('\r\n') ? '\r\n' : '\n';
}

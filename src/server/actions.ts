import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../protocol/protocol';
import type { ClaimIndex } from './claims';
import { toRange, type DiagnosticData } from './diagnostics';
import { tryOrUndefined } from './log';
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
    // Built when asked, from the current check (the expected form is evaluated at every sample point).
    const expected = diagnostic.code === 'mismatch' ? expectedOf(document, claims, data.claimId) : undefined;
    if (expected?.rightRange) {
      actions.push({
        title: 'Replace the right side with the expected expression',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [{ range: expected.rightRange, newText: expected.latex }] } },
      });
    }
    if (expected) {
      actions.push({
        title: 'Copy expected expression as LaTeX',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Copy expected expression as LaTeX', command: COMMANDS.copyLatex, arguments: [expected.latex] },
      });
    }
    // Only math can be ignored: a bad directive (no claim id) is fixed by editing it.
    if (data.claimId) actions.push(ignoreAction(document, diagnostic, claims));
  }
  return actions;
}

/**
 * The expected right side of a claim of the current check, and where its right side is written when
 * that is the LaTeX that was checked (not a code comment's ASCII or a macro's expansion, where LaTeX
 * would not belong): only then can it be replaced. None once the text changed since (no `claims`).
 */
function expectedOf(document: TextDocument, claims: ClaimIndex | undefined, claimId: string | undefined): { latex: string; rightRange?: Range } | undefined {
  const claim = claims && claimId ? claims.withId(claimId) : undefined;
  const handle = claim ? tryOrUndefined(() => claims!.report.handle(claim.finding)) : undefined;
  const latex = handle ? tryOrUndefined(() => handle.expectedLatex()) : undefined;
  if (!handle || !latex) return undefined;
  const written = document.getText().slice(handle.rightRange.start, handle.rightRange.end) === handle.rightLatex;
  return { latex, ...(written ? { rightRange: toRange(document, handle.rightRange) } : {}) };
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

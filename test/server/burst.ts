// Bursts of edits with hovers in between, as the load test (test/server/load.test.ts) and the
// benchmark (bench/server-burst.ts) send them to the language server: typing in the prose of a
// generated document, now and then flipping a claim between right and wrong, and hovering claims
// in the middle of a burst and after it.
import * as assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification, HoverRequest, LSPErrorCodes, ResponseError, type Hover, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LargeDocument } from '../integration/suite/large-document';
import type { LspClient } from './lsp-client';

/** A hover and how long its answer took; `modified` when the server answered ContentModified. */
export interface TimedHover {
  readonly hover: Hover | null;
  readonly modified: boolean;
  readonly ms: number;
}

export function timedHover(client: LspClient, uri: string, position: Position): Promise<TimedHover> {
  const started = performance.now();
  return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }).then(
    (hover) => ({ hover, modified: false, ms: performance.now() - started }),
    (error: unknown) => {
      // The only error a hover may get: the text it was asked on changed before it could be answered.
      if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified) return { hover: null, modified: true, ms: performance.now() - started };
      throw error;
    },
  );
}

export function lineLength(document: TextDocument, line: number): number {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '').length;
}

type ChangeParams = { textDocument: { uri: string; version: number }; contentChanges: TextDocumentContentChangeEvent[] };

/**
 * Edits as a student makes them on the generated document: typing in the prose of one block after
 * another, and every `toggleEvery`-th edit flipping a display claim between its right and its wrong
 * right-hand side (so verdicts change). Applied to `mirror` too, the client's copy of the text.
 */
export class Editor {
  readonly mirror: TextDocument;
  private readonly wrong: boolean[];
  private edits = 0;

  constructor(
    readonly uri: string,
    private readonly generated: LargeDocument,
    private readonly toggleEvery: number,
  ) {
    this.mirror = TextDocument.create(uri, 'markdown', 1, generated.text);
    this.wrong = generated.toggles.map((t) => t.wrongAtFirst);
  }

  get version(): number {
    return this.mirror.version;
  }

  /** The next edit, applied to the mirror; returns the notification's params. */
  next(): ChangeParams {
    const n = this.edits++;
    const blocks = this.generated.toggles.length;
    let change: TextDocumentContentChangeEvent;
    if (n % this.toggleEvery === this.toggleEvery - 1) {
      const index = Math.floor(n / this.toggleEvery) % blocks;
      const toggle = this.generated.toggles[index];
      const [from, to] = this.wrong[index] ? [toggle.wrong, toggle.right] : [toggle.right, toggle.wrong];
      const text = this.mirror.getText({ start: { line: toggle.line, character: 0 }, end: { line: toggle.line + 1, character: 0 } });
      const at = text.lastIndexOf(from);
      assert.ok(at >= 0, `claim ${index} holds its ${this.wrong[index] ? 'wrong' : 'right'} side`);
      change = { range: { start: { line: toggle.line, character: at }, end: { line: toggle.line, character: at + from.length } }, text: to };
      this.wrong[index] = !this.wrong[index];
    } else {
      // The prose line of a block (line 2 of its 10); long lines get shortened again, as typing does.
      const line = (n % blocks) * 10 + 2;
      const length = lineLength(this.mirror, line);
      change =
        length > 120
          ? { range: { start: { line, character: 60 }, end: { line, character: length } }, text: '' }
          : { range: { start: { line, character: length }, end: { line, character: length } }, text: 'ab c'[n % 4] };
    }
    const version = this.mirror.version + 1;
    TextDocument.update(this.mirror, [change], version);
    return { textDocument: { uri: this.uri, version }, contentChanges: [change] };
  }

  /** A hover on a claim's line, asked on the text as it is now. */
  hoverAt(line: number, character: number, burst: number, after: boolean): PlannedHover {
    return { kind: 'hover', line, character, burst, after, version: this.version, text: this.mirror.getText() };
  }
}

export interface PlannedHover {
  readonly kind: 'hover';
  readonly line: number;
  readonly character: number;
  /** Which burst it belongs to, and whether it comes after the burst's edits (else in their middle). */
  readonly burst: number;
  readonly after: boolean;
  /** The text it is asked on. */
  readonly version: number;
  readonly text: string;
}

export type BurstAction = { readonly kind: 'edit'; readonly params: ChangeParams } | PlannedHover;

/**
 * `bursts` bursts of `perBurst` edits, with a hover in the middle of each (edits follow at once,
 * behind it) and one after it (the text then stays until the next burst), early and late claims
 * alike. Made before anything is sent, so that while the bursts go out the client does nothing but
 * send (its own work would count in the hovers' times).
 */
export function burstScript(editor: Editor, generated: LargeDocument, bursts: number, perBurst: number): BurstAction[][] {
  const claimLine = (n: number) => generated.toggles[n % generated.toggles.length].line;
  return Array.from({ length: bursts }, (_, burst) => {
    const actions: BurstAction[] = [];
    for (let i = 0; i < perBurst; i++) {
      actions.push({ kind: 'edit', params: editor.next() });
      if (i === perBurst / 2) actions.push(editor.hoverAt(claimLine(burst * 7), 3, burst, false));
    }
    actions.push(editor.hoverAt(claimLine(burst * 13 + 5), 3, burst, true));
    return actions;
  });
}

export type BurstHover = TimedHover & PlannedHover;

/**
 * Sends the script, burst b starting b × `burstMs` after the first (pacing, not waiting for
 * anything); `answered` hears of each hover's answer as it arrives. Resolves once all is sent.
 */
export async function sendBursts(client: LspClient, uri: string, script: readonly BurstAction[][], burstMs: number, answered: (hover: BurstHover) => void = () => {}): Promise<{ hovers: Promise<BurstHover[]>; sendingMs: number }> {
  const hovers: Promise<BurstHover>[] = [];
  const started = performance.now();
  let lastSent = started;
  for (const [burst, actions] of script.entries()) {
    const due = started + burst * burstMs - performance.now();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    for (const action of actions) {
      if (action.kind === 'edit') void client.connection.sendNotification(DidChangeTextDocumentNotification.type, action.params);
      else
        hovers.push(
          timedHover(client, uri, { line: action.line, character: action.character }).then((answer) => {
            const hover = { ...answer, ...action };
            answered(hover);
            return hover;
          }),
        );
    }
    lastSent = performance.now();
  }
  return { hovers: Promise.all(hovers), sendingMs: lastSent - started };
}

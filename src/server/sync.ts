import type {
  Connection,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  DidSaveTextDocumentParams,
  Disposable,
  NotificationHandler,
} from 'vscode-languageserver/node';
import { isObject } from './settings';

/** How much of a malformed message the log shows. */
const MAX_LOGGED_CHARS = 200;

/**
 * `connection` for TextDocuments.listen, with the document notifications' params checked first:
 * vscode-languageserver trusts them, and a didOpen whose `text` is a number or whose
 * `textDocument` is missing would store a document every later request trips over. A malformed
 * notification is logged and ignored (the client's copy of that document may then differ: the
 * log says which notification was dropped).
 */
export function validatingSync(connection: Connection, log: (message: string) => void): Connection {
  const guard =
    <P>(method: string, register: (handler: NotificationHandler<P>) => Disposable, valid: (params: unknown) => params is P) =>
    (handler: NotificationHandler<P>): Disposable =>
      register((params: P) => {
        if (valid(params)) handler(params);
        else log(`derivcheck: ignored a ${method} notification with malformed params: ${preview(params)}`);
      });
  // Everything else (and the `__textDocumentSync` TextDocuments sets) goes to the connection itself.
  return Object.assign(Object.create(connection) as Connection, {
    onDidOpenTextDocument: guard('textDocument/didOpen', connection.onDidOpenTextDocument.bind(connection), isOpenParams),
    onDidChangeTextDocument: guard('textDocument/didChange', connection.onDidChangeTextDocument.bind(connection), isChangeParams),
    onDidCloseTextDocument: guard('textDocument/didClose', connection.onDidCloseTextDocument.bind(connection), isIdentified<DidCloseTextDocumentParams>),
    onDidSaveTextDocument: guard('textDocument/didSave', connection.onDidSaveTextDocument.bind(connection), isIdentified<DidSaveTextDocumentParams>),
  });
}

function isOpenParams(params: unknown): params is DidOpenTextDocumentParams {
  const d = isObject(params) ? params.textDocument : undefined;
  return isObject(d) && typeof d.uri === 'string' && typeof d.languageId === 'string' && Number.isInteger(d.version) && typeof d.text === 'string';
}

function isChangeParams(params: unknown): params is DidChangeTextDocumentParams {
  if (!isObject(params)) return false;
  const d = params.textDocument;
  const changes = params.contentChanges;
  return isObject(d) && typeof d.uri === 'string' && Number.isInteger(d.version) && Array.isArray(changes) && changes.every(isChange);
}

function isChange(change: unknown): boolean {
  if (!isObject(change) || typeof change.text !== 'string') return false;
  if (change.range === undefined) return true;
  return isObject(change.range) && isPosition(change.range.start) && isPosition(change.range.end);
}

function isPosition(p: unknown): boolean {
  return isObject(p) && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

function isIdentified<P>(params: unknown): params is P {
  return isObject(params) && isObject(params.textDocument) && typeof params.textDocument.uri === 'string';
}

function preview(params: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(params) ?? String(params);
  } catch {
    text = String(params);
  }
  return text.length > MAX_LOGGED_CHARS ? `${text.slice(0, MAX_LOGGED_CHARS)}…` : text;
}

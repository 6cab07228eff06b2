// A plain LSP client for tests: spawns `derivcheck lsp --stdio` and speaks JSON-RPC over its pipes,
// as Neovim or Helix would. Messages are waited on, never slept for.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../src/protocol/protocol';

const ROOT = join(__dirname, '..', '..');
/**
 * The sources through tsx by default; DERIVCHECK_LSP_BUNDLE=1 drives the built bundle the VS Code
 * client launches (dist/server.js, after `npm run build`) instead.
 */
const SERVER_ARGS = [
  // The memory request collects garbage before it measures (test/server/load.test.ts).
  '--expose-gc',
  ...(process.env.DERIVCHECK_LSP_BUNDLE === '1' ? [join(ROOT, 'dist/server.js'), '--stdio'] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'lsp', '--stdio']),
];
/** How long a single wait may take before the test fails with what was received instead. */
const WAIT_TIMEOUT_MS = 15_000;

/** Notifications of one kind, in arrival order, with a cursor: `next` returns the first unseen match. */
class Inbox<T> {
  private readonly items: T[] = [];
  private cursor = 0;
  private waiter: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.waiter?.();
  }

  /** The next message (after the ones already consumed) that satisfies `match`. */
  async next(what: string, match: (item: T) => boolean = () => true): Promise<T> {
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    for (;;) {
      while (this.cursor < this.items.length) {
        const item = this.items[this.cursor++];
        if (match(item)) return item;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.items.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Skips everything received so far. */
  drain(): void {
    this.cursor = this.items.length;
  }
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Inbox<PublishDiagnosticsParams>();
  readonly status = new Inbox<StatusParams>();
  readonly logs: string[] = [];
  /** Called on every publishDiagnostics as it arrives, in order with the answers to requests. */
  readonly publishListeners = new Set<(params: PublishDiagnosticsParams) => void>();
  /** What the server gets when it asks for workspace/configuration (section `derivcheck`). */
  settings: Record<string, unknown> = {};
  lensRefreshes = 0;
  /** Resolves once the server has asked for its settings (it checks nothing before it has them). */
  readonly configured: Promise<void>;
  private configuredOnce: () => void = () => undefined;
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;

  constructor() {
    this.configured = new Promise((resolve) => (this.configuredOnce = resolve));
    this.process = spawn(process.execPath, SERVER_ARGS, { cwd: ROOT });
    this.process.stderr.on('data', (chunk: Buffer) => this.logs.push(`stderr: ${chunk.toString()}`));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
      for (const listener of this.publishListeners) listener(p);
    });
    this.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      this.status.push(p);
    });
    this.connection.onNotification(LogMessageNotification.type, (p: LogMessageParams) => {
      this.logs.push(`${p.type}: ${p.message}`);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configuredOnce();
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      return null;
    });
    this.connection.listen();
  }

  /** The server's process id (its memory is read from /proc/<pid>/status). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /**
   * Writes bytes to the server's stdin as they are, around the JSON-RPC framing (malformed
   * messages). Await every message sent through `connection` before: its writer must not be
   * half-way through a message.
   */
  writeRaw(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.process.stdin.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Resolves with the process's exit code. */
  whenExited(): Promise<number | null> {
    return this.exited;
  }

  kill(): void {
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

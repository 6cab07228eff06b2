import { Worker } from 'node:worker_threads';
import { locateWorkerScript } from '../engine/platform/worker-location';
import { extractDocument, type DocumentLanguage, type Extraction } from '../engine';

export interface ExtractRequest {
  readonly id: number;
  readonly text: string;
  readonly language: Exclude<DocumentLanguage, 'markdown'>;
  /** The text of the local files a LaTeX document loads (companions.ts). */
  readonly companions: readonly string[];
}

export type ExtractReply = { readonly id: number; readonly extraction: Extraction } | { readonly id: number; readonly error: string };

/**
 * Extraction off the server's thread, for the languages whose extractor cannot be cut into pieces
 * (LaTeX, code comments; not Markdown). One worker, started on first use and kept; when it cannot start or dies,
 * extraction runs on the calling thread as before (same result, it only blocks).
 */
export class Extractor {
  private worker: Worker | undefined;
  private broken: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (e: Extraction) => void; request: ExtractRequest }>();

  constructor(private readonly onProblem: (message: string) => void = () => undefined) {}

  /** The extraction of `text`; never rejects. */
  extract(text: string, language: Exclude<DocumentLanguage, 'markdown'>, companions: readonly string[] = []): Promise<Extraction> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve(extractDocument(text, language, undefined, companions));
    const request: ExtractRequest = { id: this.nextId++, text, language, companions };
    return new Promise((resolve) => {
      this.pending.set(request.id, { resolve, request });
      worker.postMessage(request);
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.broken = 'disposed';
    void worker?.terminate();
    this.failPending();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    const location = locateWorkerScript(__dirname, 'extract-worker.js', 'extract-worker.ts', 'extraction worker');
    if (typeof location === 'string') return this.fail(location);
    try {
      const worker = new Worker(location.file, { execArgv: location.execArgv });
      worker.unref();
      worker.on('message', (reply: ExtractReply) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        // An extractor that throws on the worker throws here too: the check reports it as it always did.
        waiting.resolve('error' in reply ? extractDocument(waiting.request.text, waiting.request.language, undefined, waiting.request.companions) : reply.extraction);
      });
      worker.on('error', (error) => this.fail(`extraction worker crashed: ${error.message}`));
      worker.on('exit', (code) => this.fail(`extraction worker exited (code ${code})`));
      this.worker = worker;
      return worker;
    } catch (error) {
      return this.fail(`cannot start the extraction worker: ${(error as Error).message}`);
    }
  }

  /** From now on extraction runs on this thread; what the worker had not answered is extracted here. */
  private fail(reason: string): undefined {
    if (!this.broken) {
      this.broken = reason;
      this.onProblem(`derivcheck: ${reason}; extracting on the server's thread`);
    }
    this.worker = undefined;
    this.failPending();
    return undefined;
  }

  private failPending(): void {
    for (const [id, { resolve, request }] of this.pending) {
      this.pending.delete(id);
      resolve(extractDocument(request.text, request.language, undefined, request.companions));
    }
  }
}


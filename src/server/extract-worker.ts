// The language server's extraction thread (dist/extract-worker.js): reads LaTeX documents and the
// comments of code files, whose extractors parse the whole text at once (a 2,000-line LaTeX
// document takes seconds), so that the server's own thread keeps answering meanwhile. Markdown is
// extracted on the server's thread, a run at a time (extract/chunks.ts). Plain data both ways.
import { parentPort } from 'node:worker_threads';
// The pipeline's extract half, not the engine's index: this bundle carries no checker.
import { extractDocument } from '../engine/pipeline/extract';
import type { ExtractReply, ExtractRequest } from './extractor';

parentPort?.on('message', ({ id, text, language, companions }: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    reply = { id, extraction: extractDocument(text, language, undefined, companions) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});

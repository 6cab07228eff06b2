/**
 * Wire format between prover.ts (main thread) and worker.ts.
 *
 * Requests travel by postMessage. Replies are written into a SharedArrayBuffer so the main
 * thread can block on them with Atomics.wait: an Int32 header followed by UTF-8 JSON.
 */

/** Int32 slots of the header. */
export const SLOT_STATE = 0;
export const SLOT_REPLY_ID = 1;
export const SLOT_LENGTH = 2;
const HEADER_INTS = 4;

/** Values of the state slot. */
export const STATE_EMPTY = 0; // nothing to read (main sets this before each request)
export const STATE_READY = 1; // worker loaded nerdamer and is waiting for requests
export const STATE_REPLY = 2; // a reply for SLOT_REPLY_ID is in the data area
export const STATE_FAILED = 3; // worker could not start; the data area holds { detail }

export const DATA_OFFSET = HEADER_INTS * 4;
export const DATA_BYTES = 16 * 1024;

export interface WorkerInit {
  buffer: SharedArrayBuffer;
}

export interface ProveRequest {
  id: number;
  left: string;
  right: string;
  timeoutMs: number;
  /** Let nerdamer abort itself (its TIMEOUT setting) before the main thread's hard deadline. */
  cooperative: boolean;
}

export interface WorkerReply {
  status: 'proved' | 'not-proved' | 'timeout' | 'error';
  detail?: string;
}

export function createBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(DATA_OFFSET + DATA_BYTES);
}

/** Worker side: write `reply`, publish it under `state`/`id`, wake the main thread. */
export function writeReply(buffer: SharedArrayBuffer, state: number, id: number, reply: WorkerReply): void {
  const header = new Int32Array(buffer, 0, HEADER_INTS);
  const data = new Uint8Array(buffer, DATA_OFFSET, DATA_BYTES);
  let json = JSON.stringify(reply);
  let bytes = new TextEncoder().encode(json);
  if (bytes.length > DATA_BYTES) {
    json = JSON.stringify({ ...reply, detail: (reply.detail ?? '').slice(0, 1000) + '…' });
    bytes = new TextEncoder().encode(json);
  }
  data.set(bytes);
  Atomics.store(header, SLOT_LENGTH, bytes.length);
  Atomics.store(header, SLOT_REPLY_ID, id);
  Atomics.store(header, SLOT_STATE, state);
  Atomics.notify(header, SLOT_STATE);
}

/** Main side: decode the JSON currently in the data area. */
export function readReply(buffer: SharedArrayBuffer): WorkerReply {
  const header = new Int32Array(buffer, 0, HEADER_INTS);
  const length = Atomics.load(header, SLOT_LENGTH);
  // TextDecoder refuses views on shared memory, so copy out first.
  const bytes = new Uint8Array(buffer, DATA_OFFSET, length).slice();
  return JSON.parse(new TextDecoder().decode(bytes)) as WorkerReply;
}

export function headerOf(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, HEADER_INTS);
}

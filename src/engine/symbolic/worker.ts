/**
 * Symbolic-prover worker (bundled to dist/symbolic-worker.js; run through tsx from sources).
 * Loads nerdamer-prime once, then answers ProveRequests arriving by postMessage; replies go
 * into the SharedArrayBuffer from workerData (see protocol.ts). The main thread may terminate
 * this worker at any moment, so it holds no state worth keeping.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hasHyperbolic, rewriteHyperbolic, validateExpression } from './grammar';
import {
  STATE_FAILED,
  STATE_READY,
  STATE_REPLY,
  writeReply,
  type ProveRequest,
  type WorkerInit,
  type WorkerReply,
} from './protocol';

type Nerdamer = typeof import('nerdamer-prime');

const { buffer } = workerData as WorkerInit;
const NO_TIMEOUT_MS = 2 ** 30;
const COOPERATIVE_SHARE = 0.8; // nerdamer gives up at 80% of the budget, before the hard kill
const WARM_UP_MS = 1000;
const WARM_UP = ['1/(1+exp(-z))*(1-1/(1+exp(-z)))', 'exp(-z)/(1+exp(-z))^2'] as const;

function loadNerdamer(): Nerdamer {
  // The "require" export of nerdamer-prime is nerdamer.core.js; Algebra.js (which itself loads
  // Calculus.js) registers simplify() on the same core instance.
  const nerdamer = require('nerdamer-prime') as Nerdamer;
  require('nerdamer-prime/Algebra');
  const core = nerdamer.getCore();
  // Defence in depth: Build.build is the only path to `new Function` (buildFunction, defint,
  // froot). None of the allowed functions needs it, so make it fail loudly.
  core.Build.build = () => {
    throw new Error('code generation is disabled in the symbolic worker');
  };
  return nerdamer;
}

interface Strategy {
  name: string;
  expression: string;
}

function strategies(left: string, right: string): Strategy[] {
  const diff = `(${left})-(${right})`;
  const list: Strategy[] = [
    { name: 'parse', expression: diff },
    { name: 'expand', expression: `expand(${diff})` },
  ];
  // nerdamer knows no identities between hyperbolic functions, so try their definitions first.
  if (hasHyperbolic(diff)) {
    const rewritten = rewriteHyperbolic(diff);
    list.push(
      { name: 'exp-rewrite+simplify(expand)', expression: `simplify(expand(${rewritten}))` },
      { name: 'exp-rewrite+simplify', expression: `simplify(${rewritten})` },
    );
  }
  list.push(
    { name: 'simplify', expression: `simplify(${diff})` },
    { name: 'simplify(expand)', expression: `simplify(expand(${diff}))` },
  );
  return list;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'timeout';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function prove(nerdamer: Nerdamer, request: ProveRequest): WorkerReply {
  const problem = validateExpression(request.left) ?? validateExpression(request.right);
  if (problem) return { status: 'error', detail: problem };
  const settings = nerdamer.getCore().Settings;
  const start = Date.now();
  const softDeadline = request.cooperative ? start + request.timeoutMs * COOPERATIVE_SHARE : Infinity;
  let residual: string | undefined;
  const failures: string[] = [];
  try {
    for (const strategy of strategies(request.left, request.right)) {
      const remaining = softDeadline - Date.now();
      if (remaining <= 0) return { status: 'timeout', detail: `nerdamer stopped itself after ${Date.now() - start} ms` };
      // nerdamer checks this budget while it builds symbols and throws Error('timeout').
      settings.TIMEOUT = Number.isFinite(remaining) ? Math.max(1, Math.floor(remaining)) : NO_TIMEOUT_MS;
      let text: string;
      try {
        text = nerdamer(strategy.expression).toString();
      } catch (error) {
        if (isTimeout(error)) {
          return { status: 'timeout', detail: `nerdamer stopped itself in ${strategy.name} after ${Date.now() - start} ms` };
        }
        // The plain difference must parse; later strategies may fail individually.
        if (strategy.name === 'parse') return { status: 'error', detail: `nerdamer: ${message(error)}` };
        failures.push(`${strategy.name}: ${message(error)}`);
        continue;
      }
      if (text === '0') return { status: 'proved', detail: strategy.name };
      residual ??= text;
    }
  } finally {
    settings.TIMEOUT = NO_TIMEOUT_MS;
    nerdamer.clear('all'); // nerdamer keeps every parsed expression in a history list
  }
  const tail = failures.length ? `; failed: ${failures.join('; ')}` : '';
  return { status: 'not-proved', detail: `difference stays ${(residual ?? '?').slice(0, 300)}${tail}` };
}

function main(): void {
  let nerdamer: Nerdamer;
  try {
    nerdamer = loadNerdamer();
    // Warm-up: the first simplify() calls in a fresh isolate run 2-4x slower (JIT), enough to
    // miss a 300 ms budget; pay that (about 0.3-1 s, capped) before announcing readiness.
    const warmUntil = Date.now() + WARM_UP_MS;
    for (let i = 0; i < 3 && Date.now() < warmUntil; i++) {
      prove(nerdamer, { id: 0, left: WARM_UP[0], right: WARM_UP[1], timeoutMs: WARM_UP_MS, cooperative: true });
    }
  } catch (error) {
    writeReply(buffer, STATE_FAILED, 0, { status: 'error', detail: `could not load nerdamer-prime: ${message(error)}` });
    return;
  }
  parentPort!.on('message', (request: ProveRequest) => {
    let reply: WorkerReply;
    try {
      reply = prove(nerdamer, request);
    } catch (error) {
      reply = { status: 'error', detail: `worker: ${message(error)}` };
    }
    writeReply(buffer, STATE_REPLY, request.id, reply);
  });
  writeReply(buffer, STATE_READY, 0, { status: 'proved' });
}

main();

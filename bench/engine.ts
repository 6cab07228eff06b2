// The in-process engine measurements, run by bench/run.js in fresh processes
// (`node --import tsx bench/engine.ts <mode> …`), so that no process-wide cache (the symbolic
// prover remembers its answers) carries over from one measurement to the next.
//
//   throughput <n> <seed> <out.json> [numeric]
//                                     check the three documents of the n-claim corpus once (wall
//                                     time of checkDocument per document), count agreement;
//                                     `numeric`: with the symbolic prover off
//   latency <n> <out.json>            each claim alone in a small document, its first check timed
//   peer <questions.json> <out.json>  the claims of the SymPy comparison, each alone, timed
//
// All use checkDocument with its defaults: seed 1, 16 sample points, the symbolic prover's 300 ms
// per step and its per-document budget. A warm-up on another corpus (seed 99) comes first: JIT,
// module initialisation and the prover worker's start-up are not counted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, type DocumentLanguage, type Finding } from '../src/engine';
import { shutdownProver } from '../src/engine/symbolic/prover';
import { generateCorpus, repetition, singleClaimDocument, PROBLEMS, Rng, type Claim, type Corpus } from './generator';
import { matchFindings, summarize } from './agreement';

export const OUT_DIR = path.join(__dirname, '.out');

function warmUp(): void {
  const warm = generateCorpus(100, 99);
  for (let i = 0; i < 2; i++) for (const f of warm.files) checkDocument(f.text, f.language as DocumentLanguage);
}

function countMix(corpus: Corpus) {
  const count = (key: (c: Claim) => string) => {
    const m: Record<string, number> = {};
    for (const c of corpus.claims) m[key(c)] = (m[key(c)] ?? 0) + 1;
    return m;
  };
  return { problem: count((c) => c.problem), notation: count((c) => c.notation), correct: count((c) => (c.correct ? 'correct' : 'wrong')) };
}

function throughput(n: number, seed: number, out: string, numericOnly: boolean): void {
  const options = numericOnly ? { symbolicTimeoutMs: 0 } : {};
  warmUp();
  const corpus = generateCorpus(n, seed);
  if (seed === 1) {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    for (const f of corpus.files) fs.writeFileSync(path.join(OUT_DIR, f.name), f.text);
  }
  const perFile: Record<string, number> = {};
  const verdicts = [];
  let ms = 0;
  for (const file of corpus.files) {
    const t0 = performance.now();
    const report = checkDocument(file.text, file.language as DocumentLanguage, options);
    const dt = performance.now() - t0;
    perFile[file.kind] = dt;
    ms += dt;
    verdicts.push(...matchFindings(corpus, file.kind, report.findings));
  }
  const agreement = summarize(verdicts);
  fs.writeFileSync(out, JSON.stringify({
    n, seed, numericOnly, ms, perFile,
    files: corpus.files.map((f) => ({ name: f.name, claims: corpus.claims.filter((c) => c.file === f.kind).length, bytes: Buffer.byteLength(f.text), lines: f.text.split('\n').length })),
    agreement: { ...agreement, disagreements: agreement.disagreements.slice(0, 20) },
    repetition: repetition(corpus),
    mix: countMix(corpus),
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
  }));
}

function checkAlone(corpus: Corpus, claim: Claim, numericOnly = false): { ms: number; finding?: Finding } {
  const doc = singleClaimDocument(corpus, claim);
  const t0 = performance.now();
  const report = checkDocument(doc.text, doc.language as DocumentLanguage, numericOnly ? { symbolicTimeoutMs: 0 } : {});
  const ms = performance.now() - t0;
  const finding = report.findings.find((f) => f.range.start >= doc.start && f.range.start < doc.start + claim.text.length);
  return { ms, ...(finding ? { finding } : {}) };
}

/** Every claim up to 1,000 claims, else a systematic sample of 1,000; the first check of each. */
function latency(n: number, out: string): void {
  warmUp();
  const corpus = generateCorpus(n, 1);
  const stride = Math.max(1, Math.floor(n / 1000));
  const samples: { problem: string; notation: string; ms: number }[] = [];
  for (let i = 0; i < corpus.claims.length; i += stride) {
    const claim = corpus.claims[i];
    samples.push({ problem: claim.problem, notation: claim.notation, ms: checkAlone(corpus, claim).ms });
  }
  fs.writeFileSync(out, JSON.stringify({ n, stride, samples }));
}

/** The claims of the SymPy comparison (ids of the 1,000-claim corpus, seed 1), each alone. */
function peer(questionsFile: string, out: string): void {
  const ids: number[] = JSON.parse(fs.readFileSync(questionsFile, 'utf8')).map((q: { id: number }) => q.id);
  const corpus = generateCorpus(1000, 1);
  warmUp();
  const results = ids.map((id) => {
    const claim = corpus.claims[id];
    const first = checkAlone(corpus, claim);
    const again: number[] = [];
    for (let r = 0; r < 5; r++) again.push(checkAlone(corpus, claim).ms);
    again.sort((a, b) => a - b);
    return { id, verdict: first.finding?.verdict ?? 'none', ms: first.ms, warmMs: again[2] };
  });
  // The same claims with the symbolic prover off (numeric verdicts only), median of three.
  for (const r of results) {
    const xs = [0, 1, 2].map(() => checkAlone(corpus, corpus.claims[r.id], true).ms).sort((a, b) => a - b);
    Object.assign(r, { numericMs: xs[1] });
  }
  fs.writeFileSync(out, JSON.stringify(results));
}

/**
 * The sample for the SymPy comparison, from the 1,000-claim corpus (seed 1): `count` claims, a
 * quarter per problem, 60 % correct, cycling through each problem's templates so every kind of
 * claim is represented.
 */
function questions(count: number, out: string): void {
  const corpus = generateCorpus(1000, 1);
  const rng = new Rng(2024);
  const picked: Claim[] = [];
  for (const problem of PROBLEMS) {
    const quota = Math.round(count / PROBLEMS.length);
    const wantCorrect = Math.round(quota * 0.6);
    for (const correct of [true, false]) {
      const want = correct ? wantCorrect : quota - wantCorrect;
      const pool = rng.shuffle(corpus.claims.filter((c) => c.problem === problem && c.correct === correct));
      const templates = rng.shuffle([...new Set(pool.map((c) => c.template))].sort());
      let t = 0;
      for (let taken = 0; taken < want && pool.length; t++) {
        const template = templates[t % templates.length];
        const at = pool.findIndex((c) => c.template === template);
        if (at < 0) {
          if (!pool.some((c) => templates.includes(c.template))) break;
          continue;
        }
        picked.push(pool.splice(at, 1)[0]);
        taken++;
      }
    }
  }
  fs.writeFileSync(out, JSON.stringify(picked.map((c) => ({
    id: c.id, problem: c.problem, notation: c.notation, correct: c.correct, template: c.template,
    ...(c.slip ? { slip: c.slip } : {}), text: c.text, ...c.sympy,
  }))));
}

function main(): void {
  const [mode, a, b, c] = process.argv.slice(2);
  if (mode === 'questions') questions(Number(a), b);
  else if (mode === 'throughput') throughput(Number(a), Number(b), c, process.argv[6] === 'numeric');
  else if (mode === 'latency') latency(Number(a), b);
  else if (mode === 'peer') peer(a, b);
  else throw new Error(`unknown mode ${mode}`);
  shutdownProver();
}

main();

#!/usr/bin/env node
// `npm run bench`: the benchmark suite. Prints a table, writes bench/results.md (with the machine
// and the date) and fills the summary table of README.md's "Benchmarks" section. It reports numbers
// and never fails a build: the exit code is 0 unless the script itself crashes.
//
//   1. Engine throughput, in-process, on generated corpora of 100, 1,000 and 10,000 claims
//      (bench/generator.ts; bench/engine.ts runs each measurement in a fresh process).
//   2. CLI wall time and peak RSS, one process each: examples/*, the 1,000- and 10,000-claim corpora.
//   3. SymPy on the same equivalence questions (bench/sympy_check.py), one python3 process.
//   4. Editor latency: read from bench/editor-latency.json (written by `npm run bench:editor`);
//      and hovers during bursts of 1,000 edits/s, on the language server alone (bench/server-burst.ts).
//   5. Size of the .vsix and of the bundles.
//   6. The real corpus (test/corpus/real, judged by hand): claims, decided %, false alarms per 1,000
//      claims, false verifications, real errors flagged (bench/corpus.ts).
//
// Options: --quick (100 and 1,000 claims, 3 repetitions, 16 SymPy claims), --sizes=100,1000,
// --no-sympy, --sympy-claims=48, --sympy-timeout=20 (seconds per claim), --package (build the .vsix
// with `npm run package` instead of packaging the current dist/), --no-readme.
'use strict';

const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(__dirname, '.out');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : fallback;
};
const QUICK = flag('quick');
const SIZES = option('sizes', QUICK ? '100,1000' : '100,1000,10000').split(',').map(Number);
const SYMPY_CLAIMS = Number(option('sympy-claims', QUICK ? 16 : 48));
const SYMPY_TIMEOUT_S = Number(option('sympy-timeout', 20));

const TARGETS = {
  sympyRatio: 500,
  cliWallS: 3,
  cliRssMB: 300,
  growthSlope: 1.1,
  vsixBytes: 1.5e6,
  activationMs: 150,
  editP95Ms: 150,
  burstHoverMs: 100,
};

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

function median(xs) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');
const mark = (ok) => (ok === undefined ? '' : ok ? '✓' : '✗');

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Run the engine harness in a fresh Node process (tsx compiles the TypeScript sources). */
function engine(mode, ...rest) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'engine.ts'), mode, ...rest.map(String)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`bench/engine.ts ${mode} failed (${r.status}): ${(r.stderr || '').slice(-2000)}`);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Machine

function machine() {
  const cpus = os.cpus();
  const git = (a) => {
    const r = spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  const status = git(['status', '--porcelain']);
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: status ? status.split('\n').filter(Boolean).length : 0,
    loadStart: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    date: new Date().toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Engine

function benchEngine() {
  const rows = [];
  for (const n of SIZES) {
    const reps = QUICK ? 3 : n >= 10000 ? 3 : n > 100 ? 5 : 9;
    const runs = [];
    for (let r = 0; r < reps; r++) {
      const out = path.join(OUT, `throughput-${n}-${r}.json`);
      engine('throughput', n, 1, out);
      runs.push(readJson(out));
      log(`engine N=${n} run ${r + 1}/${reps}: ${fmt(runs[r].ms)} ms`);
    }
    // The same corpus with the symbolic prover off: the numeric checks alone.
    const numericRuns = [];
    for (let r = 0; r < (n <= 100 && !QUICK ? 5 : 3); r++) {
      const out = path.join(OUT, `throughput-numeric-${n}-${r}.json`);
      engine('throughput', n, 1, out, 'numeric');
      numericRuns.push(readJson(out).ms);
    }
    log(`engine N=${n}, prover off: ${numericRuns.map((x) => fmt(x)).join(', ')} ms`);
    const latencyFile = path.join(OUT, `latency-${n}.json`);
    engine('latency', n, latencyFile);
    const latency = readJson(latencyFile);
    const ms = latency.samples.map((s) => s.ms);
    const byProblem = {};
    for (const p of ['mlp', 'ridge', 'batchnorm', 'batchnorm-mean']) {
      const xs = latency.samples.filter((s) => s.problem === p).map((s) => s.ms);
      if (xs.length) byProblem[p] = { n: xs.length, p50: median(xs), p95: percentile(xs, 95) };
    }
    const totalMs = median(runs.map((r) => r.ms));
    const first = runs[0];
    rows.push({
      n,
      files: first.files,
      reps,
      runsMs: runs.map((r) => r.ms),
      medianMs: totalMs,
      perFileMs: Object.fromEntries(Object.keys(first.perFile).map((k) => [k, median(runs.map((r) => r.perFile[k]))])),
      claimsPerSecond: n / (totalMs / 1000),
      msPerClaim: totalMs / n,
      numeric: { runsMs: numericRuns, medianMs: median(numericRuns), msPerClaim: median(numericRuns) / n },
      heapMB: median(runs.map((r) => r.heapMB)),
      latency: { sampled: ms.length, stride: latency.stride, p50: median(ms), p95: percentile(ms, 95), max: Math.max(...ms), byProblem },
      agreement: first.agreement,
      repetition: first.repetition,
      mix: first.mix,
    });
    log(`engine N=${n}: ${fmt(n / (totalMs / 1000))} claims/s, per claim alone p50 ${fmt(median(ms), 1)} ms, p95 ${fmt(percentile(ms, 95), 1)} ms, agreement ${first.agreement.agree}/${first.agreement.total}`);
  }
  // Growth: slope of log(time) against log(N) (1 is linear), and time per claim at the largest N vs the smallest.
  let growth;
  if (rows.length >= 2) {
    const xs = rows.map((r) => Math.log(r.n));
    const ys = rows.map((r) => Math.log(r.medianMs));
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const small = rows[0];
    const large = rows[rows.length - 1];
    const ysNumeric = rows.map((r) => Math.log(r.numeric.medianMs));
    const myN = ysNumeric.reduce((a, b) => a + b) / ysNumeric.length;
    const slopeNumeric = xs.reduce((s, x, i) => s + (x - mx) * (ysNumeric[i] - myN), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    growth = {
      slope, perClaimRatio: large.msPerClaim / small.msPerClaim, from: small.n, to: large.n,
      slopeNumeric, perClaimRatioNumeric: large.numeric.msPerClaim / small.numeric.msPerClaim,
    };
  }
  return { rows, growth };
}

// ---------------------------------------------------------------------------------------------
// 2. CLI

function measureCli(label, files, claims, reps) {
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const taskset = which('taskset');
  const runs = [];
  for (let r = 0; r < reps; r++) {
    const bin = path.join(ROOT, 'bin', 'derivcheck.js');
    let cmd;
    const rssFile = path.join(OUT, 'rss.txt');
    if (timeBin) cmd = [timeBin, '-f', '%e %M %U %S', '-o', rssFile, process.execPath, bin, 'check', ...files];
    else cmd = [process.execPath, '-e', RSS_WRAPPER, rssFile, bin, 'check', ...files];
    if (taskset) cmd = [taskset, '-c', '0', ...cmd];
    const t0 = performance.now();
    const result = spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    const wall = (performance.now() - t0) / 1000;
    if (result.status !== 0 && result.status !== 1) throw new Error(`CLI failed on ${label} (exit ${result.status}): ${(result.stderr || '').slice(-500)}`);
    const [, rssKB, user, sys] = fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
    const summary = /(\d+) claims? in (\d+) files?: (\d+) verified, (\d+) mismatch, (\d+) unparsed, (\d+) unsupported/.exec(result.stdout);
    runs.push({ wall, rssMB: rssKB / 1024, cpu: user + sys, summary: summary ? summary[0] : undefined });
  }
  return {
    label,
    files: files.map((f) => path.relative(ROOT, f)),
    claims,
    reps,
    pinned: Boolean(taskset),
    rssTool: timeBin ? '/usr/bin/time' : 'process.resourceUsage().maxRSS',
    wallS: median(runs.map((r) => r.wall)),
    wallRuns: runs.map((r) => r.wall),
    cpuS: median(runs.map((r) => r.cpu)),
    rssMB: median(runs.map((r) => r.rssMB)),
    summary: runs[0].summary,
  };
}

// Without /usr/bin/time: run the CLI inside this wrapper process and read its peak RSS from
// process.resourceUsage().maxRSS when it exits.
const RSS_WRAPPER = `
const [out, cli, ...rest] = process.argv.slice(1);
const t0 = Date.now();
process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeFileSync(out, ((Date.now() - t0) / 1000) + ' ' + u.maxRSS + ' ' + (u.userCPUTime / 1e6) + ' ' + (u.systemCPUTime / 1e6) + '\\n');
});
process.argv = [process.argv[0], cli, ...rest];
require(cli);
`;

function benchCli(engineRows) {
  const rows = [];
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).sort().map((f) => path.join(ROOT, 'examples', f));
  for (const file of examples) {
    const row = measureCli(path.relative(ROOT, file), [file], undefined, 3);
    const claims = /^(\d+) claims?/.exec(row.summary ?? '');
    rows.push({ ...row, claims: claims ? Number(claims[1]) : undefined });
  }
  for (const n of SIZES.filter((x) => x >= 1000)) {
    const files = ['md', 'py', 'tex'].map((k) => path.join(OUT, `claims-${n}.${k}`));
    if (!files.every((f) => fs.existsSync(f))) continue;
    rows.push(measureCli(`${fmt(n)}-claim corpus (3 files, one process)`, files, engineRows.find((r) => r.n === n)?.files.reduce((s, f) => s + f.claims, 0), 3));
  }
  for (const r of rows) log(`CLI ${r.label}: ${fmt(r.wallS, 2)} s wall, ${fmt(r.cpuS, 2)} s CPU, ${fmt(r.rssMB)} MB`);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 3. SymPy

function sympyAvailable() {
  const python = which('python3');
  if (!python) return { skip: 'python3 is not on PATH' };
  const r = spawnSync(python, [path.join(__dirname, 'sympy_check.py'), '--version'], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `SymPy is not installed for ${python} (apt-get install python3-sympy, or pip install sympy)` };
  return { python, version: r.stdout.trim() };
}

function runSympy(python, questionsFile) {
  return new Promise((resolve, reject) => {
    const questions = fs.readFileSync(questionsFile, 'utf8');
    const count = JSON.parse(questions).length;
    const child = spawn(python, [path.join(__dirname, 'sympy_check.py'), String(SYMPY_TIMEOUT_S)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = 0;
    child.stdout.on('data', (d) => {
      stdout += d;
      const lines = stdout.split('\n').filter(Boolean).length;
      if (lines !== done) {
        done = lines;
        if (done % 8 === 0 || done === count) log(`SymPy: ${done}/${count} claims`);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    // A hard stop in case SIGALRM cannot interrupt a claim (e.g. inside C code).
    const killer = setTimeout(() => child.kill('SIGKILL'), (count * (SYMPY_TIMEOUT_S + 5) + 120) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      const results = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      if (!results.length && code !== 0) reject(new Error(`sympy_check.py failed (${code}): ${stderr.slice(-1000)}`));
      else resolve({ results, stderr: code === 0 ? '' : stderr.slice(-1000) });
    });
    child.stdin.end(questions);
  });
}

async function benchSympy() {
  const available = sympyAvailable();
  if (available.skip) {
    log(`SymPy comparison skipped: ${available.skip}`);
    return { skipped: available.skip };
  }
  const questionsFile = path.join(OUT, 'sympy-questions.json');
  engine('questions', SYMPY_CLAIMS, questionsFile);
  const questions = readJson(questionsFile);
  const dcFile = path.join(OUT, 'sympy-derivcheck.json');
  engine('peer', questionsFile, dcFile);
  const dc = new Map(readJson(dcFile).map((r) => [r.id, r]));
  log(`SymPy ${available.version}: ${questions.length} claims, ${SYMPY_TIMEOUT_S} s limit each`);
  const { results, stderr } = await runSympy(available.python, questionsFile);
  const sp = new Map(results.map((r) => [r.id, r]));
  const claims = questions.map((q) => {
    const d = dc.get(q.id);
    const s = sp.get(q.id) ?? { verdict: 'not run', ms: 0 };
    const dcDecided = d.verdict === 'verified' || d.verdict === 'mismatch';
    const spDecided = s.verdict === 'equal' || s.verdict === 'different';
    return {
      id: q.id, problem: q.problem, notation: q.notation, template: q.template, correct: q.correct, slip: q.slip, text: q.text,
      derivcheck: { verdict: d.verdict, ms: d.ms, warmMs: d.warmMs, numericMs: d.numericMs, decided: dcDecided, right: dcDecided && (d.verdict === 'verified') === q.correct },
      sympy: { verdict: s.verdict, ms: s.ms, decided: spDecided, right: spDecided && (s.verdict === 'equal') === q.correct, detail: s.detail },
    };
  });
  const side = (key) => {
    const xs = claims.map((c) => c[key]);
    const decided = xs.filter((x) => x.decided);
    const total = xs.reduce((s, x) => s + x.ms, 0);
    return {
      claims: xs.length,
      decided: decided.length,
      right: xs.filter((x) => x.right).length,
      totalMs: total,
      msPerDecided: decided.length ? total / decided.length : NaN,
      msMeanOfDecided: decided.length ? decided.reduce((t, x) => t + x.ms, 0) / decided.length : NaN,
      medianMs: median(xs.map((x) => x.ms)),
      timeouts: xs.filter((x) => x.verdict === 'timeout').length,
      errors: xs.filter((x) => x.verdict === 'error').length,
    };
  };
  const byProblem = {};
  for (const p of ['mlp', 'ridge', 'batchnorm', 'batchnorm-mean']) {
    const cs = claims.filter((c) => c.problem === p);
    const dcMs = cs.reduce((s, c) => s + c.derivcheck.ms, 0);
    const spMs = cs.reduce((s, c) => s + c.sympy.ms, 0);
    byProblem[p] = {
      claims: cs.length,
      derivcheck: { right: cs.filter((c) => c.derivcheck.right).length, msPerDecided: dcMs / Math.max(1, cs.filter((c) => c.derivcheck.decided).length) },
      sympy: { right: cs.filter((c) => c.sympy.right).length, decided: cs.filter((c) => c.sympy.decided).length, timeouts: cs.filter((c) => c.sympy.verdict === 'timeout').length, msPerDecided: spMs / Math.max(1, cs.filter((c) => c.sympy.decided).length) },
    };
  }
  const derivcheck = side('derivcheck');
  const sympy = side('sympy');
  const out = {
    version: available.version, timeoutS: SYMPY_TIMEOUT_S, derivcheck, sympy,
    ratio: sympy.msPerDecided / derivcheck.msPerDecided,
    ratioDecidedOnly: sympy.msMeanOfDecided / derivcheck.msMeanOfDecided,
    byProblem, claims, stderr,
  };
  log(`SymPy: ${fmt(sympy.msPerDecided)} ms per decided claim (${sympy.decided}/${sympy.claims} decided, ${sympy.right} right); derivcheck ${fmt(derivcheck.msPerDecided, 1)} ms (${derivcheck.right} right); ratio ${fmt(out.ratio)}×`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// 4. Editor latency (measured by `npm run bench:editor`)

function editorLatency() {
  const file = path.join(__dirname, 'editor-latency.json');
  if (!fs.existsSync(file)) return undefined;
  try {
    return readJson(file);
  } catch (e) {
    return { error: String(e) };
  }
}

/** Hovers while 1,000 edits/s arrive: fresh servers (the bundle), each through 10 bursts (bench/server-burst.ts). */
function benchServerBurst() {
  const rounds = QUICK ? 2 : 5;
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'server-burst.ts'), String(rounds)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DERIVCHECK_LSP_BUNDLE: '1' },
    maxBuffer: 16 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`bench/server-burst.ts failed (${r.status}): ${(r.stderr || '').slice(-2000)}`);
  const out = JSON.parse(r.stdout);
  const stats = (hovers) => {
    const ms = hovers.map((h) => h.ms);
    return { n: hovers.length, answered: hovers.filter((h) => !h.modified).length, p50: median(ms), p95: percentile(ms, 95), max: Math.max(...ms) };
  };
  return { ...out, all: stats(out.hovers), firstBurst: stats(out.hovers.filter((h) => h.burst === 0)), laterBursts: stats(out.hovers.filter((h) => h.burst > 0)) };
}

// ---------------------------------------------------------------------------------------------
// 5. Size

function benchSize() {
  const size = (f) => (fs.existsSync(f) ? fs.statSync(f).size : undefined);
  const out = {
    extension: size(path.join(ROOT, 'dist', 'extension.js')),
    server: size(path.join(ROOT, 'dist', 'server.js')),
    worker: size(path.join(ROOT, 'dist', 'symbolic-worker.js')),
    report: size(path.join(ROOT, 'dist', 'report.js')),
    cli: size(path.join(ROOT, 'dist', 'cli.js')),
  };
  try {
    if (flag('package')) {
      const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr.slice(-500));
      const pkg = readJson(path.join(ROOT, 'package.json'));
      out.vsix = size(path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
      out.vsixHow = '`npm run package`';
    } else {
      out.vsix = stageVsix();
      out.vsixHow = 'vsce package of the current dist/ (the files `npm run package` ships, without rebuilding)';
    }
  } catch (e) {
    out.vsixError = String(e.message || e).slice(0, 300);
  }
  log(`size: .vsix ${fmt(out.vsix)} B, extension.js ${fmt(out.extension)} B, server.js ${fmt(out.server)} B`);
  return out;
}

/**
 * Package the current dist/ as `npm run package` would, in a staging folder, without rebuilding
 * (vsce runs the vscode:prepublish build; the staged package.json drops that script). The staged
 * files are those .vscodeignore lets through.
 */
function stageVsix() {
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!fs.existsSync(vsce)) throw new Error('@vscode/vsce is not installed');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/ is not built (npm run build)');
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'derivcheck-vsix-'));
  try {
    const copy = (rel) => {
      const from = path.join(ROOT, rel);
      if (!fs.existsSync(from)) return;
      fs.mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true });
      fs.cpSync(from, path.join(stage, rel), { recursive: true });
    };
    // All of dist/ and media/: .vscodeignore (an allow-list) decides what vsce packs, as in `npm run package`.
    for (const rel of ['dist', 'media', 'README.md', 'LICENSE', '.vscodeignore']) copy(rel);
    const pkg = readJson(path.join(ROOT, 'package.json'));
    delete pkg.scripts['vscode:prepublish'];
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(pkg, null, 2));
    const target = path.join(stage, 'out.vsix');
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', target], { cwd: stage, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vsce failed: ${(r.stderr || r.stdout).slice(-500)}`);
    return fs.statSync(target).size;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** The real corpus scored against its truth files (bench/corpus.ts, one process). */
function benchCorpus() {
  log('real corpus');
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'corpus.ts')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) return { error: (run.stderr || `exit ${run.status}`).slice(0, 500) };
  return JSON.parse(run.stdout);
}

// ---------------------------------------------------------------------------------------------
// Report

function summaryRows(r) {
  const rows = [];
  const e = r.engine;
  if (e?.rows?.length) {
    for (const row of e.rows) {
      rows.push([`engine, ${fmt(row.n)} claims`, `${fmt(row.claimsPerSecond)} claims/s (${fmt(row.msPerClaim, 2)} ms/claim); one claim alone: p50 ${fmt(row.latency.p50, 1)} ms, p95 ${fmt(row.latency.p95, 1)} ms; ${row.agreement.agree}/${row.agreement.total} intended verdicts`, '', '']);
    }
    if (e.growth) {
      rows.push(['growth', `time ∝ N^${fmt(e.growth.slope, 2)}; ms/claim at ${fmt(e.growth.to)} ÷ at ${fmt(e.growth.from)} = ${fmt(e.growth.perClaimRatio, 2)} (prover off: N^${fmt(e.growth.slopeNumeric, 2)}, ratio ${fmt(e.growth.perClaimRatioNumeric, 2)})`, `linear (exponent ≤ ${TARGETS.growthSlope})`, mark(e.growth.slope <= TARGETS.growthSlope && e.growth.slopeNumeric <= TARGETS.growthSlope)]);
    }
  } else if (e?.error) rows.push(['engine', `error: ${e.error}`, '', '']);
  const s = r.sympy;
  if (s?.skipped) rows.push(['vs SymPy', `skipped: ${s.skipped}`, `≥ ${TARGETS.sympyRatio}× faster, ≥ as many right`, '']);
  else if (s?.error) rows.push(['vs SymPy', `error: ${s.error}`, '', '']);
  else if (s) {
    const ok = s.ratio >= TARGETS.sympyRatio && s.derivcheck.right >= s.sympy.right;
    rows.push([
      'vs SymPy, per decided claim',
      `derivcheck ${fmt(s.derivcheck.msPerDecided, 1)} ms, SymPy ${fmt(s.sympy.msPerDecided)} ms: ${fmt(s.ratio)}× faster (${fmt(s.ratioDecidedOnly)}× counting only the time of decided claims); right verdicts ${s.derivcheck.right}/${s.derivcheck.claims} vs ${s.sympy.right}/${s.sympy.claims} (SymPy undecided: ${s.sympy.timeouts} timeouts, ${s.sympy.errors} errors)`,
      `≥ ${TARGETS.sympyRatio}×, ≥ as many right`,
      mark(ok),
    ]);
  }
  for (const c of r.cli ?? []) {
    const big = /corpus/.test(c.label) && c.claims >= 10000;
    rows.push([`CLI, ${c.label}`, `${fmt(c.wallS, 2)} s wall (${fmt(c.cpuS, 2)} s CPU), ${fmt(c.rssMB)} MB`, big ? `< ${TARGETS.cliWallS} s, < ${TARGETS.cliRssMB} MB` : '', big ? mark(c.wallS < TARGETS.cliWallS && c.rssMB < TARGETS.cliRssMB) : '']);
  }
  if (r.cliError) rows.push(['CLI', `error: ${r.cliError}`, '', '']);
  const ed = r.editor;
  if (ed && !ed.error) {
    rows.push(['activation', `${fmt(ed.activationMs)} ms`, `< ${TARGETS.activationMs} ms`, mark(ed.activationMs < TARGETS.activationMs)]);
    const e2d = ed.editToDiagnostics ?? {};
    rows.push(['edit → diagnostics, 2,000 lines', `p50 ${fmt(e2d.p50)} ms, p95 ${fmt(e2d.p95)} ms over ${e2d.n} edits (after the debounce; measured ${(ed.date || '').slice(0, 10)})`, `p95 < ${TARGETS.editP95Ms} ms`, mark(e2d.p95 < TARGETS.editP95Ms)]);
  } else {
    rows.push(['editor latency', 'not measured in this run (`npm run bench:editor` writes bench/editor-latency.json)', `activation < ${TARGETS.activationMs} ms; p95 < ${TARGETS.editP95Ms} ms`, '']);
  }
  const b = r.burst;
  if (b?.error) rows.push(['hovers during 1,000 edits/s', `error: ${b.error}`, '', '']);
  else if (b) {
    rows.push([
      'hovers during 1,000 edits/s (language server)',
      `p50 ${fmt(b.all.p50)} ms, p95 ${fmt(b.all.p95)} ms, max ${fmt(b.all.max)} ms over ${b.all.n} hovers, ${b.all.answered} answered (not ContentModified); after the first burst max ${fmt(b.laterBursts.max)} ms`,
      `< ${TARGETS.burstHoverMs} ms`,
      mark(b.all.max < TARGETS.burstHoverMs),
    ]);
  }
  const k = r.corpus;
  if (k?.error) rows.push(['real corpus', `error: ${k.error}`, '', '']);
  else if (k) {
    rows.push([
      `real corpus, ${k.documents} documents`,
      `${fmt(k.findings)} claims, ${fmt((100 * k.decided) / k.findings, 1)} % decided; ${fmt((1000 * k.falseAlarms) / k.findings, 1)} false alarms per 1,000 claims (${k.falseAlarms}); ${k.falseVerified} false verifications; ${k.realErrorsFlagged} of ${k.realErrors} real errors flagged`,
      '0 false alarms, 0 false verifications, every real error',
      mark(k.falseAlarms === 0 && k.falseVerified === 0 && k.realErrorsFlagged === k.realErrors),
    ]);
  }
  const z = r.size;
  if (z) {
    rows.push(['.vsix', z.vsix ? `${fmt(z.vsix / 1e6, 2)} MB (${fmt(z.vsix)} bytes)` : `error: ${z.vsixError}`, '< 1.5 MB', z.vsix ? mark(z.vsix < TARGETS.vsixBytes) : '']);
    rows.push(['bundles', `dist/extension.js ${fmt((z.extension ?? NaN) / 1e3)} kB, dist/server.js ${fmt((z.server ?? NaN) / 1e3)} kB`, '', '']);
  }
  return rows;
}

function table(rows) {
  return ['| figure | measured | target | |', '|---|---|---|---|', ...rows.map((r) => `| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');
}

function resultsMarkdown(r) {
  const m = r.machine;
  const lines = [];
  lines.push('# Benchmark results', '');
  lines.push(`Written by \`npm run bench\` (bench/run.js) on ${m.date.slice(0, 19).replace('T', ' ')} UTC.`, '');
  lines.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}. Commit ${m.commit ?? '?'}${m.dirty ? ` with ${m.dirty} uncommitted changes` : ''}. Load average at the start ${m.loadStart}, at the end ${m.loadEnd} (other work on the machine makes timings noisier; each figure is a median of repeated runs).`, '');
  lines.push('## Summary', '', table(summaryRows(r)), '');

  const e = r.engine;
  if (e?.rows?.length) {
    lines.push('## 1. Engine throughput', '');
    lines.push('Generated corpora (bench/generator.ts): each N-claim corpus is three documents, a Markdown file holding LaTeX math and Unicode prose claims, a Python file with ASCII claims in comments and a `.tex` document; a quarter of the claims in each notation, the four problems (mlp, ridge, batchnorm, batchnorm-mean) in sections with their `derivcheck: model=… k=/n=/d=/m=` directive (and, for batchnorm in Markdown and LaTeX, a given batch), about two thirds correct. Claims vary by index, size (k = 2..5, n×d, m = 3..5), batch, equivalent rewriting (factor order, σ written out, e^{−z} forms, expanded ŷ and sums, ∂L/∂ŷ as −2(y−ŷ), 2(ŷ−y) or 2ŷ−2y, three forms of the ridge gradient, normal-equation and push-through minimizers), symbol spelling (ŷ, y_pred, yhat, …) and, for wrong claims, the slip (sign, factor, wrong index, σ for σ′, missing factor x or C_i, 1/(m−1), missing √, missing mean term, last digit, shapes…).', '');
    lines.push('Measured in-process with `checkDocument` and its defaults (seed 1, 16 sample points, the symbolic prover with its 300 ms per step and per-document budget), each run in a fresh Node process after a warm-up on another corpus, so that no process-wide cache (the prover remembers its answers) carries over between runs. Throughput = N ÷ the wall time of checking the three documents (median of the runs). Per-claim latency: each claim checked alone in a small document (its section header, then the claim; first check of it in the process), every claim of the 100- and 1,000-claim corpora and a systematic sample of 1,000 claims of the 10,000-claim corpus; this includes per-document costs (extraction, directives, the prover for that claim) that a long document amortizes.', '');
    lines.push('| N | files (claims) | runs (ms) | median (min) | claims/s | ms/claim | prover off: runs (ms), ms/claim | one claim alone p50 / p95 / max (ms) | heap after (MB) | intended verdicts | distinct claim texts |', '|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of e.rows) {
      lines.push(`| ${fmt(row.n)} | ${row.files.map((f) => `${f.name} (${fmt(f.claims)})`).join(', ')} | ${row.runsMs.map((x) => fmt(x)).join(', ')} | ${fmt(row.medianMs)} ms (${fmt(Math.min(...row.runsMs))}) | ${fmt(row.claimsPerSecond)} | ${fmt(row.msPerClaim, 2)} | ${row.numeric.runsMs.map((x) => fmt(x)).join(', ')}; ${fmt(row.numeric.msPerClaim, 2)} | ${fmt(row.latency.p50, 1)} / ${fmt(row.latency.p95, 1)} / ${fmt(row.latency.max, 1)} | ${fmt(row.heapMB)} | ${row.agreement.agree}/${row.agreement.total} | ${fmt(row.repetition.distinctTexts)} (${fmt((100 * row.repetition.distinctTexts) / row.repetition.claims)} %); with context ${fmt((100 * row.repetition.distinctInContext) / row.repetition.claims)} % |`);
    }
    lines.push('');
    lines.push('"Prover off" is the same corpus checked with `symbolicTimeoutMs: 0` (numeric verdicts only; verdicts are the same, the symbolic proof being extra evidence): the difference is the time spent in the symbolic prover, which is capped per document (so it weighs most on small documents). "Heap after" is V8\'s heap in use after checking the three documents (garbage not yet collected included).', '');
    const last = e.rows[e.rows.length - 1];
    lines.push(`Per document at N = ${fmt(last.n)} (median ms): ${Object.entries(last.perFileMs).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}. Per-claim latency by problem at N = ${fmt(last.n)} (p50 / p95 ms): ${Object.entries(last.latency.byProblem).map(([k, v]) => `${k} ${fmt(v.p50, 1)} / ${fmt(v.p95, 1)}`).join(', ')}.`, '');
    if (e.growth) lines.push(`Growth: fitting time ∝ N^a over N = ${e.rows.map((x) => fmt(x.n)).join(', ')} gives a = ${fmt(e.growth.slope, 2)} (prover off: ${fmt(e.growth.slopeNumeric, 2)}); time per claim at ${fmt(e.growth.to)} claims is ${fmt(e.growth.perClaimRatio, 2)}× the time per claim at ${fmt(e.growth.from)} (prover off: ${fmt(e.growth.perClaimRatioNumeric, 2)}×). An exponent at or below 1 means no superlinear cost; below 1, fixed costs per document (warm-up of the document's structures, the prover's per-document budget) are spread over more claims.`, '');
    lines.push('Agreement: a correct claim should be `verified`, a wrong one `mismatch`.', '');
    lines.push('| N | correct → verified | wrong → mismatch | verdicts | claims without a finding |', '|---|---|---|---|---|');
    for (const row of e.rows) {
      const a = row.agreement;
      lines.push(`| ${fmt(row.n)} | ${a.correctVerified}/${a.correctTotal} | ${a.wrongMismatch}/${a.wrongTotal} | ${Object.entries(a.byVerdict).map(([k, v]) => `${k} ${v}`).join(', ')} | ${a.missing} |`);
    }
    lines.push('');
    const dis = e.rows.flatMap((row) => row.agreement.disagreements.map((d) => ({ n: row.n, ...d })));
    if (dis.length) {
      lines.push('Claims that did not get their intended verdict (first ones):', '');
      for (const d of dis.slice(0, 15)) lines.push(`- N=${d.n}, ${d.problem}/${d.notation}, ${d.template}${d.slip ? ` (slip: ${d.slip})` : ''}: \`${d.text}\` → ${d.verdict}: ${d.message}`);
      lines.push('');
    }
    lines.push(`Mix at N = ${fmt(last.n)}: ${Object.entries(last.mix.problem).map(([k, v]) => `${k} ${v}`).join(', ')}; ${Object.entries(last.mix.notation).map(([k, v]) => `${k} ${v}`).join(', ')}; ${Object.entries(last.mix.correct).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
    lines.push(`Repetition: at N = ${fmt(last.n)}, ${fmt(last.repetition.distinctTexts)} of ${fmt(last.repetition.claims)} claim texts are distinct (whitespace-normalized), ${fmt(last.repetition.distinctInContext)} distinct with their section context (model, sizes, batch); a repeated text mostly is a short claim such as \`∂L/∂β = ∑_j ∂L/∂y_j\` or a ridge gradient form. Each run checks each document once, with no cache shared between documents (checkDocument without a CheckCache), so repetition does not short-cut the numeric checks; the symbolic prover's process-wide memory of its answers is reused within a run.`, '');
  } else if (e?.error) lines.push('## 1. Engine throughput', '', `error: ${e.error}`, '');

  lines.push('## 2. CLI', '');
  if (r.cli?.length) {
    lines.push(`One \`node bin/derivcheck.js check …\` process per row (dist/cli.js), ${r.cli[0].pinned ? 'pinned to one core with `taskset -c 0`' : 'not pinned (taskset not found)'}; wall time measured around the process, peak RSS with ${r.cli[0].rssTool}; median of ${r.cli[0].reps} runs. The exit code is 1 when a document has a mismatch, as here.`, '');
    lines.push('| input | claims | wall (s) | CPU user+sys (s) | peak RSS (MB) | runs (s) | CLI summary |', '|---|---|---|---|---|---|---|');
    for (const c of r.cli) lines.push(`| ${c.label} | ${c.claims ? fmt(c.claims) : ''} | ${fmt(c.wallS, 2)} | ${fmt(c.cpuS, 2)} | ${fmt(c.rssMB)} | ${c.wallRuns.map((x) => fmt(x, 2)).join(', ')} | ${c.summary ?? ''} |`);
    lines.push('');
  } else lines.push(r.cliError ? `error: ${r.cliError}` : 'not run', '');

  lines.push('## 3. SymPy on the same questions', '');
  const s = r.sympy;
  if (s?.skipped) lines.push(`Skipped: ${s.skipped}. Install SymPy with \`apt-get install python3-sympy\` or \`pip install sympy\`.`, '');
  else if (s?.error) lines.push(`error: ${s.error}`, '');
  else if (s) {
    lines.push(`A sample of ${s.claims.length} claims of the 1,000-claim corpus (a quarter per problem, 60 % correct, cycling through each problem's kinds of claim). SymPy ${s.version}, one python3 process (bench/sympy_check.py; start-up and a warm-up claim not counted): for each claim it builds the model in symbols (Problem 1 with the section's k: x, y, A_i, b_i, C_i, d, σ(t) = 1/(1+e^{−t}), L = (y − ŷ)²; ridge with A an n×d matrix of symbols; batchnorm with the given batch or a batch of symbols; mean-only batchnorm in symbols), takes the model's quantity (\`diff(L, C_2)\`, the gradient, the minimizer by LUsolve of the normal equations, …) and the claim's right side in its ASCII form, and decides \`simplify(lhs − rhs) == 0\` (element-wise for vectors; a decimal answer is equal within half a unit of its last place, derivcheck's rule; a shape error counts as "different"), with a ${s.timeoutS} s limit per claim (a timeout is undecided). derivcheck: each claim alone in a small document, in the notation it was generated in, checked in-process (the first check of it in a fresh process, after a warm-up on other claims). Time per decided claim = all the time spent on the sample ÷ the claims decided.`, '');
    lines.push('| tool | time per decided claim | mean time of a decided claim | median per claim | decided | right verdicts | timeouts | errors |', '|---|---|---|---|---|---|---|---|');
    lines.push(`| derivcheck | ${fmt(s.derivcheck.msPerDecided, 2)} ms | ${fmt(s.derivcheck.msMeanOfDecided, 2)} ms | ${fmt(s.derivcheck.medianMs, 2)} ms | ${s.derivcheck.decided}/${s.derivcheck.claims} | ${s.derivcheck.right} | ${s.derivcheck.timeouts} | ${s.derivcheck.errors} |`);
    lines.push(`| SymPy | ${fmt(s.sympy.msPerDecided)} ms | ${fmt(s.sympy.msMeanOfDecided)} ms | ${fmt(s.sympy.medianMs)} ms | ${s.sympy.decided}/${s.sympy.claims} | ${s.sympy.right} | ${s.sympy.timeouts} | ${s.sympy.errors} |`);
    const numericTotal = s.claims.reduce((t, c) => t + (c.derivcheck.numericMs ?? NaN), 0);
    lines.push('', `Ratio (SymPy ÷ derivcheck, time per decided claim): **${fmt(s.ratio)}×**; counting only the time spent on decided claims (leaving out SymPy's timeouts): ${fmt(s.ratioDecidedOnly)}×. The same claims checked again in the warm process take derivcheck a median of ${fmt(median(s.claims.map((c) => c.derivcheck.warmMs)), 2)} ms; with the symbolic prover off (numeric verdicts only, the same verdicts) ${fmt(numericTotal / s.claims.length, 2)} ms per claim on average (${fmt(s.sympy.msPerDecided / (numericTotal / s.claims.length))}× faster than SymPy per decided claim).`, '');
    lines.push('| problem | claims | derivcheck right | derivcheck ms/decided | SymPy right | SymPy decided | SymPy timeouts | SymPy ms/decided |', '|---|---|---|---|---|---|---|---|');
    for (const [p, v] of Object.entries(s.byProblem)) lines.push(`| ${p} | ${v.claims} | ${v.derivcheck.right} | ${fmt(v.derivcheck.msPerDecided, 1)} | ${v.sympy.right} | ${v.sympy.decided} | ${v.sympy.timeouts} | ${fmt(v.sympy.msPerDecided)} |`);
    lines.push('');
    lines.push('<details><summary>Every claim of the sample</summary>', '', '| # | problem | claim | truth | derivcheck | ms | SymPy | ms |', '|---|---|---|---|---|---|---|---|');
    for (const c of s.claims) lines.push(`| ${c.id} | ${c.problem} | \`${c.text.replace(/\|/g, '\\|')}\` | ${c.correct ? 'correct' : `wrong (${c.slip})`} | ${c.derivcheck.verdict} | ${fmt(c.derivcheck.ms, 1)} | ${c.sympy.verdict}${c.sympy.detail ? ` (${c.sympy.detail.replace(/\|/g, '\\|')})` : ''} | ${fmt(c.sympy.ms)} |`);
    lines.push('', '</details>', '');
  }

  lines.push('## 4. Editor latency', '');
  const ed = r.editor;
  if (ed && !ed.error) {
    lines.push(`From bench/editor-latency.json, written by \`npm run bench:editor\` (the integration harness: ${ed.vscode ?? 'VS Code'}, headless Chromium) on ${ed.date ?? '?'}${ed.machine ? ` (${ed.machine.cpu}, ${ed.machine.cores} cores)` : ''}; not re-measured by \`npm run bench\`.`, '');
    lines.push(`- activation: ${fmt(ed.activationMs, 1)} ms (target < ${TARGETS.activationMs} ms)`);
    const e2d = ed.editToDiagnostics ?? {};
    lines.push(`- edit → diagnostics on a ${ed.document ? `${fmt(ed.document.lines)}-line document with ${fmt(ed.document.claims)} claims` : '2,000-line document'}: p50 ${fmt(e2d.p50, 1)} ms, p95 ${fmt(e2d.p95, 1)} ms over ${e2d.n} edits${e2d.debounceMs !== undefined ? ` (debounce ${e2d.debounceMs} ms subtracted)` : ''} (target p95 < ${TARGETS.editP95Ms} ms)`);
    if (ed.firstCheckMs !== undefined) lines.push(`- first check of that document: ${fmt(ed.firstCheckMs)} ms`);
    if (ed.hoverDuringFirstCheck) lines.push(`- a hover during the first check answered in ${fmt(ed.hoverDuringFirstCheck.ms)} ms`);
    lines.push('');
  } else lines.push('Not measured in this run: `npm run bench:editor` measures activation and edit → diagnostics in the real VS Code of the integration harness and writes bench/editor-latency.json, which `npm run bench` then includes.', '');
  const b = r.burst;
  if (b && !b.error) {
    lines.push(`Hovers while 1,000 edits arrive within a second (bench/server-burst.ts): ${b.rounds} fresh language servers (${b.server}), each opened on a 600-line, 120-claim Markdown document and sent ${b.bursts} bursts of ${b.perBurst} edits ${b.burstMs} ms apart, with a hover in the middle of each burst and one after it. Round trips as the client sees them (target < ${TARGETS.burstHoverMs} ms):`, '');
    for (const [label, s] of [['all', b.all], ['first burst (a server that has just checked the document)', b.firstBurst], ['bursts 2–10', b.laterBursts]]) {
      lines.push(`- ${label}: p50 ${fmt(s.p50, 1)} ms, p95 ${fmt(s.p95, 1)} ms, max ${fmt(s.max, 1)} ms; ${s.answered} of ${s.n} answered for real`);
    }
    lines.push('');
  } else if (b?.error) lines.push(`Hovers during bursts: error: ${b.error}`, '');

  lines.push('## 5. Size', '');
  const z = r.size;
  if (z) {
    lines.push(`- .vsix: ${z.vsix ? `${fmt(z.vsix)} bytes (${fmt(z.vsix / 1e6, 2)} MB), ${z.vsixHow}` : `error: ${z.vsixError}`} (target < 1.5 MB)`);
    for (const [k, f] of [['extension', 'dist/extension.js (the main bundle)'], ['server', 'dist/server.js (the language server)'], ['worker', 'dist/symbolic-worker.js'], ['report', 'dist/report.js (report panel)'], ['cli', 'dist/cli.js (CLI, not in the .vsix)']]) {
      if (z[k] !== undefined) lines.push(`- ${f}: ${fmt(z[k])} bytes`);
    }
    lines.push('');
  }
  lines.push(`Total bench time: ${fmt(r.totalS)} s.`, '');
  return lines.join('\n');
}

function updateReadme(r) {
  const file = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = '<!-- bench:summary:start -->';
  const end = '<!-- bench:summary:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return false;
  const m = r.machine;
  const body = `\n${table(summaryRows(r))}\n\n_${m.date.slice(0, 10)}, ${m.cpu}, ${m.cores} cores, Node ${m.node}; details in [bench/results.md](bench/results.md)._\n`;
  fs.writeFileSync(file, text.slice(0, a + start.length) + body + text.slice(b));
  return true;
}

async function main() {
  const t0 = performance.now();
  fs.mkdirSync(OUT, { recursive: true });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    log('dist/ is not built: npm run build');
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const r = { machine: machine() };
  log(`${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, load ${r.machine.loadStart}`);
  try {
    r.engine = benchEngine();
  } catch (e) {
    r.engine = { error: String(e.message || e).slice(0, 500) };
    log(`engine: ${r.engine.error}`);
  }
  try {
    r.cli = benchCli(r.engine.rows ?? []);
  } catch (e) {
    r.cliError = String(e.message || e).slice(0, 500);
    log(`CLI: ${r.cliError}`);
  }
  if (flag('no-sympy')) r.sympy = { skipped: 'disabled with --no-sympy' };
  else {
    try {
      r.sympy = await benchSympy();
    } catch (e) {
      r.sympy = { error: String(e.message || e).slice(0, 500) };
      log(`SymPy: ${r.sympy.error}`);
    }
  }
  r.editor = editorLatency();
  try {
    r.burst = benchServerBurst();
  } catch (e) {
    r.burst = { error: String(e.message || e).slice(0, 500) };
    log(`server burst: ${r.burst.error}`);
  }
  r.size = benchSize();
  r.corpus = benchCorpus();
  r.machine.loadEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  r.totalS = (performance.now() - t0) / 1000;
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(r, null, 1));
  fs.writeFileSync(path.join(__dirname, 'results.md'), resultsMarkdown(r));
  const readme = flag('no-readme') ? false : updateReadme(r);
  console.log(`\nDerivation Checker benchmark — ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.date}\n`);
  console.log(table(summaryRows(r)));
  console.log(`\nDetails: bench/results.md${readme ? '; README.md summary table updated' : ''}. (${fmt(r.totalS)} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

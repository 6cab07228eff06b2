#!/usr/bin/env node
// Behaviour snapshot: `derivcheck check --format json` over every fixture and example, one CLI
// process per file, with timings taken out. A refactoring must leave the snapshot byte-identical.
//
//   node scripts/json-snapshot.js write DIR     write one .json per input into DIR
//   node scripts/json-snapshot.js compare DIR   run again and diff against DIR (exit 1 on a difference)
//
// Timings are the only thing removed. Besides the durations, that is the symbolic prover's whole
// outcome: whether a step is proved, times out or is skipped depends on wall-clock budgets (300 ms a
// proof, 500 ms a document), so the `symbolic` evidence and the message's "; proved symbolically"
// are dropped. Verdicts never depend on the prover; test/engine/symbolic tests it on its own.
'use strict';
const { execFile } = require('child_process');
const fs = require('fs');
const path = require('path');
const { globSync } = require('tinyglobby');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'bin', 'derivcheck.js');
const TIMING_KEYS = new Set(['symbolic']);
const PROVER_SUFFIX = '; proved symbolically';

function inputs() {
  return globSync(['test/**/fixtures/**/*', 'examples/**/*'], { cwd: root, onlyFiles: true }).sort();
}

function withoutTimings(value) {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, inner] of Object.entries(value)) if (!TIMING_KEYS.has(key)) out[key] = withoutTimings(inner);
    return out;
  }
  return typeof value === 'string' ? value.replace(PROVER_SUFFIX, '') : value;
}

function snapshotOf(file) {
  return new Promise((resolve) => {
    // --claim-budget 0: a claim's verdict must not depend on how busy the machine is.
    execFile(process.execPath, [cli, 'check', file, '--format', 'json', '--claim-budget', '0'], { cwd: root, maxBuffer: 1 << 28 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      let body;
      try {
        body = JSON.stringify(withoutTimings(JSON.parse(stdout)), null, 2);
      } catch {
        body = stdout;
      }
      resolve(`exit ${code}\nstderr:\n${stderr}\nstdout:\n${body}\n`);
    });
  });
}

async function mapLimited(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

const nameOf = (file) => file.replace(/[\\/]/g, '__') + '.txt';

async function main() {
  const [mode, dir] = process.argv.slice(2);
  if (!['write', 'compare'].includes(mode) || !dir) {
    console.error('usage: node scripts/json-snapshot.js write|compare DIR');
    process.exit(2);
  }
  const files = inputs();
  const snapshots = await mapLimited(files, 2, snapshotOf);
  if (mode === 'write') {
    fs.mkdirSync(dir, { recursive: true });
    files.forEach((file, i) => fs.writeFileSync(path.join(dir, nameOf(file)), snapshots[i]));
    console.log(`wrote ${files.length} snapshots to ${dir}`);
    return;
  }
  const expectedNames = new Set(fs.readdirSync(dir));
  let differ = 0;
  files.forEach((file, i) => {
    const name = nameOf(file);
    expectedNames.delete(name);
    const expectedPath = path.join(dir, name);
    if (!fs.existsSync(expectedPath)) {
      console.log(`new      ${file}`);
      differ++;
    } else if (fs.readFileSync(expectedPath, 'utf8') !== snapshots[i]) {
      console.log(`differs  ${file}`);
      fs.writeFileSync(path.join(dir, name + '.actual'), snapshots[i]);
      differ++;
    }
  });
  for (const name of expectedNames) if (!name.endsWith('.actual')) {
    console.log(`missing  ${name}`);
    differ++;
  }
  console.log(`${files.length} inputs, ${differ} differ`);
  process.exit(differ ? 1 : 0);
}

main();

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function derivcheck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function fixture(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const CORRECT = '# ok\n\n$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$\n';
const WRONG = 'Answer:\n\n$$\n\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)\n$$\n';

describe('derivcheck check (CLI): LaTeX notation from files beside the document', () => {
  it('uses the macros of a local package or input file the document loads, and only those', () => {
    const path = fixture('defs.sty', '\\newcommand{\\vw}{w}\n\\newcommand{\\sq}[1]{{#1}^2}\n');
    const homework = join(path, '..', 'hw.tex');
    writeFileSync(homework, '\\documentclass{article}\n\\usepackage{amsmath,defs}\n% \\input{missing}\n\\begin{document}\n$\\frac{d}{d\\vw} \\sq{\\vw} = 2\\vw$ and $\\frac{d}{d\\vw} \\sq{\\vw} = 3\\vw$\n\\end{document}\n');
    const { code, stdout } = derivcheck('check', '--format', 'json', homework);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout).files[0].claims.map((c: { verdict: string }) => c.verdict), ['verified', 'mismatch']);
    // Without the package beside it, the notation is unknown: not decided, and the reason says so.
    const alone = fixture('hw.tex', '\\usepackage{defs}\n$\\frac{d}{d\\vw} \\sq{\\vw} = 2\\vw$\n');
    const [claim] = JSON.parse(derivcheck('check', '--format', 'json', alone).stdout).files[0].claims;
    assert.equal(claim.verdict, 'unsupported');
    assert.match(claim.message, /unknown command \\vw \(if the document defines it, the definition is not where the checker can see it\)/);
  });
});

describe('derivcheck check (CLI)', () => {
  it('exits 0 and prints a summary when every claim holds', () => {
    const { code, stdout } = derivcheck('check', fixture('ok.md', CORRECT));
    assert.equal(code, 0);
    assert.match(stdout, /^✓ 1 claim in 1 file: 1 verified, 0 mismatch, 0 unparsed, 0 unsupported \(\d+ ms\)$/m);
  });

  it('--claim-budget: a claim past it is unsupported, too complex to check in time; the next claim is still checked', () => {
    // A sum to 10^9 cannot finish in 150 ms; the quick claim after it must not be charged for it (150,
    // not 50: a cold process on a busy machine can spend 50 ms on the first claim's compilation alone).
    const text = '$\\frac{\\partial L}{\\partial d} = \\sum_{j=1}^{10^9} j$\n\n$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$\n';
    const { code, stdout } = derivcheck('check', '--claim-budget', '150', '--format', 'json', fixture('heavy.md', text));
    assert.equal(code, 0);
    const claims = JSON.parse(stdout).files[0].claims as { verdict: string; code?: string; message?: string }[];
    assert.deepEqual(claims.map((f) => f.verdict), ['unsupported', 'verified'], JSON.stringify(claims.map((f) => f.message)));
    assert.equal(claims[0].code, 'too-complex');
    assert.equal(claims[0].message, 'too complex to check in time (over 150 ms)');
    const bad = derivcheck('check', '--claim-budget', 'soon', fixture('ok.md', CORRECT));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--claim-budget must be a non-negative integer, not 'soon'/);
  });

  it('exits 1 and prints path:line:col, verdict, target and diagnosis for a mismatch', () => {
    const path = fixture('wrong.md', WRONG);
    const { code, stdout } = derivcheck('check', path);
    assert.equal(code, 1);
    const first = stdout.split('\n')[0];
    assert.ok(first.startsWith(`${path}:4:1  mismatch     ∂L/∂d: sign error`), first);
  });

  it('writes the stable JSON schema', () => {
    const path = fixture('wrong.md', WRONG);
    const { code, stdout } = derivcheck('check', path, '--format', 'json', '--seed', '3');
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(report.summary, { verified: 0, mismatch: 1, unparsed: 0, unsupported: 0 });
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, path);
    const [claim] = report.files[0].claims;
    assert.deepEqual(
      { line: claim.line, column: claim.column, endLine: claim.endLine, endColumn: claim.endColumn, text: claim.text, verdict: claim.verdict, target: claim.target },
      { line: 4, column: 1, endLine: 4, endColumn: 46, text: '\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)', verdict: 'mismatch', target: '∂L/∂d' },
    );
    assert.match(claim.message, /^sign error/);
    assert.equal(claim.evidence.diagnosis, 'sign');
    assert.equal(claim.evidence.method, 'numeric');
    assert.ok(claim.evidence.counterexample.values.k >= 2);
  });

  it('reports a missing file in one line on stderr, checks the others, and exits 2', () => {
    const good = fixture('ok.md', CORRECT);
    const { code, stdout, stderr } = derivcheck('check', 'does-not-exist.md', good);
    assert.equal(code, 2);
    assert.equal(stderr, 'derivcheck: does-not-exist.md: no such file\n');
    assert.match(stdout, /1 claim in 1 file: 1 verified/);
  });

  it('exits 2 with a usage hint for bad arguments', () => {
    for (const args of [[], ['check'], ['check', '--format', 'xml', 'a.md'], ['frobnicate'], ['check', '--seed', 'x', 'a.md']]) {
      const { code, stderr } = derivcheck(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^derivcheck: .+\nRun 'derivcheck --help' for usage\.\n$/, args.join(' '));
    }
  });

  it('prints help', () => {
    const { code, stdout } = derivcheck('--help');
    assert.equal(code, 0);
    assert.match(stdout, /Usage: derivcheck check <paths…>/);
  });

  it('checks the Markdown cells of a notebook, located by cell index and line', () => {
    const notebook = {
      cells: [
        { cell_type: 'markdown', source: ['<!-- derivcheck: model=mlp -->\n', '$\\delta = -2(y - \\hat y)$'] },
        { cell_type: 'code', source: ['x = 1  # $a = b$ is not checked in code cells'] },
        { cell_type: 'markdown', source: ['Then\n', '$\\frac{\\partial L}{\\partial d} = -\\delta$\n'] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const path = fixture('homework.ipynb', JSON.stringify(notebook, null, 1));
    const text = derivcheck('check', path);
    assert.equal(text.code, 1);
    assert.ok(text.stdout.startsWith(`${path}[cell 2]:2:2  mismatch     ∂L/∂d: sign error`), text.stdout);
    const json = JSON.parse(derivcheck('check', path, '--format', 'json').stdout);
    const [claim] = json.files[0].claims;
    assert.deepEqual([claim.cell, claim.line, claim.column, claim.verdict], [2, 2, 2, 'mismatch']);
  });

  it('reports a file that is not a notebook in one line and exits 2', () => {
    const { code, stderr } = derivcheck('check', fixture('broken.ipynb', '{"cells": '));
    assert.equal(code, 2);
    assert.match(stderr, /^derivcheck: .*broken\.ipynb: not a notebook: invalid JSON/);
  });

  it('checks the worked example and flags exactly its three mistakes', () => {
    const { code, stdout } = derivcheck('check', 'examples/problem1.md', '--format', 'json');
    assert.equal(code, 1);
    const claims = JSON.parse(stdout).files[0].claims as { line: number; verdict: string; evidence: { diagnosis?: string } }[];
    const mismatches = claims.filter((c) => c.verdict === 'mismatch').map((c) => [c.line, c.evidence.diagnosis]);
    assert.deepEqual(mismatches, [[48, 'factor'], [57, 'other-gradient'], [65, 'ascent']]);
    assert.ok(claims.every((c) => c.verdict === 'verified' || c.verdict === 'mismatch'));
    assert.ok(claims.length >= 18);
  });
});

describe('derivcheck check: LaTeX, code and notebooks', () => {
  it('checks a .tex file with its macros expanded and flags exactly its three slips', () => {
    const { code, stdout } = derivcheck('check', 'examples/problem1.tex', '--format', 'json');
    assert.equal(code, 1);
    const claims = JSON.parse(stdout).files[0].claims as { line: number; verdict: string; evidence: { diagnosis?: string } }[];
    assert.deepEqual(
      claims.filter((c) => c.verdict === 'mismatch').map((c) => c.line),
      [32, 53, 60],
    );
    assert.ok(claims.filter((c) => c.verdict === 'verified').length >= 10);
    assert.ok(claims.every((c) => c.verdict === 'verified' || c.verdict === 'mismatch'));
  });

  it('checks the comments of a .py file and locates the claim inside its comment', () => {
    const { code, stdout } = derivcheck('check', 'examples/problem1.py');
    assert.equal(code, 1);
    assert.match(stdout, /^examples\/problem1\.py:31:11  mismatch     dL\/dA_i: /m);
    assert.match(stdout, /5 claims in 1 file: 4 verified, 1 mismatch, 0 unparsed, 0 unsupported/);
  });

  it('reads other languages by extension: // comments in .js, % comments in .m', () => {
    const js = fixture('grad.js', 'function gradD(y, yHat) {\n  // dL/dd = 2 * (y_hat - y)\n  return 2 * (yHat - y); // "// dL/dd = 0" in a string is not a claim\n}\n');
    const matlab = fixture('grad.m', 'function g = grad_d(y, yhat)\n  % dL/dd = 2*(y - yhat)\n  g = -2*(y - yhat);\nend\n');
    const { code, stdout } = derivcheck('check', js, matlab);
    assert.equal(code, 1);
    assert.ok(stdout.includes(`${matlab}:2:5  mismatch     dL/dd: sign error`), stdout);
    assert.match(stdout, /2 claims in 2 files: 1 verified, 1 mismatch/);
  });

  it('checks Unicode prose claims in a notebook\'s Markdown cells', () => {
    const notebook = {
      cells: [
        { cell_type: 'markdown', source: ['## Problem 1\n', 'So ∂L/∂d = −2(y − ŷ).\n'] },
        { cell_type: 'code', source: ['# dL/dd = 0  (code cells are not read)\n'] },
        { cell_type: 'markdown', source: ['Then ∂L/∂C_i = −2(y − ŷ)σ′(z_i)\n'] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const path = fixture('unicode.ipynb', JSON.stringify(notebook));
    const { code, stdout } = derivcheck('check', path);
    assert.equal(code, 1);
    assert.ok(stdout.startsWith(`${path}[cell 2]:1:6  mismatch     ∂L/∂C_i: `), stdout);
    assert.match(stdout, /2 claims in 1 file: 1 verified, 1 mismatch/);
  });
});

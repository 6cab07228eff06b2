// `derivcheck check` over what graders point it at (issue 6): directories, globs, stdin, files that
// cannot be read, files too large or binary, and text in odd encodings. Every input that is not
// checked gets one line on stderr naming it and why, the others are still checked, and the exit
// code is then 2. Big files are generated here, in the OS's temp directory.
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function derivcheck(args: string[], options: { input?: string | Buffer; asUser?: number } = {}): Run {
  const spawnOptions: SpawnSyncOptions = {
    cwd: ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...(options.asUser !== undefined ? { HOME: tmpdir() } : {}) },
    maxBuffer: 64 * 2 ** 20,
    ...(options.asUser !== undefined ? { uid: options.asUser, gid: options.asUser } : {}),
  };
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], spawnOptions);
  if (result.error) throw result.error;
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const tempDirs: string[] = [];
// The 50 MB file among them.
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory that any user may read (the unreadable-file test runs the CLI as another user). */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-inputs-'));
  chmodSync(dir, 0o755);
  tempDirs.push(dir);
  return dir;
}

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const WRONG_MD = 'Answer:\n\n$\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)$\n';
const WRONG_CLAIM = '\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)';
const WRONG_PY = 'def grad(y, y_hat):\n    # dL/dd = 2*(y - y_hat)\n    return 0\n';

interface JsonClaim {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  verdict: string;
}
interface JsonReport {
  files: { path: string; claims: JsonClaim[]; warnings?: string[] }[];
  summary: Record<string, number>;
  skipped: { path: string; reason: string }[];
}

function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

describe('derivcheck check: directories, globs and stdin', function () {
  this.timeout(60_000);

  it('walks a directory: every checkable file, sorted; hidden directories, node_modules and other files skipped', () => {
    const dir = tempDir();
    const a = write(dir, 'a.md', WRONG_MD);
    const b = write(dir, 'sub/deeper/b.py', WRONG_PY);
    const c = write(dir, 'sub/C.TEX', `$${WRONG_CLAIM}$\n`);
    write(dir, '.hidden/h.md', WRONG_MD);
    write(dir, 'node_modules/pkg/readme.md', WRONG_MD);
    write(dir, '.git/notes.md', WRONG_MD);
    write(dir, 'notes.txt', WRONG_MD);
    write(dir, 'figure.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    symlinkSync(dir, join(dir, 'sub', 'loop')); // a link to a parent is not followed
    const run = derivcheck(['check', dir, '--format', 'json']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    const report = json(run);
    assert.deepEqual(report.files.map((f) => f.path), [a, c, b].sort());
    assert.deepEqual(report.summary, { verified: 0, mismatch: 3, unparsed: 0, unsupported: 0 });
    assert.deepEqual(report.skipped, []);
  });

  it('a directory with nothing to check, and a glob that matches nothing: one line each, the rest is checked, exit 2', () => {
    const dir = tempDir();
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    write(empty, 'notes.txt', 'nothing here');
    const good = write(dir, 'ok.md', '$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$\n');
    const pattern = join(dir, 'nowhere', '**', '*.md');
    const run = derivcheck(['check', empty, pattern, good]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `derivcheck: ${empty}: no Markdown, LaTeX, notebook or code files in this directory (see --help for the extensions)\n` +
        `derivcheck: ${pattern}: no files match this pattern\n`,
    );
    // Not a ✓: something asked for was not checked.
    assert.match(run.stdout, /^✗ 1 claim in 1 file: 1 verified, 0 mismatch, 0 unparsed, 0 unsupported; 2 inputs not checked \(\d+ ms\)$/m);
  });

  it('expands a quoted glob itself (as on Windows), sorted, without node_modules; a file named like a glob is that file', () => {
    const dir = tempDir();
    const one = write(dir, 'hw/one.md', WRONG_MD);
    const two = write(dir, 'hw/deep/two.md', WRONG_MD);
    write(dir, 'hw/three.py', WRONG_PY);
    write(dir, 'hw/node_modules/x.md', WRONG_MD);
    const literal = write(dir, 'odd[1].md', WRONG_MD);
    const run = derivcheck(['check', join(dir, 'hw', '**', '*.md'), literal, '--format', 'json']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    assert.deepEqual(json(run).files.map((f) => f.path), [two, one, literal]);
    // Relative patterns give relative paths, as the shell would.
    const relative = derivcheck(['check', 'examples/*.py', '--format', 'json']);
    assert.deepEqual(json(relative).files.map((f) => f.path), ['examples/problem1.py']);
  });

  it('reads - from stdin, as Markdown by default, located as <stdin>', () => {
    const run = derivcheck(['check', '-'], { input: WRONG_MD });
    assert.equal(run.code, 1);
    assert.ok(run.stdout.startsWith('<stdin>:3:2  mismatch     ∂L/∂d: sign error'), run.stdout);
    const report = json(derivcheck(['check', '-', '--format', 'json'], { input: WRONG_MD }));
    assert.equal(report.files[0].path, '<stdin>');
    assert.deepEqual(report.files[0].claims.map((c) => [c.line, c.column, c.endColumn]), [[3, 2, 2 + WRONG_CLAIM.length]]);
  });

  it('reads stdin as the language --language names (an id or an extension), notebooks too', () => {
    const py = derivcheck(['check', '-', '--language', 'python'], { input: WRONG_PY });
    assert.ok(py.stdout.startsWith('<stdin>:2:7  mismatch     dL/dd: sign error'), py.stdout);
    const tex = derivcheck(['check', '-', '--language', 'tex'], { input: `% derivcheck: model=mlp\n\\[ ${WRONG_CLAIM} \\]\n` });
    assert.ok(tex.stdout.startsWith('<stdin>:2:4  mismatch     ∂L/∂d: sign error'), tex.stdout);
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: ['x = 1'] }, { cell_type: 'markdown', source: [WRONG_MD] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const nb = derivcheck(['check', '-', '--language', 'ipynb'], { input: notebook });
    assert.ok(nb.stdout.startsWith('<stdin>[cell 1]:3:2  mismatch'), nb.stdout);
    // As Markdown, the same Python is prose with no claim in it.
    assert.match(derivcheck(['check', '-'], { input: WRONG_PY }).stdout, /0 claims in 1 file/);
  });

  it('rejects a bad --language or --max-size as a usage error', () => {
    for (const args of [['--language', 'cobol'], ['--max-size', '0'], ['--max-size=-3']]) {
      const run = derivcheck(['check', '-', ...args], { input: WRONG_MD });
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /^derivcheck: --(language|max-size) must be .+\nRun 'derivcheck --help' for usage\.\n$/, args.join(' '));
    }
  });
});

describe('derivcheck check: inputs that cannot be read', function () {
  this.timeout(60_000);

  it('a missing file, a path through a file, a symlink loop, a dangling link and a FIFO: one line each, in order; the rest is checked', () => {
    const dir = tempDir();
    const good = write(dir, 'good.md', WRONG_MD);
    const loop = join(dir, 'loop.md');
    symlinkSync(join(dir, 'loop2.md'), loop);
    symlinkSync(loop, join(dir, 'loop2.md'));
    const dangling = join(dir, 'dangling.md');
    symlinkSync(join(dir, 'gone.md'), dangling);
    const fifo = join(dir, 'pipe.md');
    const mkfifo = spawnSync('mkfifo', [fifo]);
    assert.equal(mkfifo.status, 0, 'mkfifo works here');
    const missing = join(dir, 'missing.md');
    const throughFile = join(good, 'x.md');
    // A FIFO is never opened: reading one with no writer would block forever.
    const run = derivcheck(['check', missing, throughFile, loop, dangling, fifo, good, '--format', 'json']);
    assert.equal(run.code, 2);
    const expected = [
      [missing, 'no such file'],
      [throughFile, 'no such file (a part of the path is not a directory)'],
      [loop, 'too many levels of symbolic links (a symlink loop)'],
      [dangling, 'no such file'],
      [fifo, 'skipped: not a regular file (a pipe, socket or device)'],
    ];
    assert.equal(run.stderr, expected.map(([path, reason]) => `derivcheck: ${path}: ${reason}\n`).join(''));
    const report = json(run);
    assert.deepEqual(report.skipped, expected.map(([path, reason]) => ({ path, reason })));
    assert.deepEqual(report.files.map((f) => f.path), [good]);
    assert.equal(report.summary.mismatch, 1);
  });

  it('a file without read permission: "permission denied" (run as an unprivileged user, since root reads anything)', function () {
    const dir = tempDir();
    const good = write(dir, 'good.md', WRONG_MD);
    const secret = write(dir, 'secret.md', WRONG_MD);
    chmodSync(secret, 0o000);
    // As root, chmod 000 does not stop a read: run the CLI as `nobody` (65534), for whom it does.
    const asUser = process.getuid?.() === 0 ? 65534 : undefined;
    if (asUser === undefined && process.platform === 'win32') this.skip();
    const run = derivcheck(['check', secret, good], { asUser });
    assert.equal(run.stderr, `derivcheck: ${secret}: permission denied\n`);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /1 claim in 1 file: 0 verified, 1 mismatch, 0 unparsed, 0 unsupported; 1 input not checked/);
  });

  it('skips a 50 MB file before reading it, with the size and the limit; --max-size raises the limit', () => {
    const dir = tempDir();
    const big = write(dir, 'big.md', Buffer.alloc(50 * 2 ** 20, 'lorem ipsum dolor sit amet\n'));
    const small = write(dir, 'small.md', `${WRONG_MD}${'x'.repeat(2000)}\n`);
    const run = derivcheck(['check', big, small]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `derivcheck: ${big}: skipped: 50.0 MB is above the 5 MB limit (--max-size)\n`);
    assert.match(run.stdout, /1 claim in 1 file: 0 verified, 1 mismatch/);
    // A limit below the small file (2 KB): it is skipped too, and so is stdin above it.
    const tight = derivcheck(['check', small, '-', '--max-size', '0.001', '--format', 'json'], { input: `${WRONG_MD}${'y'.repeat(3000)}` });
    assert.equal(tight.code, 2);
    assert.deepEqual(json(tight).skipped, [
      { path: small, reason: 'skipped: 2.0 KB is above the 0.001 MB limit (--max-size)' },
      { path: '<stdin>', reason: 'skipped: 3.0 KB is above the 0.001 MB limit (--max-size)' },
    ]);
    const raised = derivcheck(['check', big, '--max-size', '60']);
    assert.equal(raised.stderr, '');
    assert.equal(raised.code, 0);
    assert.match(raised.stdout, /0 claims in 1 file/);
  });

  it('skips a binary file (a NUL in its first 8 KB), whatever its extension', () => {
    const dir = tempDir();
    const png = write(dir, 'figure.md', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(WRONG_MD)]));
    const late = write(dir, 'late-nul.md', Buffer.concat([Buffer.from(`${'a'.repeat(9000)}\n\n${WRONG_MD}`), Buffer.from([0])]));
    const run = derivcheck(['check', png, late]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `derivcheck: ${png}: skipped: binary file\n`);
    // A NUL past the first 8 KB does not make a text file binary; its claims are checked.
    assert.ok(run.stdout.startsWith(`${late}:5:2  mismatch`), run.stdout);
    const stdin = derivcheck(['check', '-'], { input: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]) });
    assert.equal(stdin.stderr, 'derivcheck: <stdin>: skipped: binary file\n');
    assert.equal(stdin.code, 2);
  });

  it('a notebook whose JSON is not an object: "not a notebook", exit 2, the rest checked', () => {
    const dir = tempDir();
    const nb = write(dir, 'null.ipynb', 'null');
    const good = write(dir, 'good.md', WRONG_MD);
    const run = derivcheck(['check', nb, good]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `derivcheck: ${nb}: not a notebook: no "cells" array\n`);
    assert.match(run.stdout, /1 claim in 1 file/);
  });
});

describe('derivcheck check: encodings and line ends', function () {
  this.timeout(60_000);

  it('invalid UTF-8: read with U+FFFD, a warning names the first bad byte, and the claims are checked', () => {
    const dir = tempDir();
    // A U+FFFD written in the file (EF BF BD) is not an error; the 0xFF byte after it is.
    const head = Buffer.from(`Intro \uFFFD ok\n\n$${WRONG_CLAIM}$\n\nbad `);
    const path = write(dir, 'latin1.md', Buffer.concat([head, Buffer.from([0xff, 0xfe]), Buffer.from(' byte\n')]));
    const run = derivcheck(['check', path, '--format', 'json']);
    assert.equal(run.stderr, `derivcheck: ${path}: invalid UTF-8 at byte ${head.length} (line 5, column 5), read with U+FFFD\n`);
    assert.equal(run.code, 1);
    const [file] = json(run).files;
    assert.deepEqual(file.warnings, [`invalid UTF-8 at byte ${head.length} (line 5, column 5), read with U+FFFD`]);
    assert.deepEqual(file.claims.map((c) => [c.line, c.column, c.verdict]), [[3, 2, 'mismatch']]);
  });

  it('UTF-16 with a byte order mark (LE and BE): decoded, said so, and the same findings as the UTF-8 file', () => {
    const dir = tempDir();
    const text = `Intro\n\n$${WRONG_CLAIM}$ and $\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$\n`;
    const utf8 = write(dir, 'utf8.md', text);
    const le = write(dir, 'le.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = write(dir, 'be.md', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    // A lone high surrogate before the last line.
    const broken = write(dir, 'broken.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('x\n', 'utf16le')]));
    const run = derivcheck(['check', utf8, le, be, broken, '--format', 'json']);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      [`${le}: read as UTF-16LE (byte order mark)`, `${be}: read as UTF-16BE (byte order mark)`, `${broken}: read as UTF-16LE (byte order mark)`, `${broken}: invalid UTF-16 at line 4, column 1, read with U+FFFD`].map((w) => `derivcheck: ${w}\n`).join(''),
    );
    const claims = json(run).files.map((f) => f.claims.map((c) => [c.line, c.column, c.verdict]));
    assert.deepEqual(claims[0], [[3, 2, 'mismatch'], [3, 2 + WRONG_CLAIM.length + 7, 'verified']]);
    for (const other of claims.slice(1)) assert.deepEqual(other, claims[0]);
  });

  it('a UTF-8 BOM, CRLF line ends, tabs and combining characters: the same lines and columns as the plain file', () => {
    const dir = tempDir();
    const lines = [`$${WRONG_CLAIM}$`, '', 'Then\t$\\frac{\\partial L}{\\partial b_i}\t=\t-2(y - y\u0302) C_i \\sigma\'(z_i)$ holds.', '', '$$', '\\frac{\\partial L}{\\partial d}', '= 2(y - \\hat y)', '$$', ''];
    const plain = write(dir, 'plain.md', lines.join('\n'));
    const bom = write(dir, 'bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\n'))]));
    const crlf = write(dir, 'crlf.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'))]));
    const run = derivcheck(['check', plain, bom, crlf, '--format', 'json']);
    assert.equal(run.stderr, '');
    const [p, b, c] = json(run).files.map((f) => f.claims.map((claim) => [claim.line, claim.column, claim.endLine, claim.endColumn, claim.verdict]));
    assert.deepEqual(p, [
      [1, 2, 1, 2 + WRONG_CLAIM.length, 'mismatch'],
      [3, 7, 3, 7 + '\\frac{\\partial L}{\\partial b_i}\t=\t-2(y - y\u0302) C_i \\sigma\'(z_i)'.length, 'verified'],
      [6, 1, 7, 16, 'mismatch'],
    ]);
    assert.deepEqual(b, p);
    assert.deepEqual(c, p);
    const text = derivcheck(['check', crlf]);
    assert.ok(text.stdout.startsWith(`${crlf}:1:2  mismatch`), text.stdout);
  });

  it('an empty file and a file of 10,000 $ signs: checked, nothing found, exit 0', () => {
    const dir = tempDir();
    const empty = write(dir, 'empty.md', '');
    const dollars = write(dir, 'dollars.tex', '$'.repeat(10_000));
    const run = derivcheck(['check', empty, dollars]);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^✓ 0 claims in 2 files: 0 verified, 0 mismatch, 0 unparsed, 0 unsupported \(\d+ ms\)\n$/);
  });

  it('a 1 MB single line and 10,000 nested parentheses: the claims are located exactly, the nesting is named', () => {
    const dir = tempDir();
    const prose = 'lorem ipsum dolor sit amet, '.repeat(36_000);
    const long = write(dir, 'long.md', `${prose}$${WRONG_CLAIM}$ ${prose}\n`);
    const nested = write(dir, 'nested.tex', `$\\frac{\\partial L}{\\partial d} = ${'('.repeat(10_000)}2${')'.repeat(10_000)}$\n\n$${WRONG_CLAIM}$\n`);
    const run = derivcheck(['check', long, nested]);
    assert.equal(run.code, 1);
    const out = run.stdout.split('\n');
    assert.ok(out[0].startsWith(`${long}:1:${prose.length + 2}  mismatch     ∂L/∂d: sign error`), out[0].slice(0, 200));
    assert.match(out[1], new RegExp(`^${nested.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+  unparsed     could not parse this math: (expression too long|nested more than \\d+ levels)`));
    assert.ok(out[2].startsWith(`${nested}:3:2  mismatch`), out[2]);
  });
});

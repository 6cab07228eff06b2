#!/usr/bin/env node
// Launches the integration suite (out/integration/suite/index.js, compiled from
// test/integration/suite) inside a real VS Code extension host, and exits with its result.
//
//   npm run test:integration      (builds dist/ and the suite first, then runs this file)
//
// Two routes:
//  - DERIVCHECK_VSCODE_DESKTOP=1: desktop VS Code through @vscode/test-electron
//    (DERIVCHECK_VSCODE_EXECUTABLE=/path/to/code to use a local one instead of downloading).
//  - otherwise: the VS Code server and web workbench of the npm package code-server
//    (scripts/install-vscode-server.sh), opened in headless Debian Chromium via playwright-core.
//    See /work/shared/notes/real-vscode-tests.md. The suite reaches the page (webview DOM,
//    screenshots) through a loopback bridge (workbench-bridge.js). When it passes, the extension
//    is packaged as a .vsix, installed with the code-server CLI, and the suite's "installed vsix"
//    tests run a second time against the installed copy (no extensionDevelopmentPath). Before
//    that, the first workbench is loaded again (a window reload) and the "after a reload" tests
//    check what the workbench restored.
//
// Environment:
//   DERIVCHECK_VSCODE_DIR       where install-vscode-server.sh put code-server (~/.cache/derivcheck-vscode)
//   DERIVCHECK_CHROMIUM         browser executable (/usr/bin/chromium)
//   DERIVCHECK_TEST_TIMEOUT_MS  overall limit for the in-host run (300000)
//   DERIVCHECK_TEST_GREP        only tests whose full title matches (passed to mocha's grep)
//   DERIVCHECK_VERBOSE=1        also print the server's and the page's console output
//   DERIVCHECK_KEEP_TMP=1       keep the temporary server/browser folders
//   DERIVCHECK_SKIP_VSIX=1      skip the .vsix run (also skipped with DERIVCHECK_TEST_GREP)
//
// `run.js --bench` (npm run bench:editor) runs the editor benchmark (suite/*.bench.ts) instead of
// the tests, once, without the reload and .vsix passes; it writes bench/editor-latency.json.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startBridge } = require('./workbench-bridge');

const ROOT = path.resolve(__dirname, '..', '..');
const EXTENSION_DEV_PATH = ROOT;
const EXTENSION_TESTS_PATH = path.join(ROOT, 'out', 'integration', 'suite', 'index.js');
/** The runner of the second pass on the same workbench, after a reload (see suite/reload.ts). */
const RELOAD_TESTS_PATH = path.join(ROOT, 'out', 'integration', 'suite', 'reload.js');
const WORKSPACE = path.join(__dirname, 'fixtures', 'workspace');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'integration');
/** Screenshots the suite asks for (through the workbench bridge). */
const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');

const VSCODE_DIR = process.env.DERIVCHECK_VSCODE_DIR || path.join(os.homedir(), '.cache', 'derivcheck-vscode');
const SERVER_MAIN = path.join(VSCODE_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
/** The code-server CLI wrapper, used only to install the packaged .vsix. */
const CODE_SERVER_CLI = path.join(VSCODE_DIR, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.DERIVCHECK_CHROMIUM || '/usr/bin/chromium';
const BENCH = process.argv.includes('--bench');
const TIMEOUT_MS = Number(process.env.DERIVCHECK_TEST_TIMEOUT_MS || (BENCH ? 10 : 5) * 60_000);
const SERVER_START_TIMEOUT_MS = 60_000;
const VERBOSE = process.env.DERIVCHECK_VERBOSE === '1';
const SETTINGS = {
  'security.workspace.trust.enabled': false,
  // Nothing to reach on this network; keep the workbench from trying.
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  // The web workbench saves after a delay by default: tests' edits must never reach the fixtures on disk.
  'files.autoSave': 'off',
};
/** The suite (mocha grep) that runs against the installed .vsix (see suite/vsix.test.ts). */
const VSIX_SUITE = 'installed vsix';
/** Budget for the packaged extension. */
const VSIX_MAX_BYTES = 1.5 * 1024 * 1024;
/** Large enough for the editor and the report panel side by side in screenshots. */
const VIEWPORT = { width: 1440, height: 900 };
/** Prefix of the test report's lines among the workbench's log lines (see suite/index.ts). */
const REPORT_MARKER = '[derivcheck-report] ';
/** Workbench errors that are expected on this closed network, kept out of the output. */
const KNOWN_NOISE = /ENOTFOUND|Service ?Worker|manifest\.json|Long running operations during shutdown/i;

const t0 = Date.now();
function say(message) {
  console.log(`[integration ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

class LauncherError extends Error {}

function checkBuilt() {
  const missing = [path.join(ROOT, 'dist', 'extension.js'), EXTENSION_TESTS_PATH].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    throw new LauncherError(
      `not built: ${missing.map((f) => path.relative(ROOT, f)).join(', ')}; ` +
        'run `npm run test:integration`, which builds them first',
    );
  }
}

// ---------------------------------------------------------------- desktop route

async function runDesktop() {
  const { runTests } = require('@vscode/test-electron');
  say('desktop VS Code via @vscode/test-electron');
  return runTests({
    vscodeExecutablePath: process.env.DERIVCHECK_VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: EXTENSION_DEV_PATH,
    extensionTestsPath: EXTENSION_TESTS_PATH,
    extensionTestsEnv: { DERIVCHECK_TEST_GREP: process.env.DERIVCHECK_TEST_GREP, ...(BENCH ? { DERIVCHECK_BENCH: '1' } : {}) },
    launchArgs: [WORKSPACE, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  });
}

// ---------------------------------------------------------------- code-server route

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

function httpAnswers(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode < 500);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2_000, () => request.destroy());
  });
}

/** Retries until the server answers HTTP; fails early if the server process exits. */
async function waitForHttp(url, serverExited) {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  let exited = null;
  serverExited.then((how) => (exited = how));
  while (Date.now() < deadline) {
    if (exited) throw new LauncherError(`the VS Code server exited before answering (${exited})`);
    if (await httpAnswers(url)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new LauncherError(`the VS Code server did not answer ${url} within ${SERVER_START_TIMEOUT_MS / 1000}s`);
}

function remoteUri(authority, absPath) {
  return `vscode-remote://${authority}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** Kills a process group started with detached: true (the server and its extension host, pty host…). */
function killGroup(child, name) {
  if (child.exitCode !== null || child.signalCode !== null) {
    try {
      process.kill(-child.pid, 'SIGKILL'); // leftovers of its group, if any
    } catch {
      /* none */
    }
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => signal('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      signal('SIGKILL'); // whatever is left of its group (extension host, pty host, watcher)
      resolve();
    });
    function signal(sig) {
      try {
        process.kill(-child.pid, sig);
      } catch {
        try {
          child.kill(sig);
        } catch {
          /* already gone */
        }
      }
    }
    say(`stopping ${name} (pid ${child.pid})`);
    signal('SIGTERM');
  });
}

async function runWithCodeServer(cleanups, state) {
  if (!fs.existsSync(SERVER_MAIN)) {
    throw new LauncherError(
      `the VS Code server is not installed (no ${SERVER_MAIN}); ` +
        'run `bash scripts/install-vscode-server.sh` (or set DERIVCHECK_VSCODE_DIR), ' +
        'or set DERIVCHECK_VSCODE_DESKTOP=1 to use a desktop VS Code',
    );
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new LauncherError(`no browser at ${CHROMIUM}; install Debian's chromium (apt-get install -y chromium)`);
  }
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch {
    throw new LauncherError('playwright-core is not installed; run `npm ci`');
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'derivcheck-it-'));
  cleanups.push(() => {
    if (process.env.DERIVCHECK_KEEP_TMP === '1') say(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  state.artifacts = true;

  // The in-host suite reaches the workbench page (webview DOM, screenshots) through this bridge.
  let currentPage;
  const bridge = await startBridge({ page: () => currentPage, artifacts: SCREENSHOTS, log: (m) => say(m) });
  cleanups.push(() => bridge.close());

  say(`launching ${CHROMIUM} (headless)`);
  const context = await playwright.chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    // Copy LaTeX goes through the workbench's navigator.clipboard.
    permissions: ['clipboard-read', 'clipboard-write'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  cleanups.push(async () => {
    say('closing the browser');
    await context.close().catch(() => {});
  });

  const run = (options) =>
    runSuiteInWorkbench({ ...options, tmp, context, bridgeUrl: bridge.url, onPage: (p) => (currentPage = p) });

  const code = await run({
    label: BENCH ? 'editor benchmark' : 'extension tests',
    logPrefix: '',
    extensionsDir: path.join(tmp, 'extensions'),
    payload: (authority) => [
      ['extensionDevelopmentPath', remoteUri(authority, EXTENSION_DEV_PATH)],
      ['extensionTestsPath', remoteUri(authority, EXTENSION_TESTS_PATH)],
      ['skipWelcome', 'true'],
    ],
    env: BENCH ? { DERIVCHECK_BENCH: '1' } : {},
    // Then the same workbench loads again (as after a window reload), and the suite's "after a
    // reload" tests check what came back (the report panel, through its serializer).
    reloadPass: process.env.DERIVCHECK_TEST_GREP || BENCH ? undefined : { label: 'after-reload tests', testsPath: RELOAD_TESTS_PATH },
  });
  if (code !== 0 || BENCH || process.env.DERIVCHECK_SKIP_VSIX === '1' || process.env.DERIVCHECK_TEST_GREP) return code;
  return runInstalledVsix(tmp, run);
}

/**
 * Packages the extension as users get it (the .vsix of `npm run package`, from the dist/ that was
 * just built), installs it with the code-server CLI into a fresh extensions folder, and runs the
 * suite's "installed vsix" tests in a workbench where derivcheck is not under development.
 */
async function runInstalledVsix(tmp, run) {
  const { version } = require(path.join(ROOT, 'package.json'));
  const vsix = path.join(tmp, `derivcheck-${version}.vsix`);
  say(`packaging ${path.basename(vsix)} with @vscode/vsce (prepublish skipped: dist/ is fresh)`);
  // vsce's `package` command would run vscode:prepublish (a second webpack build); pack() does the rest.
  const { pack } = require('@vscode/vsce/out/package');
  const { files } = await pack({ cwd: ROOT, packagePath: vsix, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
  const size = fs.statSync(vsix).size;
  say(`${path.basename(vsix)}: ${files.length} files, ${(size / 1024).toFixed(0)} KiB`);
  if (size > VSIX_MAX_BYTES) throw new LauncherError(`the .vsix is ${size} bytes, over the ${VSIX_MAX_BYTES}-byte budget`);

  const extensionsDir = path.join(tmp, 'vsix-extensions');
  say(`installing it with ${path.relative(VSCODE_DIR, CODE_SERVER_CLI)} --install-extension`);
  const installed = await runProcess(CODE_SERVER_CLI, ['--install-extension', vsix, '--extensions-dir', extensionsDir], {
    HOME: path.join(tmp, 'vsix-home'), // the CLI's own config and data, kept out of the user's home
  });
  if (installed.code !== 0 || !/successfully installed/i.test(installed.output)) {
    throw new LauncherError(`installing the .vsix failed (exit code ${installed.code}):\n${installed.output.trim()}`);
  }
  // The workbench runs extension tests only in extension development mode: develop an empty
  // driver extension, so that the derivcheck in the host is the installed one.
  const driver = path.join(tmp, 'vsix-test-driver');
  writeJson(path.join(driver, 'package.json'), {
    name: 'vsix-test-driver',
    publisher: 'derivcheck-tests',
    version: '0.0.0',
    engines: { vscode: '^1.100.0' },
  });
  return run({
    label: 'installed .vsix tests',
    logPrefix: 'vsix-',
    extensionsDir,
    payload: (authority) => [
      ['extensionDevelopmentPath', remoteUri(authority, driver)],
      ['extensionTestsPath', remoteUri(authority, EXTENSION_TESTS_PATH)],
      ['skipWelcome', 'true'],
    ],
    env: { DERIVCHECK_TEST_GREP: VSIX_SUITE, DERIVCHECK_VSIX_RUN: '1' },
  });
}

function runProcess(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (err) => resolve({ code: -1, output: `${output}${err}` }));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * One run of the suite: a VS Code server with its own data and extensions folders, a workbench
 * page on the fixture workspace, and the exit code the workbench reports. The server is stopped
 * and the page closed before this resolves.
 */
async function runSuiteInWorkbench({ label, logPrefix, extensionsDir, payload: makePayload, env, reloadPass, tmp, context, bridgeUrl, onPage }) {
  const cleanups = [];
  try {
    return await runSuiteSteps();
  } finally {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch((err) => say(`cleanup failed: ${err}`));
  }

  async function runSuiteSteps() {
    const userData = path.join(tmp, `${logPrefix}user-data`);
    const serverData = path.join(tmp, `${logPrefix}server-data`);
    writeJson(path.join(userData, 'User', 'settings.json'), SETTINGS);
    writeJson(path.join(serverData, 'data', 'Machine', 'settings.json'), SETTINGS);

    const port = await freePort();
    const authority = `127.0.0.1:${port}`;
    say(`starting the VS Code server on ${authority} (${SERVER_MAIN})`);
    const serverLog = fs.createWriteStream(path.join(ARTIFACTS, `${logPrefix}server.log`));
    const server = spawn(
      process.execPath,
      [
        SERVER_MAIN,
        '--host', '127.0.0.1',
        '--port', String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--user-data-dir', userData,
        '--server-data-dir', serverData,
        '--extensions-dir', extensionsDir,
      ],
      {
        cwd: ROOT,
        detached: true, // own process group, so the extension host and helpers are stopped with it
        stdio: ['ignore', 'pipe', 'pipe'],
        // The extension host inherits this environment.
        env: { ...process.env, DERIVCHECK_REPORT_MARKER: REPORT_MARKER, DERIVCHECK_WORKBENCH_BRIDGE: bridgeUrl, ...env },
      },
    );
    cleanups.push(() => killGroup(server, 'the VS Code server'));
    const serverExited = new Promise((resolve) =>
      server.once('exit', (code, sig) => resolve(sig ? `signal ${sig}` : `exit code ${code}`)),
    );
    for (const stream of [server.stdout, server.stderr]) {
      stream.on('data', (chunk) => {
        serverLog.write(chunk);
        if (VERBOSE) process.stdout.write(prefixLines('[server] ', chunk.toString()));
      });
    }
    cleanups.push(() => new Promise((resolve) => serverLog.end(resolve)));

    await waitForHttp(`http://${authority}/`, serverExited);
    say('server answers HTTP');

    const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
    onPage(page);
    cleanups.push(async () => {
      onPage(undefined);
      await page.close().catch(() => {});
    });
    const pageLog = fs.createWriteStream(path.join(ARTIFACTS, `${logPrefix}page-console.log`));
    cleanups.push(() => new Promise((resolve) => pageLog.end(resolve)));
    page.on('console', (message) => {
      pageLog.write(`[${message.type()}] ${message.text()}\n`);
      if (VERBOSE) console.log(`[page ${message.type()}] ${message.text()}`);
    });
    page.on('pageerror', (error) => pageLog.write(`[pageerror] ${error.stack || error}\n`));

    let settle;
    /** The exit code of the next run the workbench reports. */
    const nextExit = () => {
      const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
      promise.catch(() => {}); // handled where it is awaited; this only avoids an early unhandled rejection
      return promise;
    };
    const automationLog = fs.createWriteStream(path.join(ARTIFACTS, `${logPrefix}workbench-automation.log`));
    cleanups.push(() => new Promise((resolve) => automationLog.end(resolve)));
    let reportLines = 0;
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = String(message);
      automationLog.write(`[${level}] ${text}\n`);
      if (text.startsWith(REPORT_MARKER)) {
        reportLines++;
        console.log(text.slice(REPORT_MARKER.length));
      } else if (VERBOSE || (level === 'error' && !KNOWN_NOISE.test(text))) {
        console.log(prefixLines(`[vscode ${level}] `, text));
      }
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (Array.isArray(logs)) saveWorkbenchLogs(logs, `${logPrefix}workbench-logs`);
      settle.resolve(code);
    });
    page.on('crash', () => settle.reject(new LauncherError('the workbench page crashed')));
    serverExited.then((how) => settle.reject(new LauncherError(`the VS Code server exited during the run (${how})`)));

    const first = await runPass(label, makePayload(authority));
    if (first !== 0 || !reloadPass) return first;
    const payload = makePayload(authority).map(([key, value]) =>
      key === 'extensionTestsPath' ? [key, remoteUri(authority, reloadPass.testsPath)] : [key, value],
    );
    return runPass(reloadPass.label, payload);

    /** Loads the workbench with `payload` and resolves with the exit code of the tests it runs. */
    async function runPass(passLabel, payload) {
      const exitCode = nextExit();
      const url = new URL(`http://${authority}/`);
      url.searchParams.set('folder', WORKSPACE);
      url.searchParams.set('payload', JSON.stringify(payload));
      say(`${passLabel}: opening the workbench on folder ${path.relative(ROOT, WORKSPACE)}; running ${path.relative(ROOT, remotePath(payload))}`);
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new LauncherError(
                `timed out after ${TIMEOUT_MS / 1000}s waiting for the ${passLabel} to finish ` +
                  `(codeAutomationExit was never called); logs in ${path.relative(ROOT, ARTIFACTS)}/`,
              ),
            ),
          TIMEOUT_MS,
        );
      });
      const linesBefore = reportLines;
      try {
        const loaded = page.goto(url.href, { timeout: TIMEOUT_MS });
        loaded.catch(() => {}); // a late failure (the page closed by the cleanup) is no longer news
        await Promise.race([loaded, exitCode, timeout]);
        const code = await Promise.race([exitCode, timeout]);
        if (reportLines === linesBefore) say(`warning: no test report of the ${passLabel} reached the launcher (see test-artifacts/integration/)`);
        say(code === 0 ? `${passLabel} passed` : `${passLabel} FAILED (exit code ${code})`);
        return code;
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

/** The local path of the payload's extensionTestsPath (for messages). */
function remotePath(payload) {
  const entry = payload.find(([key]) => key === 'extensionTestsPath');
  return entry ? decodeURIComponent(new URL(entry[1]).pathname) : '?';
}

function prefixLines(prefix, text) {
  return text.replace(/^(?=.)/gm, prefix);
}

/** The workbench hands its log files to codeAutomationExit; keep them for post-mortems. */
function saveWorkbenchLogs(logs, folder) {
  for (const entry of logs) {
    if (!entry || typeof entry.relativePath !== 'string') continue;
    const file = path.join(ARTIFACTS, folder, path.normalize(entry.relativePath).replace(/^(\.\.[/\\])+/, ''));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, entry.contents ?? '');
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const cleanups = [];
  const state = { artifacts: false };
  let cleaning = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          console.error(`[integration] cleanup failed: ${err}`);
        }
      }
    })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      say(`${sig}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }

  let code;
  try {
    checkBuilt();
    code = process.env.DERIVCHECK_VSCODE_DESKTOP === '1' ? await runDesktop() : await runWithCodeServer(cleanups, state);
    say(code === 0 ? `${BENCH ? 'editor benchmark' : 'extension tests'} passed` : `${BENCH ? 'editor benchmark' : 'extension tests'} FAILED (exit code ${code})`);
    if (code === 0 && BENCH) say(`results: ${path.relative(ROOT, path.join(ROOT, 'bench', 'editor-latency.json'))}`);
  } catch (err) {
    console.log(`[integration] ERROR: ${err instanceof LauncherError ? err.message : err?.stack || err}`);
    code = 1;
  } finally {
    await cleanup();
  }
  if (code !== 0 && state.artifacts) say(`server and workbench logs: ${path.relative(ROOT, ARTIFACTS)}/`);
  say(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s, exit code ${code}`);
  process.exit(typeof code === 'number' ? code : 1);
}

main();

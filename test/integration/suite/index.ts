// Test runner loaded by VS Code's extension host (extensionTestsPath): runs every
// compiled `*.test.js` beside this file (`*.bench.js` with DERIVCHECK_BENCH=1) with mocha and
// settles when they finish.
// Used by both launchers in ../run.js (code-server in Chromium, or desktop VS Code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';

// mocha 12 is an ES module; Node >= 20.19 can require() it, and the class is its default export.
type MochaClass = typeof import('mocha');
const mochaModule = require('mocha') as MochaClass & { default?: MochaClass };
const Mocha: MochaClass = mochaModule.default ?? mochaModule;

/**
 * The code-server launcher sets this so that it can tell the report's lines from the
 * workbench's own log lines (both reach it through codeAutomationLog); unset elsewhere.
 */
const REPORT_MARKER = process.env.DERIVCHECK_REPORT_MARKER ?? '';

function report(...args: unknown[]): void {
  // Formatted here: the web workbench forwards console arguments unformatted ("%s%s,a,b").
  console.log(REPORT_MARKER + util.format(...args));
}

export function run(): Promise<void> {
  // The spec reporter writes through Base.consoleLog (captured from console.log when mocha loads).
  (Mocha.reporters.Base as unknown as { consoleLog: typeof report }).consoleLog = report;
  const mocha = new Mocha({
    ui: 'tdd',
    // Output goes through the extension host's console to the launcher's log; colours would be noise.
    color: false,
    timeout: 30_000,
    reporter: 'spec',
  });
  const grep = process.env.DERIVCHECK_TEST_GREP;
  if (grep) mocha.grep(grep);

  // `npm run bench:editor` (run.js --bench) runs the benchmark files instead of the tests.
  const suffix = process.env.DERIVCHECK_BENCH === '1' ? '.bench.js' : '.test.js';
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *${suffix} files under ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        report(`integration: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (passes === 0) reject(new Error('no integration test ran'));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}

// @ts-check
import { fileURLToPath } from 'node:url';
import './scripts/stryker-mocha12-compat.cjs';

// The numeric core: tensors and σ, the models, and the expression semantics (compiler, env, rules).
const MUTATE = ['src/engine/evaluate/**/*.ts', 'src/engine/models/**/*.ts', 'src/engine/semantics/**/*.ts'];

const MOCHA12_COMPAT = fileURLToPath(new URL('./scripts/stryker-mocha12-compat.cjs', import.meta.url));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  coverageAnalysis: 'perTest',
  mutate: MUTATE,
  mochaOptions: {
    'no-config': true,
    // The engine's unit tests, and the benchmark generator's (its labelled claims kill many core mutants).
    spec: ['test/engine/**/*.test.ts', 'test/bench/**/*.test.ts'],
    ignore: [
      // Check documents at describe time (file load), which makes ~half of the core's mutants "static"
      // (each would need a fresh process and the whole suite). Re-include once those checks run inside
      // it() or beforeEach() (a suite-level before() would credit its coverage to the previous test).
      'test/engine/pipeline/parity.test.ts',
      'test/engine/check/internal-error.test.ts',
      'test/engine/check/settings.test.ts',
      'test/engine/extract/latex.test.ts',
      // Slow suites (fuzz, pathological inputs, model auto-detection over all fixtures): ~11 s added to
      // every surviving mutant's run; on tensor.ts they killed nothing the other tests miss.
      'test/engine/pipeline/fuzz.test.ts',
      'test/engine/pipeline/pathological.test.ts',
      'test/engine/check/detect.test.ts',
    ],
    require: ['tsx/cjs'],
    extension: ['ts'],
  },
  testRunnerNodeArgs: ['--require', MOCHA12_COMPAT],
  checkerNodeArgs: ['--require', MOCHA12_COMPAT],
  // Mutants only executed while modules load (model node tables, σ and derivative tables, Greek-letter
  // maps: ~820 of ~5,200) would each need a fresh test process and the whole suite (hours). Reported as Ignored.
  ignoreStatic: true,
  concurrency: 2,
  timeoutFactor: 1.5,
  timeoutMS: 5000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  // Not needed by the engine tests; keeps the sandbox copy small.
  ignorePatterns: ['dist', 'out', 'test-artifacts', 'test/cli', 'test/server', 'test/media', 'test/project'],
};

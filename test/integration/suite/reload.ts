// Runner of the launcher's second pass on the same workbench (../run.js loads the workbench page
// again with this file as extensionTestsPath, as after a window reload): only the tests that
// check what the reload restored.
import { run as runSuite } from './index';

export const RELOAD_PASS_GREP = 'after a reload';

export function run(): Promise<void> {
  process.env.DERIVCHECK_TEST_GREP = RELOAD_PASS_GREP;
  process.env.DERIVCHECK_RELOAD_PASS = '1';
  return runSuite();
}

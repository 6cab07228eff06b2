import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';

/**
 * Where a worker thread's script is: the bundled `bundledName` next to the caller's bundle, or, when
 * the caller runs from sources under tsx (unit tests), `sourceName` with tsx's CommonJS hook
 * preloaded. A string is the reason neither can run.
 */
export function locateWorkerScript(dir: string, bundledName: string, sourceName: string, what: string): { file: string; execArgv: string[] } | string {
  const bundled = path.join(dir, bundledName);
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = path.join(dir, sourceName);
  if (fs.existsSync(source)) {
    try {
      // Through the namespace object so that webpack does not bundle tsx into dist/.
      return { file: source, execArgv: ['--require', nodeModule.createRequire(source).resolve('tsx/cjs')] };
    } catch (error) {
      return `cannot run ${source}: tsx not found (${(error as Error).message})`;
    }
  }
  return `${what} not found (looked for ${bundled} and ${source})`;
}

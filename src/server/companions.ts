// Reads the local files a LaTeX document loads for its macros (engine/extract/companions.ts names
// them), beside the document on disk. For the CLI and the Node language server; a file that is not
// there, or cannot be read, is simply not used.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { companionNames } from '../engine/extract/companions';

/** A companion larger than this is no macro file. */
const MAX_COMPANION_BYTES = 1 << 20;

/** The text of each local file that the LaTeX `text` at `path` loads, in the order it loads them. */
export function readCompanions(path: string, text: string): string[] {
  const found: string[] = [];
  for (const name of companionNames(text)) {
    const file = join(dirname(path), name);
    try {
      if (statSync(file).size <= MAX_COMPANION_BYTES) found.push(readFileSync(file, 'utf8'));
    } catch {
      // Not a local file (a package from the TeX distribution): nothing to read.
    }
  }
  return found;
}

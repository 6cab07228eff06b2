import { join } from 'node:path';

/** The repository's root. */
export const ROOT = join(__dirname, '..', '..');
/** The engine's fixture documents (annotated with `expect:` markers). */
export const FIXTURES = join(ROOT, 'test', 'engine', 'fixtures');
/** The example documents of the README. */
export const EXAMPLES = join(ROOT, 'examples');

// Measures edit → updated diagnostics in the real VS Code on a 2,000-line document with 400 claims
// (reported, not asserted: speed is a benchmark figure, see `npm run bench:editor`; the test asserts
// that every edit's diagnostics arrive).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeApi } from './helpers';
import { measureEdits, openLargeDocument, percentile } from './latency';

const EDITS = 20;

suite('edit → diagnostics latency (2,000-line Markdown document)', () => {
  test(`measures ${EDITS} edits`, async function () {
    this.timeout(180_000);
    await activeApi();
    const opened = await openLargeDocument('latency.generated.md');
    try {
      const { afterDebounceMs, debounceMs } = await measureEdits(opened, EDITS);
      const result = {
        lines: opened.generated.lines,
        claims: opened.generated.claims,
        edits: EDITS,
        debounceMs,
        firstCheckMs: Math.round(opened.firstCheckMs),
        p50AfterDebounceMs: Math.round(percentile(afterDebounceMs, 50)),
        p95AfterDebounceMs: Math.round(percentile(afterDebounceMs, 95)),
        maxAfterDebounceMs: Math.round(Math.max(...afterDebounceMs)),
      };
      console.log(`latency: ${JSON.stringify(result)}`);
      const artifacts = path.resolve(__dirname, '..', '..', '..', 'test-artifacts');
      fs.mkdirSync(artifacts, { recursive: true });
      fs.writeFileSync(path.join(artifacts, 'latency.json'), `${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await opened.close();
    }
  });
});

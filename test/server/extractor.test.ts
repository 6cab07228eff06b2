// LaTeX and code documents are extracted on a worker thread (src/server/extractor.ts): the same
// extraction as on the server's thread, and the thread stays free meanwhile.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractDocument } from '../../src/engine';
import { Extractor } from '../../src/server/extractor';

const ROOT = path.join(__dirname, '..', '..');

/** examples/problem1.tex with its body repeated to about 2,000 lines. */
function longLatex(): string {
  const one = fs.readFileSync(path.join(ROOT, 'examples/problem1.tex'), 'utf8');
  const begin = one.indexOf('\\begin{document}') + '\\begin{document}'.length;
  const body = one.slice(begin, one.indexOf('\\end{document}'));
  let text = one.slice(0, begin);
  while (text.split('\n').length < 2000) text += body;
  return `${text}\\end{document}\n`;
}

describe('extraction off the server thread (LaTeX, code comments)', function () {
  // The worker compiles the extractors through tsx on its first use.
  this.timeout(60_000);
  const problems: string[] = [];
  const extractor = new Extractor((m) => problems.push(m));
  after(() => extractor.dispose());

  for (const [file, language] of [['examples/problem1.tex', 'latex'], ['examples/problem1.py', 'python'], ['test/engine/fixtures/solutions/mlp-04.cpp', 'cpp']] as const) {
    it(`extracts ${file} as the server thread would`, async () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      assert.deepEqual(await extractor.extract(text, language), extractDocument(text, language));
      assert.deepEqual(problems, []);
    });
  }

  it('leaves the thread free while it extracts a 2,000-line LaTeX document', async () => {
    const text = longLatex();
    const events: string[] = [];
    const extracted = extractor.extract(text, 'latex').then((e) => {
      events.push('extracted');
      return e;
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    events.push('next turn');
    const extraction = await extracted;
    assert.deepEqual(events, ['next turn', 'extracted']);
    assert.ok(extraction.spans.length > 500, `${extraction.spans.length} spans`);
    assert.deepEqual(problems, []);
  });
});

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitRuns } from '../../../src/engine/extract/chunks';
import { extractMarkdown, extractSimpleMarkdown } from '../../../src/engine/extract/markdown';
import { Random } from '../../../src/engine/evaluate/random';
import { FIXTURES, ROOT } from '../../support/paths';


/** Every Markdown file of the repository's examples and fixtures. */
function markdownFiles(): string[] {
  const out = [join(ROOT, 'examples', 'problem1.md')];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.md')) out.push(join(dir, entry.name));
    }
  };
  walk(FIXTURES);
  return out;
}

// Pieces of lines: math, plain claims, and every character that means something to Markdown.
const FRAGMENTS = [
  '$', '$$', '$$$', '$x$', '$$x$$', '$ x $', '$  y  $', '$ $', ' ', '  ', 'x', 'a_b', 'y_true', '_', '__', 'C_i', '\\frac{a}{b}',
  '\\frac{\\partial L}{\\partial C_i}', '= ', ' = ', '−2(y_true − y_pred)σ(z_i)', '∂L/∂C_i', 'dL/dd', '2*(y_pred - y_true)', '*', '**',
  '#', '## ', '###### ', '####### ', '<!--', '-->', '<!-- derivcheck: model=mlp -->', '<span>', '`', '``', '[', ']', '[a](b)', '\\', '\\$',
  '&amp;', '&', '!', '~', '~~~', '|', '| a |', '1.', '1)', '-', '- ', '+ ', '>', '> ', '<', '=', '===', '---', '\n', '\n\n', '\n$$\n', '\t', '\r\n',
  'derivcheck:', ' model=mlp', '{', '}', '(', ')', 'y_{pred}', '\\hat{y}', 'σ′(z)', 'Then ', '.', ',', ':', 'é', '\u00a0', '1', '9',
  '∑_j', '∇_x', '_j', 'x*y', '*x*', '_x_', '**b**', 'a*', '*a', ' * ', ' _ ', '𝑥', '𝑥_', '_𝑥', '∂L/∂y_j', '(γ/5)∑_j', '·', '−', '__init__', '*_', '_*',
];

function randomText(rng: Random): string {
  const count = rng.integer(1, 10);
  let text = '';
  for (let i = 0; i < count; i++) text += FRAGMENTS[rng.integer(0, FRAGMENTS.length - 1)];
  return text;
}

describe('Markdown runs of simple shapes, read without the parser', () => {
  it('reads every run of every example and fixture as the parser does', () => {
    let simple = 0;
    for (const file of markdownFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const run of splitRuns(text)) {
        const source = text.slice(run.start, run.end);
        const fast = extractSimpleMarkdown(source);
        if (!fast) continue;
        simple++;
        assert.deepEqual(fast, extractMarkdown(source), `${file}: ${JSON.stringify(source)}`);
      }
    }
    assert.ok(simple > 100, `only ${simple} runs took the simple path`);
  });

  it('reads 50,000 random lines as the parser does, whenever it reads them at all', function () {
    this.timeout(120_000);
    const rng = new Random(77);
    let simple = 0;
    for (let i = 0; i < 50_000; i++) {
      const text = randomText(rng) + (rng.next() < 0.5 ? '\n\n' : '');
      const fast = extractSimpleMarkdown(text);
      if (!fast) continue;
      simple++;
      assert.deepEqual(fast, extractMarkdown(text), JSON.stringify(text));
    }
    assert.ok(simple > 2_000, `only ${simple} of 50,000 random lines took the simple path`);
  });

  it('reads $$ blocks, headings and directive comments', () => {
    for (const text of ['$$\nx = 1\n\ny = 2\n$$\n\n', '$$\n\\frac{a}{b} = c\n$$', '## Problem 1 $x = 1$\n', '<!-- derivcheck: model=ridge -->\n\n', 'So $a = b$ and $$c = d$$.\n']) {
      const fast = extractSimpleMarkdown(text);
      assert.ok(fast, JSON.stringify(text));
      assert.deepEqual(fast, extractMarkdown(text), JSON.stringify(text));
    }
  });
});

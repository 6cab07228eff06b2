import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractionCache, splitRuns } from '../../../src/engine/extract/chunks';
import { extractMarkdown } from '../../../src/engine/extract/markdown';
import { Random } from '../../../src/engine/evaluate/random';
import { FIXTURES, ROOT } from '../../support/paths';

const STUDENTS = join(FIXTURES, 'students');

const PIECES = [
  '# Heading $x = 1$',
  'Prose with $\\frac{\\partial L}{\\partial d} = 2(\\hat y - y)$ inline.',
  '$$\n\\begin{aligned}\na &= b \\\\\n\n&= c\n\\end{aligned}\n$$',
  '- item with $a = b$\n\n  continued $c = d$ in the item\n\n  $$\n  e = f\n  $$',
  '1. first $x=1$\n2. second',
  '> quote $q = 1$\n>\n> more $r = 2$',
  '```python\n# $not = math$\n\nx = 1\n```',
  '~~~\n$$\n~~~',
  '<!-- derivcheck: model=mlp\n\nsigma=tanh -->',
  '<!-- derivcheck: ignore-next-line -->',
  '    indented code $x = 1$',
  '| a | $b = c$ |\n|---|---|\n| 1 | 2 |',
  'text\r\nwith crlf $y = 2$\r\n',
  '$$ x = 1 $$',
  '\\$5 and $6',
  '## Problem 4',
  'Setext heading\n---',
  'Problem 2\n=========\n\nNo math here.',
  '$$a = b\n= c $$',
  '$$\\frac{d}{dx} x^2 = 2x\n= 2x $$\nthen $y = 1$',
  '\\begin{align}\nx &= y\n- z\n\\end{align}',
  'Inline \\(p = q\\) and \\\\[r = s\\\\] and costs of $5 and $10',
  'So ∂L/∂d = −2(y − ŷ) = 2(ŷ − y).',
  '- (c) dL/dC_i = -2*(y - yhat)*sigmoid(z_i), by the chain rule',
  '> ∂L/∂b_i = −2(y − ŷ) *\n> C_i σ′(z_i)',
  '| f | ∇_b L = −2(y − ŷ) Cᵀ ⊙ σ′(z) |\n|---|---|',
  '**(a)** d/dz σ(z) = σ(z)(1 − σ(z))\nd = 3 is the size',
];

function randomDocument(rng: Random): string {
  const parts: string[] = [];
  const count = rng.integer(1, 12);
  for (let i = 0; i < count; i++) parts.push(PIECES[rng.integer(0, PIECES.length - 1)]);
  return parts.join(rng.next() < 0.7 ? '\n\n' : '\n');
}

describe('incremental extraction (runs of top-level blocks)', () => {
  it('finds exactly what parsing the whole document finds, on every fixture', () => {
    const files = [join(ROOT, 'examples', 'problem1.md'), ...readdirSync(STUDENTS).filter((f) => f.endsWith('.md')).map((f) => join(STUDENTS, f))];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(new ExtractionCache().extract(text), extractMarkdown(text), file);
    }
  });

  it('finds exactly what parsing the whole document finds, on 2,000 random documents', function () {
    this.timeout(60_000);
    const rng = new Random(2026);
    for (let i = 0; i < 2000; i++) {
      const text = randomDocument(rng);
      assert.deepEqual(new ExtractionCache().extract(text), extractMarkdown(text), JSON.stringify(text));
    }
  });

  it('finds the plain claims of prose runs as the whole document does', () => {
    const text = PIECES.slice(-5).join('\n\n');
    const whole = extractMarkdown(text);
    assert.equal(whole.spans.length, 5);
    assert.deepEqual(new ExtractionCache().extract(text), whole);
  });

  it('re-parses only the run an edit touched', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} with $x_${i} = ${i}$.`).join('\n\n');
    assert.equal(splitRuns(text).length, 50);
    const cache = new ExtractionCache();
    cache.extract(text);
    const edited = text.replace('Paragraph 7 ', 'Paragraph seven ');
    const started = performance.now();
    const result = cache.extract(edited);
    assert.ok(performance.now() - started < 50);
    assert.deepEqual(result, extractMarkdown(edited));
  });
});

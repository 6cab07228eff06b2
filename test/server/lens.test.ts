// Code lenses (server/lens.ts): which blocks get one under each derivcheck.codeLens mode, and one lens
// per line where inline math puts several blocks on it.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText } from '../../src/engine';
import { ClaimIndex } from '../../src/server/claims';
import { codeLenses } from '../../src/server/lens';

const TEXT = [
  '<!-- derivcheck: model=mlp -->',
  '',
  '$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$ and $\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)$',
  '',
  "$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$ but $\\frac{\\partial L}{\\partial b_i} = 2(y - \\hat y)C_i\\sigma'(z_i)$",
  '',
  '$(a + b)^2 = a^2 + 2ab + b^2$',
  '',
].join('\n');

function lenses(mode: 'all' | 'problems' | 'off') {
  const document = TextDocument.create('file:///notes.md', 'markdown', 1, TEXT);
  return codeLenses(document, new ClaimIndex(checkText(TEXT)), mode).map((l) => [l.range.start.line, l.command?.title, l.command?.arguments?.[1]]);
}

describe('code lenses', () => {
  it('problems (the default): one lens per line with a mistake, revealing the wrong step', () => {
    assert.deepEqual(lenses('problems'), [[4, '✗ step 2: sign error', '3:0']]);
  });

  it('all: one lens per line, the blocks of a line counted together', () => {
    assert.deepEqual(lenses('all'), [
      [2, '✓ 2 steps verified', '0:0'],
      [4, '✗ step 2: sign error', '3:0'],
      [6, '✓ 1 step verified', '4:0'],
    ]);
  });

  it('off: none', () => {
    assert.deepEqual(lenses('off'), []);
  });
});

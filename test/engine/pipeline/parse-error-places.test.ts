// Where a parse error says a bracket was opened: as the line and column the user sees (within its
// cell in a notebook), never as an offset into the math.
import * as assert from 'node:assert/strict';
import { checkDocument } from '../../../src/engine';

const unparsed = (text: string, kind: 'markdown' | 'notebook' | 'python') => checkDocument(text, kind).findings.filter((f) => f.verdict === 'unparsed').map((f) => f.message);

describe('places in parse errors', () => {
  it('names the line and column of an unclosed bracket in a Markdown document', () => {
    assert.deepEqual(unparsed('# t\n\n$$\nL = \\frac{1}{2} ((t_1 - y_1)^2 + (t_2 - y_2)^2\n$$\n', 'markdown'), [
      "could not parse this math: expected ')' to close '(' opened at line 4, column 17",
    ]);
  });

  it('counts lines within the cell in a notebook, and columns in the source of a code comment', () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Problem 1\n', '\n', 'Intro.'] },
        { cell_type: 'markdown', metadata: {}, source: ['Text\n', '$y = \\frac{1}{2 + x$'] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    assert.deepEqual(unparsed(notebook, 'notebook'), ["could not parse this math: expected '}' to close '{' opened at line 2, column 14"]);
    const [comment] = unparsed('# dL/dd = -2 * ((y - yhat)\nx = 1\n', 'python');
    assert.match(comment, /opened at line 1, column \d+$/);
    assert.doesNotMatch(comment, /offset/);
  });
});

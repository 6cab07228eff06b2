// Exercise labels that start the next problem when a text gives its problems no headings.
import * as assert from 'node:assert/strict';
import { exerciseLabelBetween } from '../../../src/engine/check/exercise-labels';

const labelled = (line: string) => exerciseLabelBetween(`$y = 1$\n${line} $y = 2$`, 0, `$y = 1$\n${line} `.length);

describe('exercise labels', () => {
  it('finds a numbered or lettered label at the start of a line, after list marks and emphasis', () => {
    for (const line of ['(問 2)', '- (問 2) 次の', '問2', '**Problem 3.**', 'Problem 3:', 'Exercise 4.1', '> Q2:', 'Q.2', '1. Question 5', '(b)', '**(c)** Now', 'Part (d)', '\\textbf{Problem 2}', '【例題 3】']) {
      assert.ok(labelled(line), line);
    }
  });

  it('finds none in ordinary text, a parenthesised sum, or a word without a number', () => {
    for (const line of ['Now', '(a + b)^2 gives', 'Questions about this', 'Example:', 'as in Problem 2 above', 'Quantity 2', '(x) holds']) {
      assert.ok(!labelled(line), line);
    }
  });

  it('looks only at the lines after the first offset’s line', () => {
    const text = '(b) $y = 1$ and $y = 2$';
    assert.ok(!exerciseLabelBetween(text, 4, 17));
  });
});

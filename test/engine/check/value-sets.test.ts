// Values the text restricts a symbol to (check/value-sets.ts): an equation in free variables that holds
// only on them is checked on them, and one that fails there too says so with a value of the set.
import * as assert from 'node:assert/strict';
import { valueSetsIn } from '../../../src/engine/check/value-sets';
import { check, mismatch } from '../../support/claims';

describe('value sets the text declares', () => {
  it('reads y ∈ {−1, +1} and t \\in \\{1, 2, 3\\}, not sets of names, intervals, or a family’s entries (y_i)', () => {
    const found = valueSetsIn('y \\in \\{-1, +1\\}, \\quad y_i \\in \\{0,1\\}, t \\in \\{1, 2, 3\\}, c \\in \\{a, b\\}, x \\in [0, 1]', (o) => o);
    assert.deepEqual(found.map((v) => [v.key, v.values]), [['y', [-1, 1]], ['t', [1, 2, 3]]]);
  });

  it('verifies (f − y)² = (yf − 1)² for labels y ∈ {−1, +1}, and finds (yf + 1)² wrong at one of them', () => {
    const findings = check('The labels are $y \\in \\{-1, +1\\}$. Then\n\n$$(f - y)^2 = (yf - 1)^2$$\n\n$$(f - y)^2 = (yf + 1)^2$$\n');
    const [right, wrong] = findings.slice(-2);
    assert.equal(right.verdict, 'verified', right.message);
    assert.match(right.message, /with y ∈ \{-1, 1\} as the text gives$/);
    mismatch(wrong, 'differ', /at f=[^,]+, y=(−1|1):.*\(with y ∈ \{-1, 1\} as the text gives\)$/);
  });

  it('keeps checking at every real y where the text restricts nothing', () => {
    mismatch(check('$$(f - y)^2 = (yf - 1)^2$$\n')[0]);
  });
});

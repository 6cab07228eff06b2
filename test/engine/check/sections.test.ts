import * as assert from 'node:assert/strict';
import { Sections } from '../../../src/engine/check/sections';

// # Problem 1 (0) / ## (a) (20) / ## (b) (40) / # Problem 2 (60) / ### deep (80)
const HEADINGS = [
  { start: 0, end: 11, level: 1 },
  { start: 20, end: 26, level: 2 },
  { start: 40, end: 46, level: 2 },
  { start: 60, end: 71, level: 1 },
  { start: 80, end: 88, level: 3 },
];

describe('sections of a document by its headings', () => {
  it('runs a section from its heading to the next heading of the same or a higher level', () => {
    const sections = new Sections(HEADINGS);
    assert.deepEqual(sections.around(10), { start: 0, end: 60 }, 'Problem 1 holds its parts');
    assert.deepEqual(sections.around(25), { start: 20, end: 40 }, 'part (a) ends at part (b)');
    assert.deepEqual(sections.around(50), { start: 40, end: 60 }, 'part (b) ends at Problem 2');
    assert.deepEqual(sections.around(85), { start: 80, end: Infinity });
    assert.deepEqual(sections.around(20), { start: 20, end: 40 }, 'a heading starts its own section');
  });

  it('gives text before the first heading, and a document without headings, the whole document', () => {
    assert.deepEqual(new Sections([{ start: 30, end: 40, level: 2 }]).around(5), { start: 0, end: Infinity });
    assert.deepEqual(new Sections([]).around(1000), { start: 0, end: Infinity });
  });

  it('finds the problem a part belongs to, and none for a top-level section', () => {
    const sections = new Sections([...HEADINGS].reverse());
    assert.deepEqual(sections.parentAround(45), { start: 0, end: 60 });
    assert.deepEqual(sections.parentAround(85), { start: 60, end: Infinity }, 'a level-3 heading under a level-1 one');
    assert.equal(sections.parentAround(65), undefined);
    assert.equal(sections.parentAround(5), undefined);
    assert.equal(new Sections([]).parentAround(5), undefined);
  });

  it('counts the headings at or before an offset, whatever their level', () => {
    const sections = new Sections([...HEADINGS].reverse());
    assert.deepEqual([0, 19, 20, 59, 60, 1000].map((at) => sections.headingsUpTo(at)), [1, 1, 2, 3, 4, 5]);
    assert.equal(new Sections([{ start: 30, end: 40, level: 2 }]).headingsUpTo(5), 0);
  });
});

import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { checkFixture, fixtureFiles } from '../../support/fixtures';
import { FIXTURES } from '../../support/paths';

describe('solutions of Problem 1 written by students (regression fixtures)', () => {
  for (const path of fixtureFiles(join(FIXTURES, 'students')).filter((p) => /student-\d+\.md$/.test(p))) {
    it(`${basename(path)}: every mistake flagged, everything else verified`, () => {
      assert.deepEqual(checkFixture(path).problems, []);
    });
  }
});

// Solutions to the four review problems written by others, in every notation and place the checker
// reads (Markdown, LaTeX, code comments, notebooks); markers as in test/support/fixtures.ts.
import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { checkFixture, fixtureFiles } from '../../support/fixtures';
import { FIXTURES } from '../../support/paths';

describe('solutions to the four review problems, in every notation (regression fixtures)', () => {
  for (const path of fixtureFiles(join(FIXTURES, 'solutions'))) {
    it(`${basename(path)}: every slip flagged, everything else verified`, () => {
      const { findings, problems } = checkFixture(path);
      assert.ok(findings.length >= 3, `${basename(path)}: only ${findings.length} claims found`);
      assert.deepEqual(problems, []);
    });
  }
});

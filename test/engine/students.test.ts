import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../src/engine';

const DIR = join(__dirname, 'fixtures', 'students');

/** Lines marked `<!-- expect: mismatch [+N …] -->` must hold mismatches; every other claim must be verified. */
function expectations(text: string): Map<number, string> {
  const expected = new Map<number, string>();
  text.split('\n').forEach((line, index) => {
    const match = /<!--\s*expect:\s*(\w+)((?:\s+[+-]\d+)*)\s*-->/.exec(line);
    if (!match) return;
    const offsets = match[2].trim() ? match[2].trim().split(/\s+/).map(Number) : [1];
    for (const offset of offsets) expected.set(index + 1 + offset, match[1]);
  });
  return expected;
}

describe('solutions of Problem 1 written by students (regression fixtures)', () => {
  for (const name of readdirSync(DIR).filter((f) => /^student-\d+\.md$/.test(f)).sort()) {
    it(`${name}: every mistake flagged, everything else verified`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const expected = expectations(text);
      const report = checkText(text);
      const problems: string[] = [];
      const flagged = new Set<number>();
      for (const finding of report.findings) {
        const line = report.lineMap.position(finding.range.start).line;
        const want = expected.get(line) ?? 'verified';
        if (expected.has(line)) flagged.add(line);
        if (finding.verdict !== want) problems.push(`${name}:${line} ${finding.verdict} (want ${want}): ${finding.text}\n    ${finding.message}`);
      }
      for (const line of expected.keys()) if (!flagged.has(line)) problems.push(`${name}:${line}: expected a ${expected.get(line)}, found no claim`);
      assert.deepEqual(problems, []);
    });
  }
});

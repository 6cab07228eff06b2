// The real-world corpus: 52 published documents whose every finding was judged by hand. A false alarm,
// a false verification, a missed real error or a decided claim nobody judged fails this test, unless
// it is listed in KNOWN-WRONG.tsv (what is still wrong today); a listed entry that is now right fails
// it too, so that the list only shrinks.
import * as assert from 'node:assert/strict';
import { corpusDocuments, knownWrong, scoreCorpus, type CorpusScore } from '../support/corpus';

describe('the real-world corpus (test/corpus/real), judged by hand', function () {
  this.timeout(300_000);
  let score: CorpusScore;
  before(() => {
    score = scoreCorpus();
  });

  it('holds at least 40 documents and 1,500 findings', () => {
    assert.ok(corpusDocuments().length >= 40, `${corpusDocuments().length} documents`);
    assert.ok(score.findings >= 1500, `${score.findings} findings`);
  });

  it('has no wrong verdict but those KNOWN-WRONG.tsv lists', () => {
    const known = new Set(knownWrong());
    const unexpected = score.wrong.filter((w) => !known.has(w));
    assert.deepEqual(unexpected, [], 'new wrong verdicts (fix them, or judge a new finding in its truth file)');
  });

  it('lists nothing in KNOWN-WRONG.tsv that is now right', () => {
    const now = new Set(score.wrong);
    assert.deepEqual(knownWrong().filter((w) => !now.has(w)), [], 'fixed: remove these lines from KNOWN-WRONG.tsv');
  });
});

// `npm run bench`'s real-corpus section: the hand-judged documents of test/corpus/real checked by the
// CLI and scored against their truth files (test/support/corpus.ts); prints one JSON object.
import { scoreCorpus } from '../test/support/corpus';

const score = scoreCorpus();
const count = (kind: string) => score.wrong.filter((w) => w.startsWith(`${kind}\t`)).length;
process.stdout.write(
  JSON.stringify({
    documents: score.documents,
    findings: score.findings,
    decided: score.decided,
    falseAlarms: count('false-alarm'),
    falseVerified: count('false-verified'),
    unjudged: count('unjudged'),
    realErrors: score.realErrors,
    realErrorsFlagged: score.realErrorsFlagged,
  }),
);

// The real-world corpus (test/corpus/real): published documents, each with a `<file>.truth.tsv` that
// judges every finding by hand (`line`, `truth`, `text`, `reason`; truth is true, false, vacuous or
// unclear). Scored against the CLI's JSON: a mismatch on correct or vacuous math is a false alarm,
// a verified false or vacuous claim a false verification, and a real error not flagged is missed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT } from './paths';

export const CORPUS = join(ROOT, 'test/corpus/real');
/** Wrong verdicts accepted for now, each to be removed when fixed (the test says which). */
export const KNOWN_WRONG = join(CORPUS, 'KNOWN-WRONG.tsv');

export type Truth = 'true' | 'false' | 'vacuous' | 'unclear';
export type Wrong = 'false-alarm' | 'false-verified' | 'missed-error' | 'unjudged';

interface Claim {
  readonly line: number;
  readonly text: string;
  readonly verdict: string;
}

export interface CorpusScore {
  readonly documents: number;
  readonly findings: number;
  readonly decided: number;
  readonly realErrors: number;
  readonly realErrorsFlagged: number;
  /** `kind<TAB>document<TAB>line<TAB>text`, one per wrong verdict, sorted. */
  readonly wrong: readonly string[];
}

/** How the truth files write a finding's text: tabs and newlines escaped. */
const escaped = (text: string) => text.replace(/\t/g, '\\t').replace(/\n/g, '\\n');

/** The corpus's documents (those with a truth file), relative to CORPUS, sorted. */
export function corpusDocuments(): string[] {
  const documents: string[] = [];
  for (const folder of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) if (file.endsWith('.truth.tsv')) documents.push(`${folder}/${file.slice(0, -'.truth.tsv'.length)}`);
  }
  return documents;
}

function truthOf(document: string): Map<string, Truth> {
  const truth = new Map<string, Truth>();
  for (const row of readFileSync(join(CORPUS, `${document}.truth.tsv`), 'utf8').split('\n')) {
    const [line, judged, text] = row.split('\t');
    if (text !== undefined) truth.set(`${line}\t${text}`, judged as Truth);
  }
  return truth;
}

/** Checks the whole corpus with the CLI (one process, from source) and scores it against the truth files. */
export function scoreCorpus(): CorpusScore {
  const documents = corpusDocuments();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'check', ...documents.map((d) => join(CORPUS, d)), '--format', 'json', '--claim-budget', '0'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const files: { path: string; claims: Claim[] }[] = JSON.parse(run.stdout).files;
  const wrong: string[] = [];
  let findings = 0;
  let decided = 0;
  let realErrors = 0;
  let realErrorsFlagged = 0;
  for (const file of files) {
    const document = relative(CORPUS, resolve(ROOT, file.path)).split('\\').join('/');
    const truth = truthOf(document);
    const flagged = new Set<string>();
    for (const claim of file.claims) {
      findings++;
      const key = `${claim.line}\t${escaped(claim.text)}`;
      const judged = truth.get(key);
      const decision = claim.verdict === 'mismatch' || claim.verdict === 'verified';
      if (decision) decided++;
      if (judged === undefined) {
        if (decision) wrong.push(`unjudged\t${document}\t${key}`);
      } else if (claim.verdict === 'mismatch' && judged === 'false') flagged.add(key);
      else if (claim.verdict === 'mismatch' && judged !== 'unclear') wrong.push(`false-alarm\t${document}\t${key}`);
      else if (claim.verdict === 'verified' && (judged === 'false' || judged === 'vacuous')) wrong.push(`false-verified\t${document}\t${key}`);
    }
    for (const [key, judged] of truth) {
      if (judged !== 'false') continue;
      realErrors++;
      if (flagged.has(key)) realErrorsFlagged++;
      else wrong.push(`missed-error\t${document}\t${key}`);
    }
  }
  return { documents: documents.length, findings, decided, realErrors, realErrorsFlagged, wrong: wrong.sort() };
}

/** The wrong verdicts accepted for now. */
export function knownWrong(): string[] {
  if (!existsSync(KNOWN_WRONG)) return [];
  return readFileSync(KNOWN_WRONG, 'utf8').split('\n').filter((row) => row && !row.startsWith('#'));
}

// Which verdict each generated claim got: findings are matched to claims by their document offsets.
import type { Finding } from '../src/engine';
import type { Claim, Corpus, FileKind } from './generator';

export interface ClaimVerdict {
  readonly claim: Claim;
  /** The finding that starts inside the claim, if any. */
  readonly finding?: Finding;
  /** verified for a correct claim, mismatch for a wrong one. */
  readonly agrees: boolean;
}

export function expectedVerdict(claim: Claim): 'verified' | 'mismatch' {
  return claim.correct ? 'verified' : 'mismatch';
}

/** Match one file's findings to the corpus claims that live in it. */
export function matchFindings(corpus: Corpus, kind: FileKind, findings: readonly Finding[]): ClaimVerdict[] {
  const claims = corpus.claims.filter((c) => c.file === kind).sort((a, b) => a.start - b.start);
  const sorted = [...findings].sort((a, b) => a.range.start - b.range.start);
  const out: ClaimVerdict[] = [];
  let f = 0;
  for (const claim of claims) {
    while (f < sorted.length && sorted[f].range.start < claim.start) f++;
    const finding = f < sorted.length && sorted[f].range.start < claim.end ? sorted[f] : undefined;
    out.push({ claim, ...(finding ? { finding } : {}), agrees: finding?.verdict === expectedVerdict(claim) });
  }
  return out;
}

export interface AgreementSummary {
  total: number;
  agree: number;
  /** Correct claims reported verified / wrong claims reported mismatch. */
  correctVerified: number;
  correctTotal: number;
  wrongMismatch: number;
  wrongTotal: number;
  /** Claims with no finding at all. */
  missing: number;
  byVerdict: Record<string, number>;
  disagreements: { id: number; notation: string; problem: string; template: string; slip?: string; text: string; verdict: string; message: string }[];
}

export function summarize(verdicts: readonly ClaimVerdict[]): AgreementSummary {
  const s: AgreementSummary = { total: 0, agree: 0, correctVerified: 0, correctTotal: 0, wrongMismatch: 0, wrongTotal: 0, missing: 0, byVerdict: {}, disagreements: [] };
  for (const v of verdicts) {
    s.total++;
    const verdict = v.finding?.verdict ?? 'none';
    s.byVerdict[verdict] = (s.byVerdict[verdict] ?? 0) + 1;
    if (!v.finding) s.missing++;
    if (v.claim.correct) {
      s.correctTotal++;
      if (verdict === 'verified') s.correctVerified++;
    } else {
      s.wrongTotal++;
      if (verdict === 'mismatch') s.wrongMismatch++;
    }
    if (v.agrees) s.agree++;
    else {
      s.disagreements.push({
        id: v.claim.id,
        notation: v.claim.notation,
        problem: v.claim.problem,
        template: v.claim.template,
        ...(v.claim.slip ? { slip: v.claim.slip } : {}),
        text: v.claim.text,
        verdict,
        message: v.finding?.message ?? '',
      });
    }
  }
  return s;
}

// The kinds of mistake a mismatch is diagnosed as, with what each records (the union below), and
// the short phrase of each for a code lens ("✗ step 2: sign error"). The long messages, with their
// numbers and a counterexample, are made where the mistakes are recognised (diagnose.ts).

/** A mismatch's diagnosis: which mistake, in a teacher's words, and the numbers behind it. */
export type Diagnosis =
  /** The two sides have different shapes (or a product does not fit): `shapes` names the sub-expressions' shapes at `sizes`. */
  | {
      readonly diagnosis: 'shape';
      readonly expectedShape?: readonly [number, number];
      readonly claimedShape?: readonly [number, number];
      /** The right side is the transpose of the correct value. */
      readonly transposed?: true;
      readonly shapes?: Readonly<Record<string, string>>;
      readonly sizes?: Readonly<Record<string, number>>;
    }
  /** Sides of one square shape, the right side the transpose of the correct value (A for Aᵀ in ∂tr(AX)/∂X). */
  | { readonly diagnosis: 'transposed' }
  /** A square matrix without an inverse at some points. */
  | { readonly diagnosis: 'singular'; readonly shapes: Readonly<Record<string, string>>; readonly sizes: Readonly<Record<string, number>> }
  /** The left side under a known wrong convention of the model (the unbiased variance) is the right side. */
  | { readonly diagnosis: 'slip'; readonly slip: string }
  /** A number that is not the value (`expected` is the value; entry by entry for a vector), or rounded wrong. */
  | { readonly diagnosis: 'value'; readonly expected: number | readonly number[]; readonly rounding?: true }
  /** A known wrong formula of the model (λx for 2λx). */
  | { readonly diagnosis: 'wrong-form'; readonly form: string }
  /** A constant claimed for something that varies. */
  | { readonly diagnosis: 'constant' }
  /** The right side is a constant multiple of the correct value: −1, ±2, ±1/2, or another. */
  | { readonly diagnosis: 'sign' | 'factor' | 'sign-factor'; readonly ratio: number }
  /** An update rule that ascends, or whose step is off by a factor. */
  | { readonly diagnosis: 'ascent' | 'update-factor'; readonly ratio: number }
  | { readonly diagnosis: 'learning-rate' }
  /** The right side is another derivative of the model (`equals`), and the factor that separates them. */
  | { readonly diagnosis: 'other-gradient'; readonly equals: string; readonly factor?: string }
  | { readonly diagnosis: 'missing-factor' | 'extra-factor'; readonly factor: string }
  /** One factor (`used`) where another (`needed`) belongs. */
  | { readonly diagnosis: 'wrong-factor'; readonly used: string; readonly needed: string }
  /** σ where σ′ belongs, or the reverse. */
  | { readonly diagnosis: 'sigma-swap' }
  /** True for the sigmoid only, where σ is general. */
  | { readonly diagnosis: 'sigmoid-only' }
  /** A chain rule whose factors do not link: `missing` is the factor left out, `expectedLatex` the chain with it. */
  | { readonly diagnosis: 'broken-chain'; readonly missing: string; readonly expectedLatex: string }
  | { readonly diagnosis: 'differ' };

export type DiagnosisKind = Diagnosis['diagnosis'];

/**
 * What a teacher writes in the margin, per diagnosis, where the message's first clause is too long
 * or too technical ("sign error, and off by a factor of 2 (the right side is −2 times …)"); null
 * where the first clause reads well as it is ("missing a factor x", "this is ∂L/∂b_i, not ∂L/∂A_i").
 */
const SHORT_PHRASES: Readonly<Record<DiagnosisKind, string | null>> = {
  sign: 'sign error',
  'sign-factor': 'sign error and off by a factor',
  factor: null,
  ascent: 'gradient ascent, not descent',
  'learning-rate': 'learning rate missing',
  'update-factor': 'update step off by a factor',
  shape: 'shapes differ',
  transposed: 'transposed',
  singular: null,
  slip: null,
  value: 'wrong value',
  'wrong-form': null,
  constant: 'a constant, but the left side varies',
  'other-gradient': null,
  'missing-factor': null,
  'extra-factor': null,
  'wrong-factor': null,
  'sigma-swap': null,
  'sigmoid-only': 'holds only for the sigmoid',
  'broken-chain': 'a link of the chain is missing',
  differ: 'the two sides differ',
};

/** A finding is one short line above its math. */
const MAX_PHRASE_LENGTH = 60;

/** A message's first clause: up to its first ':' or ';'. */
export function firstClause(message: string): string {
  return message.split(/[:;]/)[0].trim();
}

/** A finding in a few words: its diagnosis's short phrase, else its message's first clause (cut to a line). */
export function shortPhrase(finding: { readonly message: string; readonly evidence: { readonly diagnosis?: DiagnosisKind } }): string {
  const kind = finding.evidence.diagnosis;
  const phrase = kind ? SHORT_PHRASES[kind] : null;
  if (phrase) return phrase;
  const clause = firstClause(finding.message);
  return clause.length <= MAX_PHRASE_LENGTH ? clause : `${clause.slice(0, MAX_PHRASE_LENGTH - 1).trimEnd()}…`;
}

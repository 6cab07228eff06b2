// What the parts of a document check share: the document, its settings and book, the model choice,
// the sample points and where findings go. The document checker (document.ts) holds them; the
// parts that check one statement (statements.ts, claim-step.ts) read them through this interface.
import type { LineMap } from '../source/location';
import type { Scope } from '../semantics/scope';
import type { DefinitionBook } from './book';
import type { CheckCache } from './cache';
import type { CheckOutput } from './claim-guard';
import type { DocumentSettings } from './document-settings';
import type { ModelChoice } from './model-choice';
import type { CheckOptions } from './options';
import type { SamplePoints } from './sample-points';
import type { SymbolicBudget } from './symbolic-form';
import type { UnreadableValues } from './unreadable';

export interface CheckContext {
  readonly text: string;
  readonly options: CheckOptions;
  readonly lineMap: LineMap;
  readonly settings: DocumentSettings;
  readonly book: DefinitionBook;
  readonly choice: ModelChoice;
  readonly points: SamplePoints;
  readonly output: CheckOutput;
  /** Parses and step outcomes by text and context (see CheckCache). */
  readonly cache: CheckCache;
  /** Prover time this check may still spend: symbolic proofs are extra evidence and must not dominate. */
  readonly symbolicBudget: SymbolicBudget;
  /** Symbols last given in math that could not be read (unreadable.ts). */
  readonly unreadable: UnreadableValues;
  /** The context a claim is checked in now: the current model, σ, and the definitions visible under it. */
  scope(): Scope;
}

// What a finding records besides its message: how it was decided, and for a mismatch its diagnosis
// (diagnosis.ts) and a counterexample. It is the CLI's JSON `evidence` as it is; editors read it
// through these types.
import type { SymbolicResult } from '../symbolic/prover';
import type { Diagnosis } from './diagnosis';
import type { Tolerance } from './evaluate-step';

/** A point where the two sides differ: the values there, and both sides' values. */
export interface Counterexample {
  readonly values: Readonly<Record<string, number>>;
  /** With σ generic: the σ of that point. */
  readonly sigma?: string;
  readonly claimed: readonly number[];
  readonly expected: readonly number[];
  /** Which sample point it is (its index), and the indices bound there: hovers show the mistake there. */
  readonly point?: number;
  readonly indices?: Readonly<Record<string, number>>;
}

/** How a step was decided, and the readings it was decided under. */
interface Decision {
  /** 'chain-rule': decided by the form of a chain of derivatives (chain-rule.ts), no numbers. */
  readonly method?: 'numeric' | 'chain-rule';
  /** The chain as it links, for a chain rule. */
  readonly chain?: string;
  /** Functions the text does not define, replaced by smooth stand-ins to decide (generic-function-claims.ts). */
  readonly standIns?: readonly string[];
  /** The readings of free variables' shapes the notation allows, each decided alike (shapes-from-notation.ts): "x a vector, A a square matrix". */
  readonly shapesFromNotation?: readonly string[];
  /** Sample points where both sides could be evaluated, and evaluations in all (free indices bound). */
  readonly points?: number;
  readonly evaluations?: number;
  readonly tolerance?: Tolerance;
  /** Decided as an identity in free variables (no model quantity in it). */
  readonly identity?: true;
  /** Both sides are numbers and constants (`-\log(0.48) = 0.733`): no symbol of the document is read. */
  readonly arithmetic?: true;
  /**
   * Set when some points had more bindings of the free indices than are checked (index-bindings.ts):
   * the most there were at a point, and how many of them were checked there.
   */
  readonly indexBindings?: { readonly checked: number; readonly total: number };
  readonly maxError?: number;
  /** The prover's extra evidence for a verified step. */
  readonly symbolic?: SymbolicResult;
  readonly counterexample?: Counterexample;
  /** Sample points where the step failed this way (shape and singular mismatches). */
  readonly failingPoints?: readonly number[];
  /** The convention (thin or full SVD) the step was decided under; every convention's message when none fits. */
  readonly convention?: string;
  readonly conventions?: Readonly<Record<string, string>>;
  /** Decided at the model's optimum (an optimality condition). */
  readonly atOptimum?: string;
  /** Singular at some points: what and where. */
  readonly singular?: string;
  readonly singularPoints?: readonly number[];
}

/** Why a claim was not decided, or what could not be read. */
interface Undecided {
  readonly reason?: string;
  /** Sample points where both sides were finite (too few to decide). */
  readonly valid?: number;
  /** What the numeric check found, when it decides nothing (data not given). */
  readonly checked?: Evidence;
  /** The numeric message of an approximation that random points cannot decide. */
  readonly numeric?: string;
  /** The claim budget that was spent (too-complex). */
  readonly budgetMs?: number;
  /** An internal error's message and stack. */
  readonly internalError?: string;
  readonly stack?: string;
  /** A malformed directive's text. */
  readonly directive?: string;
}

/** No diagnosis: the step was verified, or not decided. */
interface NoDiagnosis {
  readonly diagnosis?: undefined;
}

/** The model a claim was read in ('none' for none), and, when detection chose it, why. */
interface Reading {
  readonly model?: string;
  /** The symbols that tie the section to the model ('C_i, ŷ, z_i'); absent when a directive named it. */
  readonly detectedFrom?: string;
  /** Set when a directive or the options named the model (or `none`): the reading is the document's, not a guess. */
  readonly named?: true;
}

/** A finding's evidence. */
export type Evidence = Decision & Undecided & Reading & (Diagnosis | NoDiagnosis);

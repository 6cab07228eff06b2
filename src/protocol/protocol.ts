/**
 * The one typed protocol shared by the language server, the VS Code client and the report webview.
 * Plain data only: no imports from vscode or the server library; from the engine, only its types
 * and two data-only tables (the document kinds and the check defaults), so the client stays small.
 */
import { CHECKED_LANGUAGE_IDS } from '../engine/extract/kinds';
import { CHECK_DEFAULTS } from '../engine/check/defaults';
import type { Verdict } from '../engine/check/verdict';
import type { DiagnosisKind } from '../engine/check/diagnosis';

export type { Verdict };

/** LSP-style position and range (0-based line and UTF-16 character). */
export interface Position {
  readonly line: number;
  readonly character: number;
}
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** How many findings of each verdict (protocol/summary.ts counts and adds them). */
export type Summary = { readonly [V in Verdict]: number };

/** A named value shown to the user: `x = 0.52`, `C_i = −1.49`. */
export interface NamedValue {
  readonly name: string;
  readonly value: string;
}

/** "Yours vs expected" as one variable sweeps a range (scalar claims only). */
export interface Sweep {
  readonly variable: string;
  readonly xs: readonly number[];
  readonly claimed: readonly (number | null)[];
  readonly expected: readonly (number | null)[];
}

export interface ReportClaim {
  /** Stable within one report: `${blockIndex}:${stepIndex}`. */
  readonly id: string;
  readonly range: Range;
  /** The step's source, e.g. `\frac{\partial L}{\partial d} = 2(y - \hat y)`. */
  readonly text: string;
  /**
   * The claim written again from its parse, in LaTeX that KaTeX renders whatever notation the text
   * used (`sigmoid(z)` in a code comment is `\operatorname{sigmoid}(z)`, not the unknown `\sigmoid`); absent when it
   * did not parse.
   */
  readonly latex?: string;
  readonly verdict: Verdict;
  /** What the left side means: "∂L/∂A_i". */
  readonly target?: string;
  /** The same, as LaTeX that KaTeX renders (the panel shows it as math). */
  readonly targetLatex?: string;
  readonly message: string;
  /** Machine-readable diagnosis kind: 'sign', 'factor', 'other-gradient', … */
  readonly diagnosis?: DiagnosisKind;
  /** A right side that holds, as LaTeX, for a mismatch where one can be built (never the left side). */
  readonly expectedLatex?: string;
  /** The counterexample: variable values, then the claimed and expected values. */
  readonly counterexample?: { readonly values: readonly NamedValue[]; readonly claimed: string; readonly expected: string };
  readonly points?: number;
  readonly maxError?: number;
  readonly sweep?: Sweep;
}

export interface ReportBlock {
  readonly index: number;
  /** The whole math block (delimiters included). */
  readonly range: Range;
  /** The title of the document's heading it is under, when there is one (the panel names the block by it). */
  readonly heading?: string;
  /** In a notebook's report: the cell's text document (where the block's ranges are) and its name ("cell 4"). */
  readonly cell?: { readonly uri: string; readonly name: string };
  readonly claims: readonly ReportClaim[];
}

export interface Report {
  /** The document checked; for a notebook, the notebook (its blocks name their cells). */
  readonly uri: string;
  readonly version: number;
  readonly blocks: readonly ReportBlock[];
  readonly summary: Summary;
  /** The sample point hovers use (after `derivcheck: at …` pins and Resample). */
  readonly samplePoint: readonly NamedValue[];
}

// ——— language server requests and notifications ———

/** Request: the report of one document (computed on demand, with sweeps). */
export const REPORT_REQUEST = 'derivcheck/report';
export interface ReportParams {
  readonly uri: string;
}

/** Request: draw a new hover sample point (for one document, or all when uri is absent). */
export const RESAMPLE_REQUEST = 'derivcheck/resample';
export interface ResampleParams {
  readonly uri?: string;
}

/** Request: check a document now, whatever the run mode; resolves with its summary. */
export const CHECK_REQUEST = 'derivcheck/check';
export interface CheckParams {
  readonly uri: string;
}

/** Notification (server → client): a document's counts changed (status bar, panel refresh). */
export const STATUS_NOTIFICATION = 'derivcheck/status';
/**
 * Client → server: live checking paused or resumed (the editor keeps it per workspace; also
 * `initializationOptions.paused`). Paused, results are cleared and documents are checked only on request.
 */
export const PAUSE_NOTIFICATION = 'derivcheck/pause';
export interface PauseParams {
  readonly paused: boolean;
}
export interface StatusParams {
  readonly uri: string;
  readonly version: number;
  readonly summary: Summary;
}

// ——— commands, settings, diagnostics ———

export const COMMANDS = {
  checkDocument: 'derivcheck.checkDocument',
  checkWorkspace: 'derivcheck.checkWorkspace',
  showReport: 'derivcheck.showReport',
  resample: 'derivcheck.resample',
  insertModelDirective: 'derivcheck.insertModelDirective',
  toggleLiveChecking: 'derivcheck.toggleLiveChecking',
  exportReport: 'derivcheck.exportReport',
  /** Internal: reveal a claim in the panel (code lens). */
  revealClaim: 'derivcheck.revealClaim',
  /** Internal: copy a LaTeX string (code action). */
  copyLatex: 'derivcheck.copyLatex',
} as const;

export const SETTINGS_SECTION = 'derivcheck';

/** The settings the server reads (section `derivcheck`). */
export interface Settings {
  readonly run: 'onType' | 'onSave' | 'manual';
  readonly debounceMs: number;
  readonly severity: { readonly mismatch: SeverityName; readonly unparsed: SeverityName; readonly unsupported: SeverityName };
  readonly samples: number;
  readonly tolerance: number;
  readonly defaultModel: string;
  /** The σ of documents without a `sigma=` directive. */
  readonly defaultSigma: string;
  readonly seed: number;
  readonly languages: readonly string[];
  /** Documents larger than this (in MB of UTF-8) are not checked: one notice instead. */
  readonly maxFileSizeMB: number;
  /** Time one claim may take (ms); past it the claim is unsupported, "too complex to check in time". 0: no limit. */
  readonly claimBudgetMs: number;
  /** Which math blocks get a code lens: every block, those with a mismatch, or none. */
  readonly codeLens: CodeLensMode;
}
export const CODE_LENS_MODES = ['all', 'problems', 'off'] as const;
export type CodeLensMode = (typeof CODE_LENS_MODES)[number];
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export const DEFAULT_SETTINGS: Settings = {
  run: 'onType',
  debounceMs: 300,
  severity: { mismatch: 'error', unparsed: 'hint', unsupported: 'hint' },
  samples: CHECK_DEFAULTS.samples,
  tolerance: CHECK_DEFAULTS.tol,
  defaultModel: CHECK_DEFAULTS.model,
  defaultSigma: CHECK_DEFAULTS.sigma,
  seed: CHECK_DEFAULTS.seed,
  languages: CHECKED_LANGUAGE_IDS,
  maxFileSizeMB: 5,
  claimBudgetMs: CHECK_DEFAULTS.claimBudgetMs,
  codeLens: 'problems',
};

/** Diagnostic source and codes (the code action provider filters on them). */
export const DIAGNOSTIC_SOURCE = 'derivcheck';

/** `maxFileSizeMB` and `--max-size` count binary megabytes. */
export const BYTES_PER_MB = 1024 * 1024;

/** A file size as the CLI and Check Workspace name it when they skip a file: "50.0 MB", "12.3 KB". */
export function describeSize(bytes: number): string {
  return bytes >= 0.1 * BYTES_PER_MB ? `${(bytes / BYTES_PER_MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

// ——— report webview messages ———

export type HostToWebview =
  | { readonly type: 'report'; readonly report: Report | null; readonly focus?: string }
  | { readonly type: 'focus'; readonly claimId: string }
  /** The text a copy button asked for is on the clipboard: the button says so. */
  | { readonly type: 'copied'; readonly text: string };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly uri: string; readonly range: Range }
  /** Copy a LaTeX string (the expected expression) to the clipboard. */
  | { readonly type: 'copy'; readonly text: string }
  /** The webview has put a report in its DOM (tests and the host wait on it). */
  | { readonly type: 'rendered'; readonly uri: string | null; readonly version: number; readonly claims: number };

/** What the panel's serializer stores to restore after a reload. */
export interface PanelState {
  readonly uri?: string;
}

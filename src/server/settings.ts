import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { CODE_LENS_MODES, DEFAULT_SETTINGS, type CodeLensMode, type SeverityName, type Settings } from '../protocol/protocol';
import { MODEL_CHOICES } from '../engine/models/registry';
import { SIGMA_CHOICES } from '../engine/evaluate/activations';

const RUN_MODES: readonly Settings['run'][] = ['onType', 'onSave', 'manual'];
const SEVERITIES: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
/** Bounds that keep a typo in settings.json from freezing the server (samples=1e9) or spinning it (debounce −1). */
const MAX_SAMPLES = 1000;
const MAX_DEBOUNCE_MS = 10_000;
/** Beyond what one JavaScript string holds on 64-bit V8 (~512 MB of Latin-1): no real limit above. */
const MAX_FILE_SIZE_MB = 1024;
/** A minute per claim is already no limit in an editor. */
const MAX_CLAIM_BUDGET_MS = 60_000;

/**
 * The settings as the client sent them, checked field by field: whatever is missing or malformed
 * falls back to its default, so one bad value never disables the checker (editors other than
 * VS Code send whatever the user typed, with no schema in between).
 */
export function normalizeSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  const d = DEFAULT_SETTINGS;
  const severity = isObject(r.severity) ? r.severity : {};
  return {
    run: RUN_MODES.includes(r.run as Settings['run']) ? (r.run as Settings['run']) : d.run,
    debounceMs: numberIn(r.debounceMs, 0, MAX_DEBOUNCE_MS) ?? d.debounceMs,
    severity: {
      mismatch: severityName(severity.mismatch) ?? d.severity.mismatch,
      unparsed: severityName(severity.unparsed) ?? d.severity.unparsed,
      unsupported: severityName(severity.unsupported) ?? d.severity.unsupported,
    },
    samples: integerIn(r.samples, 1, MAX_SAMPLES) ?? d.samples,
    tolerance: numberIn(r.tolerance, Number.MIN_VALUE, 1) ?? d.tolerance,
    defaultModel: choiceIn(r.defaultModel, MODEL_CHOICES) ?? d.defaultModel,
    defaultSigma: choiceIn(r.defaultSigma, SIGMA_CHOICES) ?? d.defaultSigma,
    seed: integerIn(r.seed, 0, Number.MAX_SAFE_INTEGER) ?? d.seed,
    languages: Array.isArray(r.languages) && r.languages.every((l) => typeof l === 'string') ? r.languages : d.languages,
    maxFileSizeMB: numberIn(r.maxFileSizeMB, Number.MIN_VALUE, MAX_FILE_SIZE_MB) ?? d.maxFileSizeMB,
    claimBudgetMs: numberIn(r.claimBudgetMs, 0, MAX_CLAIM_BUDGET_MS) ?? d.claimBudgetMs,
    codeLens: CODE_LENS_MODES.includes(r.codeLens as CodeLensMode) ? (r.codeLens as CodeLensMode) : d.codeLens,
  };
}

export function severityOf(settings: Settings, verdict: 'mismatch' | 'unparsed' | 'unsupported'): DiagnosticSeverity {
  return SEVERITIES[settings.severity[verdict]];
}

/** A plain JSON object (what settings and notification params must be before their fields are read). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function severityName(value: unknown): SeverityName | undefined {
  return typeof value === 'string' && value in SEVERITIES ? (value as SeverityName) : undefined;
}

/** One of a registry's choices by name (a model, an activation function). */
function choiceIn(value: unknown, choices: readonly { readonly name: string }[]): string | undefined {
  return typeof value === 'string' && choices.some((c) => c.name === value) ? value : undefined;
}

function numberIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

function integerIn(value: unknown, min: number, max: number): number | undefined {
  const n = numberIn(value, min, max);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

// The defaults of the check options (options.ts). A file of its own, with no imports, so that the
// VS Code client and the report webview can read it without the checker.

/**
 * The defaults of CheckOptions, in one place: the CLI's help, the editor's settings
 * (protocol.ts DEFAULT_SETTINGS) and the checker read them. Data only (the VS Code client imports it).
 */
export const CHECK_DEFAULTS = {
  seed: 1,
  samples: 16,
  tol: 1e-9,
  model: 'auto',
  sigma: 'sigmoid',
  /** A normal claim takes 2–10 ms. */
  claimBudgetMs: 200,
  symbolicTimeoutMs: 300,
  symbolicBudgetMs: 500,
} as const;

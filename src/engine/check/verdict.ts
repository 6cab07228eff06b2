// The verdicts a claim can get. A file of its own, with no imports, so that the protocol (and the
// VS Code client and the report webview through it) can read it without the checker.

/** The verdicts, in the order summaries list them. */
export const VERDICTS = ['verified', 'mismatch', 'unparsed', 'unsupported'] as const;

export type Verdict = (typeof VERDICTS)[number];

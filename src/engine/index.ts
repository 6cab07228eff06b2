// Public API of the engine. (Being built: the checker lands here.)
import type { Finding, CheckOptions } from './check/finding';
export type { Finding, CheckOptions, Verdict } from './check/finding';

export interface CheckReport {
  readonly findings: Finding[];
}

export function checkText(_text: string, _options: CheckOptions = {}): CheckReport {
  return { findings: [] };
}

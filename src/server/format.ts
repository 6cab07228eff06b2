import { formatNumber, type Counterexample } from '../engine';
import type { ReportClaim } from '../protocol/protocol';

/** A value the engine stored in evidence: a number, a list of numbers (a vector's entries), or text. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.length === 1 ? formatValue(value[0]) : `(${value.map(formatValue).join(', ')})`;
  return String(value);
}

/** The engine's counterexample as display strings (the report's table, the hover's line). */
export function counterexampleOf(counterexample: Counterexample | undefined): ReportClaim['counterexample'] {
  if (!counterexample) return undefined;
  const { values, sigma, claimed, expected } = counterexample;
  const named = Object.entries(values).map(([name, value]) => ({ name, value: formatValue(value) }));
  // With sigma=generic the failing point's σ is part of the counterexample.
  if (sigma !== undefined) named.push({ name: 'σ', value: sigma });
  return { values: named, claimed: formatValue(claimed), expected: formatValue(expected) };
}

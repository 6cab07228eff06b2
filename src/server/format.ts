import { formatNumber } from '../engine';

/** A value the engine stored in evidence: a number, a list of numbers (a vector's entries), or text. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.length === 1 ? formatValue(value[0]) : `(${value.map(formatValue).join(', ')})`;
  return String(value);
}

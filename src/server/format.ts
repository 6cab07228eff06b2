/** Significant digits of every number the server shows (hover, report panel). */
const SIGNIFICANT_DIGITS = 4;
/** Outside [1e-3, 1e6) a number is shown in exponent form. */
const SMALL = 1e-3;
const LARGE = 1e6;
const MINUS = '−';

/** A number as the engine's messages write it: 4 significant digits, trailing zeros dropped, a real minus sign. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const text =
    Number.isInteger(x) && abs < LARGE
      ? String(x)
      : abs >= SMALL && abs < LARGE
        ? x.toPrecision(SIGNIFICANT_DIGITS)
        : x.toExponential(SIGNIFICANT_DIGITS - 1);
  return text.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1').replace(/-/g, MINUS);
}

/** A value the engine stored in evidence: a number, a list of numbers (a vector's entries), or text. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.length === 1 ? formatValue(value[0]) : `(${value.map(formatValue).join(', ')})`;
  return String(value);
}

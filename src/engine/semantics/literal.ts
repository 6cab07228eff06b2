import type { Node } from '../parse/ast';
import { some } from './walk';

/** The value of a number written as such (`3.79`, `-5.46`), or undefined for anything else. */
export function numberLiteral(node: Node): number | undefined {
  if (node.kind === 'num') return node.value;
  if (node.kind !== 'neg') return undefined;
  const value = numberLiteral(node.arg);
  return value === undefined ? undefined : -value;
}

/** The entries of a literal vector answer (`(…)`, `(…)^T`, `-(…)`), in the order its value stores them. */
export function literalEntries(node: Node): Node[] | undefined {
  if (node.kind === 'transpose' || node.kind === 'neg') return literalEntries(node.arg);
  if (node.kind !== 'tuple' || (node.rows.length > 1 && node.rows[0].length > 1)) return undefined;
  return node.rows.flat();
}

/** The most decimals written in any number of the expression (`-1.667` → 3). */
export function decimalsIn(node: Node): number {
  let most = 0;
  some(node, (n) => {
    if (n.kind === 'num') most = Math.max(most, n.decimals);
    return false;
  });
  return most;
}

/** How many significant digits a number is written with (`0.8888` → 4, `0.047` → 2, `0.7310` → 4, `12.5` → 3). */
export function significantDigits(value: number, decimals: number): number {
  if (value === 0) return decimals;
  return decimals + Math.floor(Math.log10(Math.abs(value)) + 1e-12) + 1;
}

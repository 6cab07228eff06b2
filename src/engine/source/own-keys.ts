// Lookup tables keyed by text from documents (function names, model names, extensions): without a
// prototype, `valueOf` or `constructor` finds nothing instead of Object.prototype's functions.

/** Drops `table`'s prototype, so only its own keys are found (by `[]` and `in`); returns it. */
export function ownKeysOnly<T extends object>(table: T): T {
  return Object.setPrototypeOf(table, null) as T;
}

/** `table[key]` if `key` is one of its own keys (not a prototype's: `constructor` finds nothing). */
export const lookup = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

// Lookups in lists kept in document order.

/** The index of the last item that starts at or before `offset` (-1 for none), in items sorted by start: a binary search. */
export function lastAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(items[mid]) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Small descriptive statistics shared by the simulator's run summaries and the what-if studies. */

/**
 * Nearest-rank percentile of ascending values (NaN when empty): always a value that occurred, so
 * with three runs p5 and p95 are the smallest and the largest.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Arithmetic mean; 0 for no values. */
export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
}

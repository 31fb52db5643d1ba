/** Summaries of timing samples. */

export interface Summary {
  /** Calls measured (after the first). */
  n: number;
  median: number;
  p95: number;
}

/** Nearest-rank percentile of samples (ms), p in (0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const summarize = (samples: readonly number[]): Summary => ({
  n: samples.length,
  median: percentile(samples, 50),
  p95: percentile(samples, 95),
});

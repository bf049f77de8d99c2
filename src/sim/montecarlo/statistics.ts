/**
 * Interval estimates of a sweep: Wilson intervals for probabilities, type-7 quantiles with
 * order-statistic intervals, means with standard errors. Layer: sim. Pure.
 */
import type { Estimate, MeanEstimate, ProbabilityEstimate } from './sweep-summary.ts';

/** The two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score 95% interval of a proportion `count / n`.
 * @throws nothing (n = 0 gives NaN bounds)
 * @example wilson(0, 100) // { value: 0, lo: 0, hi: 0.037..., count: 0, n: 100 }
 */
export function wilson(count: number, n: number): ProbabilityEstimate {
  const p = count / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  const lo = count === 0 ? 0 : Math.max(0, centre - half);
  const hi = count === n ? 1 : Math.min(1, centre + half);
  return { value: p, lo, hi, count, n };
}

/**
 * Type-7 (linear interpolation) quantile of an ascending array.
 * @throws nothing (empty input gives NaN)
 * @example quantileSortedType7(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileSortedType7(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * 1-based ranks bounding a 95% distribution-free interval of the q-quantile of n values
 * (normal approximation of the binomial): [nq - z sqrt(nq(1-q)), nq + z sqrt(nq(1-q))], rounded
 * outwards and clamped to [1, n].
 * @throws nothing
 * @example quantileRanks(10000, 0.5) // [4902, 5099]
 */
export function quantileRanks(n: number, q: number): [number, number] {
  const half = Z95 * Math.sqrt(n * q * (1 - q));
  const lo = Math.min(n, Math.max(1, Math.floor(n * q - half)));
  const hi = Math.min(n, Math.max(1, Math.ceil(n * q + half) + 1));
  return [lo, hi];
}

/**
 * The q-quantile of an ascending array with its order-statistic 95% interval.
 * @throws nothing
 * @example quantileEstimate(Float64Array.of(1, 2, 3), 0.5).value // 2
 */
export function quantileEstimate(sorted: ArrayLike<number>, q: number): Estimate {
  const [l, h] = quantileRanks(sorted.length, q);
  return { value: quantileSortedType7(sorted, q), lo: sorted[l - 1], hi: sorted[h - 1] };
}

/**
 * Mean with standard error (sample standard deviation / sqrt(n)) and value -/+ 1.96 se.
 * Two passes, in array order (deterministic).
 * @throws nothing (n = 0 gives NaN)
 * @example meanEstimate(Float64Array.of(1, 3)).value // 2
 */
export function meanEstimate(values: ArrayLike<number>): MeanEstimate {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  return { value: mean, lo: mean - Z95 * se, hi: mean + Z95 * se, se };
}

/**
 * Quantile with interval of a distribution given as counts per integer value (value v has
 * counts[v - 1] occurrences, v = 1..counts.length); null when all counts are 0.
 * @throws nothing
 * @example countsQuantile(Int32Array.of(0, 2, 1), 0.5) // { value: 2, lo: 2, hi: 3 }
 */
export function countsQuantile(counts: ArrayLike<number>, q: number): Estimate | null {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  if (n === 0) return null;
  const at = (rank: number): number => {
    // value of the rank-th smallest (1-based)
    let c = 0;
    for (let i = 0; i < counts.length; i++) {
      c += counts[i];
      if (c >= rank) return i + 1;
    }
    return counts.length;
  };
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = at(lo + 1);
  const b = at(Math.min(n, lo + 2));
  const [rl, rh] = quantileRanks(n, q);
  return { value: a + (h - lo) * (b - a), lo: at(rl), hi: at(rh) };
}

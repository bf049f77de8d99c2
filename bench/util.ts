/**
 * Shared helpers of the benchmark scripts: timing, percentiles and option parsing.
 * Not part of the library; benchmarks print their figures and never run in the test suite.
 */
import { parseArgs } from 'node:util';

/** Wall-clock seconds since `start` (from `process.hrtime.bigint()`). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The q-quantile (0..1) of an ascending-sorted array (nearest rank). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Parses `--name value` options of a benchmark with node's own parser. */
export function benchOptions<T extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>(
  args: string[],
  options: T,
) {
  return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
}

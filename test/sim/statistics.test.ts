import { describe, expect, it } from 'vitest';
import { countsQuantile, fanCheckpoints, meanEstimate, quantileEstimate, quantileSortedType7, wilson } from '../../src/sim/index.ts';

describe('wilson(count, n)', () => {
  it('gives the Wilson 95% interval, exact 0 and 1 at the ends', () => {
    const w = wilson(10, 100);
    expect(w.value).toBe(0.1);
    expect(w.lo).toBeCloseTo(0.05523, 4);
    expect(w.hi).toBeCloseTo(0.17437, 4);
    expect(wilson(0, 100).lo).toBe(0);
    expect(wilson(0, 100).hi).toBeCloseTo(0.03699, 4);
    expect(wilson(100, 100).hi).toBe(1);
  });
});

describe('quantileSortedType7(sorted, q) and quantileEstimate(sorted, q)', () => {
  it('interpolates linearly and brackets the quantile with order statistics', () => {
    expect(quantileSortedType7(Float64Array.of(1, 2, 3, 4), 0.5)).toBe(2.5);
    expect(quantileSortedType7(Float64Array.of(1, 2, 3, 4), 0)).toBe(1);
    expect(quantileSortedType7(Float64Array.of(1, 2, 3, 4), 1)).toBe(4);
    const xs = Float64Array.from({ length: 1001 }, (_, i) => i);
    const e = quantileEstimate(xs, 0.5);
    expect(e.value).toBe(500);
    expect(e.lo).toBeLessThan(500);
    expect(e.hi).toBeGreaterThan(500);
    expect(e.hi - e.lo).toBeLessThan(70);
  });
});

describe('meanEstimate(values)', () => {
  it('gives the mean and its standard error', () => {
    const m = meanEstimate(Float64Array.of(1, 2, 3, 4));
    expect(m.value).toBe(2.5);
    expect(m.se).toBeCloseTo(Math.sqrt(5 / 3 / 4), 12);
  });
});

describe('countsQuantile(counts, q)', () => {
  it('reads the median of integer values from counts, null without any', () => {
    expect(countsQuantile(Int32Array.of(0, 2, 1), 0.5)).toEqual({ value: 2, lo: 2, hi: 3 });
    expect(countsQuantile(Int32Array.of(1, 0, 0, 1), 0.5)?.value).toBe(2.5);
    expect(countsQuantile(Int32Array.of(0, 0), 0.5)).toBeNull();
  });
});

describe('fanCheckpoints(races, k)', () => {
  it('spreads k checkpoints, the last after the last race', () => {
    expect(Array.from(fanCheckpoints(10, 5))).toEqual([1, 3, 5, 7, 9]);
    expect(Array.from(fanCheckpoints(3, 100))).toEqual([0, 1, 2]);
  });
});

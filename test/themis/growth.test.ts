/**
 * Tests of growthExclusive and growthJoint against betting-math.md vectors (2.3, 3.3 T2).
 */
import { describe, expect, it } from 'vitest';
import { growthExclusive, growthJoint } from '../../src/themis/growth.ts';

const ODDS = [2.2, 3.3, 4.4, 5.7, 10.0];

describe('growthExclusive(p, odds, f)', () => {
  it('growthExclusive(V1..V3 joint f) matches betting-math 2.3', () => {
    expect(growthExclusive([0.3, 0.2, 0.25, 0.17, 0.08], ODDS, [0, 0, 1 / 34, 0, 0])).toBeCloseTo(0.0014378, 7);
    expect(growthExclusive([0.28, 0.19, 0.26, 0.19, 0.08], ODDS, [0, 0, 0.050721, 0.028451, 0])).toBeCloseTo(0.0047624, 7);
    expect(growthExclusive([0.225, 0.15, 0.3, 0.23, 0.095], ODDS, [0, 0, 0.128616, 0.097704, 0.019591])).toBeCloseTo(0.0348567, 7);
  });

  it('growthExclusive of the naive V3 stakes is the lower 0.0309008', () => {
    expect(growthExclusive([0.225, 0.15, 0.3, 0.23, 0.095], ODDS, [0, 0, 0.094118, 0.06617, 0])).toBeCloseTo(0.0309008, 6);
  });

  it('growthExclusive(p, odds, zeros) is 0', () => {
    expect(growthExclusive([0.5, 0.5], [2, 2], [0, 0])).toBe(0);
  });

  it('growthExclusive is -Infinity when a likely outcome leaves no wealth', () => {
    expect(growthExclusive([0.5, 0.5], [3, 3], [1, 0])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('growthJoint(prob, odds, hits, f)', () => {
  const prob = Float64Array.of(0.3, 0.35, 0.35);
  const hits = { offsets: Int32Array.of(0, 1, 3), outcomes: Int32Array.of(0, 0, 1) };
  it('growthJoint(T2 joint) is 0.018615 and the naive T2 stakes give 0.014289', () => {
    expect(growthJoint(prob, [4, 1.8], hits, [0.013636, 0.198864])).toBeCloseTo(0.018615, 6);
    expect(growthJoint(prob, [4, 1.8], hits, [0.066667, 0.2125])).toBeCloseTo(0.014289, 6);
  });

  it('growthJoint agrees with growthExclusive on a win pool', () => {
    const p = [0.225, 0.15, 0.3, 0.23, 0.095];
    const f = [0, 0, 0.128616, 0.097704, 0.019591];
    const win = { offsets: Int32Array.of(0, 1, 2, 3, 4, 5), outcomes: Int32Array.of(0, 1, 2, 3, 4) };
    expect(growthJoint(Float64Array.from(p), ODDS, win, f)).toBeCloseTo(growthExclusive(p, ODDS, f), 14);
  });
});

import { describe, expect, it } from 'vitest';
import { bootstrapRoi } from '../../../src/live/promote/index.ts';
import { racesWith } from './fixtures.ts';

const O = { confidence: 0.95, resamples: 1000, seed: 's' };

describe('bootstrapRoi(stakeYen, returnYen, options)', () => {
  it('bootstrapRoi gives the sample ROI and an interval around it', () => {
    const { stake, ret } = racesWith(400, 1.2);
    const ci = bootstrapRoi(stake, ret, O);
    expect(ci?.roi).toBeCloseTo(1.2, 10);
    expect(ci!.lo).toBeLessThan(1.2);
    expect(ci!.hi).toBeGreaterThan(1.2);
    expect(ci).toMatchObject({ races: 400, resamples: 1000, confidence: 0.95 });
  });
  it('bootstrapRoi is deterministic in its seed', () => {
    const stake = Array.from({ length: 50 }, () => 1000);
    const ret = stake.map((_, i) => (i * 7919) % 3001);
    expect(bootstrapRoi(stake, ret, O)).toEqual(bootstrapRoi(stake, ret, O));
    expect(bootstrapRoi(stake, ret, O)!.lo).not.toBe(bootstrapRoi(stake, ret, { ...O, seed: 't' })!.lo);
  });
  it('bootstrapRoi narrows with more races', () => {
    const a = racesWith(40, 1.1);
    const b = racesWith(4000, 1.1);
    const wa = bootstrapRoi(a.stake, a.ret, O)!;
    const wb = bootstrapRoi(b.stake, b.ret, O)!;
    expect(wb.hi - wb.lo).toBeLessThan((wa.hi - wa.lo) / 3);
  });
  it('bootstrapRoi([], []) is undefined; arrays of different lengths throw', () => {
    expect(bootstrapRoi([], [], O)).toBeUndefined();
    expect(() => bootstrapRoi([1], [], O)).toThrow(RangeError);
  });
});

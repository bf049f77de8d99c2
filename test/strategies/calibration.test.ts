import { describe, expect, it } from 'vitest';
import { BENTER_BINS, calibrationMetrics, createCalibration } from '../../src/strategies/index.ts';

describe('calibrationMetrics(races)', () => {
  const races = [
    { p: [0.5, 0.3, 0.15, 0.05], y: [0, 1, 0, 0] },
    { p: [0.6, 0.3, 0.1], y: [1, 0, 0] },
  ];
  it('betting-math 7.2: log-loss 1.203973 and 0.510826 (mean 0.857399), Brier 0.765 and 0.26 (mean 0.5125), pseudo-R2 0.309914', () => {
    expect(calibrationMetrics([races[0]]).logLoss).toBeCloseTo(1.203973, 6);
    expect(calibrationMetrics([races[1]]).logLoss).toBeCloseTo(0.510826, 6);
    expect(calibrationMetrics([races[0]]).brier).toBeCloseTo(0.765, 12);
    expect(calibrationMetrics([races[1]]).brier).toBeCloseTo(0.26, 12);
    const m = calibrationMetrics(races);
    expect(m.races).toBe(2);
    expect(m.runners).toBe(7);
    expect(m.logLoss).toBeCloseTo(0.857399, 6);
    expect(m.brier).toBeCloseTo(0.5125, 12);
    expect(m.pseudoR2).toBeCloseTo(0.309914, 6);
  });
  it('reliability table: Benter bins, n, mean predicted, observed rate and Z per bin', () => {
    const m = calibrationMetrics(races);
    expect(m.reliability.map((b) => b.lo)).toEqual(BENTER_BINS.slice(0, -1));
    const bin = (p: number) => m.reliability.find((b) => p >= b.lo && p < b.hi)!;
    expect(bin(0.05).n).toBe(1); // .05 sits in .050-.100
    expect(bin(0.3).n).toBe(2); // both .3 in .300-.400
    expect(bin(0.3).observed).toBe(0.5);
    expect(bin(0.3).meanPredicted).toBeCloseTo(0.3, 12);
    expect(bin(0.3).z).toBeCloseTo((1 - 0.6) / Math.sqrt(2 * 0.21), 12);
    const top = m.reliability[m.reliability.length - 1];
    expect(top.n).toBe(2); // .5 and .6
    expect(top.observed).toBe(0.5);
    expect(m.reliability.reduce((a, b) => a + b.n, 0)).toBe(7);
    expect(m.reliability[0].meanPredicted).toBeNull();
  });
  it('a dead heat shares the win; a race without a winner is skipped; no race gives nulls', () => {
    const c = createCalibration();
    c.add([0.5, 0.5], [1, 1]);
    c.add([0.5, 0.5], [0, 0]);
    const s = c.summary();
    expect(s.races).toBe(1);
    expect(s.logLoss).toBeCloseTo(Math.log(2), 12);
    expect(s.brier).toBeCloseTo(0, 12);
    expect(calibrationMetrics([]).logLoss).toBeNull();
    expect(calibrationMetrics([]).pseudoR2).toBeNull();
  });
});

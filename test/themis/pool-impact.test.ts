import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evMaximisingStake, kellyStakeWithImpact, oddsAfterStake } from '../../src/themis/pool-impact.ts';
import { ThemisError } from '../../src/themis/errors.ts';

const h = (x: number, T: number, W: number, R: number) => (R * x * (T + x)) / (W + x);

describe('oddsAfterStake', () => {
  it('oddsAfterStake(.8, 10M, 1M, x) reproduces the betting-math 4.3 table', () => {
    const want: [number, number][] = [
      [0, 8.0],
      [10_000, 7.928713],
      [100_000, 7.345455],
      [500_000, 5.6],
    ];
    for (const [x, o] of want) expect(oddsAfterStake(0.8, 10_000_000, 1_000_000, x)).toBeCloseTo(o, 6);
  });

  it('oddsAfterStake rejects bad inputs', () => {
    expect(() => oddsAfterStake(1.2, 100, 10, 0)).toThrow(ThemisError);
    expect(() => oddsAfterStake(0.8, 100, 200, 0)).toThrow(expect.objectContaining({ field: 'onTicketYen' }));
    expect(() => oddsAfterStake(0.8, 100, 0, 0)).toThrow(ThemisError);
    expect(() => oddsAfterStake(0.8, 100, 10, Number.NaN)).toThrow(expect.objectContaining({ field: 'ownStakeYen' }));
    expect(oddsAfterStake(0.8, 100, 0, 10)).toBeCloseTo(8.8, 12);
  });
});

describe('evMaximisingStake', () => {
  it("evMaximisingStake(.06, .83, 100000, 4150) reproduces Benter's example", () => {
    const x = evMaximisingStake(0.06, 0.83, 100_000, 4150);
    expect(x).toBeCloseTo(415.91, 2);
    expect(0.06 * h(x, 100_000, 4150, 0.83) - x).toBeCloseTo(39.61, 2);
    const y = (2 / 3) * x;
    const profit = 0.06 * h(y, 100_000, 4150, 0.83) - y;
    expect(profit).toBeCloseTo(35.48, 2);
    expect(profit / 39.61).toBeCloseTo(0.9, 2);
  });

  it('evMaximisingStake(.15, .8, 10M, 1M) is 107,823.4 and 0 without an edge', () => {
    expect(evMaximisingStake(0.15, 0.8, 10_000_000, 1_000_000)).toBeCloseTo(107_823.4, 1);
    expect(evMaximisingStake(0.12, 0.8, 10_000_000, 1_000_000)).toBe(0);
    expect(evMaximisingStake(0.05, 0.8, 10_000_000, 1_000_000)).toBe(0);
    expect(evMaximisingStake(1, 1, 10_000_000, 1_000_000)).toBe(Number.POSITIVE_INFINITY);
    expect(() => evMaximisingStake(1.5, 0.8, 10, 1)).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_PROBABILITY' }));
    expect(() => evMaximisingStake(0.5, 0.8, 10, 0)).toThrow(expect.objectContaining({ field: 'othersOnTicketYen' }));
  });

  it('evMaximisingStake is a stationary point of p h(x) - x (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        fc.double({ min: 0.7, max: 0.85, noNaN: true }),
        fc.double({ min: 1e5, max: 1e9, noNaN: true }),
        fc.double({ min: 0.005, max: 0.9, noNaN: true }),
        (p, R, T, share) => {
          const W = T * share;
          const x = evMaximisingStake(p, R, T, W);
          if (p * R * T <= W) {
            expect(x).toBe(0);
            return;
          }
          const ev = (y: number) => p * h(y, T, W, R) - y;
          const e = 1e-6 * (x + W);
          expect(ev(x)).toBeGreaterThanOrEqual(ev(x + e) - 1e-9 * T);
          expect(ev(x)).toBeGreaterThanOrEqual(ev(Math.max(0, x - e)) - 1e-9 * T);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('kellyStakeWithImpact', () => {
  it('kellyStakeWithImpact(.15, B, 10M, 1M, .8) reproduces the betting-math 4.4 table', () => {
    const want: [number, number][] = [
      [1_000_000, 22_451.5],
      [2_000_000, 37_047.9],
      [10_000_000, 77_737.7],
      [50_000_000, 100_028.6],
    ];
    for (const [B, x] of want) expect(kellyStakeWithImpact(0.15, B, 10_000_000, 1_000_000, 0.8)).toBeCloseTo(x, 1);
    const huge = kellyStakeWithImpact(0.15, 1e15, 10_000_000, 1_000_000, 0.8);
    const xEv = evMaximisingStake(0.15, 0.8, 10_000_000, 1_000_000);
    expect(huge).toBeLessThan(xEv);
    expect(huge).toBeGreaterThan(xEv - 1e-3);
  });

  it('kellyStakeWithImpact is 0 without an edge and below the no-impact Kelly stake with one', () => {
    expect(kellyStakeWithImpact(0.12, 1e6, 10_000_000, 1_000_000, 0.8)).toBe(0);
    expect(kellyStakeWithImpact(0, 1e6, 10_000_000, 1_000_000, 0.8)).toBe(0);
    const noImpact = ((0.15 * 8 - 1) / 7) * 1e6;
    expect(noImpact).toBeCloseTo(28_571.4, 1);
    expect(kellyStakeWithImpact(0.15, 1e6, 10_000_000, 1_000_000, 0.8)).toBeLessThan(noImpact);
    expect(() => kellyStakeWithImpact(0.15, 0, 10, 1, 0.8)).toThrow(expect.objectContaining({ field: 'bankrollYen' }));
  });

  it('kellyStakeWithImpact maximises the expected log wealth (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.7, max: 0.85, noNaN: true }),
        fc.double({ min: 1e5, max: 1e9, noNaN: true }),
        fc.double({ min: 0.005, max: 0.9, noNaN: true }),
        fc.double({ min: 1e4, max: 1e10, noNaN: true }),
        (p, R, T, share, B) => {
          const W = T * share;
          const x = kellyStakeWithImpact(p, B, T, W, R);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(Math.min(B, evMaximisingStake(p, R, T, W)));
          const g = (y: number) => p * Math.log(B - y + h(y, T, W, R)) + (p < 1 ? (1 - p) * Math.log(B - y) : 0);
          for (const y of [x * 0.99, x * 1.01, 0]) if (y >= 0 && y < B) expect(g(x)).toBeGreaterThanOrEqual(g(y) - 1e-12 * Math.abs(g(x)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * Tests of decideWin, the replay's Themis decision for win-only races on typed arrays: on random
 * fields, configs (safety factor, EV threshold, fraction caps, bankroll stop, point limit, yen
 * caps), bankrolls and account states it buys the same tickets with the same stakes, fractions,
 * p and odds, and rejects the others for the same reasons, as decide(raceInputFor(...)); it
 * declines what it does not reproduce (bad input, limits that cut stakes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideWin, winDecisionBuffers, WIN_REASONS } from '../../../src/sim/backtest/win-decision.ts';
import { raceInputFor } from '../../../src/strategies/index.ts';
import { decide, parseConfig, ThemisError, type ThemisConfig } from '../../../src/themis/index.ts';

const buffers = winDecisionBuffers(32);

function compare(runners: number[], pIn: number[], oddsIn: number[], bankroll: number, config: ThemisConfig, staked: number, points: number): boolean {
  const p = Float64Array.from(pIn);
  const odds = Float64Array.from(oddsIn);
  const fast = decideWin(Int32Array.from(runners), p, odds, bankroll, config, staked, points, buffers);
  let slow: ReturnType<typeof decide> | null = null;
  try {
    slow = decide(raceInputFor({ runners, p, odds }, config), bankroll, config, { stakedTodayYen: staked, pointsUsedToday: points });
  } catch (e) {
    if (!(e instanceof ThemisError)) throw e;
  }
  if (fast) {
    expect(slow).not.toBeNull();
    const bets: unknown[] = [];
    const rejected: unknown[] = [];
    runners.forEach((n, i) => {
      if (buffers.reason[i] === 0) bets.push({ id: `win:${n}`, p: p[i], odds: odds[i], fraction: buffers.fraction[i], stakeYen: buffers.stake[i] });
      else rejected.push({ id: `win:${n}`, reason: WIN_REASONS[buffers.reason[i] - 1] });
    });
    expect(bets).toEqual(slow!.bets.map((b) => ({ id: b.id, p: b.p, odds: b.odds, fraction: b.fraction, stakeYen: b.stakeYen })));
    expect(rejected).toEqual(slow!.rejected);
  }
  return fast;
}

const fieldArb = fc.integer({ min: 2, max: 18 }).chain((n) =>
  fc.record({
    runners: fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: n, maxLength: n }).map((a) => a.sort((x, y) => x - y)),
    weights: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    odds: fc.array(fc.double({ min: 1, max: 200, noNaN: true }), { minLength: n, maxLength: n }),
    edge: fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

const configArb = fc
  .record({
    safetyFactor: fc.constantFrom(0.1, 0.25, 0.5, 1),
    evThreshold: fc.constantFrom(0, 1, 1.05, 1.3),
    maxFractionPerTicket: fc.constantFrom(null, 0.01, 0.05),
    maxFractionPerRace: fc.constantFrom(null, 0.02, 0.1),
    minBankrollYen: fc.constantFrom(0, 10_000),
    pointLimitPerDay: fc.constantFrom(null, 3, 9_000),
    maxStakePerRaceYen: fc.constantFrom(null, 1_000, 1_000_000),
    maxStakePerDayYen: fc.constantFrom(null, 5_000, 10_000_000),
  })
  .map((c) => parseConfig({ ...c, betTypes: ['win'] }));

describe('decideWin', () => {
  it('decides as decide(raceInputFor(...)) does on random races, configs, bankrolls and account states', () => {
    let decided = 0;
    fc.assert(
      fc.property(
        fieldArb,
        configArb,
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 9_100 }),
        ({ runners, weights, odds, edge }, config, bankroll, staked, points) => {
          const s = weights.reduce((a, b) => a + b, 0);
          const p = weights.map((w) => w / s);
          // odds around the fair ones times an edge, so that some tickets clear the threshold
          const o = odds.map((x, i) => Math.max(1, Math.round((edge[i] / p[i]) * 10) / 10 || x));
          if (compare(runners, p, o, bankroll, config, staked * 100, points)) decided++;
        },
      ),
      { numRuns: 2000 },
    );
    expect(decided).toBeGreaterThan(500); // the others exercise the declines
  });

  it('declines a probability sum over 1, odds below 1, a runner number over 99 and a point limit that cuts', () => {
    const config = parseConfig({ betTypes: ['win'], safetyFactor: 1, minBankrollYen: 0 });
    expect(compare([1, 2], [0.7, 0.4], [2, 3], 100_000, config, 0, 0)).toBe(false);
    expect(compare([1, 2], [0.5, 0.5], [0.9, 3], 100_000, config, 0, 0)).toBe(false);
    expect(compare([1, 100], [0.5, 0.5], [3, 3], 100_000, config, 0, 0)).toBe(false);
    expect(compare([1, 2], [0.5, 0.5], [3, 3], 100_000, parseConfig({ betTypes: ['win'], pointLimitPerDay: 1, minBankrollYen: 0 }), 0, 0)).toBe(false);
    expect(compare([1, 2], [0.5, 0.5], [3, 3], 100_000, config, 0, 0)).toBe(true);
  });
});

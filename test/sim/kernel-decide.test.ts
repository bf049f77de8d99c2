import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, parseConfig, UNIT_YEN, unitStakeYen, type ThemisConfig } from '../../src/themis/index.ts';
import { buildGrid, buildPlan, newKernelCounts, readMc1Pool, simulatePaths, themisRace, type GridConfig, type RacePool } from '../../src/sim/index.ts';
import { sharedPath } from '../shared-data.ts';

const mc1 = sharedPath('bench/mc1-pool.csv');

/** A one-race pool whose winner is forced to local index w (p_true = 1 there). */
function forcedPool(pModel: number[], odds: number[], w: number): RacePool {
  const n = pModel.length;
  return {
    raceIds: ['R'],
    raceOffsets: Int32Array.of(0, n),
    runner: Int32Array.from({ length: n }, (_, i) => i + 1),
    pTrue: Float64Array.from({ length: n }, (_, i) => (i === w ? 1 : 0)),
    pModel: Float64Array.from(pModel),
    odds: Float64Array.from(odds),
  };
}

/** The bankroll after one race in the kernel, started at `bankroll`, with runner w winning. */
function kernelAfter(pool: RacePool, g: GridConfig, bankroll: number): number {
  const plan = buildPlan(pool, [g], bankroll, 0);
  const finals = new Float64Array(1);
  simulatePaths(plan, 's', 0, 1, new Int32Array(0), newKernelCounts(1, 1, 0), finals);
  return finals[0];
}

/** The bankroll after the race as decide() sizes it: stakes from decide, payout stake/100 * round(odds*100). */
function decideAfter(pModel: number[], odds: number[], w: number, config: ThemisConfig, bankroll: number): { after: number; stakes: number[] } {
  const pool = forcedPool(pModel, odds, w);
  const d = decide(themisRace(pool, 0, config.evThreshold), bankroll, config);
  let after = bankroll;
  const stakes: number[] = [];
  for (const b of d.bets) {
    stakes.push(b.stakeYen);
    after -= b.stakeYen;
    if (b.id === `win:${w + 1}`) after += (b.stakeYen / UNIT_YEN) * Math.round(b.odds * 100);
  }
  return { after, stakes };
}

const raceArb = fc
  .integer({ min: 2, max: 18 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: 0.05, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 11, max: 3000 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([w, o]) => {
    const s = w.reduce((a, b) => a + b, 0);
    return { pModel: w.map((x) => x / s), odds: o.map((x) => x / 10) };
  });

const configArb = fc.record({
  safetyFactor: fc.double({ min: 0.01, max: 1, noNaN: true }),
  evThreshold: fc.double({ min: 0.5, max: 1.6, noNaN: true }),
  maxFractionPerTicket: fc.option(fc.double({ min: 0.001, max: 1, noNaN: true }), { nil: null }),
  maxFractionPerRace: fc.option(fc.double({ min: 0.001, max: 1, noNaN: true }), { nil: null }),
  minBankrollYen: fc.integer({ min: 0, max: 200_000 }),
  pointLimitPerDay: fc.constant(null),
});

describe('simulatePaths(plan, ...) sizes like decide(race, bankroll, config)', () => {
  it('gives the bankroll decide() implies for every forced winner, on sampled (race, bankroll, config) states', () => {
    let betting = 0;
    fc.assert(
      fc.property(raceArb, configArb, fc.integer({ min: 0, max: 2_000_000_000 }), (race, raw, bankroll) => {
        const [g] = buildGrid({ base: raw, fields: {} });
        for (let w = 0; w < race.pModel.length; w++) {
          const d = decideAfter(race.pModel, race.odds, w, g.config, bankroll);
          if (w === 0 && d.stakes.length > 0) betting++;
          expect(kernelAfter(forcedPool(race.pModel, race.odds, w), g, bankroll)).toBe(d.after);
        }
      }),
      { numRuns: 150 },
    );
    expect(betting).toBeGreaterThan(30); // the sample is not all no-bet states
  });

  describe.skipIf(!mc1)('on MC1 races', () => {
    it('matches decide() on sampled MC1 races, bankrolls and sweep configs', () => {
      const pool = readMc1Pool(mc1 as string).pool;
      const grid = buildGrid({ base: {}, fields: { safetyFactor: [0.1, 0.5, 1], evThreshold: [1, 1.1, 1.3], maxFractionPerTicket: [null, 0.05] } });
      let betting = 0;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: pool.raceIds.length - 1 }), fc.integer({ min: 0, max: grid.length - 1 }), fc.integer({ min: 0, max: 1e8 }), (r, k, bankroll) => {
          const a = pool.raceOffsets[r];
          const b = pool.raceOffsets[r + 1];
          const pm = Array.from(pool.pModel.subarray(a, b));
          const odds = Array.from(pool.odds.subarray(a, b));
          for (let w = 0; w < b - a; w++) {
            const d = decideAfter(pm, odds, w, grid[k].config, bankroll);
            if (w === 0 && d.stakes.length > 0) betting++;
            expect(kernelAfter(forcedPool(pm, odds, w), grid[k], bankroll)).toBe(d.after);
          }
        }),
        { numRuns: 120 },
      );
      expect(betting).toBeGreaterThan(20);
    });
  });

  it('leaves the bankroll untouched under the bankroll stop', () => {
    const [g] = buildGrid({ base: { safetyFactor: 1, minBankrollYen: 50_000 }, fields: {} });
    const pm = [0.5, 0.3, 0.2];
    const odds = [2.5, 2.5, 6];
    expect(decideAfter(pm, odds, 0, g.config, 49_999).stakes).toEqual([]);
    expect(kernelAfter(forcedPool(pm, odds, 0), g, 49_999)).toBe(49_999);
    expect(kernelAfter(forcedPool(pm, odds, 0), g, 50_000)).toBe(decideAfter(pm, odds, 0, g.config, 50_000).after);
  });

  it('themisRace keeps only candidates, and decide() on it equals decide() on the full race', () => {
    fc.assert(
      fc.property(raceArb, configArb, fc.integer({ min: 0, max: 1e9 }), (race, raw, bankroll) => {
        const config = parseConfig(raw);
        const pool = forcedPool(race.pModel, race.odds, 0);
        const full = { tickets: race.pModel.map((p, i) => ({ id: `win:${i + 1}`, p, odds: race.odds[i] })) };
        const a = decide(themisRace(pool, 0, config.evThreshold), bankroll, config).bets;
        const b = decide(full, bankroll, config).bets;
        expect(a).toEqual(b);
      }),
      { numRuns: 100 },
    );
  });
});

describe('simulatePaths(plan, ...) stakes floor(bankroll * fraction / 100) * 100 exactly', () => {
  it('equals unitStakeYen(bankroll, fraction) on bankrolls where bankroll * fraction / 100 is (nearly) an integer', () => {
    // one ticket at odds 2 that always wins: final = bankroll + stake
    for (const [p, safety] of [[0.7, 1], [0.7, 0.3], [0.6, 0.5], [0.55, 0.9]] as const) {
      const pool = forcedPool([p, 1 - p], [2, 1], 0);
      const [g] = buildGrid({ base: { safetyFactor: safety, evThreshold: 1, maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0 }, fields: {} });
      const plan = buildPlan(pool, [g], 100, 0);
      const fraction = plan.groupFraction[0];
      const finals = new Float64Array(1);
      for (let bankroll = 100; bankroll <= 300_000; bankroll += 100) {
        simulatePaths({ ...plan, bankrollYen: bankroll }, 's', 0, 1, new Int32Array(0), newKernelCounts(1, 1, 0), finals);
        if (finals[0] - bankroll !== unitStakeYen(bankroll, fraction)) expect(finals[0] - bankroll).toBe(unitStakeYen(bankroll, fraction));
      }
    }
  });
});

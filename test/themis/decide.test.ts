/**
 * Tests of decide: it equals size after allocate; property tests on money (multiples of 100,
 * never above the bankroll, scale-free fractions, monotone in the safety factor, deterministic,
 * nothing below the threshold) and the seed's bankroll scenarios.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, decide, parseConfig, safeDecide, size, type Decision, type RaceInput, type ThemisConfig } from '../../src/themis/index.ts';

/** A random exclusive win race: n runners, probabilities summing to `mass`, odds 1.0-100.0. */
const winRace = fc
  .integer({ min: 1, max: 18 })
  .chain((n) =>
    fc.record({
      w: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      o: fc.array(fc.integer({ min: 10, max: 1000 }), { minLength: n, maxLength: n }),
      mass: fc.double({ min: 0.8, max: 1, noNaN: true }),
    }),
  )
  .map(({ w, o, mass }): RaceInput => {
    const s = w.reduce((a, b) => a + b, 0);
    return { tickets: w.map((x, i) => ({ id: `win:${i + 1}`, p: (x / s) * mass * (1 - 1e-12), odds: o[i] / 10 })) };
  });

const configArb = fc
  .record({
    safetyFactor: fc.double({ min: 0.01, max: 1, noNaN: true }),
    evThreshold: fc.constantFrom(0, 1, 1.05, 1.2),
    maxFractionPerTicket: fc.constantFrom(null, 0.02, 0.05, 0.2),
    maxFractionPerRace: fc.constantFrom(null, 0.05, 0.1, 0.5),
    maxStakePerRaceYen: fc.constantFrom(null, 1_000, 50_000),
    maxStakePerDayYen: fc.constantFrom(null, 10_000, 300_000),
    minBankrollYen: fc.constantFrom(0, 10_000),
    pointLimitPerDay: fc.constantFrom(null, 2, 9_000),
  })
  .map((raw) => parseConfig(raw));

const bankrollArb = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 1e9 }));
const accountArb = fc.record({
  stakedTodayYen: fc.integer({ min: 0, max: 400_000 }).map((x) => x - (x % 100)),
  pointsUsedToday: fc.integer({ min: 0, max: 9_000 }),
});

const totalStake = (d: Decision): number => d.bets.reduce((s, b) => s + b.stakeYen, 0);

describe('decide(race, bankrollYen, config, account?)', () => {
  it('decide stakes are multiples of 100 yen and never sum above the bankroll', () => {
    fc.assert(
      fc.property(winRace, configArb, bankrollArb, accountArb, (race, cfg, bankroll, account) => {
        const d = decide(race, bankroll, cfg, account);
        for (const b of d.bets) {
          expect(Number.isSafeInteger(b.stakeYen)).toBe(true);
          expect(b.stakeYen % 100).toBe(0);
          expect(b.stakeYen).toBeGreaterThan(0);
        }
        expect(totalStake(d)).toBeLessThanOrEqual(bankroll);
        if (cfg.maxStakePerRaceYen !== null) expect(totalStake(d)).toBeLessThanOrEqual(cfg.maxStakePerRaceYen);
        if (cfg.maxStakePerDayYen !== null) expect(totalStake(d)).toBeLessThanOrEqual(Math.max(0, cfg.maxStakePerDayYen - account.stakedTodayYen));
        // Every ticket is accounted for exactly once.
        expect(d.bets.length + d.rejected.length).toBe(race.tickets.length);
      }),
      { numRuns: 400 },
    );
  });

  it('decide buys nothing when no ticket clears the EV threshold', () => {
    fc.assert(
      fc.property(winRace, configArb, fc.integer({ min: 0, max: 1e9 }), (race, cfg, bankroll) => {
        const maxEv = Math.max(...race.tickets.map((t) => (t.p ?? 0) * t.odds));
        const strict = parseConfig({ ...cfg, evThreshold: Math.ceil(maxEv * 100) / 100 + 0.01 });
        const d = decide(race, bankroll, strict);
        expect(d.bets).toEqual([]);
        expect(d.growth).toBe(0);
        expect(d.rejected.every((r) => r.reason === 'below_threshold')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('decide equals size after allocate, and is deterministic', () => {
    fc.assert(
      fc.property(winRace, configArb, bankrollArb, accountArb, (race, cfg, bankroll, account) => {
        const d = decide(race, bankroll, cfg, account);
        expect(size(allocate(race, cfg), bankroll, cfg, account)).toEqual(d);
        expect(decide(race, bankroll, cfg, account)).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  it('allocate fractions are scale-free: size(f, k*B) stakes scale by k up to the 100-yen floors', () => {
    const noYenCaps = configArb.map((c) => parseConfig({ ...c, maxStakePerRaceYen: null, maxStakePerDayYen: null, pointLimitPerDay: null, minBankrollYen: 0 }));
    fc.assert(
      fc.property(winRace, noYenCaps, fc.integer({ min: 100, max: 1e8 }), fc.integer({ min: 1, max: 50 }), (race, cfg, bankroll, k) => {
        const a = allocate(race, cfg);
        const one = size(a, bankroll, cfg);
        const many = size(a, bankroll * k, cfg);
        const byId = new Map(many.bets.map((b) => [b.id, b.stakeYen]));
        for (const b of one.bets) {
          const big = byId.get(b.id) ?? 0;
          expect(big).toBeGreaterThanOrEqual(k * b.stakeYen);
          expect(big).toBeLessThan(k * (b.stakeYen + 100));
        }
        if (many.bets.length > 0) expect(many.growth).toBe(a.growth);
      }),
      { numRuns: 300 },
    );
  });

  it('decide total stake is non-decreasing in the safety factor', () => {
    // Without the per-race fraction cap (its proportional scaling can trade 100-yen floors between tickets).
    const cfgArb = configArb.map((c) => ({ ...c, maxFractionPerRace: null }));
    fc.assert(
      fc.property(
        winRace,
        cfgArb,
        fc.integer({ min: 0, max: 1e9 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (race, c, bankroll, s1, s2) => {
          const lo = parseConfig({ ...c, safetyFactor: Math.min(s1, s2) });
          const hi = parseConfig({ ...c, safetyFactor: Math.max(s1, s2) });
          expect(totalStake(decide(race, bankroll, hi))).toBeGreaterThanOrEqual(totalStake(decide(race, bankroll, lo)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decide(V1 race, 1,000,000, safety 1) buys win:3 for 29,400 yen with growth 0.0014378', () => {
    const race: RaceInput = {
      tickets: [0.3, 0.2, 0.25, 0.17, 0.08].map((p, i) => ({ id: `win:${i + 1}`, p, odds: [2.2, 3.3, 4.4, 5.7, 10][i] })),
    };
    const d = decide(race, 1_000_000, parseConfig({ safetyFactor: 1, evThreshold: 1.05 }));
    expect(d.bets).toHaveLength(1);
    expect(d.bets[0]).toMatchObject({ id: 'win:3', stakeYen: 29_400 });
    expect(d.bets[0].fraction).toBeCloseTo(0.029412, 6);
    expect(d.growth).toBeCloseTo(0.0014378, 7);
    expect(d.rejected).toEqual([
      { id: 'win:1', reason: 'below_threshold' },
      { id: 'win:2', reason: 'below_threshold' },
      { id: 'win:4', reason: 'below_threshold' },
      { id: 'win:5', reason: 'below_threshold' },
    ]);
  });

  it('safeDecide on good input is { ok: true, decision } equal to decide', () => {
    const race: RaceInput = { tickets: [{ id: 'win:1', p: 0.35, odds: 3.5 }] };
    const cfg = parseConfig({});
    expect(safeDecide(race, 1_000_000, cfg)).toEqual({ ok: true, decision: decide(race, 1_000_000, cfg) });
  });
});

describe('decide bankroll scenarios', () => {
  const race: RaceInput = {
    tickets: [
      { id: 'win:1', p: 0.35, odds: 3.5 },
      { id: 'win:2', p: 0.3, odds: 4.0 },
      { id: 'win:3', p: 0.1, odds: 6.0 },
    ],
  };
  const cfg: ThemisConfig = parseConfig({ safetyFactor: 0.5 });

  it('decide after ten losses in a row shrinks every next stake', () => {
    let bankroll = 1_000_000;
    let previous: Decision | undefined;
    for (let k = 0; k < 10; k++) {
      const d = decide(race, bankroll, cfg);
      expect(d.bets.length).toBeGreaterThan(0);
      if (previous !== undefined) {
        const before = new Map(previous.bets.map((b) => [b.id, b.stakeYen]));
        for (const b of d.bets) expect(b.stakeYen).toBeLessThan(before.get(b.id) ?? Number.POSITIVE_INFINITY);
        expect(totalStake(d)).toBeLessThan(totalStake(previous));
      }
      bankroll -= totalStake(d); // every ticket loses
      previous = d;
    }
    expect(bankroll).toBeGreaterThan(0);
  });

  it('decide with a bankroll at zero or under minBankrollYen buys nothing (bankroll_stop)', () => {
    for (const bankroll of [0, 100, 9_999]) {
      const d = decide(race, bankroll, cfg);
      expect(d.bets).toEqual([]);
      expect(d.rejected.filter((r) => r.reason === 'bankroll_stop').map((r) => r.id)).toEqual(['win:1', 'win:2']);
      expect(d.rejected.find((r) => r.id === 'win:3')?.reason).toBe('below_threshold');
    }
    expect(decide(race, 10_000, cfg).bets.length).toBeGreaterThan(0);
  });

  it('a bankroll betting on random races never goes negative', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(winRace, fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 40 }), configArb, (races, c) => {
        let bankroll = 200_000;
        for (const [r, u] of races) {
          const d = decide(r, bankroll, c);
          const staked = totalStake(d);
          expect(staked).toBeLessThanOrEqual(bankroll);
          // Settle: the winner is drawn from the race's probabilities (u), payouts in integer yen.
          let acc = 0;
          let winner: string | undefined;
          for (const t of r.tickets) {
            acc += t.p ?? 0;
            if (u < acc) {
              winner = t.id;
              break;
            }
          }
          const hit = d.bets.find((b) => b.id === winner);
          const payout = hit === undefined ? 0 : Math.floor((hit.stakeYen / 100) * Math.round(hit.odds * 100));
          bankroll = bankroll - staked + payout;
          expect(Number.isSafeInteger(bankroll)).toBe(true);
          expect(bankroll).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});

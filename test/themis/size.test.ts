/**
 * Tests of size: 100-yen floors, the bankroll stop, yen caps per race and per day, the point
 * limit, below_unit, own-pool impact and the bankroll guard.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, parseConfig, size, unitStakeYen, type Allocation, type RaceInput } from '../../src/themis/index.ts';
import { kellyStakeWithImpact } from '../../src/themis/pool-impact.ts';

const V3: RaceInput = {
  tickets: [0.225, 0.15, 0.3, 0.23, 0.095].map((p, i) => ({ id: `win:${i + 1}`, p, odds: [2.2, 3.3, 4.4, 5.7, 10][i] })),
};
const base = { safetyFactor: 1, evThreshold: 0, maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0 };
const cfg = (extra: Record<string, unknown> = {}) => parseConfig({ ...base, ...extra });

describe('unitStakeYen(bankrollYen, fraction)', () => {
  it('unitStakeYen(123456, 0.09) floors to 11,100 yen', () => {
    expect(unitStakeYen(123456, 0.09)).toBe(11_100);
    expect(unitStakeYen(1_000_000, 0.0294117)).toBe(29_400);
    expect(unitStakeYen(99, 1)).toBe(0);
  });
});

describe('size(allocation, bankrollYen, config, account?)', () => {
  it('size(V3, 1,000,000) floors each stake to 100 yen', () => {
    const c = cfg();
    const d = size(allocate(V3, c), 1_000_000, c);
    expect(d.bets.map((b) => [b.id, b.stakeYen])).toEqual([
      ['win:3', 128_600],
      ['win:4', 97_700],
      ['win:5', 19_500],
    ]);
    expect(d.rejected).toEqual([
      { id: 'win:1', reason: 'below_unit' },
      { id: 'win:2', reason: 'below_unit' },
    ]);
    expect(d.growth).toBeCloseTo(0.0348567, 7);
  });

  it('size(f, bankroll) below minBankrollYen rejects every candidate with bankroll_stop', () => {
    const c = cfg({ minBankrollYen: 10_000, evThreshold: 1.05 });
    const d = size(allocate(V3, c), 9_999, c);
    expect(d.bets).toEqual([]);
    expect(d.growth).toBe(0);
    expect(d.rejected).toEqual([
      { id: 'win:1', reason: 'below_threshold' },
      { id: 'win:2', reason: 'below_threshold' },
      { id: 'win:3', reason: 'bankroll_stop' },
      { id: 'win:4', reason: 'bankroll_stop' },
      { id: 'win:5', reason: 'below_threshold' },
    ]);
  });

  it('size(f, 0) with no configured stop still stops (bankroll_stop): nothing can be bought', () => {
    const c = cfg();
    const d = size(allocate(V3, c), 0, c);
    expect(d.bets).toEqual([]);
    expect(d.rejected.filter((r) => r.reason === 'bankroll_stop')).toHaveLength(5);
  });

  it('size with small bankroll rejects tiny stakes as below_unit', () => {
    const c = cfg();
    const d = size(allocate(V3, c), 3_000, c);
    expect(d.bets.map((b) => b.stakeYen)).toEqual([300, 200]);
    expect(d.rejected.find((r) => r.id === 'win:5')?.reason).toBe('below_unit');
  });

  it('size applies maxStakePerRaceYen by scaling whole units down (cap_per_race)', () => {
    const c = cfg({ maxStakePerRaceYen: 50_000 });
    const d = size(allocate(V3, c), 1_000_000, c);
    const total = d.bets.reduce((s, b) => s + b.stakeYen, 0);
    expect(total).toBeLessThanOrEqual(50_000);
    // 1286, 977, 195 units of 2458 scaled to 500: floors 261, 198, 39; the 2 units left go to
    // the largest remainders (.74 and .67)
    expect(d.bets.map((b) => b.stakeYen)).toEqual([26_100, 19_900, 4_000]);
    expect(total).toBe(50_000);
    expect(d.bets.every((b) => b.capped === 'cap_per_race')).toBe(true);
  });

  it('size rejects a stake scaled to 0 by the race cap with cap_per_race', () => {
    const c = cfg({ maxStakePerRaceYen: 500 });
    const d = size(allocate(V3, c), 1_000_000, c);
    // floors 2, 1, 0 (remainders .616, .987, .397): leftovers to win:4 then win:3
    expect(d.bets.map((b) => b.stakeYen)).toEqual([300, 200]);
    expect(d.rejected.find((r) => r.id === 'win:5')?.reason).toBe('cap_per_race');
  });

  it('size applies maxStakePerDayYen less the stake already placed today (cap_per_day)', () => {
    const c = cfg({ maxStakePerDayYen: 100_000 });
    const d = size(allocate(V3, c), 1_000_000, c, { stakedTodayYen: 80_000, pointsUsedToday: 0 });
    const total = d.bets.reduce((s, b) => s + b.stakeYen, 0);
    expect(total).toBeLessThanOrEqual(20_000);
    expect(d.bets.every((b) => b.capped === 'cap_per_day')).toBe(true);
    const spent = size(allocate(V3, c), 1_000_000, c, { stakedTodayYen: 100_000, pointsUsedToday: 0 });
    expect(spent.bets).toEqual([]);
    expect(spent.rejected.filter((r) => r.reason === 'cap_per_day')).toHaveLength(3);
  });

  it('size keeps the largest stakes when fewer points remain than tickets (point_limit)', () => {
    const c = cfg();
    const d = size(allocate(V3, c), 1_000_000, c, { stakedTodayYen: 0, pointsUsedToday: 8_999, pointLimit: 9_000 });
    expect(d.bets.map((b) => b.id)).toEqual(['win:3']);
    expect(d.rejected.filter((r) => r.reason === 'point_limit').map((r) => r.id)).toEqual(['win:4', 'win:5']);
    const two = size(allocate(V3, cfg({ pointLimitPerDay: 2 })), 1_000_000, cfg({ pointLimitPerDay: 2 }));
    expect(two.bets.map((b) => b.id)).toEqual(['win:3', 'win:4']);
    const none = size(allocate(V3, c), 1_000_000, c, { stakedTodayYen: 0, pointsUsedToday: 9_000 });
    expect(none.bets).toEqual([]);
  });

  it('size records the fraction cap that drove a stake to 0 instead of below_unit', () => {
    const c = cfg({ maxFractionPerRace: 0.0001 });
    const d = size(allocate(V3, c), 1_000_000, c);
    expect(d.bets).toEqual([]);
    expect(d.rejected.filter((r) => r.reason === 'cap_per_race')).toHaveLength(3);
  });

  it('size with poolImpact caps a win stake at safety x the Kelly stake with impact', () => {
    const race: RaceInput = {
      tickets: [{ id: 'win:1', p: 0.15, odds: 8, pool: { poolTotalYen: 10_000_000, poolOnTicketYen: 1_000_000 } }],
    };
    const c = cfg({ poolImpact: true });
    const d = size(allocate(race, c), 1_000_000, c);
    // no-impact Kelly 28,571 -> 28,500; with impact 22,451.5 -> 22,400
    expect(d.bets[0].stakeYen).toBe(22_400);
    expect(d.bets[0].capped).toBe('cap_per_ticket');
    expect(kellyStakeWithImpact(0.15, 1_000_000, 10_000_000, 1_000_000, 0.8)).toBeCloseTo(22_451.5, 1);
    const off = size(allocate(race, cfg()), 1_000_000, cfg());
    expect(off.bets[0].stakeYen).toBe(28_500);
    const half = cfg({ poolImpact: true, safetyFactor: 0.5 });
    expect(size(allocate(race, half), 1_000_000, half).bets[0].stakeYen).toBe(11_200);
  });

  it('size with no point limit anywhere keeps every ticket', () => {
    const c = cfg({ pointLimitPerDay: null });
    const d = size(allocate(V3, c), 1_000_000, c, { stakedTodayYen: 0, pointsUsedToday: 1e9, pointLimit: null });
    expect(d.bets).toHaveLength(3);
  });

  it('decide refuses pool sizes without others on the ticket (odds undefined)', () => {
    const race: RaceInput = { tickets: [{ id: 'win:1', p: 0.15, odds: 8, pool: { poolTotalYen: 10_000_000, poolOnTicketYen: 0 } }] };
    expect(() => allocate(race, cfg())).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT', field: 'tickets[0].pool.poolOnTicketYen' }));
  });

  it('size with poolImpact leaves tickets without pool sizes and non-win tickets alone', () => {
    const race: RaceInput = { tickets: [{ id: 'trifecta:1>2>3', p: 0.02, odds: 80, pool: { poolTotalYen: 1_000_000, poolOnTicketYen: 1_000 } }] };
    const on = cfg({ poolImpact: true });
    expect(size(allocate(race, on), 1_000_000, on)).toEqual(size(allocate(race, cfg()), 1_000_000, cfg()));
  });

  it('size refuses an allocation whose fractions sum over 1', () => {
    const c = cfg();
    const a = allocate(V3, c);
    const bad = { ...a, fraction: Float64Array.of(0.5, 0.6, 0, 0, 0) };
    expect(() => size(bad, 1_000_000, c)).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT', field: 'allocation.fraction' }));
    const neg = { ...a, fraction: Float64Array.of(-0.1, 0, 0, 0, 0) };
    expect(() => size(neg, 1_000_000, c)).toThrow(expect.objectContaining({ field: 'allocation.fraction[0]' }));
  });

  it('size omits `capped` on uncapped bets', () => {
    const c = cfg();
    const d = size(allocate(V3, c), 1_000_000, c);
    expect('capped' in d.bets[0]).toBe(false);
  });

  it('size scales stakes over the race cap to exactly the cap: floors, then one unit each to the largest remainders, ties to the earlier ticket', () => {
    fc.assert(
      fc.property(
        // Few distinct unit counts: many equal remainders, so the ties decide who gets a leftover unit.
        fc.oneof(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }), fc.array(fc.constantFrom(0, 1, 3, 7, 20), { minLength: 1, maxLength: 60 })),
        fc.integer({ min: 1, max: 3000 }),
        (units, capUnits) => {
          // Fractions that buy exactly `units` units of a 1,000,000-yen bankroll (repeated unit counts make equal remainders).
          const bankroll = 1_000_000;
          const n = units.length;
          const fraction = Float64Array.from(units, (u) => (u * 100 + 50) / bankroll);
          const allocation: Allocation = {
            ids: units.map((_, i) => `win:${i + 1}`),
            betTypes: units.map(() => 'win' as const),
            p: new Float64Array(n).fill(0.5),
            odds: new Float64Array(n).fill(3),
            fraction,
            uncapped: fraction.slice(),
            reason: new Array(n).fill(null),
            capped: new Array(n).fill(null),
            pools: new Array(n).fill(undefined),
            growth: 0.01,
            method: 'exclusive',
          };
          const c = cfg({ maxStakePerRaceYen: capUnits * 100 });
          const d = size(allocation, bankroll, c);
          const total = units.reduce((a, b) => a + b, 0);
          // The reference: as the steps of size describe it.
          const want = units.slice();
          if (total > capUnits) {
            const rem = units.map((u) => u * capUnits - Math.floor((u * capUnits) / total) * total);
            for (let i = 0; i < n; i++) want[i] = Math.floor((units[i] * capUnits) / total);
            let left = capUnits - want.reduce((a, b) => a + b, 0);
            const order = units.map((_, i) => i).filter((i) => units[i] > 0).sort((a, b) => rem[b] - rem[a] || a - b);
            for (const i of order) {
              if (left === 0 || rem[i] === 0) break;
              want[i]++;
              left--;
            }
          }
          const got = new Array<number>(n).fill(0);
          for (const b of d.bets) got[Number(b.id.slice(4)) - 1] = b.stakeYen / 100;
          expect(got).toEqual(want);
          expect(d.bets.reduce((a, b) => a + b.stakeYen, 0)).toBe(Math.min(total, capUnits) * 100);
          for (const r of d.rejected) expect(r.reason).toBe(units[Number(r.id.slice(4)) - 1] === 0 ? 'below_unit' : 'cap_per_race');
        },
      ),
      { numRuns: 300 },
    );
  });
});

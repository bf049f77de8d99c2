/**
 * Tests of size: 100-yen floors, the bankroll stop, yen caps per race and per day, the point
 * limit, below_unit, own-pool impact and the bankroll guard; sizeColumns sizes a stage in codes
 * exactly as size sizes the same allocation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, BET_TYPES, parseConfig, REJECT_REASONS, rejectReasonOf, size, sizeColumns, unitStakeYen, type Allocation, type ColumnarAllocation, type RaceInput } from '../../src/themis/index.ts';
import { ticketKey, ticketKeyId } from '../../src/themis/ticket-keys.ts';
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

describe('sizeColumns(stage, bankrollYen, config, account?)', () => {
  it('sizes a stage in codes exactly as size sizes the same allocation: bets, reasons, caps, stop, points, pool impact', () => {
    const types = ['win', 'place', 'quinella', 'exacta', 'trio', 'trifecta'] as const;
    const capReasons = [null, 'cap_per_ticket', 'cap_per_race'] as const;
    const seen = new Set<string>();
    const ticket = fc.record({
      type: fc.constantFrom(...types),
      fraction: fc.oneof(fc.double({ min: 0, max: 0.05, noNaN: true }), fc.constantFrom(0, 1e-7, 0.0001, 0.001)),
      extra: fc.double({ min: 0, max: 0.02, noNaN: true }),
      capped: fc.constantFrom(...capReasons),
      notCandidate: fc.boolean(),
      pool: fc.option(fc.record({ total: fc.integer({ min: 1e5, max: 1e9 }), share: fc.double({ min: 0.001, max: 0.9, noNaN: true }) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(ticket, { minLength: 0, maxLength: 40 }),
        fc.constantFrom(0, 50, 9_900, 250_000, 1_000_000, 37_654_321),
        fc.record({
          poolImpact: fc.boolean(),
          pointLimitPerDay: fc.constantFrom(null, 0, 3, 12),
          maxStakePerRaceYen: fc.constantFrom(null, 500, 20_000),
          maxStakePerDayYen: fc.constantFrom(null, 1_000, 60_000),
          minBankrollYen: fc.constantFrom(0, 10_000),
        }),
        fc.record({ stakedTodayYen: fc.integer({ min: 0, max: 50_000 }), pointsUsedToday: fc.integer({ min: 0, max: 10 }) }),
        (rows, bankroll, extra, account) => {
          // Distinct tickets with canonical ids and keys.
          const n = rows.length;
          const keys = Int32Array.from(rows, (t, i) => {
            const legs = t.type === 'win' || t.type === 'place' ? 1 : t.type === 'trio' || t.type === 'trifecta' ? 3 : 2;
            return ticketKey(BET_TYPES.indexOf(t.type), i + 1, legs >= 2 ? i + 2 : 0, legs === 3 ? i + 3 : 0);
          });
          const ids = Array.from(keys, (k) => ticketKeyId(k));
          const fraction = Float64Array.from(rows, (t) => t.fraction);
          const total = fraction.reduce((s, f) => s + f, 0);
          if (total > 1) return;
          const allocation: Allocation = {
            ids,
            betTypes: rows.map((t) => t.type),
            p: Float64Array.from(rows, (_, i) => 0.05 + (i % 7) / 20),
            odds: Float64Array.from(rows, (_, i) => 2 + i),
            fraction,
            uncapped: Float64Array.from(rows, (t) => t.fraction + (t.capped === null ? 0 : t.extra)),
            reason: rows.map((t) => (t.notCandidate && t.fraction === 0 ? 'below_threshold' : null)),
            capped: rows.map((t) => t.capped),
            pools: rows.map((t) => (t.pool === undefined ? undefined : { poolTotalYen: t.pool.total, poolOnTicketYen: Math.floor(t.pool.total * t.pool.share) })),
            growth: 0.0123,
            method: 'joint',
          };
          const config = cfg({ ...extra, safetyFactor: 0.5 });
          const want = size(allocation, bankroll, config, account);
          // The stage of the same allocation: every ticket a candidate row, its codes as allocateColumns writes them.
          const code = <T,>(list: readonly T[], x: T | null): number => (x === null ? 0 : list.indexOf(x) + 1);
          const anyPool = allocation.pools.some((x) => x !== undefined);
          const stage: ColumnarAllocation = {
            count: n,
            keys,
            reason: new Uint8Array(n),
            rows: Int32Array.from(rows, (_, i) => i),
            allocation: {
              count: n,
              betTypes: Uint8Array.from(rows, (t) => BET_TYPES.indexOf(t.type)),
              p: allocation.p,
              odds: allocation.odds,
              fraction,
              uncapped: allocation.uncapped,
              reason: Uint8Array.from(allocation.reason, (r) => code(REJECT_REASONS, r)),
              capped: Uint8Array.from(allocation.capped, (c) => code(['cap_per_ticket', 'cap_per_race', 'cap_per_day'], c)),
              pools: anyPool ? allocation.pools : null,
              growth: allocation.growth,
              method: 'joint',
            },
          };
          const got = sizeColumns(stage, bankroll, config, account);
          expect(got.bets).toEqual(want.bets);
          expect(got.growth).toBe(want.growth);
          const rejected = [...got.reason].flatMap((r, i) => (r === 0 ? [] : [{ id: ids[i], reason: rejectReasonOf(r) }]));
          expect(rejected).toEqual(want.rejected);
          for (const r of want.rejected) seen.add(r.reason);
          for (const b of want.bets) seen.add(b.capped ?? 'bought');
          // The stage's own codes are left as stage 1 gave them: it can be sized again.
          expect(sizeColumns({ ...stage, reason: new Uint8Array(n) }, bankroll, config, account).bets).toEqual(want.bets);
        },
      ),
      { numRuns: 400 },
    );
    // Every step of size decided some ticket in these runs.
    expect([...seen].sort()).toEqual(['below_threshold', 'below_unit', 'bankroll_stop', 'bought', 'cap_per_day', 'cap_per_race', 'cap_per_ticket', 'point_limit'].sort());
  });
});

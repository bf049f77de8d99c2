import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDataError } from '../../src/data/errors.ts';
import {
  JRA_PAYOUT_RATES,
  payoutPer100,
  rawPayoutPer100,
  singleWinnerPayoutPer100,
} from '../../src/data/parimutuel.ts';

describe('JRA_PAYOUT_RATES', () => {
  it('holds the betting-math 4.1 rates', () => {
    expect(JRA_PAYOUT_RATES).toEqual({
      win: 0.8,
      place: 0.8,
      bracket_quinella: 0.775,
      quinella: 0.775,
      wide: 0.775,
      exacta: 0.75,
      trio: 0.75,
      trifecta: 0.725,
    });
  });
});

describe('payoutPer100(pool) on the betting-math 4.2 table', () => {
  it('KEIRIN GP06 wide, R=.75: 1,730 / 550 / 910', () => {
    const pool = { rate: 0.75, totalYen: 16_917_300, winningStakesYen: [232_900, 796_000, 458_000] };
    expect(payoutPer100(pool).per100).toEqual([1730, 550, 910]);
    expect(rawPayoutPer100(pool, 0)).toBeCloseTo(1731.33, 2);
  });

  it('place, R=.8, U=50M, W=12M/4M/1M: 150 / 300 / 960', () => {
    expect(payoutPer100({ rate: 0.8, totalYen: 50_000_000, winningStakesYen: [12e6, 4e6, 1e6] }).per100).toEqual([
      150, 300, 960,
    ]);
  });

  it('2023 秋華賞 place: raw 84.58, 元返し to 100 (before Plus10)', () => {
    // Only W of the favourite and D are published; the other two placers' stakes are not.
    // Split the rest between them as (10M, 20M) for the check of the formula itself.
    const w = 1_771_789_700;
    const d = 304_461_700;
    const pool = { rate: 0.8, totalYen: w + d + 30_000_000, winningStakesYen: [w, 10_000_000, 20_000_000] };
    expect(rawPayoutPer100(pool, 0)).toBeCloseTo(84.58, 2);
    expect(payoutPer100({ ...pool, plus10: 'none' }).per100[0]).toBe(100);
    // Per-combination Plus10 (unconfirmed variant): W + D/P < 1.1 W, so it stays 100.
    expect(payoutPer100({ ...pool, plus10: 'per-combination' }).per100[0]).toBe(100);
    // Aggregate rule: 110 would make total payouts exceed net sales here, so 100 stays.
    const agg = payoutPer100(pool);
    expect(agg.per100[0]).toBe(100);
    expect(agg.plus10Applied).toBe(false);
    expect(agg.totalPaidYen).toBeLessThanOrEqual(pool.totalYen);
    // With 500M on the other two placers the top-up fits within net sales: 110.
    const big = { rate: 0.8, totalYen: w + d + 500_000_000, winningStakesYen: [w, 200_000_000, 300_000_000] };
    expect(payoutPer100(big).per100[0]).toBe(110);
    expect(payoutPer100(big).totalPaidYen).toBeLessThanOrEqual(big.totalYen);
  });

  it('win dead heat, R=.8, U=10M, W_A=5M, W_B=0.5M: A 110 (raw 116) / B 440', () => {
    const pool = { rate: 0.8, totalYen: 10_000_000, winningStakesYen: [5_000_000, 500_000] };
    expect(rawPayoutPer100(pool, 0)).toBeCloseTo(116, 9);
    const r = payoutPer100(pool);
    expect(r.per100).toEqual([110, 440]);
    expect(r.plus10Applied).toBe(false); // 110 comes from the floor of 116, not from Plus10
    expect(singleWinnerPayoutPer100(0.8, 10_000_000, 500_000)).toBe(1600);
  });

  it('trifecta, R=.725, U=1e9, W=123,400: 587,520', () => {
    expect(payoutPer100({ rate: 0.725, totalYen: 1_000_000_000, winningStakesYen: [123_400] }).per100).toEqual([587_520]);
  });
});

describe('payoutPer100(pool) on the betting-math 4.3 place example', () => {
  const others = [8.0e6, 6.0e6, 4.0e6, 3.0e6, 2.5e6, 2.0e6, 1.5e6, 1.0e6];
  const total = others.reduce((a, b) => a + b, 0);
  const place = (placers: number[]) =>
    payoutPer100({ rate: 0.8, totalYen: total, winningStakesYen: placers.map((i) => others[i - 1]) }).per100;

  it('#1 pays 110 with placers {1,2,3}', () => {
    expect(place([1, 2, 3])[0]).toBe(110);
  });
  it('#1 pays 130 and #8 pays 540 with placers {1,7,8}', () => {
    const r = place([1, 7, 8]);
    expect(r[0]).toBe(130);
    expect(r[2]).toBe(540);
  });
  it('own 1M on #1: 100 before Plus10, 110 under the aggregate rule', () => {
    const pool = { rate: 0.8, totalYen: total + 1e6, winningStakesYen: [9e6, 6e6, 4e6] };
    expect(payoutPer100({ ...pool, plus10: 'none' }).per100[0]).toBe(100);
    const r = payoutPer100(pool);
    expect(r.per100[0]).toBe(110);
    expect(r.plus10Applied).toBe(true);
    expect(r.topUpYen).toBe(900_000);
  });
});

describe('payoutPer100(pool) edge cases', () => {
  it('特払い: no winning ticket pays floor(10R)*10 to every ticket', () => {
    const r = payoutPer100({ rate: 0.775, totalYen: 1_000_000, winningStakesYen: [0] });
    expect(r).toMatchObject({ special: true, specialPer100: 70, per100: [null], totalPaidYen: 700_000 });
    expect(payoutPer100({ rate: 0.8, totalYen: 1_000_000, winningStakesYen: [0, 0] }).specialPer100).toBe(80);
    expect(payoutPer100({ rate: 0.725, totalYen: 1_000, winningStakesYen: [0] }).specialPer100).toBe(70);
  });

  it('a winning combination nobody bet on drops out of P', () => {
    const a = payoutPer100({ rate: 0.8, totalYen: 50_000_000, winningStakesYen: [12e6, 0, 1e6] });
    expect(a.per100[1]).toBeNull();
    // P = 2: #1 gets 80 * (12M + 37M/2) / 12M = 203.3 -> 200
    expect(a.per100[0]).toBe(200);
  });

  it('empty pool pays nothing', () => {
    expect(payoutPer100({ rate: 0.8, totalYen: 0, winningStakesYen: [0] })).toMatchObject({ special: false, totalPaidYen: 0 });
  });

  it('per-combination Plus10 raises only where W + D/P >= 1.1 W', () => {
    // W=9.6M of U=10M: 80 * 10/9.6 = 83.3 -> 元返し 100, 10/9.6 < 1.1 -> stays 100.
    expect(payoutPer100({ rate: 0.8, totalYen: 10_000_000, winningStakesYen: [9_600_000], plus10: 'per-combination' }).per100).toEqual([100]);
    // W=7.2M: 80 * 10/7.2 = 111.1 -> 110 anyway.
    expect(payoutPer100({ rate: 0.8, totalYen: 10_000_000, winningStakesYen: [7_200_000] }).per100).toEqual([110]);
    // W=8.5M: 94.1 -> 100; 10/8.5 >= 1.1 -> 110.
    expect(payoutPer100({ rate: 0.8, totalYen: 10_000_000, winningStakesYen: [8_500_000], plus10: 'per-combination' }).per100).toEqual([110]);
  });

  it('huge pools stay exact (1e13 yen)', () => {
    const r = payoutPer100({ rate: 0.725, totalYen: 10_000_000_000_000, winningStakesYen: [123_400] });
    expect(r.per100[0]).toBe(5_875_202_590);
  });

  it.each([
    [{ rate: 0.8001, totalYen: 100, winningStakesYen: [100] }, 'rate'],
    [{ rate: 0, totalYen: 100, winningStakesYen: [100] }, 'rate'],
    [{ rate: 0.8, totalYen: -1, winningStakesYen: [0] }, 'totalYen'],
    [{ rate: 0.8, totalYen: 100, winningStakesYen: [] }, 'winningStakesYen'],
    [{ rate: 0.8, totalYen: 100, winningStakesYen: [50.5] }, 'winningStakesYen'],
    [{ rate: 0.8, totalYen: 100, winningStakesYen: [200] }, 'winningStakesYen'],
  ])('throws DATA_BAD_OPTION for %o', (pool, field) => {
    try {
      payoutPer100(pool);
      expect.unreachable();
    } catch (e) {
      expect(isDataError(e, 'DATA_BAD_OPTION')).toBe(true);
      expect((e as { field: string }).field).toBe(field);
    }
  });
});

describe('payoutPer100(pool) properties', () => {
  const rates = Object.values(JRA_PAYOUT_RATES);
  const poolArb = fc
    .record({
      rate: fc.constantFrom(...rates),
      stakes: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 5 }),
      losing: fc.integer({ min: 0, max: 5_000_000 }),
      plus10: fc.constantFrom('aggregate' as const, 'per-combination' as const, 'none' as const),
    })
    .map(({ rate, stakes, losing, plus10 }) => {
      const ws = stakes.map((s) => s * 10);
      return { rate, totalYen: ws.reduce((a, b) => a + b, 0) + losing * 10, winningStakesYen: ws, plus10 };
    });

  it('total paid minus top-ups never exceeds R * U, and per-100 payouts are multiples of 10 >= 100', () => {
    fc.assert(
      fc.property(poolArb, (pool) => {
        const r = payoutPer100(pool);
        if (r.special) return r.totalPaidYen <= pool.totalYen;
        const rMil = Math.round(pool.rate * 1000);
        const ok = r.per100.every((v, k) => (pool.winningStakesYen[k] === 0 ? v === null : v !== null && v >= 100 && v % 10 === 0));
        return ok && (r.totalPaidYen - r.topUpYen) * 1000 <= rMil * pool.totalYen && r.topUpYen >= 0;
      }),
    );
  });

  it('under the aggregate rule Plus10 never takes total payouts above net sales', () => {
    fc.assert(
      fc.property(poolArb, (pool) => {
        const r = payoutPer100({ ...pool, plus10: 'aggregate' });
        if (!r.plus10Applied) return true;
        return r.totalPaidYen <= pool.totalYen;
      }),
    );
  });

  it('a single-winner pool pays floor(R U / W / 10) * 10 when that is >= 110', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e8 }), (w, rest) => {
        const u = w + rest;
        const v = singleWinnerPayoutPer100(0.8, u, w) as number;
        const exact = Math.floor((80 * u) / w / 10) * 10;
        return exact >= 110 ? v === exact : v === 100 || v === 110;
      }),
    );
  });
});

/**
 * Tests of pnlByPeriod (P&L of ledger entries by day, week and month) and its time helpers:
 * integer sums, hit rate and ROI apart, deposits apart from profit, drawdown from the peak with
 * the warn/halt state, and period boundaries in Japan time.
 */
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.ts';
import { jstDateOf, jstDateTimeOf, periodOf, pnlByPeriod, readBacktestFolder } from '../../src/report/index.ts';
import { BACKTEST_FIXTURE } from '../fixtures/report/backtest-fixture.ts';

/** A ledger over two months: a deposit, wins, losses, a refund, a withdrawal. */
function ledger(): Ledger {
  const l = new Ledger();
  l.deposit(100_000, '2024-01-31T00:30:00Z'); // 09:30 JST, Wednesday of 2024-W05
  l.stake('R1', 'win:1', 10_000, '2024-01-31T01:00:00Z');
  l.payout('R1', 'win:1', 25_000, '2024-01-31T01:10:00Z');
  l.stake('R2', 'win:2', 20_000, '2024-01-31T14:50:00Z'); // 23:50 JST on the 31st
  l.payout('R2', 'win:2', 0, '2024-01-31T15:10:00Z'); // 00:10 JST on 1 February
  l.stake('R3', 'place:4', 5_000, '2024-02-03T10:05');
  l.refund('R3', 'place:4', 5_000, '2024-02-03T10:30');
  l.stake('R4', 'win:5', 30_000, '2024-02-04T15:40');
  l.payout('R4', 'win:5', 0, '2024-02-04T16:00');
  l.withdraw(10_000, '2024-02-05T09:00');
  return l;
}

describe('jstDateOf(at) and jstDateTimeOf(at)', () => {
  it('jstDateOf converts zoned times to Japan time and keeps local ones', () => {
    expect(jstDateOf('2024-12-31T15:30:00Z')).toBe('2025-01-01');
    expect(jstDateOf('2024-12-31T14:59:59.999Z')).toBe('2024-12-31');
    expect(jstDateOf('2024-12-31T23:50')).toBe('2024-12-31');
    expect(jstDateOf('2024-12-31T10:00:00-05:00')).toBe('2025-01-01');
    expect(jstDateOf('2024-06-01')).toBe('2024-06-01');
  });
  it('jstDateTimeOf gives YYYY-MM-DD HH:MM:SS in Japan time', () => {
    expect(jstDateTimeOf('2024-06-01T06:40:00.000Z')).toBe('2024-06-01 15:40:00');
    expect(jstDateTimeOf('2024-06-01T15:40')).toBe('2024-06-01 15:40:00');
    expect(jstDateTimeOf('2024-06-01T08:40:00+02:00')).toBe('2024-06-01 15:40:00');
  });
  it('jstDateOf throws REPORT_BAD_INPUT for text that is not ISO', () => {
    expect(() => jstDateOf('31/12/2024')).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
    expect(() => jstDateOf('')).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
  });
});

describe('periodOf(date, period)', () => {
  it('names days, months (with their last day) and ISO weeks', () => {
    expect(periodOf('2024-02-10', 'day')).toEqual({ period: '2024-02-10', from: '2024-02-10', to: '2024-02-10' });
    expect(periodOf('2024-02-10', 'month')).toEqual({ period: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('2023-02-10', 'month').to).toBe('2023-02-28');
    expect(periodOf('2024-02-10', 'week')).toEqual({ period: '2024-W06', from: '2024-02-05', to: '2024-02-11' });
  });
  it('puts the days around New Year in the ISO week-year of their Thursday', () => {
    expect(periodOf('2024-12-30', 'week')).toEqual({ period: '2025-W01', from: '2024-12-30', to: '2025-01-05' });
    expect(periodOf('2021-01-03', 'week')).toEqual({ period: '2020-W53', from: '2020-12-28', to: '2021-01-03' });
    expect(periodOf('2024-01-01', 'week').period).toBe('2024-W01');
  });
});

describe('pnlByPeriod(entries, period)', () => {
  it("pnlByPeriod(entries, 'month') sums integer yen per JST month, the 00:10 JST payout in February", () => {
    const r = pnlByPeriod(ledger().entries(), 'month');
    expect(r.rows.map((x) => x.period)).toEqual(['2024-01', '2024-02']);
    const [jan, feb] = r.rows;
    expect(jan).toMatchObject({ tickets: 2, stakeYen: 30_000, payoutYen: 25_000, refundYen: 0, returnYen: 25_000, profitYen: -5_000, hits: 1, losses: 0, depositsYen: 100_000 });
    expect(jan.hitRate).toBe(1);
    expect(jan.roi).toBeCloseTo(25_000 / 30_000, 12);
    expect(feb).toMatchObject({ tickets: 2, stakeYen: 35_000, payoutYen: 0, refundYen: 5_000, returnYen: 5_000, profitYen: -30_000, hits: 0, losses: 2, refunds: 1, withdrawalsYen: 10_000 });
    expect(feb.hitRate).toBe(0);
    for (const row of r.rows) for (const k of ['stakeYen', 'payoutYen', 'refundYen', 'profitYen', 'bankrollEndYen'] as const) expect(Number.isInteger(row[k])).toBe(true);
  });

  it('keeps hit rate and ROI apart: the totals recompute both from the sums', () => {
    const t = pnlByPeriod(ledger().entries(), 'day').totals;
    expect(t).toMatchObject({ tickets: 4, stakeYen: 65_000, returnYen: 30_000, profitYen: -35_000, hits: 1, losses: 2, refunds: 1, bankrollEndYen: 55_000 });
    expect(t.hitRate).toBeCloseTo(1 / 3, 12);
    expect(t.roi).toBeCloseTo(30_000 / 65_000, 12);
  });

  it('counts deposits and withdrawals apart from profit, and the bankroll is the ledger sum', () => {
    const l = ledger();
    const r = pnlByPeriod(l.entries(), 'week');
    const sum = r.rows.reduce((a, x) => a + x.profitYen + x.depositsYen - x.withdrawalsYen, 0);
    expect(sum).toBe(l.bankrollYen());
    expect(r.rows.at(-1)?.bankrollEndYen).toBe(l.bankrollYen());
  });

  it('follows the drawdown from the peak entry by entry with the warn/halt state', () => {
    const r = pnlByPeriod(ledger().entries(), 'day');
    const byDay = Object.fromEntries(r.rows.map((x) => [x.period, x]));
    // Peak 115,000 after R1; R2's stake takes the bankroll to 95,000 (17.4%); R4's to 65,000 (43.5%).
    expect(byDay['2024-01-31'].peakEndYen).toBe(115_000);
    expect(byDay['2024-01-31'].maxDrawdown).toBeCloseTo(20_000 / 115_000, 12);
    expect(byDay['2024-01-31'].worstState).toBe('ok');
    expect(byDay['2024-02-04'].maxDrawdown).toBeCloseTo(50_000 / 115_000, 12);
    expect(byDay['2024-02-04'].worstState).toBe('halt');
    // The withdrawal leaves the drawdown ratio unchanged up to the peak's rounding up (the ledger's rule).
    expect(byDay['2024-02-05'].drawdownEnd).toBeCloseTo(byDay['2024-02-04'].drawdownEnd, 4);
    expect(pnlByPeriod(ledger().entries(), 'day', { warn: 0.1, halt: 0.5 }).rows[0].worstState).toBe('warn');
  });

  it('pnlByPeriod([], period) has no rows and zero totals with null rates', () => {
    const r = pnlByPeriod([], 'month');
    expect(r.rows).toEqual([]);
    expect(r.totals).toMatchObject({ tickets: 0, stakeYen: 0, profitYen: 0, hitRate: null, roi: null, maxDrawdown: 0 });
  });

  it('throws REPORT_BAD_INPUT for an entry without a time, LEDGER_BAD_LEVELS for bad levels', () => {
    const l = new Ledger();
    l.deposit(1_000);
    expect(() => pnlByPeriod(l.entries(), 'day')).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
    expect(() => pnlByPeriod([], 'day', { warn: 0.5, halt: 0.2 })).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_LEVELS' }));
  });

  it('agrees with the backtest summary on the fixture ledger (tickets, stake, return, hits)', () => {
    const { summary, ledger: entries } = readBacktestFolder(BACKTEST_FIXTURE);
    const r = pnlByPeriod(entries, 'month');
    expect(r.totals).toMatchObject({ tickets: summary.totals.tickets, stakeYen: summary.totals.stakeYen, returnYen: summary.totals.returnYen, hits: summary.totals.hits });
    expect(r.totals.bankrollEndYen).toBe(summary.bankroll.finalYen);
    for (const row of r.rows) expect(row.profitYen).toBe(summary.byMonth[row.period].profitYen);
  });
});

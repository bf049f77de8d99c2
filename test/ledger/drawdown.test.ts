/**
 * Tests of drawdownState and the drawdown tracker: warn and halt thresholds (inclusive),
 * configurable levels, deposits and withdrawals leaving the drawdown unchanged, the peak from a
 * ledger's entries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAWDOWN_LEVELS, drawdownState, trackEntries, trackEntry, trackedState } from '../../src/ledger/drawdown.ts';
import { Ledger } from '../../src/ledger/ledger.ts';

describe('drawdownState(peakYen, bankrollYen, levels)', () => {
  it.each([
    [100_000, 100_000, 0, 'ok'],
    [100_000, 80_100, 0.199, 'ok'],
    [100_000, 80_000, 0.2, 'warn'],
    [100_000, 70_100, 0.299, 'warn'],
    [100_000, 70_000, 0.3, 'halt'],
    [100_000, 0, 1, 'halt'],
    [0, 0, 0, 'ok'],
  ] as const)('(%i, %i) -> drawdown %d, %s', (peak, bank, dd, state) => {
    const r = drawdownState(peak, bank);
    expect(r.drawdown).toBeCloseTo(dd, 12);
    expect(r.state).toBe(state);
  });

  it('defaults to warn 0.2 and halt 0.3', () => {
    expect(DEFAULT_DRAWDOWN_LEVELS).toEqual({ warn: 0.2, halt: 0.3 });
  });

  it('takes configurable levels', () => {
    expect(drawdownState(100_000, 70_000, { warn: 0.1, halt: 0.5 }).state).toBe('warn');
    expect(drawdownState(100_000, 89_000, { warn: 0.1, halt: 0.5 }).state).toBe('warn');
    expect(drawdownState(100_000, 50_000, { warn: 0.1, halt: 0.5 }).state).toBe('halt');
  });

  it('throws LEDGER_BAD_LEVELS for levels out of order or outside (0, 1]', () => {
    for (const levels of [{ warn: 0.3, halt: 0.2 }, { warn: 0, halt: 0.3 }, { warn: 0.2, halt: 1.5 }, { warn: 0.2, halt: 0.2 }, { warn: Number.NaN, halt: 0.3 }]) {
      expect(() => drawdownState(100, 90, levels)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_LEVELS' }));
    }
  });

  it('throws LEDGER_BAD_AMOUNT for a bankroll above the peak, a negative bankroll or a non-integer', () => {
    expect(() => drawdownState(100, 101)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_AMOUNT' }));
    expect(() => drawdownState(100, -1)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_AMOUNT' }));
    expect(() => drawdownState(100.5, 50)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_AMOUNT' }));
  });
});

describe('trackEntry(tracker, entry) and trackEntries(entries)', () => {
  it('follows the peak through wins and losses', () => {
    const l = new Ledger();
    l.deposit(100_000);
    l.stake('A', 'win:1', 10_000);
    l.payout('A', 'win:1', 50_000); // 140,000: new peak
    l.stake('B', 'win:1', 30_000);
    l.payout('B', 'win:1', 0); // 110,000
    const t = trackEntries(l.entries());
    expect(t).toEqual({ peakYen: 140_000, bankrollYen: 110_000 });
    expect(trackedState(t).state).toBe('warn');
    l.stake('C', 'win:1', 20_000);
    expect(trackedState(trackEntries(l.entries())).state).toBe('halt'); // open stakes count as lost
    l.refund('C', 'win:1', 20_000);
    expect(trackedState(trackEntries(l.entries())).state).toBe('warn');
  });

  it('a deposit does not look like a gain: the drawdown stays the same', () => {
    const t = trackEntry({ peakYen: 100_000, bankrollYen: 80_000 }, { kind: 'deposit', amountYen: 20_000 });
    expect(t).toEqual({ peakYen: 125_000, bankrollYen: 100_000 });
    expect(trackedState(t).drawdown).toBeCloseTo(0.2, 12);
  });

  it('a withdrawal does not look like a loss: the drawdown stays the same', () => {
    const t = trackEntry({ peakYen: 100_000, bankrollYen: 100_000 }, { kind: 'withdrawal', amountYen: -40_000 });
    expect(t).toEqual({ peakYen: 60_000, bankrollYen: 60_000 });
    expect(trackedState(t).state).toBe('ok');
  });

  it('a deposit into an emptied bankroll starts afresh', () => {
    expect(trackEntry({ peakYen: 50_000, bankrollYen: 0 }, { kind: 'deposit', amountYen: 10_000 })).toEqual({ peakYen: 10_000, bankrollYen: 10_000 });
  });

  it('throws LEDGER_BAD_AMOUNT when an entry takes the bankroll below zero', () => {
    expect(() => trackEntry({ peakYen: 100, bankrollYen: 100 }, { kind: 'stake', amountYen: -200 })).toThrow(
      expect.objectContaining({ code: 'LEDGER_BAD_AMOUNT' }),
    );
  });

  it('cash flows never change the drawdown by more than rounding, and never lower it (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 1, max: 10 ** 12 }),
        fc.boolean(),
        (bank, extra, flow, isDeposit) => {
          const t = { peakYen: bank + extra, bankrollYen: bank };
          if (!isDeposit && flow > bank) return;
          const next = trackEntry(t, isDeposit ? { kind: 'deposit', amountYen: flow } : { kind: 'withdrawal', amountYen: -flow });
          expect(Number.isSafeInteger(next.peakYen)).toBe(true);
          expect(next.peakYen).toBeGreaterThanOrEqual(next.bankrollYen);
          const before = trackedState(t).drawdown;
          const after = trackedState(next).drawdown;
          if (next.bankrollYen === 0) {
            expect(next.peakYen).toBe(0); // everything withdrawn: nothing left to draw down
          } else if (next.peakYen === Number.MAX_SAFE_INTEGER) {
            expect(after).toBeGreaterThanOrEqual(0.7); // clamped peak: still a halt
          } else {
            expect(after).toBeGreaterThanOrEqual(before - 1e-12);
            expect(after - before).toBeLessThanOrEqual(1 / next.peakYen + 1e-12);
          }
        },
      ),
    );
  });
});

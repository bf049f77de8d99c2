/**
 * Tests of the Ledger: the bankroll is the exact sum of its entries, stakes above the bankroll
 * and malformed amounts are refused, settlement entries need an open stake, snapshots rebuild
 * the same ledger. Scenarios: ten losses in a row, two races settled in either order, a bankroll
 * at zero. Properties (fast-check): yen conserved, bankroll never negative.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, type LedgerEntry } from '../../src/ledger/ledger.ts';
import { JRA_TERMS } from '../../src/ledger/index.ts';
import { settleRace, type RaceResult } from '../../src/ledger/settle.ts';
import { payouts, plainField, runners } from './fixtures.ts';

const raceA: RaceResult = {
  runners: plainField('A', 10),
  payouts: payouts('A', { win: { '1': 350 }, place: { '1': 140, '2': 190, '3': 260 }, quinella: { '1-2': 1_120 } }),
};
const raceB: RaceResult = {
  runners: runners('B', [
    [1, 2],
    [2, 1],
    [3, 'S'],
    [4, 3],
    [5, 4],
    [6, 5],
  ]),
  payouts: payouts('B', { win: { '2': 210 }, exacta: { '2>1': 640 } }),
};

describe('new Ledger()', () => {
  it('bankrollYen() is the exact sum of the entries', () => {
    const l = new Ledger();
    l.deposit(10_000, '2026-01-01T09:00:00');
    l.stake('A', 'win:1', 300);
    l.payout('A', 'win:1', 1_050);
    l.stake('A', 'win:2', 200);
    l.payout('A', 'win:2', 0);
    l.withdraw(1_000);
    expect(l.bankrollYen()).toBe(9_550);
    expect(l.entries().reduce((s, e) => s + e.amountYen, 0)).toBe(9_550);
    expect(l.entries().map((e) => [e.seq, e.kind, e.amountYen])).toEqual([
      [1, 'deposit', 10_000],
      [2, 'stake', -300],
      [3, 'payout', 1_050],
      [4, 'stake', -200],
      [5, 'payout', 0],
      [6, 'withdrawal', -1_000],
    ]);
    expect(l.entries()[0].at).toBe('2026-01-01T09:00:00');
  });

  it('refuses non-integer, unsafe and wrongly signed amounts (LEDGER_BAD_AMOUNT, LEDGER_BAD_ENTRY)', () => {
    const l = new Ledger();
    for (const a of [1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(() => l.deposit(a)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_AMOUNT' }));
    }
    expect(() => l.deposit(0)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }));
    expect(() => l.deposit(-5)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }));
    expect(() => l.append({ kind: 'stake', amountYen: 100, raceId: 'A', ticketId: 'win:1' })).toThrow(
      expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }),
    );
    expect(l.entries()).toEqual([]);
  });

  it('refuses a stake above the bankroll (LEDGER_INSUFFICIENT_BANKROLL) and leaves the ledger unchanged', () => {
    const l = new Ledger();
    l.deposit(500);
    expect(() => l.stake('A', 'win:1', 600)).toThrow(expect.objectContaining({ code: 'LEDGER_INSUFFICIENT_BANKROLL' }));
    expect(() => l.withdraw(501)).toThrow(expect.objectContaining({ code: 'LEDGER_INSUFFICIENT_BANKROLL' }));
    expect(l.bankrollYen()).toBe(500);
    expect(l.entries()).toHaveLength(1);
  });

  it('refuses stakes that are not multiples of 100, double stakes, settlements without a stake or twice', () => {
    const l = new Ledger();
    l.deposit(10_000);
    expect(() => l.stake('A', 'win:1', 150)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_STAKE' }));
    l.stake('A', 'win:1', 100);
    expect(() => l.stake('A', 'win:1', 100)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }));
    expect(() => l.payout('A', 'win:2', 500)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }));
    expect(() => l.refund('A', 'win:1', 50)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }));
    l.refund('A', 'win:1', 100);
    expect(() => l.payout('A', 'win:1', 100)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }));
    expect(() => l.append({ kind: 'stake', amountYen: -100, raceId: null })).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY' }));
    expect(l.bankrollYen()).toBe(10_000);
  });

  it('snapshot() and Ledger.fromSnapshot() rebuild the same ledger; a tampered snapshot is refused', () => {
    const l = new Ledger();
    l.deposit(5_000);
    l.stake('A', 'win:1', 1_000);
    l.stake('A', 'place:2', 1_000);
    const s = l.snapshot();
    const back = Ledger.fromSnapshot(s);
    expect(back.bankrollYen()).toBe(3_000);
    expect(back.entries()).toEqual(l.entries());
    expect(back.openStakes()).toEqual(l.openStakes());
    back.payout('A', 'win:1', 3_500);
    expect(() => Ledger.fromSnapshot({ ...s, bankrollYen: 3_100 })).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_SNAPSHOT' }));
    const skipped: LedgerEntry[] = s.entries.map((e, i) => (i === 1 ? { ...e, seq: 7 } : e));
    expect(() => Ledger.fromEntries(skipped)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY', field: 'seq' }));
    const overdrawn: LedgerEntry[] = [{ seq: 1, kind: 'stake', amountYen: -100, raceId: 'A', ticketId: 'win:1' }];
    expect(() => Ledger.fromEntries(overdrawn)).toThrow(expect.objectContaining({ code: 'LEDGER_INSUFFICIENT_BANKROLL' }));
  });

  it('entries() cannot change the ledger: entries are frozen, the array is a copy', () => {
    const l = new Ledger();
    l.deposit(1_000);
    const es = l.entries() as { amountYen: number }[];
    expect(() => {
      es[0].amountYen = 9_999_999;
    }).toThrow(TypeError);
    es.pop();
    expect(l.bankrollYen()).toBe(1_000);
    expect(l.entries()).toHaveLength(1);
    expect(l.entries()[0].amountYen).toBe(1_000);
  });
});

describe('Ledger scenarios', () => {
  it('ten losses in a row take exactly the stakes', () => {
    const l = new Ledger();
    l.deposit(10_000);
    for (let i = 1; i <= 10; i++) {
      const r: RaceResult = { runners: plainField(`L${i}`, 8), payouts: payouts(`L${i}`, { win: { '1': 300 } }) };
      l.stake(`L${i}`, 'win:8', 700);
      l.recordSettlement(settleRace([{ ticketId: 'win:8', stakeYen: 700 }], r, JRA_TERMS));
    }
    expect(l.bankrollYen()).toBe(3_000);
    expect(l.entries().filter((e) => e.kind === 'payout').every((e) => e.amountYen === 0)).toBe(true);
    expect(l.openStakes().size).toBe(0);
  });

  it('two races settling at once give the same bankroll in either order', () => {
    const betsA = [
      { ticketId: 'win:1', stakeYen: 1_000 },
      { ticketId: 'place:3', stakeYen: 500 },
      { ticketId: 'quinella:1-3', stakeYen: 300 },
    ];
    const betsB = [
      { ticketId: 'win:3', stakeYen: 400 },
      { ticketId: 'exacta:2>1', stakeYen: 200 },
    ];
    const run = (order: 'AB' | 'BA'): Ledger => {
      const l = new Ledger();
      l.deposit(20_000);
      for (const b of betsA) l.stake('A', b.ticketId, b.stakeYen);
      for (const b of betsB) l.stake('B', b.ticketId, b.stakeYen);
      const a = settleRace(betsA, raceA, JRA_TERMS);
      const b = settleRace(betsB, raceB, JRA_TERMS);
      for (const s of order === 'AB' ? [a, b] : [b, a]) l.recordSettlement(s);
      return l;
    };
    const ab = run('AB');
    const ba = run('BA');
    // A: win 1 pays 3,500; place 3 pays 1,300; quinella 1-3 loses. B: win 3 refunded (scratched) 400; exacta 2>1 pays 1,280.
    expect(ab.bankrollYen()).toBe(20_000 - 2_400 + 3_500 + 1_300 + 400 + 1_280);
    expect(ba.bankrollYen()).toBe(ab.bankrollYen());
  });

  it('a bankroll at zero refuses any stake and accepts a deposit', () => {
    const l = new Ledger();
    l.deposit(300);
    l.stake('A', 'win:9', 300);
    expect(l.bankrollYen()).toBe(0);
    l.recordSettlement(settleRace([{ ticketId: 'win:9', stakeYen: 300 }], raceA, JRA_TERMS));
    expect(l.bankrollYen()).toBe(0);
    expect(() => l.stake('B', 'win:2', 100)).toThrow(expect.objectContaining({ code: 'LEDGER_INSUFFICIENT_BANKROLL' }));
    expect(() => l.withdraw(1)).toThrow(expect.objectContaining({ code: 'LEDGER_INSUFFICIENT_BANKROLL' }));
    l.deposit(100);
    l.stake('B', 'win:2', 100);
    expect(l.bankrollYen()).toBe(0);
  });

  it('recordSettlement refuses a settlement whose stake was not written (nothing is written)', () => {
    const l = new Ledger();
    l.deposit(1_000);
    l.stake('A', 'win:1', 100);
    const s = settleRace(
      [
        { ticketId: 'win:1', stakeYen: 100 },
        { ticketId: 'win:2', stakeYen: 100 },
      ],
      raceA,
      JRA_TERMS,
    );
    expect(() => l.recordSettlement(s)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_ENTRY', ticketId: 'win:2' }));
    expect(l.entries()).toHaveLength(2);
  });
});

describe('Ledger properties (fast-check)', () => {
  const TICKETS_A = ['win:1', 'win:2', 'place:1', 'place:3', 'place:4', 'quinella:1-2', 'quinella:2-3'];
  const TICKETS_B = ['win:2', 'win:1', 'win:3', 'exacta:2>1', 'exacta:1>2', 'exacta:2>3'];
  const betList = (tickets: string[]) =>
    fc.uniqueArray(fc.record({ ticketId: fc.constantFrom(...tickets), stakeYen: fc.integer({ min: 1, max: 50 }).map((u) => u * 100) }), {
      selector: (b) => b.ticketId,
      maxLength: tickets.length,
    });

  it('settlement conserves yen: deposits - stakes + refunds + payouts = bankroll, and the bankroll never goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), betList(TICKETS_A), betList(TICKETS_B), fc.boolean(), (deposit, bA, bB, abFirst) => {
        const l = new Ledger();
        if (deposit > 0) l.deposit(deposit);
        let staked = 0;
        const placed: Record<string, { ticketId: string; stakeYen: number }[]> = { A: [], B: [] };
        for (const [raceId, bets] of [['A', bA], ['B', bB]] as const) {
          for (const b of bets) {
            if (b.stakeYen > l.bankrollYen()) {
              expect(() => l.stake(raceId, b.ticketId, b.stakeYen)).toThrow(expect.objectContaining({ code: 'LEDGER_INSUFFICIENT_BANKROLL' }));
              continue;
            }
            l.stake(raceId, b.ticketId, b.stakeYen);
            placed[raceId].push(b);
            staked += b.stakeYen;
            expect(l.bankrollYen()).toBeGreaterThanOrEqual(0);
          }
        }
        const before = l.bankrollYen();
        const sA = settleRace(placed.A, raceA, JRA_TERMS);
        const sB = settleRace(placed.B, raceB, JRA_TERMS);
        for (const s of abFirst ? [sA, sB] : [sB, sA]) l.recordSettlement(s);
        const returned = sA.refundYen + sA.winningsYen + sB.refundYen + sB.winningsYen;
        expect(l.bankrollYen() - before).toBe(returned);
        expect(l.bankrollYen()).toBe(deposit - staked + returned);
        expect(l.bankrollYen()).toBe(l.entries().reduce((s, e) => s + e.amountYen, 0));
        expect(Number.isSafeInteger(l.bankrollYen())).toBe(true);
        expect(Ledger.fromEntries(l.entries()).bankrollYen()).toBe(l.bankrollYen());
      }),
    );
  });

  it('no sequence of appends takes the bankroll below zero', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('deposit' as const), units: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant('withdrawal' as const), units: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant('stake' as const), units: fc.integer({ min: 1, max: 50 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const l = new Ledger();
        ops.forEach((o, i) => {
          try {
            if (o.kind === 'deposit') l.deposit(o.units * 100);
            else if (o.kind === 'withdrawal') l.withdraw(o.units * 100);
            else l.stake(`R${i}`, 'win:1', o.units * 100);
          } catch (e) {
            expect(e).toMatchObject({ code: 'LEDGER_INSUFFICIENT_BANKROLL' });
          }
          expect(l.bankrollYen()).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });
});

/**
 * Tests of RaceLedger, the replay's columnar ledger: on random replays (races of stakes settled
 * as wins, losses and refunds) its entries and bankroll are exactly the Ledger class's for the
 * same stakes and settlements, and it refuses what the Ledger refuses (a stake over the
 * bankroll or not in 100 units, a race or ticket staked twice, a refund other than the stake,
 * a negative payout, a settlement of another ticket).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, RaceLedger, isLedgerError } from '../../src/ledger/index.ts';

interface Ticket {
  id: string;
  stake: number;
  kind: 'win' | 'lose' | 'refund';
  back: number;
}

const raceArb = fc.uniqueArray(fc.integer({ min: 1, max: 18 }), { minLength: 1, maxLength: 4 }).chain((runners) =>
  fc.tuple(
    ...runners.map((n) =>
      fc.record({ stake: fc.integer({ min: 1, max: 30 }).map((u) => u * 100), kind: fc.constantFrom<Ticket['kind']>('win', 'lose', 'lose', 'refund'), odds: fc.integer({ min: 10, max: 300 }) }).map(
        ({ stake, kind, odds }): Ticket => ({ id: `win:${n}`, stake, kind, back: kind === 'refund' ? stake : kind === 'win' ? (stake / 100) * odds * 10 : 0 }),
      ),
    ),
  ),
);

describe('RaceLedger', () => {
  it('writes the same entries and bankroll as the Ledger class (random replays)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }).map((x) => x * 1_000), fc.array(raceArb, { maxLength: 30 }), (start, raceList) => {
        const a = new Ledger();
        const b = new RaceLedger();
        a.deposit(start, '2024-01-06T10:00');
        b.deposit(start, '2024-01-06T10:00');
        raceList.forEach((tickets, r) => {
          const raceId = `R${r}`;
          const at = r % 3 === 0 ? undefined : `2024-01-06T1${r % 10}:00`;
          const total = tickets.reduce((x, t) => x + t.stake, 0);
          if (total > a.bankrollYen()) {
            expect(() => b.race(raceId, at, tickets.map((t) => t.id), tickets.map((t) => t.id), tickets.map((t) => t.stake), tickets.map((t) => t.kind === 'refund'), tickets.map((t) => t.back), tickets.length)).toThrow(
              expect.objectContaining({ code: 'LEDGER_INSUFFICIENT_BANKROLL' }),
            );
            return;
          }
          for (const t of tickets) a.stake(raceId, t.id, t.stake, at);
          a.recordSettlement(
            { raceId, bets: tickets.map((t) => ({ raceId, ticketId: t.id, stakeYen: t.stake, kind: t.kind, payoutYen: t.back })), stakeYen: total, refundYen: 0, winningsYen: 0 },
            at,
          );
          b.race(raceId, at, tickets.map((t) => t.id), tickets.map((t) => t.id), tickets.map((t) => t.stake), tickets.map((t) => t.kind === 'refund'), tickets.map((t) => t.back), tickets.length);
        });
        expect(b.bankrollYen()).toBe(a.bankrollYen());
        expect(b.length).toBe(a.entries().length);
        const eb = b.entries();
        expect(eb).toEqual(a.entries());
        expect(eb.every((e) => Object.isFrozen(e))).toBe(true);
        expect(eb.map((e) => Object.keys(e))).toEqual(a.entries().map((e) => Object.keys(e)));
        // The amounts column (the replay's ledger-sum check reads it) is the entries' amounts.
        expect(Array.from(b.amountsYen())).toEqual(a.entries().map((e) => e.amountYen));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what the Ledger refuses, writing nothing', () => {
    const l = new RaceLedger();
    l.deposit(10_000);
    const code = (f: () => void): string | undefined => {
      try {
        f();
      } catch (e) {
        return isLedgerError(e) ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => l.race('R1', undefined, ['win:1'], ['win:1'], [150], [false], [0], 1))).toBe('LEDGER_BAD_STAKE');
    expect(code(() => l.race('R1', undefined, ['win:1'], ['win:1'], [10_100], [false], [0], 1))).toBe('LEDGER_INSUFFICIENT_BANKROLL');
    expect(code(() => l.race('R1', undefined, ['win:1', 'win:1'], ['win:1', 'win:1'], [100, 100], [false, false], [0, 0], 2))).toBe('LEDGER_BAD_ENTRY');
    // A ticket twice among many (the race of the eight bet types): found after the first stake
    // checks, before the bankroll's; a ticket once each is fine.
    const many = Array.from({ length: 80 }, (_, i) => `trifecta:${1 + (i % 16)}>${17 + Math.floor(i / 16)}>18`);
    const twice = [...many.slice(0, 12), many[9]];
    const twiceOfMany = [...many, many[70]];
    const zeros = (n: number) => Array.from({ length: n }, () => 0);
    const falses = (n: number) => Array.from({ length: n }, () => false);
    expect(code(() => l.race('R1', undefined, twice, twice, zeros(13).map(() => 100), falses(13), zeros(13), 13))).toBe('LEDGER_BAD_ENTRY');
    expect(code(() => l.race('R1', undefined, twice, twice, [...zeros(12).map(() => 100), 150], falses(13), zeros(13), 13))).toBe('LEDGER_BAD_STAKE');
    expect(code(() => l.race('R1', undefined, twice, twice, [...zeros(12).map(() => 100), 20_000], falses(13), zeros(13), 13))).toBe('LEDGER_BAD_ENTRY');
    expect(code(() => l.race('R1', undefined, twiceOfMany, twiceOfMany, zeros(81).map(() => 100), falses(81), zeros(81), 81))).toBe('LEDGER_BAD_ENTRY');
    expect(code(() => l.race('R1', undefined, many, many, zeros(80).map(() => 200), falses(80), zeros(80), 80))).toBe('LEDGER_INSUFFICIENT_BANKROLL');
    expect(code(() => l.race('R1', undefined, ['win:1'], ['win:1'], [100], [true], [50], 1))).toBe('LEDGER_BAD_ENTRY');
    expect(code(() => l.race('R1', undefined, ['win:1'], ['win:1'], [100], [false], [-100], 1))).toBe('LEDGER_BAD_ENTRY');
    expect(code(() => l.race('R1', undefined, ['win:1'], ['win:2'], [100], [false], [0], 1))).toBe('LEDGER_BAD_ENTRY');
    expect(code(() => l.race('R1', undefined, ['win:1'], ['win:1'], [100], [false], [0.5], 1))).toBe('LEDGER_BAD_AMOUNT');
    expect(l.length).toBe(1);
    expect(l.bankrollYen()).toBe(10_000);
    l.race('R1', undefined, ['win:1'], ['win:1'], [100], [false], [400], 1);
    expect(code(() => l.race('R1', undefined, ['win:2'], ['win:2'], [100], [false], [0], 1))).toBe('LEDGER_BAD_ENTRY');
    expect(l.bankrollYen()).toBe(10_300);
    expect(l.entries().map((e) => [e.seq, e.kind, e.amountYen, e.raceId, e.ticketId])).toEqual([
      [1, 'deposit', 10_000, null, undefined],
      [2, 'stake', -100, 'R1', 'win:1'],
      [3, 'payout', 400, 'R1', 'win:1'],
    ]);
  });
});

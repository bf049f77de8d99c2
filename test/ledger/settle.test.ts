/**
 * Tests of settleTicket and settleRace: wins paid from the recorded table in integers, refunds
 * of scratched runners and emptied brackets, losses, pools refunded or not sold, and the errors
 * that keep money from being guessed (missing or unexpected payouts). Property tests: integer
 * payouts for stakes in 100 units, settling conserves yen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HKJC_TERMS, JRA_TERMS } from '../../src/ledger/index.ts';
import { settleRace, settleTicket, type RaceResult } from '../../src/ledger/settle.ts';
import { payouts, runners } from './fixtures.ts';

// 10 runners, one scratch (6) and one exclusion (9); 4 and 8 dead-heat for 2nd.
const race: RaceResult = {
  runners: runners('J1', [
    [1, 5, 1],
    [2, 1, 2],
    [3, 6, 3],
    [4, 2, 4],
    [5, 7, 5],
    [6, 'S', 6],
    [7, 8, 7],
    [8, 2, 7],
    [9, 'X', 8],
    [10, 4, 8],
  ]),
  payouts: payouts('J1', {
    win: { '2': 430 },
    place: { '2': 150, '4': 210, '8': 380 },
    bracket_quinella: { '2-4': 900, '2-7': 1_240 },
    quinella: { '2-4': 1_530, '2-8': 2_980 },
    wide: { '2-4': 510, '2-8': 870, '4-8': 1_730 },
    exacta: { '2>4': 2_750, '2>8': 5_110 },
    trio: { '2-4-8': 7_420 },
    trifecta: { '2>4>8': 30_550, '2>8>4': 41_230 },
  }),
};

describe('settleTicket(ticketId, stakeYen, race, terms)', () => {
  it.each([
    ['win:2', 300, 'win', 1_290],
    ['place:8', 1_000, 'win', 3_800],
    ['bracket_quinella:7-2', 100, 'win', 1_240],
    ['quinella:8-2', 200, 'win', 5_960],
    ['wide:4-8', 300, 'win', 5_190],
    ['exacta:2>8', 100, 'win', 5_110],
    ['trio:2-4-8', 100, 'win', 7_420],
    ['trifecta:2>8>4', 500, 'win', 206_150],
    ['win:4', 100, 'lose', 0],
    ['place:10', 100, 'lose', 0],
    ['exacta:4>2', 100, 'lose', 0],
    ['win:6', 700, 'refund', 700],
    ['trifecta:2>4>9', 300, 'refund', 300],
    ['wide:6-9', 100, 'refund', 100],
  ] as const)('%s for %i -> %s %i', (id, stake, kind, paid) => {
    expect(settleTicket(id, stake, race, JRA_TERMS)).toEqual({ kind, payoutYen: paid });
  });

  it('refunds bracket quinella on an emptied bracket and on a same-bracket pair left with one runner', () => {
    expect(settleTicket('bracket_quinella:6-2', 100, race, JRA_TERMS)).toEqual({ kind: 'refund', payoutYen: 100 });
    expect(settleTicket('bracket_quinella:8-8', 100, race, JRA_TERMS)).toEqual({ kind: 'refund', payoutYen: 100 });
    expect(settleTicket('bracket_quinella:7-7', 100, race, JRA_TERMS)).toEqual({ kind: 'lose', payoutYen: 0 });
  });

  it('throws LEDGER_BAD_TICKET for a same-bracket pair of a one-runner bracket (never sold)', () => {
    expect(() => settleTicket('bracket_quinella:1-1', 100, race, JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_TICKET' }));
  });

  it('throws LEDGER_MISSING_PAYOUT naming race and combination when a winner has no recorded payout', () => {
    const short = { ...race, payouts: race.payouts.filter((p) => !(p.betType === 'place' && p.combination === '8')) };
    expect(() => settleTicket('place:8', 100, short, JRA_TERMS)).toThrow(
      expect.objectContaining({ code: 'LEDGER_MISSING_PAYOUT', raceId: 'J1', combination: '8' }),
    );
  });

  it('throws LEDGER_UNEXPECTED_PAYOUT when the table pays a combination the result does not', () => {
    const odd = { ...race, payouts: [...race.payouts, { raceId: 'J1', betType: 'win' as const, combination: '4', payoutPer100: 800 }] };
    expect(() => settleTicket('win:4', 100, odd, JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_UNEXPECTED_PAYOUT', raceId: 'J1' }));
  });

  it('throws LEDGER_CONFLICTING_PAYOUTS for two payouts of one combination', () => {
    const odd = { ...race, payouts: [...race.payouts, { raceId: 'J1', betType: 'win' as const, combination: '2', payoutPer100: 440 }] };
    expect(() => settleTicket('win:2', 100, odd, JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_CONFLICTING_PAYOUTS' }));
  });

  it('throws LEDGER_BAD_STAKE for stakes that are not positive multiples of 100', () => {
    for (const s of [0, -100, 150, 100.5, Number.NaN, 2 ** 60]) {
      expect(() => settleTicket('win:2', s, race, JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_STAKE' }));
    }
  });

  it('throws LEDGER_BAD_TICKET for a malformed ticket or a runner not in the race', () => {
    expect(() => settleTicket('win:x', 100, race, JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_TICKET' }));
    expect(() => settleTicket('win:12', 100, race, JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_TICKET' }));
  });

  it('refunds a whole pool refunded for lack of starters (HKJC quinella place with 6 starters)', () => {
    const hk: RaceResult = {
      runners: runners('H', [
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
        [6, 6],
        [7, 'S'],
      ]),
      payouts: payouts('H', { win: { '1': 35 } }),
    };
    expect(settleTicket('wide:1-2', 100, hk, HKJC_TERMS)).toEqual({ kind: 'refund', payoutYen: 100 });
  });

  it('throws LEDGER_POOL_NOT_SOLD for a ticket on a pool that was never sold', () => {
    const small: RaceResult = { runners: runners('S', [[1, 1], [2, 2], [3, 3], [4, 4]]), payouts: [] };
    expect(() => settleTicket('place:1', 100, small, JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_POOL_NOT_SOLD' }));
  });

  it('refunds every ticket of a void race', () => {
    const v: RaceResult = { runners: runners('V', [[1, 'DNF'], [2, 'DNF'], [3, 'DNF'], [4, 'DNF'], [5, 'DNF']]), payouts: [] };
    expect(settleTicket('trifecta:1>2>3', 300, v, JRA_TERMS)).toEqual({ kind: 'refund', payoutYen: 300 });
  });
});

describe('settleRace(bets, race, terms)', () => {
  it('settles every ticket and totals stakes, refunds and winnings', () => {
    const r = settleRace(
      [
        { ticketId: 'win:2', stakeYen: 200 },
        { ticketId: 'win:6', stakeYen: 100 },
        { ticketId: 'quinella:4-2', stakeYen: 100 },
        { ticketId: 'trio:1-2-3', stakeYen: 100 },
      ],
      race,
      JRA_TERMS,
    );
    expect(r.raceId).toBe('J1');
    expect(r.bets.map((b) => [b.ticketId, b.kind, b.payoutYen])).toEqual([
      ['win:2', 'win', 860],
      ['win:6', 'refund', 100],
      ['quinella:2-4', 'win', 1_530],
      ['trio:1-2-3', 'lose', 0],
    ]);
    expect(r).toMatchObject({ stakeYen: 500, refundYen: 100, winningsYen: 2_390 });
  });

  it('throws LEDGER_DUPLICATE_TICKET when a ticket appears twice (in any spelling)', () => {
    expect(() =>
      settleRace(
        [
          { ticketId: 'quinella:2-4', stakeYen: 100 },
          { ticketId: 'quinella:4-2', stakeYen: 100 },
        ],
        race,
        JRA_TERMS,
      ),
    ).toThrow(expect.objectContaining({ code: 'LEDGER_DUPLICATE_TICKET', ticketId: 'quinella:2-4' }));
  });

  it('settles an empty list to zero totals', () => {
    expect(settleRace([], race, JRA_TERMS)).toMatchObject({ bets: [], stakeYen: 0, refundYen: 0, winningsYen: 0 });
  });
});

describe('settlement properties (fast-check)', () => {
  const TICKETS = [
    'win:2', 'win:4', 'win:6', 'place:2', 'place:4', 'place:8', 'place:1', 'quinella:2-4', 'quinella:2-8', 'quinella:1-2',
    'wide:2-4', 'wide:4-8', 'wide:3-9', 'exacta:2>4', 'exacta:8>2', 'trio:2-4-8', 'trio:1-2-4', 'trifecta:2>4>8',
    'trifecta:2>8>4', 'trifecta:4>2>8', 'bracket_quinella:2-7', 'bracket_quinella:6-7', 'bracket_quinella:2-4',
  ];
  const bets = fc.uniqueArray(
    fc.record({ ticketId: fc.constantFrom(...TICKETS), stakeYen: fc.integer({ min: 1, max: 100_000 }).map((u) => u * 100) }),
    { selector: (b) => b.ticketId, maxLength: TICKETS.length },
  );

  it('stakes in 100-yen units give integer payouts: a win pays stake/100 * payoutPer100 exactly', () => {
    fc.assert(
      fc.property(bets, (bs) => {
        for (const b of settleRace(bs, race, JRA_TERMS).bets) {
          expect(Number.isSafeInteger(b.payoutYen)).toBe(true);
          if (b.kind === 'refund') expect(b.payoutYen).toBe(b.stakeYen);
          if (b.kind === 'lose') expect(b.payoutYen).toBe(0);
          if (b.kind === 'win') {
            const [bt, combo] = b.ticketId.split(':');
            const row = race.payouts.find((p) => p.betType === bt && p.combination === combo)!;
            expect(b.payoutYen * 100).toBe(b.stakeYen * row.payoutPer100);
          }
        }
      }),
    );
  });

  it('race totals are the exact sums of the bets (yen conserved)', () => {
    fc.assert(
      fc.property(bets, (bs) => {
        const r = settleRace(bs, race, JRA_TERMS);
        expect(r.stakeYen).toBe(bs.reduce((s, b) => s + b.stakeYen, 0));
        expect(r.refundYen + r.winningsYen).toBe(r.bets.reduce((s, b) => s + b.payoutYen, 0));
        expect(r.refundYen).toBe(r.bets.filter((b) => b.kind === 'refund').reduce((s, b) => s + b.stakeYen, 0));
      }),
    );
  });

  it('settling in any order of the bets gives the same results', () => {
    fc.assert(
      fc.property(bets, (bs) => {
        const a = settleRace(bs, race, JRA_TERMS);
        const b = settleRace([...bs].reverse(), race, JRA_TERMS);
        expect([...b.bets].reverse()).toEqual(a.bets);
      }),
    );
  });
});

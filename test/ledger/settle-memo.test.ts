/**
 * settleRace finds a ticket twice in a race by a stamp on its parsed ticket, which every spelling
 * of one canonical id shares while the memo of parsed ids is not emptied (race-index.ts). These
 * tests empty the memo in the middle of a race, at each position, and check that a ticket given
 * twice (canonical then not) is still refused with the same error, and that a race without one
 * settles as it does with the memo warm.
 */
import { describe, expect, it } from 'vitest';
import { JRA_TERMS } from '../../src/data/rules/place-terms.ts';
import { LedgerError } from '../../src/ledger/errors.ts';
import { memoGeneration, parseTicketIdMemo, PARSED_MAX } from '../../src/ledger/race-index.ts';
import { settleRace, type Bet } from '../../src/ledger/settle.ts';
import { payouts, plainField } from './fixtures.ts';

const race = { runners: plainField('R1', 8), payouts: payouts('R1', { quinella: { '1-2': 520 }, wide: { '1-3': 310 } }) };
const BETS: Bet[] = [
  { ticketId: 'quinella:1-2', stakeYen: 100 },
  { ticketId: 'wide:1-3', stakeYen: 200 },
  { ticketId: 'win:2', stakeYen: 100 },
  { ticketId: 'quinella:3-4', stakeYen: 300 },
];
const DUPLICATE: Bet = { ticketId: 'quinella:2-1', stakeYen: 100 };

/** Canonical trifecta ids naming runners 10-99 only (none of the race's tickets), never the same twice. */
let next = 0;
function freshId(): string {
  for (;;) {
    const k = next++;
    const a = 10 + (k % 90);
    const b = 10 + (Math.floor(k / 90) % 90);
    const c = 10 + Math.floor(k / 8_100);
    if (a !== b && b !== c && a !== c) return `trifecta:${a}>${b}>${c}`;
  }
}

/** Fills the memo so that the (misses + 1)-th new canonical id parsed empties it. */
function fillLeaving(misses: number): void {
  const g = memoGeneration();
  while (memoGeneration() === g) parseTicketIdMemo(freshId()); // emptied: it now holds one id
  for (let i = 1; i < PARSED_MAX - 1 - misses; i++) parseTicketIdMemo(freshId());
  expect(memoGeneration()).toBe(g + 1);
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e instanceof Error ? { class: e.constructor, message: e.message, fields: { ...e } } : { thrown: e };
  }
  return 'no error';
}

describe('settleRace with the memo of parsed ids emptied during the race', () => {
  const warmDuplicate = thrown(() => settleRace([...BETS, DUPLICATE], race, JRA_TERMS));
  const warm = settleRace(BETS, race, JRA_TERMS);

  it('the warm results: a duplicate refused, the race settled', () => {
    expect(warmDuplicate).toEqual({
      class: LedgerError,
      message: 'settleRace: race R1: ticket quinella:1-2 appears twice (merge its stakes)',
      fields: expect.objectContaining({ code: 'LEDGER_DUPLICATE_TICKET', raceId: 'R1', ticketId: 'quinella:1-2' }),
    });
    expect(warm).toMatchObject({ stakeYen: 700, refundYen: 0, winningsYen: 520 + 620 });
  });

  for (let misses = 0; misses <= BETS.length; misses++) {
    it(`refuses the duplicate when the memo is emptied at bet ${misses + 1}`, () => {
      fillLeaving(misses);
      const g = memoGeneration();
      expect(thrown(() => settleRace([...BETS, DUPLICATE], race, JRA_TERMS))).toEqual(warmDuplicate);
      expect(memoGeneration()).toBe(g + 1);
    });
    it(`settles the race without a duplicate alike when the memo is emptied at bet ${misses + 1}`, () => {
      fillLeaving(misses);
      const g = memoGeneration();
      expect(settleRace(BETS, race, JRA_TERMS)).toEqual(warm);
      expect(memoGeneration()).toBe(misses < BETS.length ? g + 1 : g);
    });
  }
});

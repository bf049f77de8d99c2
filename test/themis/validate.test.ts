/**
 * Bad input never produces bets: every invalid case throws a ThemisError naming the field and
 * value from decide, and safeDecide rejects every ticket with invalid_input.
 */
import { describe, expect, it } from 'vitest';
import { checkAccount, checkBankroll, decide, parseConfig, safeDecide, type RaceInput } from '../../src/themis/index.ts';

const config = parseConfig({});
const good = (): { id: string; p: number; odds: number }[] => [
  { id: 'win:1', p: 0.3, odds: 4.0 },
  { id: 'win:2', p: 0.2, odds: 3.0 },
  { id: 'win:3', p: 0.4, odds: 2.0 },
];

function withTicket(i: number, patch: Record<string, unknown>): RaceInput {
  const tickets: Record<string, unknown>[] = good();
  tickets[i] = { ...tickets[i], ...patch };
  return { tickets } as unknown as RaceInput;
}

const cases: [string, RaceInput, number, string, string][] = [
  ['NaN probability', withTicket(2, { p: Number.NaN }), 1e6, 'THEMIS_BAD_PROBABILITY', 'tickets[2].p'],
  ['Infinity probability', withTicket(1, { p: Number.POSITIVE_INFINITY }), 1e6, 'THEMIS_BAD_PROBABILITY', 'tickets[1].p'],
  ['negative probability', withTicket(0, { p: -0.1 }), 1e6, 'THEMIS_BAD_PROBABILITY', 'tickets[0].p'],
  ['probability over 1', withTicket(0, { p: 1.01 }), 1e6, 'THEMIS_BAD_PROBABILITY', 'tickets[0].p'],
  ['missing probability', withTicket(0, { p: undefined }), 1e6, 'THEMIS_BAD_PROBABILITY', 'tickets[0].p'],
  ['string probability', withTicket(0, { p: '0.3' }), 1e6, 'THEMIS_BAD_PROBABILITY', 'tickets[0].p'],
  ['exclusive probabilities over 1', withTicket(2, { p: 0.5000001 }), 1e6, 'THEMIS_PROBS_NOT_NORMALISED', 'tickets[betType=win].p'],
  ['odds below 1', withTicket(1, { odds: 0.9 }), 1e6, 'THEMIS_BAD_ODDS', 'tickets[1].odds'],
  ['NaN odds', withTicket(1, { odds: Number.NaN }), 1e6, 'THEMIS_BAD_ODDS', 'tickets[1].odds'],
  ['Infinity odds', withTicket(1, { odds: Number.POSITIVE_INFINITY }), 1e6, 'THEMIS_BAD_ODDS', 'tickets[1].odds'],
  ['duplicate id', withTicket(2, { id: 'win:1' }), 1e6, 'THEMIS_DUPLICATE_TICKET', 'tickets[2].id'],
  ['malformed id', withTicket(1, { id: 'win-2' }), 1e6, 'THEMIS_BAD_TICKET_ID', 'tickets[1].id'],
  ['unknown bet type', withTicket(1, { id: 'win5:2' }), 1e6, 'THEMIS_BAD_TICKET_ID', 'tickets[1].id'],
  ['non-string id', withTicket(1, { id: 2 }), 1e6, 'THEMIS_BAD_TICKET_ID', 'tickets[1].id'],
  ['negative bankroll', { tickets: good() }, -100, 'THEMIS_BAD_BANKROLL', 'bankrollYen'],
  ['fractional bankroll', { tickets: good() }, 1000.5, 'THEMIS_BAD_BANKROLL', 'bankrollYen'],
  ['NaN bankroll', { tickets: good() }, Number.NaN, 'THEMIS_BAD_BANKROLL', 'bankrollYen'],
  ['Infinity bankroll', { tickets: good() }, Number.POSITIVE_INFINITY, 'THEMIS_BAD_BANKROLL', 'bankrollYen'],
  ['tickets not an array', { tickets: 'win:1' } as unknown as RaceInput, 1e6, 'THEMIS_BAD_INPUT', 'tickets'],
  ['ticket not an object', { tickets: [good()[0], 7] } as unknown as RaceInput, 1e6, 'THEMIS_BAD_INPUT', 'tickets[1]'],
  ['bad pool sizes', withTicket(0, { pool: { poolTotalYen: 100, poolOnTicketYen: 200 } }), 1e6, 'THEMIS_BAD_INPUT', 'tickets[0].pool.poolOnTicketYen'],
];

describe('decide(race, bankrollYen, config) on invalid input', () => {
  for (const [name, race, bankroll, code, field] of cases) {
    it(`decide with ${name} throws ${code} naming ${field}; safeDecide rejects all as invalid_input`, () => {
      let caught: unknown;
      try {
        decide(race, bankroll, config);
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({ name: 'ThemisError', code, field });
      const r = safeDecide(race, bankroll, config);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.field).toBe(field);
      const n = Array.isArray(race.tickets) ? race.tickets.length : 0;
      expect(r.rejected).toHaveLength(n);
      for (const x of r.rejected) expect(x.reason).toBe('invalid_input');
    });
  }

  it('decide names the bad value in the error', () => {
    expect(() => decide(withTicket(2, { p: 1.5 }), 1e6, config)).toThrow(expect.objectContaining({ value: 1.5, message: expect.stringContaining('1.5') }));
  });

  it('decide accepts exclusive probabilities summing to 1 + 1e-10 (within tolerance)', () => {
    const tickets = [
      { id: 'win:1', p: 0.5, odds: 3 },
      { id: 'win:2', p: 0.5 + 1e-10, odds: 1.5 },
    ];
    expect(() => decide({ tickets }, 1e6, config)).not.toThrow();
  });

  it('decide accepts place probabilities summing over 1 (not exclusive)', () => {
    const tickets = [
      { id: 'place:1', p: 0.7, odds: 1.2 },
      { id: 'place:2', p: 0.6, odds: 1.3 },
    ];
    const d = decide({ tickets }, 1e6, config);
    expect(d.bets).toHaveLength(0);
  });

  it('decide treats quinella:7-3 and quinella:3-7 as duplicates', () => {
    const tickets = [
      { id: 'quinella:3-7', p: 0.1, odds: 9 },
      { id: 'quinella:7-3', p: 0.1, odds: 9 },
    ];
    expect(() => decide({ tickets }, 1e6, config)).toThrow(expect.objectContaining({ code: 'THEMIS_DUPLICATE_TICKET', field: 'tickets[1].id' }));
  });

  it('decide rejects a bad account state naming the field', () => {
    const acct = { stakedTodayYen: -1, pointsUsedToday: 0 };
    expect(() => decide({ tickets: good() }, 1e6, config, acct)).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT', field: 'account.stakedTodayYen' }));
    const r = safeDecide({ tickets: good() }, 1e6, config, { stakedTodayYen: 0, pointsUsedToday: 1.5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('account.pointsUsedToday');
  });

  it('safeDecide on a non-object race rejects nothing and reports the error', () => {
    const r = safeDecide(null as unknown as RaceInput, 1e6, config);
    expect(r).toMatchObject({ ok: false, rejected: [] });
  });
});

describe('checkBankroll(b) and checkAccount(a)', () => {
  it('checkBankroll(0) is 0; checkAccount(undefined) is a fresh day', () => {
    expect(checkBankroll(0)).toBe(0);
    expect(checkAccount(undefined)).toEqual({ stakedTodayYen: 0, pointsUsedToday: 0, pointLimit: null });
  });
});

/**
 * Themis's columnar race form: decideColumns gives decide's bets, reasons and growth on the same
 * tickets (mixed races on a Harville distribution with noisy odds, exclusive races without one,
 * several configs); its checks refuse what checkRace refuses, naming the field; candidateHits
 * (from parsed tickets or from their keys) gives hitLists' lists; ticket keys give the canonical
 * ids and parsed tickets, memoised alike for numbers up to 18 and above.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combinationProbabilities, harvilleDistribution } from '../../src/strategies/index.ts';
import {
  allocateColumns,
  BET_TYPES,
  betTypeOfId,
  decide,
  decideColumns,
  JRA_PAYOUT_RATES,
  parseConfig,
  parseTicketId,
  rejectReasonOf,
  ThemisError,
  ticketKey,
  ticketKeyId,
  sizeColumns,
  type BetType,
  type ColumnarRaceInput,
  type RaceInput,
  type ThemisConfig,
} from '../../src/themis/index.ts';
import { candidateHits, candidateHitsOfKeys } from '../../src/themis/candidate-hits.ts';
import { ticketOfKey } from '../../src/themis/ticket-keys.ts';
import { hitLists, isCheckedHitLists } from '../../src/themis/outcomes.ts';

function stream(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** A mixed race of n runners: every combination of the bet types given, odds from a noisy public view; ids in a scrambled order. */
function mixedRace(seed: number, n: number, types: readonly BetType[]): RaceInput {
  const rnd = stream(seed);
  const w = Array.from({ length: n }, () => Math.exp(2.4 * (rnd() + rnd() + rnd() - 1.5)));
  const s = w.reduce((a, b) => a + b, 0);
  const dist = harvilleDistribution(new Map(w.map((x, i) => [i + 1, x / s])));
  const bracketOf = (r: number): number => Math.min(8, Math.ceil((r * 8) / n));
  const tickets: { id: string; p?: number; odds: number }[] = [];
  for (const [id, q] of combinationProbabilities(dist, bracketOf)) {
    const type = id.slice(0, id.indexOf(':')) as BetType;
    if (!types.includes(type) || rnd() < 0.2) continue;
    const publicP = q * Math.exp((rnd() + rnd() + rnd() - 1.5) * 1.2);
    const odds = Math.max(1, Math.floor((JRA_PAYOUT_RATES[type] / publicP) * 10) / 10);
    // Unordered combinations written in reverse now and then (any order is accepted).
    const parsed = parseTicketId(id);
    const written = parsed.numbers.length > 1 && !['exacta', 'trifecta'].includes(type) && rnd() < 0.5 ? `${type}:${[...parsed.numbers].reverse().join('-')}` : id;
    tickets.push(type === 'win' ? { id: written, p: q, odds } : { id: written, odds });
  }
  const brackets = new Map<number, number>(Array.from({ length: n }, (_, i) => [i + 1, bracketOf(i + 1)]));
  return { tickets, finishOrder: dist, placesPaid: n <= 7 ? 2 : 3, brackets };
}

/** The race's tickets as columns (numbers in the order written). */
function columnsOf(race: RaceInput, withP: boolean): ColumnarRaceInput {
  const count = race.tickets.length;
  const cols = {
    count,
    betType: new Uint8Array(count),
    first: new Uint8Array(count),
    second: new Uint8Array(count),
    third: new Uint8Array(count),
    odds: new Float64Array(count),
    p: withP ? new Float64Array(count) : undefined,
  };
  race.tickets.forEach((t, i) => {
    const colon = t.id.indexOf(':');
    const type = t.id.slice(0, colon) as BetType;
    const nums = t.id.slice(colon + 1).split(/[->]/).map(Number);
    cols.betType[i] = BET_TYPES.indexOf(type);
    cols.first[i] = nums[0];
    cols.second[i] = nums[1] ?? 0;
    cols.third[i] = nums[2] ?? 0;
    cols.odds[i] = t.odds;
    if (cols.p !== undefined) cols.p[i] = t.p ?? 0;
  });
  const { p, ...rest } = cols;
  return {
    tickets: p === undefined ? rest : { ...rest, p },
    ...(race.finishOrder === undefined ? {} : { finishOrder: race.finishOrder }),
    ...(race.placesPaid === undefined ? {} : { placesPaid: race.placesPaid }),
    ...(race.brackets === undefined ? {} : { brackets: race.brackets }),
  };
}

function expectSameDecision(race: RaceInput, bankroll: number, config: ThemisConfig, account?: { stakedTodayYen: number; pointsUsedToday: number }): number {
  const d = decide(race, bankroll, config, account);
  const c = decideColumns(columnsOf(race, true), bankroll, config, account);
  expect(c.bets).toEqual(d.bets);
  expect(c.growth).toBe(d.growth);
  const rejected: { id: string; reason: string }[] = [];
  for (let i = 0; i < c.reason.length; i++) if (c.reason[i] !== 0) rejected.push({ id: ticketKeyId(c.keys[i]), reason: rejectReasonOf(c.reason[i])! });
  expect(rejected).toEqual(d.rejected);
  return d.bets.length;
}

describe('allocateColumns(race, config, { growth: false })', () => {
  it('allocates and sizes as without the option, only the growth left uncomputed (NaN)', () => {
    const config = parseConfig({ evThreshold: 1.05, safetyFactor: 0.5 });
    for (const [seed, n] of [[21, 16], [22, 8]] as const) {
      const race = columnsOf(mixedRace(seed, n, [...BET_TYPES]), true);
      const full = allocateColumns(race, config);
      const lean = allocateColumns(race, config, { growth: false });
      expect(Number.isNaN(lean.allocation.growth)).toBe(true);
      expect(Number.isFinite(full.allocation.growth)).toBe(true);
      expect({ ...lean.allocation, growth: 0 }).toEqual({ ...full.allocation, growth: 0 });
      const a = sizeColumns(full, 1_000_000, config);
      const b = sizeColumns(lean, 1_000_000, config);
      expect(a.bets.length).toBeGreaterThan(0);
      expect(b.bets).toEqual(a.bets);
      expect(b.reason).toEqual(a.reason);
    }
  });
});

describe('decideColumns(race, bankroll, config, account)', () => {
  const all = [...BET_TYPES];
  it('gives decide\'s bets, reasons and growth on mixed races of every bet type', () => {
    let bets = 0;
    for (const [seed, n] of [[1, 18], [2, 14], [3, 9], [4, 6]] as const) {
      const race = mixedRace(seed, n, all);
      for (const cfg of [
        parseConfig({ betTypes: all }),
        parseConfig({ betTypes: all, safetyFactor: 0.5, evThreshold: 1.1 }),
        parseConfig({ betTypes: all, safetyFactor: 1, evThreshold: 0.95, maxFractionPerTicket: 0.02, maxFractionPerRace: 0.05, pointLimitPerDay: 20 }),
        parseConfig({ betTypes: ['place', 'wide', 'trio'], maxStakePerRaceYen: 5000 }),
      ]) {
        bets += expectSameDecision(race, 1_000_000, cfg);
        bets += expectSameDecision(race, 50_000, cfg, { stakedTodayYen: 10_000, pointsUsedToday: 3 });
      }
    }
    expect(bets).toBeGreaterThan(50);
  });

  it('gives decide\'s decision on a race of one exclusive bet type without a distribution', () => {
    const rnd = stream(9);
    const p = Array.from({ length: 12 }, () => rnd());
    const s = p.reduce((a, b) => a + b, 0);
    const race: RaceInput = { tickets: p.map((x, i) => ({ id: `win:${i + 1}`, p: x / s, odds: Math.max(1, Math.round((0.8 / (x / s)) * (0.6 + rnd())) / 1) })) };
    expectSameDecision(race, 300_000, parseConfig({ safetyFactor: 1 }));
    const c = decideColumns(columnsOf(race, true), 300_000, parseConfig({ safetyFactor: 1 }));
    expect(c.bets.length).toBeGreaterThan(0);
  });

  it('refuses bad input as decide does, naming the field', () => {
    const race = mixedRace(5, 8, ['win', 'quinella', 'trio', 'bracket_quinella']);
    const cfg = parseConfig({ betTypes: ['win', 'quinella', 'trio', 'bracket_quinella'] });
    const bad = (edit: (c: ColumnarRaceInput) => ColumnarRaceInput, code: string, field: RegExp): void => {
      let err: unknown;
      try {
        decideColumns(edit(columnsOf(race, true)), 100_000, cfg);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ThemisError);
      expect((err as ThemisError).code).toBe(code);
      expect((err as ThemisError).field).toMatch(field);
    };
    const set = (c: ColumnarRaceInput, f: (t: ColumnarRaceInput['tickets']) => void): ColumnarRaceInput => {
      const t = { ...c.tickets, betType: c.tickets.betType.slice(), first: c.tickets.first.slice(), second: c.tickets.second.slice(), third: c.tickets.third.slice(), odds: c.tickets.odds.slice(), p: c.tickets.p?.slice() };
      f(t);
      return { ...c, tickets: t };
    };
    bad((c) => set(c, (t) => (t.odds[3] = Number.NaN)), 'THEMIS_BAD_ODDS', /^tickets\.odds\[3\]$/);
    bad((c) => set(c, (t) => (t.odds[2] = 0.99)), 'THEMIS_BAD_ODDS', /^tickets\.odds\[2\]$/);
    bad((c) => set(c, (t) => (t.p![0] = 1.5)), 'THEMIS_BAD_PROBABILITY', /^tickets\.p\[0\]$/);
    bad((c) => set(c, (t) => (t.p![1] = Number.NaN)), 'THEMIS_BAD_PROBABILITY', /^tickets\.p\[1\]$/);
    bad((c) => set(c, (t) => (t.betType[4] = 8)), 'THEMIS_BAD_TICKET_ID', /^tickets\.betType\[4\]$/);
    // A win ticket with a second runner, a quinella on one runner twice, a runner 0.
    bad((c) => set(c, (t) => (t.second[0] = 2)), 'THEMIS_BAD_TICKET_ID', /^tickets\[0\]$/);
    const q = race.tickets.findIndex((t) => t.id.startsWith('quinella:'));
    bad((c) => set(c, (t) => (t.second[q] = t.first[q])), 'THEMIS_BAD_TICKET_ID', new RegExp(`^tickets\\[${q}\\]$`));
    bad((c) => set(c, (t) => (t.first[1] = 0)), 'THEMIS_BAD_TICKET_ID', /^tickets\[1\]$/);
    // The same quinella written the other way round.
    bad((c) => set(c, (t) => {
      const j = race.tickets.findIndex((x, i) => i > q && x.id.startsWith('quinella:'));
      t.first[j] = t.second[q];
      t.second[j] = t.first[q];
    }), 'THEMIS_DUPLICATE_TICKET', /^tickets\[\d+\]$/);
    // A runner outside the field of the distribution, and brackets missing for a bracket_quinella ticket.
    bad((c) => set(c, (t) => (t.first[0] = 9)), 'THEMIS_BAD_INPUT', /^ticket$/);
    bad((c) => ({ ...c, brackets: undefined }), 'THEMIS_BAD_INPUT', /^brackets$/);
    // No distribution and no probabilities.
    bad((c) => ({ tickets: { ...c.tickets, p: undefined } }), 'THEMIS_BAD_INPUT', /^tickets\.p$/);
  });
});

describe('candidateHits(tickets, dist, placesPaid, brackets)', () => {
  it('gives the lists of hitLists', () => {
    for (const [seed, n, placesPaid] of [[11, 18, 3], [12, 7, 2], [13, 5, 3]] as const) {
      const race = mixedRace(seed, n, [...BET_TYPES]);
      const tickets = race.tickets.map((t) => parseTicketId(t.id)).filter((_, i) => i % 3 === 0);
      const want = hitLists(tickets, race.finishOrder!, { placesPaid, brackets: race.brackets });
      const keys = Int32Array.from(tickets, (t) => ticketKey(BET_TYPES.indexOf(t.betType), t.numbers[0], t.numbers[1] ?? 0, t.numbers[2] ?? 0));
      // A larger key array than the tickets (a race's columns): only the first `count` are read.
      const padded = Int32Array.from([...keys, ticketKey(0, 99, 0, 0)]);
      for (const got of [candidateHits(tickets, race.finishOrder!, placesPaid, race.brackets), candidateHitsOfKeys(padded, keys.length, race.finishOrder!, placesPaid, race.brackets)]) {
        expect(got).not.toBeNull();
        expect(Array.from(got!.offsets)).toEqual(Array.from(want.offsets));
        expect(Array.from(got!.outcomes)).toEqual(Array.from(want.outcomes));
        expect(got!.outcomeCount).toBe(want.outcomeCount);
      }
    }
  });

  it('marks the lists it makes as checked (strictly ascending within the outcomes; the solver checks them no more), and the public hitLists gives unmarked lists', () => {
    const race = mixedRace(14, 12, [...BET_TYPES]);
    const tickets = race.tickets.map((t) => parseTicketId(t.id));
    const keys = Int32Array.from(tickets, (t) => ticketKey(BET_TYPES.indexOf(t.betType), t.numbers[0], t.numbers[1] ?? 0, t.numbers[2] ?? 0));
    const got = candidateHitsOfKeys(keys, keys.length, race.finishOrder!, 3, race.brackets)!;
    expect(isCheckedHitLists(got)).toBe(true);
    for (let j = 0; j < keys.length; j++) {
      for (let k = got.offsets[j]; k < got.offsets[j + 1]; k++) {
        expect(got.outcomes[k]).toBeGreaterThanOrEqual(k === got.offsets[j] ? 0 : got.outcomes[k - 1] + 1);
        expect(got.outcomes[k]).toBeLessThan(got.outcomeCount);
      }
    }
    expect(isCheckedHitLists(candidateHits(tickets, race.finishOrder!, 3, race.brackets)!)).toBe(true);
    // The lists of the public builder may be changed by its callers: never marked.
    expect(isCheckedHitLists(hitLists(tickets, race.finishOrder!, { placesPaid: 3, brackets: race.brackets }))).toBe(false);
  });

  it('declines a ticket naming a runner outside the field, from its key too', () => {
    const dist = harvilleDistribution(new Map([[1, 0.5], [2, 0.3], [3, 0.2]]));
    expect(candidateHitsOfKeys(Int32Array.of(ticketKey(7, 1, 2, 4)), 1, dist, 2, undefined)).toBeNull();
    expect(candidateHits([parseTicketId('trifecta:1>2>4')], dist, 2, undefined)).toBeNull();
    expect(Array.from(candidateHitsOfKeys(Int32Array.of(ticketKey(7, 1, 2, 3)), 1, dist, 2, undefined)!.outcomes)).toEqual([0]);
  });

  it('declines a distribution whose outcomes lack a third finisher', () => {
    const dist = harvilleDistribution(new Map([[1, 0.6], [2, 0.4]]));
    expect(candidateHits([parseTicketId('win:1')], dist, 2, undefined)).toBeNull();
  });
});

describe('betTypeOfId', () => {
  it('gives the bet type before the colon, undefined for anything else', () => {
    expect(BET_TYPES.map((t) => betTypeOfId(`${t}:1`))).toEqual([...BET_TYPES]);
    for (const id of ['winx:1', 'win', ':1', 'trifectas:1>2>3', 'Win:1', '', 'place']) expect(betTypeOfId(id)).toBeUndefined();
  });
});

describe('ticketKey and ticketKeyId', () => {
  it('give the canonical id whatever the order of an unordered combination', () => {
    expect(ticketKeyId(ticketKey(3, 7, 3, 0))).toBe('quinella:3-7');
    expect(ticketKeyId(ticketKey(6, 9, 1, 4))).toBe('trio:1-4-9');
    expect(ticketKeyId(ticketKey(7, 9, 1, 4))).toBe('trifecta:9>1>4');
    expect(ticketKeyId(ticketKey(5, 3, 7, 0))).toBe('exacta:3>7');
    expect(ticketKeyId(ticketKey(2, 5, 5, 0))).toBe('bracket_quinella:5-5');
    expect(ticketKeyId(ticketKey(0, 12, 0, 0))).toBe('win:12');
    expect(ticketKeyId(ticketKey(1, 12, 0, 0))).toBe('place:12');
  });

  it('give the id and parsed ticket of parseTicketId, the same objects each time, for numbers up to 18 and above', () => {
    const legs = [1, 1, 2, 2, 2, 2, 3, 3];
    const combination = fc.integer({ min: 0, max: 7 }).chain((code) =>
      fc
        .uniqueArray(code === 2 ? fc.integer({ min: 1, max: 8 }) : fc.oneof(fc.integer({ min: 1, max: 18 }), fc.integer({ min: 19, max: 99 })), { minLength: legs[code], maxLength: legs[code] })
        .map((nums) => ({ code, nums })),
    );
    fc.assert(
      fc.property(combination, ({ code, nums }) => {
        const key = ticketKey(code, nums[0], nums[1] ?? 0, nums[2] ?? 0);
        const type = BET_TYPES[code];
        const ordered = type === 'exacta' || type === 'trifecta';
        const want = parseTicketId(`${type}:${nums.join(ordered ? '>' : '-')}`);
        const id = ticketKeyId(key);
        expect(id).toBe(want.id);
        expect(ticketKeyId(key)).toBe(id);
        expect(betTypeOfId(id)).toBe(type);
        const ticket = ticketOfKey(key);
        expect(ticket).toEqual(want);
        expect(ticketOfKey(key)).toBe(ticket);
        expect(Object.isFrozen(ticket) && Object.isFrozen(ticket.numbers)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

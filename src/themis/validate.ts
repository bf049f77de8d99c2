/**
 * Input validation of Themis: turns an untrusted race, bankroll and account into checked,
 * canonical values, or throws a ThemisError naming the field (`tickets[2].p`) and its value.
 * Layer: themis (imports nothing from the project). Units: probabilities, decimal odds,
 * integer yen. Pure (parsed ticket ids are memoised in a bounded private cache).
 */
import { ThemisError } from './errors.ts';
import type { AccountState, FinishOrderDistribution, PoolSizes, RaceContext, RaceInput } from './race-input.ts';
import { BET_TYPES, parseTicketId, type Ticket } from './tickets.ts';

/** Tolerance on a sum of probabilities of mutually exclusive outcomes exceeding 1. */
export const PROB_SUM_TOLERANCE = 1e-9;

/** Bet types whose outcomes in one pool are mutually exclusive (exactly one combination wins). */
export const EXCLUSIVE_BET_TYPES: ReadonlySet<string> = new Set([
  'win',
  'bracket_quinella',
  'quinella',
  'exacta',
  'trio',
  'trifecta',
]);

/** A race after validation: canonical tickets and parallel arrays, input order. */
export interface CheckedRace extends RaceContext {
  readonly tickets: readonly Ticket[];
  /** Ticket probabilities as given (NaN where absent: they come from `finishOrder`). */
  readonly p: Float64Array;
  readonly odds: Float64Array;
  readonly pools: readonly (PoolSizes | undefined)[];
  /** Bet type codes and canonical numbers of the tickets, when checkRaceCodes was asked for them (a race with a distribution). */
  readonly codes?: TicketCodes;
}

/**
 * The tickets of a checked race as codes, ticket i at index i: its bet type as the index in
 * BET_TYPES and its canonical numbers (0 for a leg the bet type does not have), the columns
 * of ticket-columns.ts.
 */
export interface TicketCodes {
  readonly betType: Uint8Array;
  readonly first: Uint8Array;
  readonly second: Uint8Array;
  readonly third: Uint8Array;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fail(code: ConstructorParameters<typeof ThemisError>[0], field: string, value: unknown, expected: string): never {
  throw new ThemisError(code, field, value, `${field}: ${String(value)} is not valid (expected ${expected})`);
}

/**
 * Validates a race. Ticket ids are parsed with parseTicketId and made canonical; duplicates
 * (after canonicalisation) are refused; probabilities must be finite in [0, 1] and sum to at
 * most 1 (+1e-9) within each mutually exclusive bet type; odds finite and >= 1.
 * Cost O(n) plus O(outcomes) for a finishing-order distribution.
 * @throws ThemisError THEMIS_BAD_INPUT (shape), THEMIS_BAD_TICKET_ID, THEMIS_DUPLICATE_TICKET,
 *   THEMIS_BAD_PROBABILITY, THEMIS_PROBS_NOT_NORMALISED or THEMIS_BAD_ODDS, naming the field
 * @example checkRace({ tickets: [{ id: 'win:1', p: 0.3, odds: 4 }] }).tickets[0].id // 'win:1'
 * @example checkRace({ tickets: [{ id: 'win:1', p: 1.2, odds: 4 }] }) // throws THEMIS_BAD_PROBABILITY, field 'tickets[0].p'
 */
export function checkRace(race: RaceInput | unknown): CheckedRace {
  return checkRaceCodes(race, false);
}

/**
 * checkRace, also giving the tickets' codes (`codes`) when `wanted` and the race has a
 * finishing-order distribution. Same checks, same errors, in the same order.
 * @throws as checkRace
 */
export function checkRaceCodes(race: RaceInput | unknown, wanted: boolean): CheckedRace {
  if (!isRecord(race)) fail('THEMIS_BAD_INPUT', 'race', race, 'an object with a tickets array');
  const raw = race.tickets;
  if (!Array.isArray(raw)) fail('THEMIS_BAD_INPUT', 'tickets', raw, 'an array of tickets');
  const finishOrder = race.finishOrder === undefined ? undefined : checkDistribution(race.finishOrder);
  const placesPaid = race.placesPaid;
  if (placesPaid !== undefined && placesPaid !== 2 && placesPaid !== 3) fail('THEMIS_BAD_INPUT', 'placesPaid', placesPaid, '2 or 3');
  const brackets = race.brackets;
  if (brackets !== undefined && !(brackets instanceof Map)) fail('THEMIS_BAD_INPUT', 'brackets', brackets, 'a Map of saddle number to bracket');

  const n = raw.length;
  const tickets: Ticket[] = new Array<Ticket>(n);
  const p = new Float64Array(n);
  const odds = new Float64Array(n);
  const pools: (PoolSizes | undefined)[] = new Array<PoolSizes | undefined>(n);
  const sums = new Map<string, number>();
  const epoch = nextCheckEpoch(n);
  const codes = wanted && finishOrder !== undefined ? newCodes(n) : undefined;
  for (let i = 0; i < n; i++) {
    const t: unknown = raw[i];
    // Field names are built only on the error paths (this loop runs over thousands of tickets).
    if (!isRecord(t)) fail('THEMIS_BAD_INPUT', `tickets[${i}]`, t, 'an object { id, p, odds }');
    if (typeof t.id !== 'string') fail('THEMIS_BAD_TICKET_ID', `tickets[${i}].id`, t.id, 'a ticket id such as win:3');
    const parsed = parsedIds.get(t.id) ?? parseTicketIdCached(t.id, `tickets[${i}].id`);
    const ticket = parsed.ticket;
    // Duplicates (after canonicalisation) share a serial number, stamped with this call's epoch.
    if (seenEpoch[parsed.serial] === epoch) {
      const dup = seenAt[parsed.serial];
      throw new ThemisError('THEMIS_DUPLICATE_TICKET', `tickets[${i}].id`, t.id, `tickets[${i}].id: '${t.id}' repeats tickets[${dup}] (${ticket.id})`);
    }
    seenEpoch[parsed.serial] = epoch;
    seenAt[parsed.serial] = i;
    tickets[i] = ticket;
    if (codes !== undefined) {
      codes.betType[i] = parsed.code;
      codes.first[i] = parsed.first;
      codes.second[i] = parsed.second;
      codes.third[i] = parsed.third;
    }

    const pi = t.p;
    if (pi === undefined && finishOrder !== undefined) {
      p[i] = Number.NaN;
    } else {
      if (typeof pi !== 'number' || !Number.isFinite(pi) || pi < 0 || pi > 1) {
        fail('THEMIS_BAD_PROBABILITY', `tickets[${i}].p`, pi, 'a probability in [0, 1]');
      }
      p[i] = pi;
      if (EXCLUSIVE_BET_TYPES.has(ticket.betType)) sums.set(ticket.betType, (sums.get(ticket.betType) ?? 0) + pi);
    }
    const o = t.odds;
    if (typeof o !== 'number' || !Number.isFinite(o) || o < 1) fail('THEMIS_BAD_ODDS', `tickets[${i}].odds`, o, 'decimal odds, a finite number >= 1');
    odds[i] = o;
    pools[i] = t.pool === undefined ? undefined : checkPool(t.pool, `tickets[${i}].pool`);
  }
  if (finishOrder === undefined) {
    for (const [betType, sum] of sums) {
      if (sum > 1 + PROB_SUM_TOLERANCE) {
        throw new ThemisError(
          'THEMIS_PROBS_NOT_NORMALISED',
          `tickets[betType=${betType}].p`,
          sum,
          `tickets[betType=${betType}].p: probabilities of the mutually exclusive ${betType} tickets sum to ${sum} (> 1)`,
        );
      }
    }
  }
  return codes === undefined ? { tickets, p, odds, pools, finishOrder, placesPaid, brackets } : { tickets, p, odds, pools, finishOrder, placesPaid, brackets, codes };
}

function newCodes(n: number): TicketCodes {
  return { betType: new Uint8Array(n), first: new Uint8Array(n), second: new Uint8Array(n), third: new Uint8Array(n) };
}

/**
 * A parsed ticket id: the canonical ticket (frozen), the serial number of its canonical id, and
 * its bet type code and canonical numbers (0 for a missing leg).
 */
interface ParsedId {
  readonly ticket: Ticket;
  readonly serial: number;
  readonly code: number;
  readonly first: number;
  readonly second: number;
  readonly third: number;
}

/**
 * Parsed ticket ids, memoised (ids repeat from race to race): raw id -> parsed, and canonical id
 * -> parsed (ids with the same canonical form share the ticket and its serial). Cleared before a
 * race whose tickets could take them past the bound.
 */
const parsedIds = new Map<string, ParsedId>();
const canonicalIds = new Map<string, ParsedId>();
const PARSED_IDS_BOUND = 100_000;
/** Per serial: the checkRace call (epoch) that last saw it, and its ticket index there. */
let seenEpoch = new Int32Array(1024);
let seenAt = new Int32Array(1024);
let checkEpoch = 0;

/** A new epoch for a race of n tickets (clearing the memo first if it could outgrow its bound). */
function nextCheckEpoch(n: number): number {
  if (parsedIds.size + n > PARSED_IDS_BOUND || checkEpoch >= 0x7fffffff) {
    parsedIds.clear();
    canonicalIds.clear();
    seenEpoch.fill(0);
    checkEpoch = 0;
  }
  return ++checkEpoch;
}

/** parseTicketId with memoisation of the ids that parse; the ticket is frozen. */
function parseTicketIdCached(id: string, field: string): ParsedId {
  const hit = parsedIds.get(id);
  if (hit !== undefined) return hit;
  const t = parseTicketId(id, field);
  let parsed = canonicalIds.get(t.id);
  if (parsed === undefined) {
    const ticket: Ticket = Object.freeze({ id: t.id, betType: t.betType, numbers: Object.freeze([...t.numbers]) });
    const [first, second = 0, third = 0] = ticket.numbers;
    parsed = { ticket, serial: canonicalIds.size, code: BET_TYPES.indexOf(ticket.betType), first, second, third };
    canonicalIds.set(t.id, parsed);
    if (parsed.serial >= seenEpoch.length) {
      const grownEpoch = new Int32Array(seenEpoch.length * 2);
      grownEpoch.set(seenEpoch);
      seenEpoch = grownEpoch;
      const grownAt = new Int32Array(seenAt.length * 2);
      grownAt.set(seenAt);
      seenAt = grownAt;
    }
  }
  parsedIds.set(id, parsed);
  return parsed;
}

function checkPool(pool: unknown, at: string): PoolSizes {
  if (!isRecord(pool)) fail('THEMIS_BAD_INPUT', at, pool, 'an object { poolTotalYen, poolOnTicketYen }');
  const total = pool.poolTotalYen;
  const on = pool.poolOnTicketYen;
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total <= 0) fail('THEMIS_BAD_INPUT', `${at}.poolTotalYen`, total, 'yen, an integer > 0');
  if (typeof on !== 'number' || !Number.isSafeInteger(on) || on <= 0 || on > total) {
    fail('THEMIS_BAD_INPUT', `${at}.poolOnTicketYen`, on, `yen, an integer in [1, poolTotalYen = ${total}]`);
  }
  return { poolTotalYen: total, poolOnTicketYen: on };
}

/**
 * Validates a finishing-order distribution: parallel arrays of equal length, runners that are
 * saddle numbers, probabilities finite in [0, 1] summing to at most 1 (+1e-9).
 * @throws ThemisError THEMIS_BAD_INPUT, THEMIS_BAD_PROBABILITY or THEMIS_PROBS_NOT_NORMALISED naming `finishOrder.<field>`
 * @example checkDistribution({ runners: Int32Array.of(1, 2, 3), first: Int32Array.of(1), second: Int32Array.of(2), third: Int32Array.of(3), prob: Float64Array.of(1) }) // returns it
 */
export function checkDistribution(d: unknown): FinishOrderDistribution {
  if (!isRecord(d)) fail('THEMIS_BAD_INPUT', 'finishOrder', d, 'a finishing-order distribution');
  for (const key of ['runners', 'first', 'second', 'third'] as const) {
    if (!(d[key] instanceof Int32Array)) fail('THEMIS_BAD_INPUT', `finishOrder.${key}`, d[key], 'an Int32Array');
  }
  if (!(d.prob instanceof Float64Array)) fail('THEMIS_BAD_INPUT', 'finishOrder.prob', d.prob, 'a Float64Array');
  const dist = d as unknown as FinishOrderDistribution;
  const m = dist.prob.length;
  for (const key of ['first', 'second', 'third'] as const) {
    if (dist[key].length !== m) fail('THEMIS_BAD_INPUT', `finishOrder.${key}`, dist[key].length, `length ${m} (as prob)`);
  }
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const q = dist.prob[i];
    if (!Number.isFinite(q) || q < 0 || q > 1) fail('THEMIS_BAD_PROBABILITY', `finishOrder.prob[${i}]`, q, 'a probability in [0, 1]');
    sum += q;
  }
  if (sum > 1 + PROB_SUM_TOLERANCE) {
    throw new ThemisError('THEMIS_PROBS_NOT_NORMALISED', 'finishOrder.prob', sum, `finishOrder.prob: outcome probabilities sum to ${sum} (> 1)`);
  }
  return dist;
}

/**
 * Validates a bankroll: integer yen >= 0.
 * @throws ThemisError THEMIS_BAD_BANKROLL naming `bankrollYen`
 * @example checkBankroll(100000) // 100000
 */
export function checkBankroll(bankrollYen: unknown): number {
  if (typeof bankrollYen !== 'number' || !Number.isSafeInteger(bankrollYen) || bankrollYen < 0) {
    fail('THEMIS_BAD_BANKROLL', 'bankrollYen', bankrollYen, 'yen, an integer >= 0');
  }
  return bankrollYen;
}

/**
 * Validates the account state (integer yen and counts >= 0); absent means a fresh day with no own limit.
 * @throws ThemisError THEMIS_BAD_INPUT naming `account.<field>`
 * @example checkAccount(undefined) // { stakedTodayYen: 0, pointsUsedToday: 0, pointLimit: null }
 */
export function checkAccount(account: unknown): Required<AccountState> {
  if (account === undefined || account === null) return { stakedTodayYen: 0, pointsUsedToday: 0, pointLimit: null };
  if (!isRecord(account)) fail('THEMIS_BAD_INPUT', 'account', account, 'an object { stakedTodayYen, pointsUsedToday, pointLimit }');
  const count = (key: string, optional: boolean): number | null => {
    const v = account[key];
    if (optional && (v === undefined || v === null)) return null;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail('THEMIS_BAD_INPUT', `account.${key}`, v, 'an integer >= 0');
    return v;
  };
  return {
    stakedTodayYen: count('stakedTodayYen', false) as number,
    pointsUsedToday: count('pointsUsedToday', false) as number,
    pointLimit: count('pointLimit', true),
  };
}

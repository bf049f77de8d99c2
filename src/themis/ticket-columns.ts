/**
 * The columnar ticket input of Themis: a race's tickets as typed arrays (bet type code, runner
 * or bracket numbers, odds, optional probabilities) instead of `{ id, p, odds }` objects, for
 * callers that offer thousands of combinations a race (the eight-bet-type backtest). Its checks
 * are those of checkRace on the same tickets (bad codes, NaN, odds < 1, p outside [0, 1],
 * duplicates, runners outside the field), and the ticket probabilities of a race with a
 * finishing-order distribution are summed per combination in one pass over the outcomes, in
 * ascending outcome order (the same sums, bit for bit, as ticketProbabilities over hit lists).
 * Ticket ids are built only when asked for, from a numeric key. probabilitiesOnDistribution gives
 * the same sums for the tickets of a race given as objects (allocate, decide). The keys and ids
 * are in ticket-keys.ts, the per-combination sums in combination-sums.ts. Layer: themis (imports
 * only Themis files). Units: probabilities, decimal odds. Pure (its work arrays are reused from
 * call to call).
 */
import { ThemisError } from './errors.ts';
import type { FinishOrderDistribution } from './outcomes.ts';
import type { RaceContext } from './race-input.ts';
import { BRACKET, EXACTA, PLACE, QUINELLA, sortedTripleKey, TRIFECTA, TRIO, WIDE, WIN } from './hit-list-builder.ts';
import { CombinationSums, legIndex } from './combination-sums.ts';
import { Scratch } from './scratch.ts';
import { BET_TYPES, type Ticket } from './tickets.ts';
import { LEG_COUNT, ORDERED_CODE, ticketKey, ticketKeyId } from './ticket-keys.ts';
import { checkDistribution, EXCLUSIVE_BET_TYPES, PROB_SUM_TOLERANCE, type TicketCodes } from './validate.ts';

export { ticketKey, ticketKeyId, ticketOfKey } from './ticket-keys.ts';

/**
 * Tickets of one race in columns, ticket i at index i of each array. `betType[i]` is the
 * ticket's bet type as its index in BET_TYPES; `first/second/third[i]` its saddle numbers
 * (bracket numbers for bracket_quinella) in the order of the ticket id (finishing order for
 * exacta and trifecta, any order for the unordered types), 0 for a leg the bet type does not have.
 */
export interface TicketColumns {
  /** Number of tickets (the arrays may be longer; entries past it are ignored). */
  readonly count: number;
  readonly betType: Uint8Array;
  readonly first: Uint8Array;
  readonly second: Uint8Array;
  readonly third: Uint8Array;
  /** Decimal odds, finite and >= 1. */
  readonly odds: Float64Array;
  /** Hit probabilities in [0, 1]; required unless the race carries a finishing-order distribution (which then gives them). */
  readonly p?: Float64Array;
}

/** One race in the columnar form (as RaceInput, with the tickets in columns). */
export interface ColumnarRaceInput extends RaceContext {
  readonly tickets: TicketColumns;
}

/** A columnar race after its checks: canonical ticket keys and the probabilities used. */
export interface CheckedColumns extends RaceContext {
  readonly count: number;
  /** Canonical ticket key of each ticket (ticketKeyId gives its id). */
  readonly keys: Int32Array;
  readonly betType: Uint8Array;
  /** Probability of each ticket: from the distribution when the race has one, else as given. */
  readonly p: Float64Array;
  readonly odds: Float64Array;
}

function fail(code: ConstructorParameters<typeof ThemisError>[0], field: string, value: unknown, expected: string): never {
  throw new ThemisError(code, field, value, `${field}: ${String(value)} is not valid (expected ${expected})`);
}

const probScratch = new Scratch();

/** Duplicate detection: per dense key, the check (epoch) that last saw it and where. */
let seenEpoch = new Int32Array(1 << 16);
let seenAt = new Int32Array(1 << 16);
let epoch = 0;
const denseOf = new Int32Array(100);

/**
 * Checks a columnar race (the rules of checkRace) and gives each ticket's canonical key and
 * probability (from the distribution when the race has one).
 * Cost O(tickets + outcomes).
 * @throws ThemisError THEMIS_BAD_INPUT (shape, a runner outside the field, brackets missing),
 *   THEMIS_BAD_TICKET_ID (bet type code, numbers), THEMIS_DUPLICATE_TICKET, THEMIS_BAD_PROBABILITY,
 *   THEMIS_PROBS_NOT_NORMALISED or THEMIS_BAD_ODDS, naming the field (`tickets.odds[3]`)
 * @example checkColumns({ tickets: { count: 1, betType: Uint8Array.of(0), first: Uint8Array.of(3), second: Uint8Array.of(0), third: Uint8Array.of(0), odds: Float64Array.of(4), p: Float64Array.of(0.3) } }).keys // Int32Array [30000]
 */
export function checkColumns(race: ColumnarRaceInput): CheckedColumns {
  return checkColumnsInto(race, false);
}

/**
 * checkColumns with the probabilities in a reused work array when `reuseP` is true (valid until
 * the next such call; for decideColumns, which drops them before returning).
 * @throws as checkColumns
 */
export function checkColumnsInto(race: ColumnarRaceInput, reuseP: boolean): CheckedColumns {
  const cols = race.tickets;
  if (typeof cols !== 'object' || cols === null) fail('THEMIS_BAD_INPUT', 'tickets', cols, 'ticket columns');
  const n = cols.count;
  if (!Number.isSafeInteger(n) || n < 0) fail('THEMIS_BAD_INPUT', 'tickets.count', n, 'an integer >= 0');
  for (const k of ['betType', 'first', 'second', 'third'] as const) {
    if (!(cols[k] instanceof Uint8Array) || cols[k].length < n) fail('THEMIS_BAD_INPUT', `tickets.${k}`, cols[k], `a Uint8Array of at least ${n} entries`);
  }
  if (!(cols.odds instanceof Float64Array) || cols.odds.length < n) fail('THEMIS_BAD_INPUT', 'tickets.odds', cols.odds, `a Float64Array of at least ${n} entries`);
  const given = cols.p;
  if (given !== undefined && (!(given instanceof Float64Array) || given.length < n)) fail('THEMIS_BAD_INPUT', 'tickets.p', given, `a Float64Array of at least ${n} entries`);
  const dist = race.finishOrder === undefined ? undefined : checkDistribution(race.finishOrder);
  if (dist === undefined && given === undefined) fail('THEMIS_BAD_INPUT', 'tickets.p', given, 'probabilities (the race has no finishing-order distribution)');
  const placesPaid = race.placesPaid;
  if (placesPaid !== undefined && placesPaid !== 2 && placesPaid !== 3) fail('THEMIS_BAD_INPUT', 'placesPaid', placesPaid, '2 or 3');
  const brackets = race.brackets;
  if (brackets !== undefined && !(brackets instanceof Map)) fail('THEMIS_BAD_INPUT', 'brackets', brackets, 'a Map of saddle number to bracket');

  const { betType, first, second, third, odds } = cols;
  const keys = new Int32Array(n);
  const p = reuseP ? probScratch.f64(0, n) : new Float64Array(n);
  // !(q >= 0 && q <= 1) is true exactly for NaN, infinities and values outside [0, 1].
  if (given !== undefined) for (let i = 0; i < n; i++) if (!(given[i] >= 0 && given[i] <= 1)) checkProbability(given[i], i);
  if (dist !== undefined) {
    // The sums per combination of the bet types present, then one pass over the tickets.
    let present = 0;
    for (let i = 0; i < n; i++) present |= 1 << (betType[i] & 7); // a code over 7 fails in the pass
    const sums = new CombinationSums(present, dist, brackets).add(dist, placesPaid ?? (dist.runners.length <= 7 ? 2 : 3));
    ticketsOnDistribution(sums, cols, n, keys, p);
  } else ticketsAsGiven(cols, n, keys, p, given!);
  if (dist === undefined) {
    const total = new Float64Array(8);
    for (let i = 0; i < n; i++) if (EXCLUSIVE_BET_TYPES.has(BET_TYPES[betType[i]])) total[betType[i]] += p[i];
    // Checked in the order checkRace meets the bet types (first appearance), which only matters for which one is named.
    const order: number[] = [];
    for (let i = 0; i < n && order.length < 8; i++) if (!order.includes(betType[i])) order.push(betType[i]);
    for (const t of order) {
      if (total[t] > 1 + PROB_SUM_TOLERANCE) {
        const name = BET_TYPES[t];
        throw new ThemisError('THEMIS_PROBS_NOT_NORMALISED', `tickets[betType=${name}].p`, total[t], `tickets[betType=${name}].p: probabilities of the mutually exclusive ${name} tickets sum to ${total[t]} (> 1)`);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const o = odds[i];
    if (!(o >= 1 && o < Infinity)) fail('THEMIS_BAD_ODDS', `tickets.odds[${i}]`, o, 'decimal odds, a finite number >= 1');
  }
  return { count: n, keys, betType, p, odds, finishOrder: dist, placesPaid, brackets };
}

/**
 * The probabilities of the tickets of a race that passed checkRace (`codes` from checkRaceCodes:
 * canonical numbers, no duplicates) on its distribution, written into `p`: the sums
 * ticketProbabilities makes over hitLists' lists, bit for bit, and hitLists' errors in its
 * order: the field's runners, the brackets (when a bracket_quinella ticket is present), a ticket
 * naming a runner outside the field (the last such ticket, its first such runner), then an
 * outcome's finisher outside the field.
 * Cost O(tickets + outcomes).
 * @throws ThemisError THEMIS_BAD_INPUT as hitLists
 */
export function probabilitiesOnDistribution(
  codes: TicketCodes,
  n: number,
  dist: FinishOrderDistribution,
  placesPaid: 2 | 3,
  brackets: ReadonlyMap<number, number> | undefined,
  p: Float64Array,
): void {
  const { betType, first, second, third } = codes;
  let present = 0;
  for (let i = 0; i < n; i++) present |= 1 << betType[i];
  const sums = new CombinationSums(present, dist, brackets);
  const index = sums.index; // -1 at 0 and at every saddle number outside the field
  for (let i = n - 1; i >= 0; i--) {
    const t = betType[i];
    if (t === BRACKET || (index[first[i]] >= 0 && (second[i] === 0 || index[second[i]] >= 0) && (third[i] === 0 || index[third[i]] >= 0))) continue;
    const key = ticketKey(t, first[i], second[i], third[i]);
    for (const r of [first[i], second[i], third[i]].slice(0, LEG_COUNT[t])) legIndex(index, r, key);
  }
  sums.add(dist, placesPaid);
  ticketsOnDistribution(sums, codes, n, keyScratch.i32(0, n), p);
}

const keyScratch = new Scratch();

/** Fails unless ticket i's numbers fit its bet type (legs, range, distinct runners). */
function checkNumbers(t: number, a: number, b: number, c: number, i: number): void {
  const legs = LEG_COUNT[t];
  const top = t === BRACKET ? 8 : 99;
  const ok =
    a >= 1 && a <= top &&
    (legs >= 2 ? b >= 1 && b <= top : b === 0) &&
    (legs === 3 ? c >= 1 && c <= top : c === 0) &&
    (t === BRACKET || ((legs < 2 || a !== b) && (legs < 3 || (a !== c && b !== c))));
  if (!ok) fail('THEMIS_BAD_TICKET_ID', `tickets[${i}]`, `${BET_TYPES[t]}:${[a, b, c].slice(0, legs).join(ORDERED_CODE[t] ? '>' : '-')}`, `a valid ${BET_TYPES[t]} combination`);
}

/** A new duplicate-detection epoch over `space` dense keys, or null when a Map must do (too many). */
function dedupEpoch(space: number): number | null {
  if (space > 1 << 24) return null;
  if (space > seenEpoch.length) {
    seenEpoch = new Int32Array(space);
    seenAt = new Int32Array(space);
    epoch = 0;
  }
  if (++epoch >= 0x7fffffff) {
    seenEpoch.fill(0);
    epoch = 1;
  }
  return epoch;
}

/**
 * One pass over the tickets of a race with a distribution: the checks of each ticket, its
 * canonical key, duplicates (the combination's index within its bet type, by the runners'
 * indices in the field) and its probability, one case per bet type.
 */
function ticketsOnDistribution(sums: CombinationSums, cols: TicketCodes, n: number, keys: Int32Array, p: Float64Array): void {
  const { betType, first, second, third } = cols;
  const index = sums.index;
  const m = sums.n;
  const m2 = m * m;
  const offset = [0, m, 2 * m, 2 * m + 81, 2 * m + 81 + m2, 2 * m + 81 + 2 * m2, 2 * m + 81 + 3 * m2, 2 * m + 81 + 3 * m2 + m2 * m];
  const ep = dedupEpoch(offset[7] + m2 * m);
  const seen = ep === null ? new Map<number, number>() : null;
  const { win, place, bq, quinella, wide, exacta, trio, trifecta } = sums;
  for (let i = 0; i < n; i++) {
    const t = betType[i];
    const a = first[i];
    const b = second[i];
    const c = third[i];
    let key: number;
    let d: number;
    let q: number;
    switch (t) {
      case WIN:
      case PLACE: {
        if (!(a >= 1 && a <= 99 && b === 0 && c === 0)) checkNumbers(t, a, b, c, i);
        key = t * 1_000_000 + a * 10_000;
        const x = legIndex(index, a, key);
        d = offset[t] + x;
        q = t === WIN ? win![x] : place![x];
        break;
      }
      case BRACKET: {
        if (!(a >= 1 && a <= 8 && b >= 1 && b <= 8 && c === 0)) checkNumbers(t, a, b, c, i);
        const lo = a < b ? a : b;
        const hi = a < b ? b : a;
        key = t * 1_000_000 + lo * 10_000 + hi * 100;
        d = offset[t] + lo * 9 + hi;
        q = bq![lo * 9 + hi];
        break;
      }
      case QUINELLA:
      case WIDE: {
        if (!(a >= 1 && a <= 99 && b >= 1 && b <= 99 && a !== b && c === 0)) checkNumbers(t, a, b, c, i);
        const lo = a < b ? a : b;
        const hi = a < b ? b : a;
        key = t * 1_000_000 + lo * 10_000 + hi * 100;
        const x = legIndex(index, lo, key);
        const y = legIndex(index, hi, key);
        d = offset[t] + x * m + y;
        const k = x < y ? x * m + y : y * m + x;
        q = t === QUINELLA ? quinella![k] : wide![k];
        break;
      }
      case EXACTA: {
        if (!(a >= 1 && a <= 99 && b >= 1 && b <= 99 && a !== b && c === 0)) checkNumbers(t, a, b, c, i);
        key = t * 1_000_000 + a * 10_000 + b * 100;
        const x = legIndex(index, a, key);
        const y = legIndex(index, b, key);
        d = offset[t] + x * m + y;
        q = exacta![x * m + y];
        break;
      }
      case TRIO:
      case TRIFECTA: {
        if (!(a >= 1 && a <= 99 && b >= 1 && b <= 99 && c >= 1 && c <= 99 && a !== b && a !== c && b !== c)) checkNumbers(t, a, b, c, i);
        let u = a;
        let v = b;
        let w = c;
        if (t === TRIO) {
          let s: number;
          if (u > v) {
            s = u;
            u = v;
            v = s;
          }
          if (v > w) {
            s = v;
            v = w;
            w = s;
          }
          if (u > v) {
            s = u;
            u = v;
            v = s;
          }
        }
        key = t * 1_000_000 + u * 10_000 + v * 100 + w;
        const x = legIndex(index, u, key);
        const y = legIndex(index, v, key);
        const z = legIndex(index, w, key);
        d = offset[t] + (x * m + y) * m + z;
        q = t === TRIO ? trio![sortedTripleKey(x, y, z, m)] : trifecta![(x * m + y) * m + z];
        break;
      }
      default:
        fail('THEMIS_BAD_TICKET_ID', `tickets.betType[${i}]`, t, `a bet type code 0-7 (${BET_TYPES.join(', ')})`);
    }
    keys[i] = key;
    p[i] = q;
    if (seen === null) {
      if (seenEpoch[d] === ep) duplicate(keys, i, keys.indexOf(key));
      seenEpoch[d] = ep!;
    } else {
      const at = seen.get(d);
      if (at !== undefined) duplicate(keys, i, at);
      seen.set(d, i);
    }
  }
}

/** The tickets of a race without a distribution: checks, canonical keys, duplicates, the probabilities given. */
function ticketsAsGiven(cols: TicketColumns, n: number, keys: Int32Array, p: Float64Array, given: Float64Array): void {
  const { betType, first, second, third } = cols;
  // Dense numbers of the runners named (order of appearance), for the duplicate keys.
  denseOf.fill(0);
  let runners = 0;
  for (let i = 0; i < n; i++) {
    const t = betType[i];
    if (t > TRIFECTA) fail('THEMIS_BAD_TICKET_ID', `tickets.betType[${i}]`, t, `a bet type code 0-7 (${BET_TYPES.join(', ')})`);
    const a = first[i];
    const b = second[i];
    const c = third[i];
    checkNumbers(t, a, b, c, i);
    if (t !== BRACKET) {
      if (denseOf[a] === 0) denseOf[a] = ++runners;
      if (b > 0 && denseOf[b] === 0) denseOf[b] = ++runners;
      if (c > 0 && denseOf[c] === 0) denseOf[c] = ++runners;
    }
  }
  const base = Math.max(runners + 1, 10);
  const ep = dedupEpoch(8 * base * base * base);
  const seen = ep === null ? new Map<number, number>() : null;
  for (let i = 0; i < n; i++) {
    const t = betType[i];
    const key = ticketKey(t, first[i], second[i], third[i]);
    keys[i] = key;
    const x = Math.floor(key / 10_000) % 100;
    const y = Math.floor(key / 100) % 100;
    const z = key % 100;
    const d = t === BRACKET ? ((t * base + x) * base + y) * base : ((t * base + denseOf[x]) * base + (y === 0 ? 0 : denseOf[y])) * base + (z === 0 ? 0 : denseOf[z]);
    if (seen === null) {
      if (seenEpoch[d] === ep) duplicate(keys, i, seenAt[d]);
      seenEpoch[d] = ep!;
      seenAt[d] = i;
    } else {
      const at = seen.get(d);
      if (at !== undefined) duplicate(keys, i, at);
      seen.set(d, i);
    }
    p[i] = given[i];
  }
}

function checkProbability(q: number, i: number): void {
  if (!Number.isFinite(q) || q < 0 || q > 1) fail('THEMIS_BAD_PROBABILITY', `tickets.p[${i}]`, q, 'a probability in [0, 1]');
}

function duplicate(keys: Int32Array, i: number, at: number): never {
  const id = ticketKeyId(keys[i]);
  throw new ThemisError('THEMIS_DUPLICATE_TICKET', `tickets[${i}]`, id, `tickets[${i}]: '${id}' repeats tickets[${at}]`);
}

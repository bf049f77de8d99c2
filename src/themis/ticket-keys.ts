/**
 * Canonical numeric keys of tickets for the columnar input of Themis (ticket-columns.ts): a key
 * per combination (bet type code and numbers in canonical order), its canonical id and its
 * parsed ticket, both memoised. Layer: themis (imports only Themis files). Units: none. Pure
 * (ids and parsed tickets memoised in bounded private caches).
 */
import { BET_TYPES, type BetType, type Ticket } from './tickets.ts';

/** Numbers of each bet type's combinations, by bet type code. */
export const LEG_COUNT = [1, 1, 2, 2, 2, 2, 3, 3];
/** Whether each bet type (by code) is ordered (exacta, trifecta). */
export const ORDERED_CODE = [false, false, false, false, false, true, false, true];

/**
 * The canonical key of a ticket: bet type code x 1,000,000 + its numbers in canonical order
 * (unordered ones ascending) as base-100 digits. Keys are equal exactly when ids are.
 * @example ticketKeyId(ticketKey(3, 7, 3, 0)) // 'quinella:3-7'
 */
export function ticketKey(betType: number, a: number, b: number, c: number): number {
  let x = a;
  let y = b;
  let z = c;
  if (!ORDERED_CODE[betType]) {
    if (x > y && y > 0) [x, y] = [y, x];
    if (y > z && z > 0) [y, z] = [z, y];
    if (x > y && y > 0) [x, y] = [y, x];
  }
  return betType * 1_000_000 + x * 10_000 + y * 100 + z;
}

/** Ids by key, memoised (keys repeat from race to race). */
const idsByKey = new Map<number, string>();
const ticketsByKey = new Map<number, Ticket>();
const MEMO_BOUND = 200_000;
/**
 * Memo slots of the keys whose numbers are all at most 18 (every JRA and HKJC field), by dense
 * index: an array read instead of a Map lookup for the thousands of keys of a race.
 */
const DENSE_BASE = 19;
const denseIds: (string | undefined)[] = new Array<string | undefined>(8 * DENSE_BASE ** 3).fill(undefined);
const denseTickets: (Ticket | undefined)[] = new Array<Ticket | undefined>(8 * DENSE_BASE ** 3).fill(undefined);

/** Dense memo index of a key whose numbers are all at most 18, else -1. */
function denseIndex(key: number): number {
  if (!(key >= 0 && key < 8_000_000 && key === Math.floor(key))) return -1;
  const code = (key / 1_000_000) | 0;
  const x = ((key / 10_000) | 0) % 100;
  const y = ((key / 100) | 0) % 100;
  const z = key % 100;
  if (!(x < DENSE_BASE && y < DENSE_BASE && z < DENSE_BASE)) return -1;
  return ((code * DENSE_BASE + x) * DENSE_BASE + y) * DENSE_BASE + z;
}

/**
 * The canonical ticket id of a key from ticketKey.
 * @throws nothing (a key not made by ticketKey gives a meaningless id)
 * @example ticketKeyId(5_030_700) // 'exacta:3>7'
 */
export function ticketKeyId(key: number): string {
  const d = denseIndex(key);
  const hit = d >= 0 ? denseIds[d] : idsByKey.get(key);
  if (hit !== undefined) return hit;
  const type = BET_TYPES[Math.floor(key / 1_000_000)];
  const nums = keyNumbers(key);
  const id = `${type}:${nums.join(ORDERED_CODE[Math.floor(key / 1_000_000)] ? '>' : '-')}`;
  if (d >= 0) denseIds[d] = id;
  else {
    if (idsByKey.size >= MEMO_BOUND) idsByKey.clear();
    idsByKey.set(key, id);
  }
  return id;
}

function keyNumbers(key: number): number[] {
  const code = Math.floor(key / 1_000_000);
  const all = [Math.floor(key / 10_000) % 100, Math.floor(key / 100) % 100, key % 100];
  return all.slice(0, LEG_COUNT[code]);
}

/** The parsed ticket of a key (frozen, as validate.ts makes them), memoised. */
export function ticketOfKey(key: number): Ticket {
  const d = denseIndex(key);
  const hit = d >= 0 ? denseTickets[d] : ticketsByKey.get(key);
  if (hit !== undefined) return hit;
  const betType: BetType = BET_TYPES[Math.floor(key / 1_000_000)];
  const t: Ticket = Object.freeze({ id: ticketKeyId(key), betType, numbers: Object.freeze(keyNumbers(key)) });
  if (d >= 0) denseTickets[d] = t;
  else {
    if (ticketsByKey.size >= MEMO_BOUND) ticketsByKey.clear();
    ticketsByKey.set(key, t);
  }
  return t;
}

/**
 * Settlement of one race's tickets given as canonical ticket keys (themis ticket-keys.ts) instead
 * of ids: the replay's fast path for races of many tickets of every bet type. It gives exactly
 * what settleRace gives for the tickets `ticketKeyId(key)` with the same stakes, or declines
 * (returns false) for every race in which settleRace would throw, so that the caller settles
 * those through settleRace and gets its error unchanged. The rules are settleRace's own: each
 * pool's winners and refunds come from the same RaceIndex (winningCombinationsOf); only the
 * per-ticket work is done on numbers (no id parsed, no string compared or hashed): the pools'
 * winning combinations and the race's recorded payout rows are turned into keys once per race.
 * Layer: ledger (imports data types, the ticket-id format and its keys); pure apart from the
 * output arrays it fills. Units: integer currency units; payouts per 100 staked.
 *
 * Declined: a race without runners, a key that is not the canonical key of a valid ticket, a
 * stake that is not a positive multiple of 100, a ticket twice, a pool whose winners cannot be
 * derived (LEDGER_BAD_RACE), a ticket naming a runner or bracket not in the race (or a
 * same-bracket pair of a one-runner bracket), a pool not sold, a recorded payout missing for a
 * winner, present for a loser or given twice with different amounts, a payout that is not a
 * non-negative safe integer, and money outside the exact integer range.
 */
import type { PlaceTerms } from '../data/rules/place-terms.ts';
import { LEG_COUNT, ORDERED_CODE } from '../themis/ticket-keys.ts';
import { BET_TYPES } from '../themis/tickets.ts';
import { RaceIndex, type PoolIndex } from './race-index.ts';
import type { RaceResult } from './settle.ts';
import { WIN_KIND } from './settle-win.ts';
import { STAKE_UNIT_YEN } from './yen.ts';

const BRACKET_QUINELLA = BET_TYPES.indexOf('bracket_quinella');
/** The weight of each leg's number in a key. */
const LEG_SCALE = [10_000, 100, 1];

/** What the tickets of one pool are settled against, in keys. */
interface KeyedPool {
  readonly pool: PoolIndex;
  /** Keys of the winning combinations. */
  readonly winners: number[];
  /** Keys of the refunded same-bracket pairs (bracket quinella). */
  readonly refundedPairs: number[];
}

/**
 * The key of `combination` of bet type `code` when it is canonical (ticketKeyId gives back
 * `type:combination`), else -1: a combination that is not canonical matches no ticket's. Read
 * character by character: numbers of one or two digits without a leading zero, joined by the
 * bet type's separator, whose key is a valid canonical key (unordered legs ascending).
 */
function combinationKey(code: number, combination: string): number {
  const sep = ORDERED_CODE[code] ? 62 : 45; // '>' or '-'
  const legs = LEG_COUNT[code];
  let key = code * 1_000_000;
  let leg = 0;
  let i = 0;
  const len = combination.length;
  while (leg < legs) {
    const d0 = combination.charCodeAt(i) - 48;
    if (!(d0 >= 1 && d0 <= 9)) return -1;
    let n = d0;
    i++;
    if (i < len) {
      const d1 = combination.charCodeAt(i) - 48;
      if (d1 >= 0 && d1 <= 9) {
        n = 10 * n + d1;
        i++;
      }
    }
    key += n * LEG_SCALE[leg++];
    if (leg < legs) {
      if (i >= len || combination.charCodeAt(i) !== sep) return -1;
      i++;
    }
  }
  return i === len && validKey(key) ? key : -1;
}

/**
 * The tickets of one call (a race's few dozen), to find one given twice: an open-addressing
 * table of keys small enough to stay in cache, cleared per call; a Set for a race of more.
 */
const SEEN_SIZE = 256;
const SEEN_MAX = 96;
const seenKeys = new Int32Array(SEEN_SIZE);

/** Adds `key` to the call's table; false when it was there already. */
function firstTime(key: number): boolean {
  let i = Math.imul(key, 0x9e3779b1) >>> 24;
  for (;;) {
    const k = seenKeys[i];
    if (k === key) return false;
    if (k === -1) {
      seenKeys[i] = key;
      return true;
    }
    i = (i + 1) & (SEEN_SIZE - 1);
  }
}

/**
 * Whether `key` is the canonical key of a valid ticket: a bet type code, its legs in range (runners
 * 1-99, brackets 1-8), unused legs 0, runners distinct, unordered legs ascending (a bracket pair
 * may repeat its bracket).
 */
function validKey(key: number): boolean {
  if (!(Number.isInteger(key) && key >= 0 && key < BET_TYPES.length * 1_000_000)) return false;
  const code = Math.floor(key / 1_000_000);
  const a = Math.floor(key / 10_000) % 100;
  const b = Math.floor(key / 100) % 100;
  const c = key % 100;
  const legs = LEG_COUNT[code];
  const max = code === BRACKET_QUINELLA ? 8 : 99;
  if (!(a >= 1 && a <= max)) return false;
  if (legs === 1) return b === 0 && c === 0;
  if (!(b >= 1 && b <= max)) return false;
  if (legs === 2) return c === 0 && (code === BRACKET_QUINELLA ? a <= b : a !== b && (ORDERED_CODE[code] || a < b));
  return c >= 1 && c <= max && a !== b && b !== c && a !== c && (ORDERED_CODE[code] || (a < b && b < c));
}

/**
 * Settles the tickets `keys[0..count)` with stakes `stakes[0..count)` of one race as
 * settleRace(bets, race, terms) would for the tickets ticketKeyId(keys[k]): kinds[k] gets
 * WIN_KIND.win / lose / refund and back[k] the money returned. Returns false (the outputs then
 * unspecified) for every race settleRace would refuse (see the header).
 * Cost O(runners + payout rows + tickets) plus each pool's winners once.
 * @param race - the race's runner rows and recorded payout rows, as for settleRace
 * @param terms - jurisdiction terms
 * @example settleKeyColumns(race, JRA_TERMS, [3_030_700], [300], 1, kinds, back) // true; kinds[0] 0, back[0] 5190 when quinella 3-7 pays 1,730
 */
export function settleKeyColumns(
  race: RaceResult,
  terms: PlaceTerms,
  keys: ArrayLike<number>,
  stakes: ArrayLike<number>,
  count: number,
  kinds: Uint8Array,
  back: Float64Array,
): boolean {
  if (race.runners.length === 0) return false;
  const index = new RaceIndex(race, terms);
  const pools: (KeyedPool | null | undefined)[] = new Array<KeyedPool | null | undefined>(BET_TYPES.length).fill(undefined);
  const payouts = race.payouts;
  const rowKey = new Array<number>(payouts.length);
  for (let i = 0; i < payouts.length; i++) {
    const code = BET_TYPES.indexOf(payouts[i].betType);
    rowKey[i] = code < 0 ? -1 : combinationKey(code, payouts[i].combination);
  }
  // Tickets seen in this call (a ticket twice is refused).
  const small = count <= SEEN_MAX;
  if (small) seenKeys.fill(-1);
  const seen = small ? null : new Set<number>();
  let staked = 0;
  let refunded = 0;
  let winnings = 0;
  for (let k = 0; k < count; k++) {
    const key = keys[k];
    const stake = stakes[k];
    if (!validKey(key)) return false;
    const code = Math.floor(key / 1_000_000);
    const legs = LEG_COUNT[code];
    const a = Math.floor(key / 10_000) % 100;
    const b = Math.floor(key / 100) % 100;
    const c = key % 100;
    if (seen === null ? !firstTime(key) : seen.has(key)) return false;
    seen?.add(key);
    if (!(Number.isSafeInteger(stake) && stake > 0 && stake % STAKE_UNIT_YEN === 0)) return false;
    let keyed = pools[code];
    if (keyed === undefined) keyed = pools[code] = keyedPool(index, code);
    if (keyed === null) return false;
    const wc = keyed.pool.wc;
    // The ticket names runners (brackets) of the race; a same-bracket pair needs two runners in it.
    if (code === BRACKET_QUINELLA) {
      if (!(index.bracketSize(a) > 0 && index.bracketSize(b) > 0)) return false;
      if (a === b && index.bracketSize(a) < 2) return false;
    } else if (!(index.hasRunner(a) && (legs < 2 || index.hasRunner(b)) && (legs < 3 || index.hasRunner(c)))) return false;
    if (wc.pool === 'not-sold') return false;
    let refund = wc.pool === 'refunded';
    if (!refund && code === BRACKET_QUINELLA) {
      const br = wc.refundedBrackets;
      refund = br.includes(a) || br.includes(b) || keyed.refundedPairs.includes(key);
    } else if (!refund) {
      const rr = wc.refundedRunners;
      refund = rr.length > 0 && (rr.includes(a) || (legs >= 2 && rr.includes(b)) || (legs >= 3 && rr.includes(c)));
    }
    staked += stake;
    if (refund) {
      kinds[k] = WIN_KIND.refund;
      back[k] = stake;
      refunded += stake;
      continue;
    }
    // The recorded payout: the first row of the combination; another with a different amount conflicts.
    let row = -1;
    for (let i = 0; i < rowKey.length; i++) {
      if (rowKey[i] !== key) continue;
      if (row < 0) row = i;
      else if (payouts[i].payoutPer100 !== payouts[row].payoutPer100) return false;
    }
    const wins = keyed.winners.includes(key);
    if (wins !== row >= 0) return false; // a winner without a payout, or a payout for a loser
    if (!wins) {
      kinds[k] = WIN_KIND.lose;
      back[k] = 0;
      continue;
    }
    const per100 = payouts[row].payoutPer100;
    if (!(Number.isSafeInteger(per100) && per100 >= 0)) return false;
    const paid = (stake / STAKE_UNIT_YEN) * per100;
    if (!Number.isSafeInteger(paid)) return false;
    kinds[k] = WIN_KIND.win;
    back[k] = paid;
    winnings += paid;
  }
  return Number.isSafeInteger(staked) && Number.isSafeInteger(refunded) && Number.isSafeInteger(winnings);
}

/** The pool of bet type `code` in keys, or null when its winners cannot be derived or one is not canonical. */
function keyedPool(index: RaceIndex, code: number): KeyedPool | null {
  let pool: PoolIndex;
  try {
    pool = index.pool(BET_TYPES[code]);
  } catch {
    return null;
  }
  const winners: number[] = [];
  for (const combination of pool.wc.combinations) {
    const key = combinationKey(code, combination);
    if (key < 0) return null;
    winners.push(key);
  }
  const refundedPairs: number[] = [];
  for (const combination of pool.wc.refundedBracketPairs) {
    const key = combinationKey(code, combination);
    if (key < 0) return null;
    refundedPairs.push(key);
  }
  return { pool, winners, refundedPairs };
}

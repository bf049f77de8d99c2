/**
 * Ticket outcome mapping: which finish orders (ordered top 3 of a race) make each ticket pay.
 * Layer: themis (imports only Themis files). Units: probabilities; runners are saddle numbers,
 * brackets bracket numbers 1-8. Pure: no I/O, no clock, no randomness.
 *
 * A race is described by a FinishOrderDistribution, the list of its possible ordered top-3
 * outcomes with their probabilities (n(n-1)(n-2) outcomes for n runners: 4,896 for 18). A set
 * of tickets maps to sparse hit lists in CSR form: for ticket t the outcome indices
 * `outcomes[offsets[t] .. offsets[t + 1] - 1]`, ascending, are the outcomes where it pays.
 * Dead heats are ignored (decisions only; settlement handles them elsewhere).
 */
import { ThemisError } from './errors.ts';
import { buildHitLists, checkDistribution } from './hit-list-builder.ts';
import { Scratch } from './scratch.ts';
import type { Ticket } from './tickets.ts';

/**
 * The ordered top-3 outcomes of a race and their probabilities (summing to 1).
 * Outcome i is `first[i]` first, `second[i]` second, `third[i]` third (saddle numbers);
 * 0 means no runner (third in a field of 2, second and third in a field of 1).
 * `runners` lists the saddle numbers of the field.
 */
export interface FinishOrderDistribution {
  runners: Int32Array;
  first: Int32Array;
  second: Int32Array;
  third: Int32Array;
  prob: Float64Array;
}

/**
 * Sparse hit lists of tickets over the outcomes of a FinishOrderDistribution, in CSR form:
 * ticket t pays in the outcomes `outcomes[offsets[t]]` .. `outcomes[offsets[t + 1] - 1]`
 * (ascending outcome indices). `offsets` has one entry more than there are tickets;
 * `outcomeCount` is the number of outcomes of the distribution.
 */
export interface HitLists {
  offsets: Int32Array;
  outcomes: Int32Array;
  outcomeCount: number;
}

/**
 * Hit lists built by Themis itself with every list strictly ascending within 0..outcomeCount - 1
 * (checked as they were built): the joint Kelly solver need not check them again. Only lists no
 * caller can reach are marked (a work array of the columnar path, rebuilt for each race).
 */
const checkedHitLists = new WeakSet<HitLists>();

/** Marks `hits` as built and checked (see checkedHitLists); returns it. */
export function markCheckedHitLists(hits: HitLists): HitLists {
  checkedHitLists.add(hits);
  return hits;
}

/** Whether `hits` was marked by markCheckedHitLists. */
export function isCheckedHitLists(hits: HitLists): boolean {
  return checkedHitLists.has(hits);
}

/** Options of hitLists. */
export interface HitListOptions {
  /** Places a place ticket pays on: 2 (JRA: 7 or fewer starters) or 3 (8 or more). */
  placesPaid: 2 | 3;
  /** Saddle number -> bracket number (1-8); required when a bracket_quinella ticket is present. */
  brackets?: ReadonlyMap<number, number>;
}

/**
 * Places paid by JRA place tickets for a field of `starters` runners: 2 with 7 or fewer, 3 otherwise.
 * @example jraPlacesPaid(7) // 2
 */
export function jraPlacesPaid(starters: number): 2 | 3 {
  return starters <= 7 ? 2 : 3;
}

/**
 * For each ticket, the sorted indices of the outcomes of `dist` in which it pays.
 *
 * Rules: win = first; place = among the top `placesPaid`; quinella = the top two as a set;
 * wide = both in the top 3; exacta = first then second; trio = the top-3 set; trifecta = the
 * exact order; bracket_quinella = the brackets of the top two, as a set (a bracket number absent
 * from `brackets` simply never pays). Duplicate tickets each get their own (identical) list.
 * Cost O(T + m) lookups for T tickets and m outcomes (about 12 table lookups per outcome).
 *
 * @param tickets - parsed tickets (parseTicketId)
 * @param dist - the finish-order distribution of the race
 * @param opts - places paid by place tickets, and the brackets of the runners if needed
 * @returns CSR hit lists, one list per ticket, in ticket order
 * @throws ThemisError THEMIS_BAD_INPUT naming the ticket when it names a runner not in
 *   `dist.runners`, when `dist` is malformed (array lengths differ, a finisher not in the field),
 *   when `placesPaid` is not 2 or 3, or when a bracket_quinella ticket is present and a runner
 *   has no bracket (1-8) in `brackets`
 * @example
 * const dist = harvilleDistribution(new Map([[1, 0.5], [2, 0.3], [3, 0.2]]));
 * // outcomes 1>2>3, 1>3>2, 2>1>3, 2>3>1, 3>1>2, 3>2>1
 * hitLists([parseTicketId('win:2'), parseTicketId('quinella:1-2')], dist, { placesPaid: 2 })
 * // { offsets: [0, 2, 4], outcomes: [2, 3, 0, 2], outcomeCount: 6 }
 */
export function hitLists(
  tickets: readonly Ticket[],
  dist: FinishOrderDistribution,
  opts: HitListOptions,
): HitLists {
  return buildHitLists(tickets, dist, opts, undefined);
}

/** Scratch of hitListsScratch's result arrays (distinct from the per-outcome work arrays). */
const resultScratch = new Scratch();

/**
 * hitLists with its result arrays in module scratch: valid only until the next call of
 * hitListsScratch (for Themis-internal callers that drop the lists before calling it again;
 * saves allocating a few hundred kilobytes per race). Same lists as hitLists.
 * @throws as hitLists
 */
export function hitListsScratch(tickets: readonly Ticket[], dist: FinishOrderDistribution, opts: HitListOptions): HitLists {
  return buildHitLists(tickets, dist, opts, resultScratch);
}

/**
 * Probability that each ticket pays: the sum of `dist.prob` over its hit list.
 * @param hits - hit lists from hitLists on the same `dist`
 * @param dist - the finish-order distribution
 * @returns P(hit) per ticket, in ticket order
 * @throws ThemisError THEMIS_BAD_INPUT when `hits` was not built on a distribution of this size
 * @example
 * // dist: Harville distribution of p = {1: .5, 2: .3, 3: .2} (see hitLists)
 * ticketProbabilities(hitLists([parseTicketId('win:2'), parseTicketId('quinella:1-2')], dist, { placesPaid: 2 }), dist)
 * // Float64Array [0.3, 0.514286]
 */
export function ticketProbabilities(hits: HitLists, dist: FinishOrderDistribution): Float64Array {
  const m = checkDistribution(dist);
  if (hits.outcomeCount !== m) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'hits', hits.outcomeCount, `ticketProbabilities: hits cover ${hits.outcomeCount} outcomes, dist has ${m}`);
  }
  const nT = hits.offsets.length - 1;
  const out = new Float64Array(Math.max(0, nT));
  const prob = dist.prob;
  for (let t = 0; t < nT; t++) {
    let s = 0;
    for (let k = hits.offsets[t]; k < hits.offsets[t + 1]; k++) s += prob[hits.outcomes[k]];
    out[t] = s;
  }
  return out;
}

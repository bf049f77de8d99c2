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
import { Scratch } from './scratch.ts';
import type { Ticket } from './tickets.ts';

/** Per-outcome work arrays of hitLists, reused from call to call (hitLists is synchronous). */
const scratch = new Scratch();

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

// Bet-type slots of the lookup tables.
const WIN = 0;
const PLACE = 1;
const BRACKET = 2;
const QUINELLA = 3;
const WIDE = 4;
const EXACTA = 5;
const TRIO = 6;
const TRIFECTA = 7;
const SLOT: Readonly<Record<Ticket['betType'], number>> = {
  win: WIN,
  place: PLACE,
  bracket_quinella: BRACKET,
  quinella: QUINELLA,
  wide: WIDE,
  exacta: EXACTA,
  trio: TRIO,
  trifecta: TRIFECTA,
};

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

function buildHitLists(
  tickets: readonly Ticket[],
  dist: FinishOrderDistribution,
  opts: HitListOptions,
  into: Scratch | undefined,
): HitLists {
  const m = checkDistribution(dist);
  const placesPaid = opts.placesPaid;
  if (placesPaid !== 2 && placesPaid !== 3) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'placesPaid', placesPaid, `hitLists: placesPaid must be 2 or 3, got ${String(placesPaid)}`);
  }
  const nT = tickets.length;

  // Dense runner indices: saddle number -> 0..n-1 (or -1).
  const n = dist.runners.length;
  const index = new Int32Array(100).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = dist.runners[i];
    if (!(r >= 1 && r <= 99) || index[r] !== -1) {
      throw new ThemisError('THEMIS_BAD_INPUT', 'dist.runners', r, `hitLists: runner ${r} is not a saddle number 1-99 or appears twice in dist.runners`);
    }
    index[r] = i;
  }

  // Brackets of the runners, only when a bracket_quinella ticket is present.
  let hasBracket = false;
  for (const t of tickets) if (t.betType === 'bracket_quinella') hasBracket = true;
  const bracketOf = new Int32Array(n);
  if (hasBracket) {
    for (let i = 0; i < n; i++) {
      const b = opts.brackets?.get(dist.runners[i]);
      if (b === undefined || !Number.isInteger(b) || b < 1 || b > 8) {
        throw new ThemisError(
          'THEMIS_BAD_INPUT',
          'brackets',
          b,
          `hitLists: runner ${dist.runners[i]} has no bracket 1-8 in opts.brackets (needed by bracket_quinella tickets)`,
        );
      }
      bracketOf[i] = b;
    }
  }

  // Lookup tables: slot -> key -> first ticket with that key; `next` chains duplicates.
  const n2 = n * n;
  const sizes = [n, n, 81, n2, n2, n2, n2 * n, n2 * n];
  const present = new Uint8Array(8);
  for (const t of tickets) present[SLOT[t.betType]] = 1;
  const heads: Int32Array[] = sizes.map((s, slot) => (present[slot] ? new Int32Array(s).fill(-1) : new Int32Array(0)));
  const next = new Int32Array(nT).fill(-1);
  for (let t = nT - 1; t >= 0; t--) {
    const ticket = tickets[t];
    const slot = SLOT[ticket.betType];
    const key = ticketKey(ticket, slot, index, n);
    next[t] = heads[slot][key];
    heads[slot][key] = t;
  }

  // Dense runner indices of each outcome's finishers (-1 for none).
  const fa = scratch.i32(0, m);
  const fb = scratch.i32(1, m);
  const fc = scratch.i32(2, m);
  for (let w = 0; w < m; w++) {
    const a = runnerIndex(index, dist.first[w], w, 'first');
    const b = dist.second[w] === 0 ? -1 : runnerIndex(index, dist.second[w], w, 'second');
    fa[w] = a;
    fb[w] = b;
    fc[w] = dist.third[w] === 0 || b < 0 ? -1 : runnerIndex(index, dist.third[w], w, 'third');
  }
  // Bet type by bet type: the table keys of each outcome (`stride` of them, three for place and
  // wide, one otherwise; -1 for none), then two passes over them: the first counts each
  // ticket's hits, the second writes them at the ticket's offset (ascending outcomes, as a
  // ticket belongs to one bet type).
  const offsets = into === undefined ? new Int32Array(nT + 1) : into.i32(0, nT + 1).fill(0);
  const fill = scratch.i32(4, nT).fill(0);
  const keys = scratch.i32(3, 8 * 3 * m);
  for (let slot = 0; slot < 8; slot++) {
    if (!present[slot]) continue;
    const base = slot * 3 * m;
    const len = strideOf(slot) * m;
    outcomeKeys(slot, fa, fb, fc, n, bracketOf, placesPaid, keys, base);
    const h = heads[slot];
    for (let k = base; k < base + len; k++) {
      const key = keys[k];
      if (key < 0) continue;
      for (let t = h[key]; t !== -1; t = next[t]) fill[t]++;
    }
  }
  for (let t = 0; t < nT; t++) {
    offsets[t + 1] = offsets[t] + fill[t];
    fill[t] = offsets[t];
  }
  const outcomes = into === undefined ? new Int32Array(offsets[nT]) : into.i32(1, offsets[nT]);
  for (let slot = 0; slot < 8; slot++) {
    if (!present[slot]) continue;
    const base = slot * 3 * m;
    const stride = strideOf(slot);
    const h = heads[slot];
    for (let w = 0; w < m; w++) {
      for (let k = base + stride * w; k < base + stride * (w + 1); k++) {
        const key = keys[k];
        if (key < 0) continue;
        for (let t = h[key]; t !== -1; t = next[t]) outcomes[fill[t]++] = w;
      }
    }
  }
  return { offsets, outcomes, outcomeCount: m };
}

/** Table keys per outcome of a bet type: place and wide pay up to three combinations. */
function strideOf(slot: number): number {
  return slot === PLACE || slot === WIDE ? 3 : 1;
}

/**
 * The lookup-table keys of bet type `slot` in each outcome w: `keys[base + stride w ..]`
 * (stride from strideOf), -1 where the outcome has fewer paying combinations of that type.
 */
function outcomeKeys(
  slot: number,
  fa: Int32Array,
  fb: Int32Array,
  fc: Int32Array,
  n: number,
  bracketOf: Int32Array,
  placesPaid: 2 | 3,
  keys: Int32Array,
  base: number,
): void {
  const m = fa.length;
  const stride = strideOf(slot);
  keys.fill(-1, base, base + stride * m);
  for (let w = 0; w < m; w++) {
    const a = fa[w];
    const b = fb[w];
    const c = fc[w];
    const k = base + stride * w;
    switch (slot) {
      case WIN:
        keys[k] = a;
        break;
      case PLACE:
        keys[k] = a;
        if (b >= 0) keys[k + 1] = b;
        if (c >= 0 && placesPaid === 3) keys[k + 2] = c;
        break;
      case BRACKET:
        if (b >= 0) {
          const ba = bracketOf[a];
          const bb = bracketOf[b];
          keys[k] = ba < bb ? ba * 9 + bb : bb * 9 + ba;
        }
        break;
      case QUINELLA:
        if (b >= 0) keys[k] = a < b ? a * n + b : b * n + a;
        break;
      case WIDE:
        if (b >= 0) {
          keys[k] = a < b ? a * n + b : b * n + a;
          if (c >= 0) {
            keys[k + 1] = a < c ? a * n + c : c * n + a;
            keys[k + 2] = b < c ? b * n + c : c * n + b;
          }
        }
        break;
      case EXACTA:
        if (b >= 0) keys[k] = a * n + b;
        break;
      case TRIO:
        if (c >= 0) keys[k] = sortedTripleKey(a, b, c, n);
        break;
      default:
        if (c >= 0) keys[k] = (a * n + b) * n + c;
    }
  }
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

/** Number of outcomes of `dist` after checking that its arrays agree in length. */
function checkDistribution(dist: FinishOrderDistribution): number {
  const m = dist.prob.length;
  if (dist.first.length !== m || dist.second.length !== m || dist.third.length !== m) {
    throw new ThemisError(
      'THEMIS_BAD_INPUT',
      'dist',
      m,
      `FinishOrderDistribution: first/second/third/prob lengths differ (${dist.first.length}, ${dist.second.length}, ${dist.third.length}, ${m})`,
    );
  }
  return m;
}

function runnerIndex(index: Int32Array, r: number, w: number, field: string): number {
  const i = r >= 1 && r <= 99 ? index[r] : -1;
  if (i < 0) {
    throw new ThemisError('THEMIS_BAD_INPUT', `dist.${field}[${w}]`, r, `hitLists: outcome ${w} has ${field} runner ${r}, not in dist.runners`);
  }
  return i;
}

function sortedTripleKey(a: number, b: number, c: number, n: number): number {
  let x = a;
  let y = b;
  let z = c;
  if (x > y) [x, y] = [y, x];
  if (y > z) [y, z] = [z, y];
  if (x > y) [x, y] = [y, x];
  return (x * n + y) * n + z;
}

/** Dense index of runner r of `ticket` (throws when r is not in the field). */
function runnerOf(ticket: Ticket, r: number, index: Int32Array): number {
  const i = Number.isInteger(r) && r >= 1 && r <= 99 ? index[r] : -1;
  if (i < 0) badTicket(ticket, r);
  return i;
}

/** Table key of a ticket (runner indices, unordered ones sorted). */
function ticketKey(ticket: Ticket, slot: number, index: Int32Array, n: number): number {
  const nums = ticket.numbers;
  if (slot === BRACKET) {
    const [p, q] = nums;
    if (nums.length !== 2 || !(p >= 1 && p <= 8 && q >= 1 && q <= 8)) badTicket(ticket);
    return p < q ? p * 9 + q : q * 9 + p;
  }
  const len = nums.length;
  const x = len > 0 ? runnerOf(ticket, nums[0], index) : -1;
  const y = len > 1 ? runnerOf(ticket, nums[1], index) : -1;
  const z = len > 2 ? runnerOf(ticket, nums[2], index) : -1;
  for (let k = 3; k < len; k++) runnerOf(ticket, nums[k], index);
  switch (slot) {
    case WIN:
    case PLACE:
      if (len !== 1) badTicket(ticket);
      return x;
    case QUINELLA:
    case WIDE:
      if (len !== 2 || x === y) badTicket(ticket);
      return x < y ? x * n + y : y * n + x;
    case EXACTA:
      if (len !== 2 || x === y) badTicket(ticket);
      return x * n + y;
    case TRIO:
      if (len !== 3 || x === y || y === z || x === z) badTicket(ticket);
      return sortedTripleKey(x, y, z, n);
    default:
      if (len !== 3 || x === y || y === z || x === z) badTicket(ticket);
      return (x * n + y) * n + z;
  }
}

function badTicket(ticket: Ticket, runner?: number): never {
  const why = runner === undefined ? 'has the wrong numbers for its bet type' : `names runner ${runner}, not in the field`;
  throw new ThemisError('THEMIS_BAD_INPUT', 'ticket', ticket.id, `hitLists: ticket '${ticket.id}' ${why}`);
}

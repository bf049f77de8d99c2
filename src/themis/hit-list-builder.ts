/**
 * The hit list builder behind hitLists and hitListsScratch (outcomes.ts): runner and ticket
 * lookup tables, the table keys each outcome pays, and the CSR lists, with its per-outcome work
 * arrays in module scratch. Layer: themis (imports only Themis files). Units: outcome indices;
 * runners are saddle numbers, brackets bracket numbers 1-8. Pure as a function (synchronous,
 * not re-entrant; the result is allocated unless `into` scratch is given).
 */
import { ThemisError } from './errors.ts';
import type { FinishOrderDistribution, HitListOptions, HitLists } from './outcomes.ts';
import { Scratch } from './scratch.ts';
import type { Ticket } from './tickets.ts';

/** Per-outcome work arrays of hitLists, reused from call to call (hitLists is synchronous). */
const scratch = new Scratch();

// Bet-type slots of the lookup tables: each bet type's index in BET_TYPES (its code in the ticket columns).
export const WIN = 0;
export const PLACE = 1;
export const BRACKET = 2;
export const QUINELLA = 3;
export const WIDE = 4;
export const EXACTA = 5;
export const TRIO = 6;
export const TRIFECTA = 7;
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

/** hitLists into fresh arrays (`into` undefined) or into the result arrays of `into` (hitListsScratch). */
export function buildHitLists(
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

/** Number of outcomes of `dist` after checking that its arrays agree in length. */
export function checkDistribution(dist: FinishOrderDistribution): number {
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

/** Dense index of runner r, finisher `field` of outcome w (throws when r is not in the field). */
export function runnerIndex(index: Int32Array, r: number, w: number, field: string): number {
  const i = r >= 1 && r <= 99 ? index[r] : -1;
  if (i < 0) {
    throw new ThemisError('THEMIS_BAD_INPUT', `dist.${field}[${w}]`, r, `hitLists: outcome ${w} has ${field} runner ${r}, not in dist.runners`);
  }
  return i;
}

/** Table key of an unordered triple of dense runner indices (sorted, then base n). */
export function sortedTripleKey(a: number, b: number, c: number, n: number): number {
  // min, middle and max without swaps (small enough to be inlined in the loops over outcomes).
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  if (c >= hi) return (lo * n + hi) * n + c;
  if (c <= lo) return (c * n + lo) * n + hi;
  return (lo * n + c) * n + hi;
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

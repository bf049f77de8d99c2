/**
 * Hit lists of a few tickets (the candidates of a columnar race) straight from each ticket's
 * combinations: the outcome index of every ordered top three is looked up in an n^3 table, each
 * ticket's top threes taken in lexicographic order (so that its list is already ascending when the
 * outcomes are in that order, as Harville's are; sorted otherwise), giving the lists hitLists
 * gives (same outcomes, same order) at a cost per hit rather than per outcome and bet type. Only for a distribution whose
 * outcomes all have three finishers, each ordered triple at most once (Harville's); otherwise it
 * returns null and the caller builds the lists with hitLists. Layer: themis (imports only Themis
 * files). Pure.
 */
import { BRACKET, EXACTA, PLACE, QUINELLA, TRIO, WIDE, WIN } from './hit-list-builder.ts';
import { markCheckedHitLists, type FinishOrderDistribution, type HitLists } from './outcomes.ts';
import { Scratch } from './scratch.ts';
import { LEG_COUNT, ticketKey } from './ticket-keys.ts';
import { BET_TYPES, type Ticket } from './tickets.ts';

/**
 * The hit lists of `tickets` over `dist` (as hitLists; the outcomes in a reused work array, valid
 * until the next call), or null when the distribution has an
 * outcome without three finishers, a repeated ordered triple, or a ticket names a runner or a
 * bracket outside the field (hitLists then decides, and throws where it must).
 * Cost O(outcomes) for the table plus O(hits log hits).
 * @param tickets - parsed tickets (canonical numbers)
 * @param dist - the finishing-order distribution
 * @param placesPaid - places a place ticket pays on
 * @param brackets - saddle number -> bracket, for bracket_quinella tickets
 * @throws nothing
 * @example candidateHits([parseTicketId('win:2')], harvilleDistribution(new Map([[1, .5], [2, .3], [3, .2]])), 2, undefined)
 * // { offsets: [0, 2], outcomes: [2, 3], outcomeCount: 6 }
 */
export function candidateHits(
  tickets: readonly Ticket[],
  dist: FinishOrderDistribution,
  placesPaid: 2 | 3,
  brackets: ReadonlyMap<number, number> | undefined,
): HitLists | null {
  const keys = new Int32Array(tickets.length);
  for (let t = 0; t < tickets.length; t++) {
    const { betType, numbers } = tickets[t];
    for (const x of numbers) if (!(Number.isInteger(x) && x >= 1 && x <= 99)) return null;
    keys[t] = ticketKey(BET_TYPES.indexOf(betType), numbers[0], numbers[1] ?? 0, numbers[2] ?? 0);
  }
  return candidateHitsOfKeys(keys, tickets.length, dist, placesPaid, brackets);
}

/**
 * candidateHits on the tickets' canonical keys (ticketKey): the same lists, without reading a
 * parsed ticket (the columnar race has the keys; its candidates' tickets, read for their
 * numbers, are scattered in memory).
 * @param keys - canonical ticket keys, the first `count` of them used
 * @param count - number of tickets
 * @throws nothing
 * @example candidateHitsOfKeys(Int32Array.of(ticketKey(0, 2, 0, 0)), 1, harvilleDistribution(new Map([[1, .5], [2, .3], [3, .2]])), 2, undefined)
 * // { offsets: [0, 2], outcomes: [2, 3], outcomeCount: 6 }
 */
export function candidateHitsOfKeys(
  keys: Int32Array,
  count: number,
  dist: FinishOrderDistribution,
  placesPaid: 2 | 3,
  brackets: ReadonlyMap<number, number> | undefined,
): HitLists | null {
  const n = dist.runners.length;
  const m = dist.prob.length;
  if (n < 3 || n > 99) return null;
  const index = new Int32Array(100).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = dist.runners[i];
    if (!(r >= 1 && r <= 99) || index[r] !== -1) return null;
    index[r] = i;
  }
  const n2 = n * n;
  const at = work.i32(0, n2 * n).fill(-1);
  const { first, second, third } = dist;
  for (let w = 0; w < m; w++) {
    const a = first[w];
    const b = second[w];
    const c = third[w];
    if (!(a >= 1 && a <= 99 && b >= 1 && b <= 99 && c >= 1 && c <= 99)) return null;
    const x = index[a];
    const y = index[b];
    const z = index[c];
    if (x < 0 || y < 0 || z < 0) return null;
    const k = (x * n + y) * n + z;
    if (at[k] !== -1) return null;
    at[k] = w;
  }
  let bracketOf: Int32Array | null = null;
  const nT = count;
  const offsets = new Int32Array(nT + 1);
  let list = work.i32(1, Math.max(4096, nT * 64));
  let len = 0;
  const push = (w: number): void => {
    if (w < 0) return;
    if (len === list.length) {
      const grown = work.i32(2, 2 * list.length);
      grown.set(list);
      list = grown;
    }
    list[len++] = w;
  };
  // All outcomes (x, y, *), x and y dense indices.
  const pair = (x: number, y: number): void => {
    const base = (x * n + y) * n;
    for (let z = 0; z < n; z++) if (z !== x && z !== y) push(at[base + z]);
  };
  for (let t = 0; t < nT; t++) {
    // The key's bet type code and numbers (0 for a leg the bet type does not have).
    const key = keys[t];
    const code = (key / 1_000_000) | 0;
    const n0 = ((key / 10_000) | 0) % 100;
    const n1 = ((key / 100) | 0) % 100;
    const n2 = key % 100;
    const legs = LEG_COUNT[code];
    const start = len;
    if (code === BRACKET) {
      if (bracketOf === null) {
        bracketOf = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const b = brackets?.get(dist.runners[i]);
          if (b === undefined || !Number.isInteger(b) || b < 1 || b > 8) return null;
          bracketOf[i] = b;
        }
      }
      const p = n0;
      const q = n1;
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          if (x === y) continue;
          const bx = bracketOf[x];
          const by = bracketOf[y];
          if ((bx === p && by === q) || (bx === q && by === p)) pair(x, y);
        }
      }
    } else {
      const x = runnerIndex(index, n0);
      const y = legs > 1 ? runnerIndex(index, n1) : -1;
      const z = legs > 2 ? runnerIndex(index, n2) : -1;
      if (x < 0 || (legs > 1 && y < 0) || (legs > 2 && z < 0)) return null;
      switch (code) {
        case WIN:
          for (let b = 0; b < n; b++) if (b !== x) pair(x, b);
          break;
        case PLACE:
          // (x, *, *), (a, x, *) and with three places (a, b, x), in lexicographic order.
          for (let a = 0; a < n; a++) {
            if (a === x) {
              for (let b = 0; b < n; b++) if (b !== x) pair(x, b);
              continue;
            }
            for (let b = 0; b < n; b++) {
              if (b === a) continue;
              if (b === x) pair(a, x);
              else if (placesPaid === 3) push(at[(a * n + b) * n + x]);
            }
          }
          break;
        case QUINELLA:
          pair(x, y);
          pair(y, x);
          break;
        case WIDE: {
          // x and y both in the top three, in lexicographic order: (x, y, *) and (x, b, y) by b, the same from y, and (a, x, y), (a, y, x).
          const lo = x < y ? x : y;
          const hi = x < y ? y : x;
          for (let a = 0; a < n; a++) {
            if (a === x || a === y) {
              const other = a === x ? y : x;
              for (let b = 0; b < n; b++) {
                if (b === a) continue;
                if (b === other) pair(a, other);
                else push(at[(a * n + b) * n + other]);
              }
            } else {
              push(at[(a * n + lo) * n + hi]);
              push(at[(a * n + hi) * n + lo]);
            }
          }
          break;
        }
        case EXACTA:
          pair(x, y);
          break;
        case TRIO:
          push(at[(x * n + y) * n + z]);
          push(at[(x * n + z) * n + y]);
          push(at[(y * n + x) * n + z]);
          push(at[(y * n + z) * n + x]);
          push(at[(z * n + x) * n + y]);
          push(at[(z * n + y) * n + x]);
          break;
        default:
          push(at[(x * n + y) * n + z]);
      }
    }
    // Already ascending when the outcomes are in lexicographic order (Harville's): each list is made in that order.
    let sorted = true;
    for (let k = start + 1; k < len && sorted; k++) sorted = list[k - 1] < list[k];
    if (!sorted) {
      list.subarray(start, len).sort();
      // Strictly ascending after the sort, or the caller's hitLists decides.
      for (let k = start + 1; k < len; k++) if (!(list[k - 1] < list[k])) return null;
    }
    offsets[t + 1] = len;
  }
  // Every list strictly ascending, each outcome an index of `at` (0..m - 1): checked as built.
  return markCheckedHitLists({ offsets, outcomes: list.subarray(0, len), outcomeCount: m });
}

/** The outcome table and the lists under construction, reused from call to call. */
const work = new Scratch();

function runnerIndex(index: Int32Array, r: number): number {
  return Number.isInteger(r) && r >= 1 && r <= 99 ? index[r] : -1;
}

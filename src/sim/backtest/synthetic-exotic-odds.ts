/**
 * Synthetic odds of every combination of the bet types other than win, made from the public's
 * finishing-order distribution (Harville on the market-implied win probabilities): odds =
 * R_type / P_public(combination), floored to 0.1 and at least 1.0. FOR SPEED MEASUREMENT ONLY:
 * datasets carry no odds of exotic combinations at decision time, so this lets the benchmark
 * exercise the eight-bet-type path of the replay (finishing-order distribution, joint Kelly,
 * settlement of every pool); its profits mean nothing. The offer is made as ticket columns for
 * Themis's columnar form (writeSyntheticExotic, syntheticExoticColumns), and as `{ id, odds }`
 * tickets from them (syntheticExoticOffer). Layer: sim (imports themis, strategies). Pure (work
 * arrays are reused from call to call).
 */
import { BET_TYPES, ticketKey, ticketKeyId, type BetType, type ThemisConfig, type TicketInput } from '../../themis/index.ts';
import { harvilleDistribution, harvilleTopThree, type ExoticColumns, type ExoticOffer, type WritableTicketColumns } from '../../strategies/index.ts';

function oddsOf(rate: number, p: number): number {
  if (!(p > 0)) return 0;
  return Math.max(1, Math.floor((rate / p) * 10) / 10);
}

/** What the synthetic offer of a race is made from. */
export interface PublicOffer {
  /** Candidate saddle numbers, ascending. */
  readonly runners: ArrayLike<number>;
  /** Public (market-implied) win probabilities of the candidates. */
  readonly q: ArrayLike<number>;
  /** Bet types to offer (win is skipped: it has real odds). */
  readonly betTypes: readonly BetType[];
  /** Themis config (payout rates). */
  readonly config: ThemisConfig;
  /** Places paid by place tickets. */
  readonly placesPaid: 2 | 3;
  /** Runner -> bracket, for bracket_quinella (skipped when empty). */
  readonly brackets: ReadonlyMap<number, number>;
}

/**
 * The synthetic exotic offer of a race (see the header) as `{ id, odds }` tickets: the tickets of
 * syntheticExoticColumns in the same order, with canonical ids.
 * Cost O(n^3) for n candidates.
 * @throws StrategyError from the distribution for bad probabilities
 * @example syntheticExoticOffer({ runners: [1, 2, 3], q: [.5, .3, .2], betTypes: ['quinella'], config, placesPaid: 2, brackets: new Map() }).tickets.length // 3
 */
export function syntheticExoticOffer(offer: PublicOffer): ExoticOffer {
  const cols = syntheticExoticColumns(offer).tickets;
  const tickets: TicketInput[] = new Array<TicketInput>(cols.count);
  for (let i = 0; i < cols.count; i++) {
    tickets[i] = { id: ticketKeyId(ticketKey(cols.betType[i], cols.first[i], cols.second[i], cols.third[i])), odds: cols.odds[i] };
  }
  return { tickets, placesPaid: offer.placesPaid, ...(offer.brackets.size > 0 ? { brackets: offer.brackets } : {}) };
}

/** Public probabilities of the combinations: place, exacta, wide and trifecta by runner indices, bracket pairs by x * 9 + y. */
interface PublicCombinations {
  place: Float64Array;
  exacta: Float64Array;
  wide: Float64Array;
  trifecta: Float64Array;
  bq: Float64Array;
}

/** Growable Float64Array slots: the combination arrays of publicCombinations. */
class Work {
  private readonly slots: Float64Array[] = [];
  f64(slot: number, n: number): Float64Array {
    let a = this.slots[slot];
    if (a === undefined || a.length < n) {
      a = new Float64Array(Math.max(n, 16));
      this.slots[slot] = a;
    }
    return a.subarray(0, n);
  }
}
const work = new Work();

/**
 * The public's finishing-order distribution (Harville on q) summed into combination arrays
 * (valid until the next call), in outcome order: fields of 3 or more from the dense cube of
 * harvilleTopThree (the trifecta array itself; no outcome lists) when the runners are ascending,
 * else from the distribution's outcomes.
 */
function publicCombinations(runners: ArrayLike<number>, q: ArrayLike<number>, placesPaid: 2 | 3, brackets: ReadonlyMap<number, number>): PublicCombinations {
  const n = runners.length;
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) map.set(runners[i], q[i]);
  // Work arrays reused from call to call (zeroed here; the callers read them before the next call).
  const place = work.f64(0, n).fill(0);
  const exacta = work.f64(1, n * n).fill(0);
  const wide = work.f64(2, n * n).fill(0);
  const bq = work.f64(4, 81).fill(0);
  let ascending = true;
  for (let i = 1; i < n; i++) if (!(runners[i] > runners[i - 1])) ascending = false;
  if (n < 3 || !ascending) return combinationsFromOutcomes(runners, map, placesPaid, brackets, place, exacta, wide, bq);
  // Every entry of distinct positions is written; the others are never read.
  const { runners: sorted, prob: trifecta } = harvilleTopThree(map, work.f64(3, n * n * n));
  const br = new Int32Array(n);
  for (let i = 0; i < n; i++) br[i] = brackets.get(sorted[i]) ?? 0;
  // The outcomes (a, b, c) in the distribution's order, each adding its probability as the outcome
  // lists did. The entries of a and b (place, exacta, wide a-b, bracket pair) are the same for
  // every c: their sums are carried through the loop over c and stored after it (the same
  // additions in the same order; no c touches them, c being neither a nor b).
  for (let a = 0; a < n; a++) {
    const ba = br[a];
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const bb = br[b];
      const bqAt = ba > 0 && bb > 0 ? Math.min(ba, bb) * 9 + Math.max(ba, bb) : -1;
      const row = (a * n + b) * n;
      let pa = place[a];
      let pb = place[b];
      let ex = exacta[a * n + b];
      let wd = wide[a * n + b];
      let bqs = bqAt >= 0 ? bq[bqAt] : 0;
      for (let c = 0; c < n; c++) {
        if (c === a || c === b) continue;
        const p = trifecta[row + c];
        pa += p;
        pb += p;
        ex += p;
        wd += p;
        bqs += p;
        if (placesPaid === 3) place[c] += p;
        wide[a * n + c] += p;
        wide[b * n + c] += p;
      }
      place[a] = pa;
      place[b] = pb;
      exacta[a * n + b] = ex;
      wide[a * n + b] = wd;
      if (bqAt >= 0) bq[bqAt] = bqs;
    }
  }
  return { place, exacta, wide, trifecta, bq };
}

/**
 * publicCombinations from the distribution's outcome lists: fields of fewer than 3 runners, or
 * runners not in ascending order (the arrays stay by the caller's runner positions).
 */
function combinationsFromOutcomes(
  runners: ArrayLike<number>,
  map: ReadonlyMap<number, number>,
  placesPaid: 2 | 3,
  brackets: ReadonlyMap<number, number>,
  place: Float64Array,
  exacta: Float64Array,
  wide: Float64Array,
  bq: Float64Array,
): PublicCombinations {
  const n = runners.length;
  const d = harvilleDistribution(map);
  const idx = new Int32Array(100).fill(-1);
  for (let i = 0; i < n; i++) idx[runners[i]] = i;
  const trifecta = work.f64(3, n * n * n).fill(0);
  for (let o = 0; o < d.prob.length; o++) {
    const p = d.prob[o];
    const a = idx[d.first[o]];
    const b = d.second[o] === 0 ? -1 : idx[d.second[o]];
    const c = d.third[o] === 0 ? -1 : idx[d.third[o]];
    place[a] += p;
    if (b >= 0) {
      place[b] += p;
      exacta[a * n + b] += p;
      wide[a * n + b] += p;
      const ba = brackets.get(d.first[o]) ?? 0;
      const bb = brackets.get(d.second[o]) ?? 0;
      if (ba > 0 && bb > 0) bq[Math.min(ba, bb) * 9 + Math.max(ba, bb)] += p;
    }
    if (c >= 0) {
      if (placesPaid === 3) place[c] += p;
      wide[a * n + c] += p;
      wide[b * n + c] += p;
      trifecta[(a * n + b) * n + c] += p;
    }
  }
  return { place, exacta, wide, trifecta, bq };
}

/** The arrays of syntheticExoticColumns' result, reused from call to call. */
interface ColumnArrays {
  betType: Uint8Array;
  first: Uint8Array;
  second: Uint8Array;
  third: Uint8Array;
  odds: Float64Array;
}
const newColumns = (cap: number): ColumnArrays => ({
  betType: new Uint8Array(cap),
  first: new Uint8Array(cap),
  second: new Uint8Array(cap),
  third: new Uint8Array(cap),
  odds: new Float64Array(cap),
});
let columns = newColumns(0);

/**
 * The synthetic exotic offer of a race (see the header) in Themis's columnar form, as typed
 * arrays (no object or id per ticket; syntheticExoticOffer lists the same tickets as objects).
 * The arrays are reused: the columns are valid until the next call (raceColumnsFor copies them).
 * Cost O(n^3) for n candidates.
 * @throws StrategyError from the distribution for bad probabilities
 * @example syntheticExoticColumns({ runners: [1, 2, 3], q: [.5, .3, .2], betTypes: ['quinella'], config, placesPaid: 2, brackets: new Map() }).tickets.count // 3
 */
export function syntheticExoticColumns(offer: PublicOffer): ExoticColumns {
  const cap = syntheticOfferCapacity(offer.runners.length);
  if (columns.odds.length < cap) columns = newColumns(cap);
  const count = writeSyntheticExotic(columns, 0, ALL_TYPES, offer);
  const { betType, first, second, third, odds } = columns;
  return { tickets: { count, betType, first, second, third, odds }, placesPaid: offer.placesPaid, ...(offer.brackets.size > 0 ? { brackets: offer.brackets } : {}) };
}

const ALL_TYPES = new Uint8Array(8).fill(1);

/**
 * The most tickets the synthetic offer of a field of n candidates has: every place, bracket
 * pair, quinella, wide, exacta, trio and trifecta.
 * @example syntheticOfferCapacity(3) // 3 + 36 + 18 + 7
 */
export function syntheticOfferCapacity(n: number): number {
  return n + 36 + 3 * n * (n - 1) + (n * (n - 1) * (n - 2) * 7) / 6;
}

/**
 * Writes the synthetic offer of syntheticExoticColumns (its bet types that also have
 * `allowed[code] === 1`) into `into` from index `at` on (room for syntheticOfferCapacity(n)
 * tickets needed); returns how many it wrote. The writer of raceColumnsWith for the offer.
 * @throws StrategyError from the distribution for bad probabilities
 */
export function writeSyntheticExotic(into: WritableTicketColumns, at: number, allowed: Uint8Array, offer: PublicOffer): number {
  const { runners, q, betTypes, config, placesPaid, brackets } = offer;
  const n = runners.length;
  const { betType, first, second, third, odds } = into;
  const want = new Uint8Array(8);
  for (const t of betTypes) {
    const code = BET_TYPES.indexOf(t);
    want[code] = allowed[code];
  }
  const { place, exacta, wide, trifecta, bq } = publicCombinations(runners, q, placesPaid, brackets);
  const rates = config.payoutRates;
  // Bet types in BET_TYPES order (win skipped), runner indices ascending; bracket pairs by bracket
  // numbers. A combination whose probability is 0 has no odds and is skipped.
  let k = at;
  const put = (code: number, a: number, b: number, c: number, o: number): void => {
    betType[k] = code;
    first[k] = a;
    second[k] = b;
    third[k] = c;
    odds[k++] = o;
  };
  if (want[1] === 1) {
    const rate = rates.place;
    for (let i = 0; i < n; i++) if (place[i] > 0) put(1, runners[i], 0, 0, oddsOf(rate, place[i]));
  }
  if (want[2] === 1) {
    const rate = rates.bracket_quinella;
    for (let x = 1; x <= 8; x++) for (let y = x; y <= 8; y++) if (bq[x * 9 + y] > 0) put(2, x, y, 0, oddsOf(rate, bq[x * 9 + y]));
  }
  for (const code of [3, 4]) {
    if (want[code] === 0) continue;
    const rate = code === 3 ? rates.quinella : rates.wide;
    const pair = code === 3 ? exacta : wide;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const p = pair[i * n + j] + pair[j * n + i];
        if (p > 0) put(code, runners[i], runners[j], 0, oddsOf(rate, p));
      }
    }
  }
  if (want[5] === 1) {
    const rate = rates.exacta;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (i !== j && exacta[i * n + j] > 0) put(5, runners[i], runners[j], 0, oddsOf(rate, exacta[i * n + j]));
    }
  }
  if (want[6] === 1) {
    const rate = rates.trio;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        for (let l = j + 1; l < n; l++) {
          const p =
            trifecta[(i * n + j) * n + l] +
            trifecta[(i * n + l) * n + j] +
            trifecta[(j * n + i) * n + l] +
            trifecta[(j * n + l) * n + i] +
            trifecta[(l * n + i) * n + j] +
            trifecta[(l * n + j) * n + i];
          if (p > 0) put(6, runners[i], runners[j], runners[l], oddsOf(rate, p));
        }
      }
    }
  }
  if (want[7] === 1) {
    const rate = rates.trifecta;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const row = (i * n + j) * n;
        for (let l = 0; l < n; l++) if (l !== i && l !== j && trifecta[row + l] > 0) put(7, runners[i], runners[j], runners[l], oddsOf(rate, trifecta[row + l]));
      }
    }
  }
  return k - at;
}

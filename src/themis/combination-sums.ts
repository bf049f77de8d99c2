/**
 * The outcome probabilities of a finishing-order distribution summed per combination of each bet
 * type, for the ticket probabilities of the columnar input (ticket-columns.ts) and of allocate on
 * a race with a distribution. Layer: themis (imports only Themis files). Units: probabilities.
 * Its sums live in module work arrays, valid until the next use.
 */
import { ThemisError } from './errors.ts';
import type { FinishOrderDistribution } from './outcomes.ts';
import { BRACKET, EXACTA, PLACE, QUINELLA, runnerIndex, sortedTripleKey, TRIFECTA, TRIO, WIDE, WIN } from './hit-list-builder.ts';
import { Scratch } from './scratch.ts';
import { ticketKeyId } from './ticket-keys.ts';

/** Work arrays of CombinationSums: the sums, one slot per bet type. */
const tables = new Scratch();

/**
 * The outcome probabilities of a distribution summed per combination of each bet type present
 * (dense runner indices), in ascending outcome order: a ticket's sum is the one ticketProbabilities
 * makes over its hit list. Checks the distribution's runners and outcomes, and the brackets when
 * a bracket_quinella ticket is present (as the hit lists do); `lookup` checks a ticket's runners.
 * The sums live in reused work arrays: valid until the next call.
 */
export class CombinationSums {
  readonly index = new Int32Array(100).fill(-1);
  readonly n: number;
  win: Float64Array | null = null;
  place: Float64Array | null = null;
  bq: Float64Array | null = null;
  quinella: Float64Array | null = null;
  wide: Float64Array | null = null;
  exacta: Float64Array | null = null;
  trio: Float64Array | null = null;
  trifecta: Float64Array | null = null;
  private readonly present: number;
  /** Bracket of each runner (dense index), when a bracket_quinella ticket is present. */
  readonly bracketOf: Int32Array;

  /** Checks the field (runners, then brackets when a bracket_quinella ticket is present); `add` makes the sums. */
  constructor(present: number, dist: FinishOrderDistribution, brackets: ReadonlyMap<number, number> | undefined) {
    const n = dist.runners.length;
    this.n = n;
    this.present = present;
    const index = this.index;
    for (let i = 0; i < n; i++) {
      const r = dist.runners[i];
      if (!(r >= 1 && r <= 99) || index[r] !== -1) {
        throw new ThemisError('THEMIS_BAD_INPUT', 'dist.runners', r, `hitLists: runner ${r} is not a saddle number 1-99 or appears twice in dist.runners`);
      }
      index[r] = i;
    }
    const bracketOf = (this.bracketOf = new Int32Array(n));
    if ((present & (1 << BRACKET)) !== 0) {
      for (let i = 0; i < n; i++) {
        const b = brackets?.get(dist.runners[i]);
        if (b === undefined || !Number.isInteger(b) || b < 1 || b > 8) {
          throw new ThemisError('THEMIS_BAD_INPUT', 'brackets', b, `hitLists: runner ${dist.runners[i]} has no bracket 1-8 in opts.brackets (needed by bracket_quinella tickets)`);
        }
        bracketOf[i] = b;
      }
    }
  }

  /** The sums over the outcomes (checks each outcome's finishers are in the field). Returns this. */
  add(dist: FinishOrderDistribution, placesPaid: 2 | 3): this {
    const n = this.n;
    const index = this.index;
    const bracketOf = this.bracketOf;
    const has = (t: number): boolean => (this.present & (1 << t)) !== 0;
    const n2 = n * n;
    const table = (t: number, size: number): Float64Array | null => (has(t) ? tables.f64(t, size).fill(0) : null);
    const win = (this.win = table(WIN, n));
    const place = (this.place = table(PLACE, n));
    const bq = (this.bq = table(BRACKET, 81));
    const quinella = (this.quinella = table(QUINELLA, n2));
    const wide = (this.wide = table(WIDE, n2));
    const exacta = (this.exacta = table(EXACTA, n2));
    const trio = (this.trio = table(TRIO, n2 * n));
    const trifecta = (this.trifecta = table(TRIFECTA, n2 * n));
    const m = dist.prob.length;
    const { first, second, third, prob } = dist;
    // One pass over the outcomes: each finisher's runner index (-1 for none), then the sum of
    // every bet type present (each adds to its combinations in ascending outcome order).
    // Consecutive outcomes with the same first two finishers (a run: Harville's outcomes come in
    // runs of n - 2) add to the same win, place, bracket, quinella, wide and exacta entries of
    // those two: those sums are carried in variables through the run and stored at its end (the
    // same additions in the same order; no other outcome of the run touches those entries).
    const place3 = placesPaid === 3;
    let ra = -1;
    let rb = -1;
    let rbq = -1;
    let rab = -1;
    let sWin = 0;
    let sPa = 0;
    let sPb = 0;
    let sBq = 0;
    let sQ = 0;
    let sW = 0;
    let sE = 0;
    let lastFirst = -1;
    let lastSecond = -1;
    let a = -1;
    let b = -1;
    // One pass more than there are outcomes: the last (w = m) only ends the last run.
    for (let w = 0; w <= m; w++) {
      let c = -1;
      let q = 0;
      let alone = false;
      if (w < m) {
        if (first[w] !== lastFirst) {
          lastFirst = first[w];
          a = runnerIndex(index, lastFirst, w, 'first');
          lastSecond = -1;
        }
        if (second[w] !== lastSecond) {
          lastSecond = second[w];
          b = lastSecond === 0 ? -1 : runnerIndex(index, lastSecond, w, 'second');
        }
        c = third[w] === 0 || b < 0 ? -1 : runnerIndex(index, third[w], w, 'third');
        q = prob[w];
        // An outcome with one finisher, or naming a runner twice (no distribution of the project
        // makes one, a caller's may), is added alone, as every outcome used to be.
        alone = b < 0 || b === a || c === a || c === b;
      }
      if (w === m || a !== ra || b !== rb || alone) {
        // The run ends: its sums stored, the next one's loaded.
        if (ra >= 0) {
          if (win !== null) win[ra] = sWin;
          if (place !== null) {
            place[ra] = sPa;
            place[rb] = sPb;
          }
          if (bq !== null) bq[rbq] = sBq;
          if (quinella !== null) quinella[rab] = sQ;
          if (wide !== null) wide[rab] = sW;
          if (exacta !== null) exacta[ra * n + rb] = sE;
          ra = -1;
        }
        if (w === m) break;
        if (alone) {
          addAlone(this, a, b, c, q, place3);
          continue;
        }
        ra = a;
        rb = b;
        rab = a < b ? a * n + b : b * n + a;
        if (bq !== null) {
          const ba = bracketOf[a];
          const bb = bracketOf[b];
          rbq = ba < bb ? ba * 9 + bb : bb * 9 + ba;
          sBq = bq[rbq];
        }
        if (win !== null) sWin = win[a];
        if (place !== null) {
          sPa = place[a];
          sPb = place[b];
        }
        if (quinella !== null) sQ = quinella[rab];
        if (wide !== null) sW = wide[rab];
        if (exacta !== null) sE = exacta[a * n + b];
      }
      sWin += q;
      sPa += q;
      sPb += q;
      sBq += q;
      sQ += q;
      sW += q;
      sE += q;
      if (c < 0) continue;
      if (place !== null && place3) place[c] += q;
      if (wide !== null) {
        wide[a < c ? a * n + c : c * n + a] += q;
        wide[b < c ? b * n + c : c * n + b] += q;
      }
      if (trio !== null) trio[sortedTripleKey(a, b, c, n)] += q;
      if (trifecta !== null) trifecta[(a * n + b) * n + c] += q;
    }
    return this;
  }
}

/** One outcome's probability added to the sums of its combinations (first a, second b, third c; -1 for none). */
function addAlone(t: CombinationSums, a: number, b: number, c: number, q: number, place3: boolean): void {
  const { n, win, place, bq, quinella, wide, exacta, trio, trifecta } = t;
  if (win !== null) win[a] += q;
  if (place !== null) {
    place[a] += q;
    if (b >= 0) place[b] += q;
    if (c >= 0 && place3) place[c] += q;
  }
  if (b < 0) return;
  const ab = a < b ? a * n + b : b * n + a;
  if (bq !== null) {
    const ba = t.bracketOf[a];
    const bb = t.bracketOf[b];
    bq[ba < bb ? ba * 9 + bb : bb * 9 + ba] += q;
  }
  if (quinella !== null) quinella[ab] += q;
  if (wide !== null) {
    wide[ab] += q;
    if (c >= 0) {
      wide[a < c ? a * n + c : c * n + a] += q;
      wide[b < c ? b * n + c : c * n + b] += q;
    }
  }
  if (exacta !== null) exacta[a * n + b] += q;
  if (c < 0) return;
  if (trio !== null) trio[sortedTripleKey(a, b, c, n)] += q;
  if (trifecta !== null) trifecta[(a * n + b) * n + c] += q;
}

/** Dense index of a ticket's runner in the field (throws when it is not in the field). */
export function legIndex(index: Int32Array, r: number, key: number): number {
  const i = index[r];
  if (i < 0) {
    const id = ticketKeyId(key);
    throw new ThemisError('THEMIS_BAD_INPUT', 'ticket', id, `hitLists: ticket '${id}' names runner ${r}, not in the field`);
  }
  return i;
}

/**
 * The market of a race at decision time: the candidate runners and their win odds as seen
 * `offsetMinutes` before the post (the last odds snapshot at or before then), or the final odds
 * when the dataset has no snapshot for the race (or the strategy asks for final odds); plus,
 * for bet types other than win, the snapshot odds of each combination when the dataset has them.
 * Runners without odds at decision time (withdrawn before it) are not candidates; a runner
 * withdrawn later stays a candidate and a bet on it is refunded by settlement.
 * Layer: sim (imports data). Units: decimal odds, local times. Pure.
 */
import { BET_TYPES, type BetType } from '../../themis/index.ts';
import { STATUS_CODE, type Dataset } from '../../data/index.ts';

/** Where the odds of a decision came from. */
export type OddsSource = 'snapshot' | 'final';

/** The candidates of a race at decision time (parallel arrays, runners ascending). */
export interface DecisionMarket {
  /** Runner rows (positions in the runners view). */
  readonly rows: Int32Array;
  readonly runners: Int32Array;
  readonly odds: Float64Array;
  readonly source: OddsSource;
  /** Odds of other bet types' combinations at decision time (only when asked for and present). */
  readonly exotic: readonly { betType: BetType; combination: string; odds: number }[];
}

/**
 * The decision time `offsetMinutes` before a post time `YYYY-MM-DDTHH:MM`, as `YYYY-MM-DDTHH:MM:SS`.
 * @throws nothing (null for a missing or malformed post time)
 * @example decisionTime('2024-01-06T10:00', 5) // '2024-01-06T09:55:00'
 */
export function decisionTime(postTime: string | null, offsetMinutes: number): string | null {
  if (postTime === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(postTime)) return null;
  const minutes = Number(postTime.slice(11, 13)) * 60 + Number(postTime.slice(14, 16)) - offsetMinutes;
  if (minutes >= 0 && minutes < 24 * 60) {
    // same day: plain text arithmetic (the common case, and much cheaper than Date)
    const hh = Math.floor(minutes / 60);
    const mm = minutes % 60;
    return `${postTime.slice(0, 11)}${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}:00`;
  }
  const t = Date.parse(`${postTime.slice(0, 16)}:00Z`) - offsetMinutes * 60_000;
  if (!Number.isFinite(t)) return null;
  return new Date(t).toISOString().slice(0, 19);
}

const WIN = 0;
const WITHDRAWN_A = STATUS_CODE.scratched;
const WITHDRAWN_B = STATUS_CODE.excluded;

/** Win odds of every runner row at decision time, computed once for a whole replay. */
export interface DecisionOdds {
  /**
   * Odds at decision time of the runner rows of the races priced, row i at `odds[i - base]` (NaN:
   * no odds then, not a candidate; rows outside are no candidates either). Only those rows: a
   * replay of a few races does not allocate (and touch) a number for every row of the dataset.
   */
  readonly odds: Float64Array;
  /** The runner row of odds[0]: the first row of the first race priced. */
  readonly base: number;
  /** Per race: 1 when its odds come from a snapshot, 0 for the final odds. */
  readonly fromSnapshot: Uint8Array;
}

/**
 * The win snapshots of a dataset as numbers, built once per dataset (kept with its odds
 * snapshots view): per snapshot row, the runner row it prices (-1 for another bet type or a
 * combination that names no runner of the race) and its time as the number YYYYMMDDhhmmss
 * (NaN when the text is not `YYYY-MM-DDTHH:MM:SS`; such rows are compared as text).
 */
interface WinSnapshots {
  readonly row: Int32Array;
  readonly at: Float64Array;
}

const winSnapshotsCache = new WeakMap<object, WinSnapshots>();

/** Digits of `YYYY-MM-DDTHH:MM:SS` as the number YYYYMMDDhhmmss (orders as the text does), or NaN. */
function timeKey(t: string): number {
  if (t.length !== 19) return Number.NaN;
  let v = 0;
  for (let i = 0; i < 19; i++) {
    const c = t.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (c !== 45) return Number.NaN; // '-'
    } else if (i === 10) {
      if (c !== 84) return Number.NaN; // 'T'
    } else if (i === 13 || i === 16) {
      if (c !== 58) return Number.NaN; // ':'
    } else if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
    else return Number.NaN;
  }
  return v;
}

function winSnapshots(ds: Dataset, o: NonNullable<Dataset['oddsSnapshots']>): WinSnapshots {
  const hit = winSnapshotsCache.get(o);
  if (hit !== undefined) return hit;
  const u = ds.runners;
  const row = new Int32Array(o.length).fill(-1);
  const at = new Float64Array(o.length);
  // rowOf[n] is the runner row of saddle number n in race stamp[n] - 1 (no clearing between races)
  const rowOf = new Int32Array(100);
  const stamp = new Int32Array(100);
  for (let r = 0; r < ds.races.length; r++) {
    const olo = o.raceOffsets[r];
    const ohi = o.raceOffsets[r + 1];
    if (olo === ohi) continue;
    for (let i = u.raceOffsets[r]; i < u.raceOffsets[r + 1]; i++) {
      const n = u.runner[i];
      if (n >= 1 && n < 100) {
        rowOf[n] = i;
        stamp[n] = r + 1;
      }
    }
    let combo = '';
    let current = -1;
    for (let j = olo; j < ohi; j++) {
      if (o.betType[j] !== WIN) continue;
      if (o.combination[j] !== combo) {
        combo = o.combination[j];
        const n = Number(combo);
        current = n >= 1 && n < 100 && stamp[n] === r + 1 ? rowOf[n] : -1;
      }
      row[j] = current;
      if (current >= 0) at[j] = timeKey(o.at[j]);
    }
  }
  const out = { row, at };
  winSnapshotsCache.set(o, out);
  return out;
}

/**
 * The win odds seen at decision time by every runner row, in one pass over the snapshots:
 * for a race with a cutoff and at least one win snapshot at or before it, the last snapshot
 * of each runner at or before the cutoff (runners without one are not candidates); otherwise
 * the final odds of the runners not withdrawn. The snapshots' runner rows and times are turned
 * into numbers on the first call for a dataset and kept with it.
 * Only the races from..to - 1 are priced when a range is given (the others' odds stay NaN).
 * Cost O(runners + snapshots) of the races priced.
 * @param ds - the dataset
 * @param cutoffs - decision time per race (decisionTime()), null to use the final odds
 * @param from - first race to price (default 0)
 * @param to - one past the last race to price (default every race)
 * @throws nothing
 * @example decisionOdds(ds, cutoffs).fromSnapshot[0] // 1 on a synthetic dataset
 */
export function decisionOdds(ds: Dataset, cutoffs: readonly (string | null)[], from = 0, to = ds.races.length): DecisionOdds {
  const u = ds.runners;
  const nr = ds.races.length;
  const base = u.raceOffsets[from];
  const odds = new Float64Array(u.raceOffsets[to] - base).fill(Number.NaN);
  const fromSnapshot = new Uint8Array(nr);
  const o = ds.oddsSnapshots;
  if (o !== undefined) {
    const snap = winSnapshots(ds, o);
    const rowOf = snap.row;
    const atKey = snap.at;
    const value = o.odds;
    for (let r = from; r < to; r++) {
      const cutoff = cutoffs[r];
      const olo = o.raceOffsets[r];
      const ohi = o.raceOffsets[r + 1];
      if (cutoff === null || olo === ohi) continue;
      const cut = timeKey(cutoff);
      for (let j = olo; j < ohi; j++) {
        const row = rowOf[j];
        if (row < 0) continue;
        const t = atKey[j];
        if (t === t && cut === cut ? t > cut : o.at[j] > cutoff) continue;
        odds[row - base] = value[j]; // rows are time-ordered: the last one at or before the cutoff wins
        fromSnapshot[r] = 1;
      }
    }
  }
  for (let r = from; r < to; r++) {
    if (fromSnapshot[r] === 1) continue;
    for (let i = u.raceOffsets[r]; i < u.raceOffsets[r + 1]; i++) {
      if (u.status[i] !== WITHDRAWN_A && u.status[i] !== WITHDRAWN_B && u.winOdds[i] >= 1) odds[i - base] = u.winOdds[i];
    }
  }
  return { odds, base, fromSnapshot };
}

/**
 * The decision-time market of race `r`.
 * Cost O(runners of the race), plus its snapshot rows when exotic odds are asked for.
 * @param ds - the dataset
 * @param r - race position
 * @param pre - decision odds of the replay (decisionOdds())
 * @param cutoff - decision time of the race (for exotic snapshots), or null
 * @param exoticTypes - bet-type codes (BET_TYPE_CODE) whose snapshot odds to collect, or null
 * @returns the candidates; `source` says whether snapshot or final odds were used
 * @throws nothing
 * @example decisionMarket(ds, 0, decisionOdds(ds, cutoffs), cutoffs[0], null).source // 'snapshot'
 */
export function decisionMarket(ds: Dataset, r: number, pre: DecisionOdds, cutoff: string | null, exoticTypes: ReadonlySet<number> | null): DecisionMarket {
  const u = ds.runners;
  const lo = u.raceOffsets[r];
  const hi = u.raceOffsets[r + 1];
  const all = pre.odds;
  const base = pre.base;
  let n = 0;
  for (let i = lo; i < hi; i++) if (all[i - base] >= 1) n++;
  const rows = new Int32Array(n);
  const runners = new Int32Array(n);
  const odds = new Float64Array(n);
  let w = 0;
  for (let i = lo; i < hi; i++) {
    const o = all[i - base];
    if (!(o >= 1)) continue;
    rows[w] = i;
    runners[w] = u.runner[i];
    odds[w++] = o;
  }
  const source: OddsSource = pre.fromSnapshot[r] === 1 ? 'snapshot' : 'final';
  const exotic = exoticTypes !== null && cutoff !== null ? exoticSnapshots(ds, r, cutoff, exoticTypes) : [];
  return { rows, runners, odds, source, exotic };
}

/**
 * The candidates of race `r` written into caller buffers (the replay's hot loop reuses them):
 * the same rows, runners and odds as decisionMarket, without the exotic snapshots.
 * Cost O(runners of the race), no allocation.
 * @param rows - out: runner rows of the candidates (capacity >= the race's runner rows)
 * @param runners - out: their saddle numbers
 * @param odds - out: their win odds at decision time
 * @returns the number of candidates written
 * @throws nothing
 * @example const n = marketInto(ds, r, pre, rows, runners, odds) // rows[0 .. n-1] as decisionMarket(ds, r, pre, null, null).rows
 */
export function marketInto(ds: Dataset, r: number, pre: DecisionOdds, rows: Int32Array, runners: Int32Array, odds: Float64Array): number {
  const u = ds.runners;
  const hi = u.raceOffsets[r + 1];
  const all = pre.odds;
  const base = pre.base;
  const saddle = u.runner;
  let w = 0;
  for (let i = u.raceOffsets[r]; i < hi; i++) {
    const o = all[i - base];
    if (!(o >= 1)) continue;
    rows[w] = i;
    runners[w] = saddle[i];
    odds[w++] = o;
  }
  return w;
}

/** The last snapshot odds at or before the cutoff of each combination of the given bet types. */
function exoticSnapshots(ds: Dataset, r: number, cutoff: string, types: ReadonlySet<number>): { betType: BetType; combination: string; odds: number }[] {
  const o = ds.oddsSnapshots;
  const out: { betType: BetType; combination: string; odds: number }[] = [];
  if (o === undefined) return out;
  let lastCombo = '';
  let lastType = -1;
  let lastOdds = Number.NaN;
  for (let j = o.raceOffsets[r]; j <= o.raceOffsets[r + 1]; j++) {
    const end = j === o.raceOffsets[r + 1];
    if (end || o.betType[j] !== lastType || o.combination[j] !== lastCombo) {
      if (lastType > 0 && lastOdds >= 1) out.push({ betType: BET_TYPES[lastType], combination: lastCombo, odds: lastOdds });
      if (end) break;
      lastType = types.has(o.betType[j]) ? o.betType[j] : -1;
      lastCombo = o.combination[j];
      lastOdds = Number.NaN;
    }
    if (lastType > 0 && o.at[j] <= cutoff) lastOdds = o.odds[j];
  }
  return out;
}

/**
 * Win shares of the candidates from the official result: 1 / k for each of the k candidates
 * placed first (a dead heat), 0 otherwise; all 0 when no candidate won. Written into `out`
 * (its first rows.length entries) when given.
 * @throws nothing
 * @example winShares(ds, market.rows) // Float64Array [0, 1, 0, ...]
 */
export function winShares(ds: Dataset, rows: Int32Array, out?: Float64Array): Float64Array {
  const u = ds.runners;
  const y = out ?? new Float64Array(rows.length);
  if (out !== undefined) y.fill(0, 0, rows.length);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (u.finishPos[row] === 1 && u.status[row] !== WITHDRAWN_A && u.status[row] !== WITHDRAWN_B) {
      y[i] = 1;
      k++;
    }
  }
  if (k > 1) for (let i = 0; i < rows.length; i++) y[i] /= k;
  return y;
}

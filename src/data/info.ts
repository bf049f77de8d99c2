/**
 * A summary of a dataset for people and scripts: table sizes, date range, venues, field sizes,
 * pool overrounds, missing optional tables, scratches and dead heats. Layer: data; pure.
 * Overround = sum of 1/odds over a pool's combinations in one race (1.25 = 20% takeout).
 */
import { BET_TYPES, type BetType } from '../themis/tickets.ts';
import { STATUS_CODE, type Dataset } from './io/dataset-view.ts';

/** min / median / max of a set of numbers (null when empty). */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** The median overround of one pool across the races where it could be computed. */
export interface PoolOverround {
  races: number;
  median: number;
}

/** The summary returned by datasetInfo. */
export interface DatasetInfo {
  dir: string;
  source: string;
  description: string | null;
  created: string;
  currency: string;
  payoutUnit: string;
  counts: {
    races: number;
    runners: number;
    payouts: number;
    oddsSnapshots: number | null; // null when the table is absent
    truth: number | null;
    predictions: Record<string, number>;
  };
  dateRange: { from: string; to: string } | null;
  venues: { venue: string; races: number }[]; // most races first
  fieldSizes: Spread | null; // of field_size
  runnersPerRace: Spread | null; // of the runner rows per race
  /** Median overround per pool: `win` from final win odds; every pool from its last odds snapshot of each race. */
  overround: { winFinalOdds: PoolOverround | null; lastSnapshot: Partial<Record<BetType, PoolOverround>> };
  /** Races with at least one payout, per pool. */
  payoutRaces: Partial<Record<BetType, number>>;
  missingTables: string[];
  scratches: number; // runners scratched or excluded
  deadHeats: number; // races with a tie at a paying position (1st to 3rd)
}

function spread(values: number[]): Spread | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { min: s[0], median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, max: s[s.length - 1] };
}

function pool(values: number[]): PoolOverround | null {
  const s = spread(values);
  return s ? { races: values.length, median: +s.median.toFixed(6) } : null;
}

/**
 * Summarises a dataset.
 * Cost O(rows + snapshots log snapshots).
 * @example datasetInfo(await readDataset('datasets/demo')).counts.races // 2
 */
export function datasetInfo(ds: Dataset): DatasetInfo {
  const { races, runners, payouts, manifest } = ds;
  const ro = runners.raceOffsets;
  const venueCount = new Map<string, number>();
  for (const v of races.venue) venueCount.set(v, (venueCount.get(v) ?? 0) + 1);
  const venues = [...venueCount].map(([venue, n]) => ({ venue, races: n })).sort((a, b) => b.races - a.races || (a.venue < b.venue ? -1 : 1));

  const winOver: number[] = [];
  const perRace: number[] = [];
  let scratches = 0;
  let deadHeats = 0;
  for (let r = 0; r < races.length; r++) {
    perRace.push(ro[r + 1] - ro[r]);
    let sum = 0;
    let complete = true;
    let counted = 0;
    const seen = new Set<number>();
    let tie = false;
    for (let i = ro[r]; i < ro[r + 1]; i++) {
      const s = runners.status[i];
      if (s === STATUS_CODE.scratched || s === STATUS_CODE.excluded) {
        scratches++;
        continue;
      }
      const o = runners.winOdds[i];
      if (Number.isNaN(o) || o <= 0) complete = false;
      else {
        sum += 1 / o;
        counted++;
      }
      const pos = runners.finishPos[i];
      if (pos >= 1 && pos <= 3 && (s === STATUS_CODE.ran || s === STATUS_CODE.disqualified)) {
        if (seen.has(pos)) tie = true;
        seen.add(pos);
      }
    }
    if (complete && counted > 1) winOver.push(sum);
    if (tie) deadHeats++;
  }

  const lastSnapshot: Partial<Record<BetType, PoolOverround>> = {};
  const os = ds.oddsSnapshots;
  if (os) {
    const sums = new Map<BetType, number[]>();
    for (let r = 0; r < races.length; r++) {
      // per pool: the latest time, then the sum of 1/odds at that time
      const latest = new Map<number, string>();
      for (let i = os.raceOffsets[r]; i < os.raceOffsets[r + 1]; i++) {
        const t = latest.get(os.betType[i]);
        if (t === undefined || os.at[i] > t) latest.set(os.betType[i], os.at[i]);
      }
      const acc = new Map<number, number>();
      for (let i = os.raceOffsets[r]; i < os.raceOffsets[r + 1]; i++) {
        if (os.at[i] === latest.get(os.betType[i]) && os.odds[i] > 0) acc.set(os.betType[i], (acc.get(os.betType[i]) ?? 0) + 1 / os.odds[i]);
      }
      for (const [bt, s] of acc) {
        const key = BET_TYPES[bt];
        if (!sums.has(key)) sums.set(key, []);
        sums.get(key)!.push(s);
      }
    }
    for (const bt of BET_TYPES) {
      const p = pool(sums.get(bt) ?? []);
      if (p) lastSnapshot[bt] = p;
    }
  }

  const payoutRaces: Partial<Record<BetType, number>> = {};
  for (let r = 0; r < races.length; r++) {
    const seen = new Set<number>();
    for (let i = payouts.raceOffsets[r]; i < payouts.raceOffsets[r + 1]; i++) seen.add(payouts.betType[i]);
    for (const b of seen) payoutRaces[BET_TYPES[b]] = (payoutRaces[BET_TYPES[b]] ?? 0) + 1;
  }

  const predictions: Record<string, number> = {};
  for (const m of ds.models) predictions[m] = manifest.predictions[m].rows;
  const missingTables: string[] = [];
  if (!manifest.tables.odds_snapshots) missingTables.push('odds_snapshots');
  if (ds.models.length === 0) missingTables.push('predictions');
  if (!manifest.tables.truth) missingTables.push('truth');

  return {
    dir: ds.dir,
    source: manifest.source,
    description: manifest.description ?? null,
    created: manifest.created,
    currency: manifest.currency,
    payoutUnit: manifest.payoutUnit,
    counts: {
      races: races.length,
      runners: runners.length,
      payouts: payouts.length,
      oddsSnapshots: os ? os.length : null,
      truth: manifest.tables.truth ? manifest.tables.truth.rows : null,
      predictions,
    },
    dateRange: manifest.dateRange,
    venues,
    fieldSizes: spread(Array.from(races.fieldSize)),
    runnersPerRace: spread(perRace),
    overround: { winFinalOdds: pool(winOver), lastSnapshot },
    payoutRaces,
    missingTables,
    scratches,
    deadHeats,
  };
}

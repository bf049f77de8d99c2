/**
 * The canonical row order of a dataset: races by (date, post_time, race_id); every other table
 * by its race's position, then runner, or bet type (JRA order), combination (numerically) and
 * time. The writer stores rows in this order, so reading gives them back in it.
 * Layer: data; pure (returns new arrays, never sorts the caller's arrays in place).
 */
import { BET_TYPES, parseCombination, type BetType } from '../../themis/tickets.ts';
import type { DatasetRows, OddsSnapshotRow, PayoutRow, RaceRow } from '../rows.ts';

const BET_INDEX: Readonly<Record<string, number>> = Object.fromEntries(BET_TYPES.map((b, i) => [b, i]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders two races: date, then post time (a race without one first), then race id (plain code
 * unit order, independent of locale).
 * @example compareRaces({ date: '2024-01-01', postTime: null, raceId: 'B' } as RaceRow, { date: '2024-01-01', postTime: '2024-01-01T10:00', raceId: 'A' } as RaceRow) // -1
 */
export function compareRaces(a: RaceRow, b: RaceRow): number {
  return cmp(a.date, b.date) || cmp(a.postTime ?? '', b.postTime ?? '') || cmp(a.raceId, b.raceId);
}

/**
 * Orders two combinations of one bet type by their numbers, leg by leg.
 * @example compareCombinations('quinella', '2-10', '3-4') // -1
 */
export function compareCombinations(betType: BetType, a: string, b: string): number {
  const x = parseCombination(betType, a);
  const y = parseCombination(betType, b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function comboKey(betType: BetType, c: string): number {
  // legs are 1..99: pack into one sortable number
  const n = parseCombination(betType, c);
  return ((n[0] ?? 0) * 100 + (n[1] ?? 0)) * 100 + (n[2] ?? 0);
}

/**
 * A copy of `rows` in canonical order. Assumes rows passed checkDatasetRows.
 * Cost O(n log n).
 * @example sortDatasetRows(rows).races.map((r) => r.raceId) // race ids by date, post time, id
 */
export function sortDatasetRows(rows: DatasetRows): DatasetRows {
  const races = isSorted(rows.races, compareRaces) ? [...rows.races] : [...rows.races].sort(compareRaces);
  const pos = new Map<string, number>();
  races.forEach((r, i) => pos.set(r.raceId, i));
  let lastId: string | undefined;
  let lastPos = 0;
  const rp = (id: string): number => {
    // rows come in runs of one race: look the id up once per run
    if (id !== lastId) {
      lastId = id;
      lastPos = pos.get(id) ?? races.length;
    }
    return lastPos;
  };
  const byRunner = <T extends { raceId: string; runner: number }>(list: readonly T[]): T[] =>
    sortByNumber(list, (r) => rp(r.raceId) * 128 + r.runner);
  const payouts = sortByNumber(rows.payouts, (r: PayoutRow) => (rp(r.raceId) * 8 + BET_INDEX[r.betType]) * 1_000_000 + comboKey(r.betType, r.combination));
  const out: DatasetRows = { races, runners: byRunner(rows.runners), payouts };
  if (rows.oddsSnapshots !== undefined) {
    out.oddsSnapshots = sortKeyed(
      rows.oddsSnapshots,
      (r: OddsSnapshotRow) => [rp(r.raceId), BET_INDEX[r.betType], comboKey(r.betType, r.combination)],
      (a, b) => cmp(a.at, b.at),
    );
  }
  if (rows.predictions !== undefined) {
    out.predictions = {};
    for (const model of Object.keys(rows.predictions).sort(cmp)) out.predictions[model] = byRunner(rows.predictions[model]);
  }
  if (rows.truth !== undefined) out.truth = byRunner(rows.truth);
  return out;
}

function isSorted<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** A stable sort by one numeric key per row (exact below 2^53); a list already in order is only copied. */
function sortByNumber<T>(list: readonly T[], key: (r: T) => number): T[] {
  const n = list.length;
  const keys = new Float64Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    keys[i] = key(list[i]);
    if (i > 0 && keys[i] < keys[i - 1]) sorted = false;
  }
  if (sorted) return [...list];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = list[order[i]];
  return out;
}

function sortKeyed<T>(list: readonly T[], key: (r: T) => number[], tie?: (a: T, b: T) => number): T[] {
  const keyed = list.map((r) => ({ r, k: key(r) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i] - b.k[i];
    return tie ? tie(a.r, b.r) : 0;
  });
  return keyed.map((x) => x.r);
}

/**
 * The rows back from the in-memory dataset view: one runner or payout row of a view, and every
 * row of a dataset in the order stored (predictions and truth keyed by race and runner).
 * Layer: data; pure. Units: decimal odds, payouts per 100 (integer values).
 */
import type { Table } from 'apache-arrow';
import { BET_TYPES } from '../../themis/tickets.ts';
import { RUNNER_STATUSES, type DatasetRows, type OddsSnapshotRow, type PayoutRow, type RaceRow, type RunnerRow } from '../rows.ts';
import { dictColumn, float64Column, int32Column } from './arrow-columns.ts';
import type { Dataset, PayoutsView, RunnersView } from './dataset-view.ts';
import { col, decode } from './view-columns.ts';

function keyedRows<T>(t: Table, pName: string, make: (raceId: string, runner: number, p: number) => T): T[] {
  const ids = decode(dictColumn(col(t, 'race_id')));
  const rn = int32Column(col(t, 'runner'), 0);
  const p = float64Column(col(t, pName));
  const out: T[] = new Array(rn.length);
  for (let i = 0; i < rn.length; i++) out[i] = make(ids[i] as string, rn[i], p[i]);
  return out;
}

/**
 * Runner row `i` of a runners view (0 read back as null where the column uses it for "none").
 * @param raceId - the id of the row's race (races.raceId[runners.raceIndex[i]])
 * @example runnerRowAt(ds.runners, 0, ds.races.raceId[0]).runner // ds.runners.runner[0]
 */
export function runnerRowAt(u: RunnersView, i: number, raceId: string): RunnerRow {
  return {
    raceId,
    runner: u.runner[i],
    bracket: u.bracket[i] === 0 ? null : u.bracket[i],
    status: RUNNER_STATUSES[u.status[i]],
    finishPos: u.finishPos[i] === 0 ? null : u.finishPos[i],
    winOddsFinal: Number.isNaN(u.winOdds[i]) ? null : u.winOdds[i],
    popularity: u.popularity[i] === 0 ? null : u.popularity[i],
  };
}

/**
 * Payout row `i` of a payouts view.
 * @param raceId - the id of the row's race (races.raceId[payouts.raceIndex[i]])
 * @example payoutRowAt(ds.payouts, 0, ds.races.raceId[0]).payoutPer100 // ds.payouts.payoutPer100[0]
 */
export function payoutRowAt(p: PayoutsView, i: number, raceId: string): PayoutRow {
  return { raceId, betType: BET_TYPES[p.betType[i]], combination: p.combination[i], payoutPer100: p.payoutPer100[i] };
}

/**
 * The rows of a dataset, in the order stored (canonical for files written by writeDataset).
 * Cost O(rows), allocating one object per row: for tests and small tools, not for hot loops.
 * @example datasetToRows(ds).races[0].raceId // ds.races.raceId[0]
 */
export function datasetToRows(ds: Dataset): DatasetRows {
  const r = ds.races;
  const races: RaceRow[] = new Array(r.length);
  for (let i = 0; i < r.length; i++) {
    races[i] = {
      raceId: r.raceId[i],
      date: r.date[i],
      postTime: r.postTime[i],
      venue: r.venue[i],
      raceNo: r.raceNo[i],
      surface: r.surface[i],
      distanceM: r.distanceM[i] === 0 ? null : r.distanceM[i],
      fieldSize: r.fieldSize[i],
      source: r.source[i],
    };
  }
  const u = ds.runners;
  const runners: RunnerRow[] = new Array(u.length);
  for (let i = 0; i < u.length; i++) runners[i] = runnerRowAt(u, i, r.raceId[u.raceIndex[i]]);
  const p = ds.payouts;
  const payouts: PayoutRow[] = new Array(p.length);
  for (let i = 0; i < p.length; i++) payouts[i] = payoutRowAt(p, i, r.raceId[p.raceIndex[i]]);
  const out: DatasetRows = { races, runners, payouts };
  const o = ds.oddsSnapshots;
  if (o) {
    const snaps: OddsSnapshotRow[] = new Array(o.length);
    for (let i = 0; i < o.length; i++) {
      snaps[i] = {
        raceId: r.raceId[o.raceIndex[i]],
        betType: BET_TYPES[o.betType[i]],
        combination: o.combination[i],
        at: o.at[i],
        odds: o.odds[i],
      };
    }
    out.oddsSnapshots = snaps;
  }
  if (ds.models.length > 0) {
    out.predictions = {};
    for (const m of ds.models) {
      out.predictions[m] = keyedRows(ds.tables.predictions[m], 'p', (raceId, runner, pr) => ({ raceId, runner, p: pr }));
    }
  }
  if (ds.tables.truth) out.truth = keyedRows(ds.tables.truth, 'p_true', (raceId, runner, pTrue) => ({ raceId, runner, pTrue }));
  return out;
}

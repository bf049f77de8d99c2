/**
 * The in-memory dataset: the Arrow tables as read, and columnar views on typed arrays for
 * simulations (races in canonical order; runners, payouts and odds snapshots grouped by race
 * with CSR offsets). Layer: data; pure (built from already-read tables).
 * Sentinels: 0 for a missing integer (finish_pos, bracket, popularity, distance_m), NaN for a
 * missing float (win_odds_final, a missing prediction).
 * Column helpers in view-columns.ts; the rows back (datasetToRows, runnerRowAt, payoutRowAt) in
 * dataset-rows.ts, re-exported here.
 */
import type { Data, Table } from 'apache-arrow';
import { BET_TYPES, type BetType } from '../../themis/tickets.ts';
import { DataError } from '../errors.ts';
import { RUNNER_STATUSES, type DatasetRows, type RunnerStatus } from '../rows.ts';
import { dictColumn, float64Column, int32Column, int64AsFloat64, utf8Column } from './arrow-columns.ts';
import { datasetToRows } from './dataset-rows.ts';
import type { DatasetManifest } from './manifest.ts';
import { codesOf, col, decode, groupByRace, idAt, integrity, racePositions, type RaceKey } from './view-columns.ts';

export { datasetToRows, payoutRowAt, runnerRowAt } from './dataset-rows.ts';

/** Runner status codes of `RunnersView.status`: the index in RUNNER_STATUSES. */
export const STATUS_CODE: Readonly<Record<RunnerStatus, number>> = {
  ran: 0,
  scratched: 1,
  excluded: 2,
  dnf: 3,
  disqualified: 4,
};

/** Bet type codes of payout and odds views: the index in BET_TYPES. */
export const BET_TYPE_CODE: Readonly<Record<BetType, number>> = Object.fromEntries(BET_TYPES.map((b, i) => [b, i])) as Record<BetType, number>;

/** Races, one entry per race in canonical order (date, post time, race id). */
export interface RacesView {
  readonly length: number;
  readonly raceId: readonly string[];
  readonly date: readonly string[];
  readonly postTime: readonly (string | null)[];
  readonly venue: readonly string[];
  readonly raceNo: Int32Array;
  readonly surface: readonly (string | null)[];
  readonly distanceM: Int32Array; // 0 = unknown
  readonly fieldSize: Int32Array;
  readonly source: readonly string[];
  /** Position of a race id, or -1. */
  indexOf(raceId: string): number;
}

/** Runners grouped by race: race r's runners are rows raceOffsets[r] .. raceOffsets[r+1]-1, by runner number. */
export interface RunnersView {
  readonly length: number;
  readonly raceIndex: Int32Array; // row -> race position
  readonly raceOffsets: Int32Array; // length races + 1
  readonly runner: Int32Array;
  readonly bracket: Int32Array; // 0 = none
  readonly status: Uint8Array; // STATUS_CODE
  readonly finishPos: Int32Array; // 0 = none
  readonly winOdds: Float64Array; // NaN = none
  readonly popularity: Int32Array; // 0 = none
}

/** Payouts grouped by race (then bet type in JRA order, then combination). */
export interface PayoutsView {
  readonly length: number;
  readonly raceIndex: Int32Array;
  readonly raceOffsets: Int32Array;
  readonly betType: Uint8Array; // BET_TYPE_CODE
  readonly combination: readonly string[];
  readonly payoutPer100: Float64Array; // integer values
}

/** Odds snapshots grouped by race (then bet type, combination, time). */
export interface OddsSnapshotsView {
  readonly length: number;
  readonly raceIndex: Int32Array;
  readonly raceOffsets: Int32Array;
  readonly betType: Uint8Array;
  readonly combination: readonly string[];
  readonly at: readonly string[];
  readonly odds: Float64Array;
}

/** The Arrow tables of a dataset, as read. */
export interface DatasetTables {
  races: Table;
  runners: Table;
  payouts: Table;
  oddsSnapshots?: Table;
  truth?: Table;
  predictions: Record<string, Table>;
}

/**
 * A dataset in memory. The typed arrays of the views may share memory with the Arrow tables:
 * treat them as read-only (copy before changing them).
 */
export interface Dataset {
  readonly dir: string;
  readonly manifest: DatasetManifest;
  readonly tables: DatasetTables;
  readonly races: RacesView;
  readonly runners: RunnersView;
  readonly payouts: PayoutsView;
  readonly oddsSnapshots: OddsSnapshotsView | undefined;
  /** Names of the prediction models, sorted. */
  readonly models: readonly string[];
  /**
   * A model's probabilities aligned with runner rows (NaN where the model gives none).
   * @throws DataError DATA_BAD_OPTION for an unknown model (the message lists the known ones).
   */
  predictions(model: string): Float64Array;
  /** True win probabilities aligned with runner rows, or undefined without a truth table. */
  truth(): Float64Array | undefined;
  /** The rows back, in canonical order (lossless for datasets written by writeDataset). */
  toRows(): DatasetRows;
}

/**
 * Builds the in-memory dataset from its tables (already schema-checked by readDataset).
 * Cost O(rows); predictions are aligned on first use.
 * @throws DataError DATA_INTEGRITY for rows of an unknown race, rows not in race order, unknown
 * status or bet type, or a prediction for a runner that is not in the race.
 * @example buildDataset(dir, manifest, tables).runners.raceOffsets[1] // runners of the first race
 */
export function buildDataset(dir: string, manifest: DatasetManifest, tables: DatasetTables): Dataset {
  const rt = tables.races;
  const raceIdCol = dictColumn(col(rt, 'race_id'));
  const raceIds = decode(raceIdCol) as string[];
  const racePos = new Map<string, number>();
  raceIds.forEach((id, i) => {
    if (racePos.has(id)) integrity('races', i, 'race_id', id, 'duplicate race_id');
    racePos.set(id, i);
  });
  const posOfCode = new Int32Array(raceIdCol.values.length).fill(-1);
  for (let i = 0; i < raceIdCol.codes.length; i++) posOfCode[raceIdCol.codes[i]] = i;
  const raceChunks = col(rt, 'race_id').data as Data[];
  const raceKey: RaceKey = {
    pos: racePos,
    dictionary: raceChunks.length === 1 && raceChunks[0].dictionary ? (raceChunks[0].dictionary.data[0] as Data) : undefined,
    posOfCode,
  };
  const nRaces = raceIds.length;
  const races: RacesView = {
    length: nRaces,
    raceId: raceIds,
    date: utf8Column(col(rt, 'date')) as string[],
    postTime: utf8Column(col(rt, 'post_time')),
    venue: decode(dictColumn(col(rt, 'venue'))) as string[],
    raceNo: int32Column(col(rt, 'race_no'), 0),
    surface: decode(dictColumn(col(rt, 'surface'))),
    distanceM: int32Column(col(rt, 'distance_m'), 0),
    fieldSize: int32Column(col(rt, 'field_size'), 0),
    source: decode(dictColumn(col(rt, 'source'))) as string[],
    indexOf: (id: string) => racePos.get(id) ?? -1,
  };

  const ut = tables.runners;
  const ug = groupByRace('runners', col(ut, 'race_id'), raceKey, raceIds);
  const runnerNo = int32Column(col(ut, 'runner'), 0);
  for (let i = 1; i < runnerNo.length; i++) {
    if (ug.raceIndex[i] === ug.raceIndex[i - 1] && runnerNo[i] <= runnerNo[i - 1]) {
      integrity('runners', i, 'runner', runnerNo[i], 'runners of a race are not unique and ascending');
    }
  }
  const runners: RunnersView = {
    length: runnerNo.length,
    raceIndex: ug.raceIndex,
    raceOffsets: ug.raceOffsets,
    runner: runnerNo,
    bracket: int32Column(col(ut, 'bracket'), 0),
    status: codesOf('runners', 'status', dictColumn(col(ut, 'status')), RUNNER_STATUSES),
    finishPos: int32Column(col(ut, 'finish_pos'), 0),
    winOdds: float64Column(col(ut, 'win_odds_final')),
    popularity: int32Column(col(ut, 'popularity'), 0),
  };

  const pt = tables.payouts;
  const pg = groupByRace('payouts', col(pt, 'race_id'), raceKey, raceIds);
  const payouts: PayoutsView = {
    length: pt.numRows,
    raceIndex: pg.raceIndex,
    raceOffsets: pg.raceOffsets,
    betType: codesOf('payouts', 'bet_type', dictColumn(col(pt, 'bet_type')), BET_TYPES),
    combination: utf8Column(col(pt, 'combination')) as string[],
    payoutPer100: int64AsFloat64(col(pt, 'payout_per_100')),
  };

  let oddsSnapshots: OddsSnapshotsView | undefined;
  const ot = tables.oddsSnapshots;
  if (ot) {
    const og = groupByRace('odds_snapshots', col(ot, 'race_id'), raceKey, raceIds);
    oddsSnapshots = {
      length: ot.numRows,
      raceIndex: og.raceIndex,
      raceOffsets: og.raceOffsets,
      betType: codesOf('odds_snapshots', 'bet_type', dictColumn(col(ot, 'bet_type')), BET_TYPES),
      combination: utf8Column(col(ot, 'combination')) as string[],
      at: utf8Column(col(ot, 'at')) as string[],
      odds: float64Column(col(ot, 'odds')),
    };
  }

  const models = Object.keys(tables.predictions).sort();
  const aligned = new Map<string, Float64Array>();
  const align = (table: string, t: Table, pName: string): Float64Array => {
    const ids = racePositions(col(t, 'race_id'), raceKey);
    const map = ids.map;
    const rn = int32Column(col(t, 'runner'), 0);
    const p = float64Column(col(t, pName));
    const out = new Float64Array(runners.length).fill(Number.NaN);
    for (let i = 0; i < rn.length; i++) {
      const c = ids.codes[i];
      const r = c >= 0 && c < map.length ? map[c] : -1;
      if (r < 0) integrity(table, i, 'race_id', idAt(ids, raceKey, c, raceIds), 'race_id not in races');
      let row = -1;
      for (let j = runners.raceOffsets[r]; j < runners.raceOffsets[r + 1]; j++) {
        if (runnerNo[j] === rn[i]) {
          row = j;
          break;
        }
      }
      if (row < 0) integrity(table, i, 'runner', rn[i], `runner not among the runners of race ${raceIds[r]}`);
      out[row] = p[i];
    }
    return out;
  };

  const ds: Dataset = {
    dir,
    manifest,
    tables,
    races,
    runners,
    payouts,
    oddsSnapshots,
    models,
    predictions(model: string): Float64Array {
      const t = tables.predictions[model];
      if (!t || !Object.prototype.hasOwnProperty.call(tables.predictions, model)) {
        throw new DataError('DATA_BAD_OPTION', `no predictions of that model (have: ${models.join(', ') || 'none'})`, { field: 'model', value: model });
      }
      let a = aligned.get(model);
      if (!a) {
        a = align(`predictions/${model}`, t, 'p');
        aligned.set(model, a);
      }
      return a;
    },
    truth(): Float64Array | undefined {
      if (!tables.truth) return undefined;
      let a = aligned.get('\u0000truth');
      if (!a) {
        a = align('truth', tables.truth, 'p_true');
        aligned.set('\u0000truth', a);
      }
      return a;
    },
    toRows: () => datasetToRows(ds),
  };
  return ds;
}

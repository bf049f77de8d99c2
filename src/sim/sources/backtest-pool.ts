/**
 * A race pool from a backtest run folder (`keiba sim backtest --out RUN`), for the bootstrap
 * source `backtest:RUN`: the races the run priced, each with its win candidates (the strategy's
 * p and the odds at decision time, from candidates.arrow) and what a 100-yen ticket on each
 * really returned (recorded dividend, dead heats included; the stake for a refund; 0 for a loss).
 * Races are kept in replay (post-time) order and grouped into days for block resampling.
 * Layer: sim (reads files at the edge; parsing is pure). Units: yen per 100 staked, decimal odds.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { canonicalJson } from '../../themis/index.ts';
import { CANDIDATES_FILE } from '../backtest/candidate-table.ts';
import { readRunJson, readRunTable, runColumn, type RunFileProblem } from '../backtest/run-folder.ts';
import { SimError } from '../errors.ts';
import type { RacePool } from './race-pool.ts';

/** How a bootstrap path draws the run's races. */
export type BootstrapUnit = 'race' | 'day';

/** The bootstrap units, for messages. */
export const BOOTSTRAP_UNITS: readonly BootstrapUnit[] = ['race', 'day'];

/** The identity of a backtest run, from its summary.json. */
export interface BacktestRunIdentity {
  readonly strategyName: string;
  readonly strategyHash: string;
  readonly configHash: string;
  readonly datasetHash: string;
  /** sha256 of the summary.json and candidates.arrow bytes. */
  readonly summarySha256: string;
  readonly candidatesSha256: string;
}

/** A backtest run as a race pool. */
export interface BacktestPool {
  /**
   * The races priced and settleable, replay order. `pModel` is the strategy's p; `pTrue` repeats
   * it (outcomes are not drawn: each race settles as it really did, see `returnPer100`).
   */
  readonly pool: RacePool & { readonly dayIndex: Int32Array };
  /** Per runner row: yen a 100-yen win ticket returned (0, the dividend, or 100 for a refund). */
  readonly returnPer100: Float64Array;
  /** Races of day d are dayStart[d] .. dayStart[d + 1] - 1. */
  readonly dayStart: Int32Array;
  /** Races left out because the recorded payouts could not settle one of their candidates. */
  readonly unsettleableRaces: number;
  readonly identity: BacktestRunIdentity;
  /** sha256 of the identity (the source hash of a sweep). */
  readonly hash: string;
}

interface RunSummaryShape {
  strategy?: { name?: unknown; betTypes?: unknown };
  strategyHash?: unknown;
  configHash?: unknown;
  datasetHash?: unknown;
}

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/**
 * Reads a backtest run folder as a bootstrap pool.
 * @param dir - the run folder (summary.json and candidates.arrow)
 * @throws SimError SIM_MISSING_SOURCE (no such folder); SIM_BAD_SOURCE naming the file and field
 *   (not a backtest run, bet types other than win, no candidates.arrow, no candidates) ;
 *   SIM_BAD_POOL for a value that cannot be used (naming the race and field)
 * @example readBacktestPool('results/bt').pool.raceIds.length
 */
export function readBacktestPool(dir: string): BacktestPool {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SimError('SIM_MISSING_SOURCE', `no backtest run folder at ${dir}`, { file: dir });
  const summaryFile = join(dir, 'summary.json');
  const { bytes: summaryBytes, json } = readRunJson(summaryFile, (problem, file, detail) => {
    if (problem !== 'missing') return poolFail(problem, file, detail);
    throw new SimError('SIM_BAD_SOURCE', `${dir} is not a backtest run (no summary.json; write one with keiba sim backtest --out ${dir})`, { file });
  });
  const summary = json as RunSummaryShape;
  const identityFields = ['strategyHash', 'configHash', 'datasetHash'] as const;
  for (const f of identityFields) {
    if (typeof summary?.[f] !== 'string') {
      throw new SimError('SIM_BAD_SOURCE', `${dir} is not a backtest run: summary.json has no ${f}`, { file: summaryFile, field: f, value: summary?.[f] });
    }
  }
  const betTypes = summary.strategy?.betTypes;
  if (!Array.isArray(betTypes) || betTypes.length !== 1 || betTypes[0] !== 'win') {
    throw new SimError(
      'SIM_BAD_SOURCE',
      `the run's strategy bets ${JSON.stringify(betTypes)}; the bootstrap resamples win markets (one winner per race) only, so it needs a win-only run`,
      { file: summaryFile, field: 'strategy.betTypes', value: betTypes },
    );
  }
  const candFile = join(dir, CANDIDATES_FILE);
  const { bytes: candBytes, table } = readRunTable(candFile, poolFail);
  const identity: BacktestRunIdentity = {
    strategyName: typeof summary.strategy?.name === 'string' ? summary.strategy.name : '',
    strategyHash: summary.strategyHash as string,
    configHash: summary.configHash as string,
    datasetHash: summary.datasetHash as string,
    summarySha256: sha256(summaryBytes),
    candidatesSha256: sha256(candBytes),
  };
  return backtestPoolFromTable(table, candFile, identity);
}

/** The pool's errors for a run file it cannot read (a missing file is candidates.arrow: summary.json names its own). */
function poolFail(problem: RunFileProblem, file: string, detail: string): never {
  if (problem === 'not-json') throw new SimError('SIM_BAD_SOURCE', `not JSON (${detail})`, { file });
  if (problem === 'not-arrow') throw new SimError('SIM_BAD_SOURCE', `not an Arrow file (${detail})`, { file });
  if (problem === 'no-column') throw new SimError('SIM_BAD_SOURCE', `column ${detail} is missing`, { file, field: detail });
  throw new SimError('SIM_BAD_SOURCE', `the run has no ${CANDIDATES_FILE} (written by keiba sim backtest since the bootstrap source exists): run the backtest again`, { file });
}

/** A numeric column as numbers (Int64 included: yen stay exact integers). */
function numbers(table: Table, name: string, file: string): number[] {
  return Array.from(runColumn(table, name, file, poolFail), (v) => Number(v));
}

/** A text column, dictionary-decoded. */
function texts(table: Table, name: string, file: string): string[] {
  return Array.from(runColumn(table, name, file, poolFail), (v) => String(v));
}

/**
 * Builds the pool from the candidates table (pure). Races whose candidates include an
 * `unsettleable` one are left out (counted); an empty result is refused.
 * @throws SimError SIM_BAD_SOURCE (no candidates, a missing column), SIM_BAD_POOL (a bad value)
 * @example backtestPoolFromTable(tableFromIPC(bytes), 'candidates.arrow', identity).dayStart
 */
export function backtestPoolFromTable(table: Table, file: string, identity: BacktestRunIdentity): BacktestPool {
  const n = table.numRows;
  if (n === 0) throw new SimError('SIM_BAD_SOURCE', 'the run has no candidates (the strategy priced no race)', { file, field: 'rows', value: 0 });
  const raceId = texts(table, 'race_id', file);
  const date = texts(table, 'date', file);
  const seq = numbers(table, 'race_seq', file);
  const runnerCol = numbers(table, 'runner', file);
  const pCol = numbers(table, 'p', file);
  const oddsCol = numbers(table, 'odds', file);
  const result = texts(table, 'result', file);
  const ret = numbers(table, 'return_per_100_yen', file);
  const raceIds: string[] = [];
  const offsets: number[] = [0];
  const runner: number[] = [];
  const p: number[] = [];
  const odds: number[] = [];
  const returns: number[] = [];
  const dayIndex: number[] = [];
  const dayStart: number[] = [0];
  let unsettleable = 0;
  let lastDate = '';
  for (let i = 0, j = 0; i < n; i = j) {
    while (j < n && seq[j] === seq[i]) j++;
    const id = raceId[i];
    let settleable = true;
    for (let k = i; k < j; k++) if (result[k] === 'unsettleable') settleable = false;
    if (!settleable) {
      unsettleable++;
      continue;
    }
    const seen = new Set<number>();
    for (let k = i; k < j; k++) {
      const num = runnerCol[k];
      const pk = pCol[k];
      const ok = oddsCol[k];
      const rk = ret[k];
      if (!Number.isInteger(num) || num < 1 || num > 99 || seen.has(num)) {
        throw new SimError('SIM_BAD_POOL', `runner ${num} is not a saddle number 1..99 once per race`, { file, race: id, field: 'runner', value: num });
      }
      seen.add(num);
      if (!(pk >= 0 && pk <= 1)) throw new SimError('SIM_BAD_POOL', `${pk} is not a probability in [0, 1]`, { file, race: id, field: 'p', value: pk });
      if (!(ok >= 1 && Number.isFinite(ok))) throw new SimError('SIM_BAD_POOL', `${ok} is not decimal odds >= 1`, { file, race: id, field: 'odds', value: ok });
      if (!(Number.isSafeInteger(rk) && rk >= 0)) throw new SimError('SIM_BAD_POOL', `${rk} is not a return in yen >= 0`, { file, race: id, field: 'return_per_100_yen', value: rk });
      runner.push(num);
      p.push(pk);
      odds.push(ok);
      returns.push(rk);
    }
    if (raceIds.length > 0 && date[i] !== lastDate) dayStart.push(raceIds.length);
    lastDate = date[i];
    raceIds.push(id);
    offsets.push(runner.length);
    dayIndex.push(dayStart.length - 1);
  }
  if (raceIds.length === 0) {
    throw new SimError('SIM_BAD_SOURCE', `the run has no race whose candidates the recorded payouts can settle (${unsettleable} left out)`, { file, field: 'result' });
  }
  dayStart.push(raceIds.length);
  const pModel = Float64Array.from(p);
  const pool = {
    raceIds,
    raceOffsets: Int32Array.from(offsets),
    runner: Int32Array.from(runner),
    pTrue: pModel,
    pModel,
    odds: Float64Array.from(odds),
    dayIndex: Int32Array.from(dayIndex),
  };
  const hash = sha256(canonicalJson(identity));
  return { pool, returnPer100: Float64Array.from(returns), dayStart: Int32Array.from(dayStart), unsettleableRaces: unsettleable, identity, hash };
}

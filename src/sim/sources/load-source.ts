/**
 * Parses a `--source` spec and loads its race pool: `mc1:FILE`, `dataset:DIR[:MODEL]`,
 * `binary:P:ODDS:N` or `backtest:RUN_DIR` (a backtest run's races resampled, with the bootstrap
 * options). Layer: sim (reads files). Units: probabilities, decimal odds.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SimError } from '../errors.ts';
import type { BootstrapSource } from '../montecarlo/bootstrap-plan.ts';
import type { SourceInfo } from '../montecarlo/sweep-summary.ts';
import { BOOTSTRAP_UNITS, readBacktestPool, type BootstrapUnit } from './backtest-pool.ts';
import { binaryGamePool } from './binary-game.ts';
import { readDatasetPool, type ModelError } from './dataset-pool.ts';
import { readMc1Pool } from './mc1-pool.ts';
import type { RacePool } from './race-pool.ts';

/** The dataset `keiba sim sweep` uses without --source. */
export const DEFAULT_DATASET_DIR = 'datasets/synthetic-jra-1y';

/** A loaded source: the pool and its description for summary.json. */
export interface LoadedSource {
  readonly pool: RacePool;
  readonly info: SourceInfo;
  /** Set for a backtest source: the recorded returns and how paths draw the races. */
  readonly bootstrap?: BootstrapSource;
}

/** Options of a backtest source (refused with any other). */
export interface BootstrapOptions {
  /** 'race' (default) or 'day'. */
  readonly unit?: string;
  /** Races per path (default: the races of the run). */
  readonly races?: number;
}

/** A parsed source spec. */
export type SourceSpec =
  | { readonly kind: 'mc1'; readonly file: string }
  | { readonly kind: 'dataset'; readonly dir: string; readonly model?: string }
  | { readonly kind: 'binary'; readonly p: number; readonly odds: number; readonly races: number }
  | { readonly kind: 'backtest'; readonly dir: string };

/**
 * Parses a source spec.
 * @throws SimError SIM_BAD_SOURCE for an unknown kind or malformed parameters
 * @example parseSourceSpec('binary:0.35:3.5:1000') // { kind: 'binary', p: 0.35, odds: 3.5, races: 1000 }
 */
export function parseSourceSpec(spec: string): SourceSpec {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  if (kind === 'mc1') {
    if (rest === '') throw new SimError('SIM_BAD_SOURCE', `'${spec}': expected mc1:FILE`, { field: 'source', value: spec });
    return { kind, file: rest };
  }
  if (kind === 'dataset') {
    if (rest === '') throw new SimError('SIM_BAD_SOURCE', `'${spec}': expected dataset:DIR[:MODEL]`, { field: 'source', value: spec });
    const m = rest.lastIndexOf(':');
    if (m > 0 && !existsSync(rest) && /^[A-Za-z0-9_.-]+$/.test(rest.slice(m + 1))) return { kind, dir: rest.slice(0, m), model: rest.slice(m + 1) };
    return { kind, dir: rest };
  }
  if (kind === 'binary') {
    const parts = rest.split(':');
    const nums = parts.map(Number);
    if (parts.length !== 3 || !nums.every(Number.isFinite)) {
      throw new SimError('SIM_BAD_SOURCE', `'${spec}': expected binary:P:ODDS:N (e.g. binary:0.35:3.5:1000)`, { field: 'source', value: spec });
    }
    return { kind, p: nums[0], odds: nums[1], races: nums[2] };
  }
  if (kind === 'backtest') {
    if (rest === '') throw new SimError('SIM_BAD_SOURCE', `'${spec}': expected backtest:RUN_DIR`, { field: 'source', value: spec });
    return { kind, dir: rest };
  }
  throw new SimError('SIM_BAD_SOURCE', `unknown source '${spec}' (expected mc1:FILE, dataset:DIR[:MODEL], binary:P:ODDS:N or backtest:RUN_DIR)`, { field: 'source', value: spec });
}

/**
 * Loads the pool of a source spec.
 * @param spec - the spec text (see parseSourceSpec)
 * @param modelError - how p_true is derived for a dataset without a truth table
 * @param bootstrap - unit and races per path of a backtest source (refused with other sources)
 * @throws SimError SIM_BAD_SOURCE, SIM_MISSING_SOURCE (with how to generate the default dataset),
 *   SIM_BAD_POOL, SIM_BAD_OPTION (bootstrap options: unknown unit, bad races, or not a backtest source)
 * @example (await loadSource('binary:0.35:3.5:100', err)).info.races // 100
 */
export async function loadSource(spec: string, modelError: ModelError, bootstrap: BootstrapOptions = {}): Promise<LoadedSource> {
  const s = parseSourceSpec(spec);
  if (s.kind === 'backtest') return loadBacktestSource(spec, s.dir, bootstrap);
  for (const [field, v] of [['bootstrap', bootstrap.unit], ['races', bootstrap.races]] as const) {
    if (v !== undefined) throw new SimError('SIM_BAD_OPTION', `--${field} applies to a backtest:RUN_DIR source only (the source is ${s.kind})`, { field, value: v });
  }
  if (s.kind === 'mc1') {
    const { pool, bytes } = readMc1Pool(s.file);
    const hash = createHash('sha256').update(bytes).digest('hex');
    return { pool, info: info('mc1', spec, hash, pool, 'race-per-day', 'file column p_true') };
  }
  if (s.kind === 'binary') {
    const pool = binaryGamePool(s.p, s.odds, s.races);
    const hash = createHash('sha256').update(`binary:${s.p}:${s.odds}:${s.races}`).digest('hex');
    return { pool, info: info('binary', spec, hash, pool, 'race-per-day', 'p_model (the game is exact)') };
  }
  if (!existsSync(join(s.dir, 'dataset.json'))) {
    const how = s.dir === DEFAULT_DATASET_DIR || s.dir === `./${DEFAULT_DATASET_DIR}` ? ` Generate it with: keiba data generate --years 1 --seed 1 --out ${DEFAULT_DATASET_DIR}` : '';
    throw new SimError('SIM_MISSING_SOURCE', `no dataset at ${s.dir} (dataset.json is missing).${how}`, { file: s.dir });
  }
  const d = await readDatasetPool(s.dir, s.model, modelError);
  return { pool: d.pool, info: info('dataset', spec, d.hash, d.pool, 'dates', `${d.truth} (model ${d.model})`) };
}

/**
 * A backtest run as a bootstrap source: checks the options first (nothing is read on a bad
 * unit), then reads the run.
 */
function loadBacktestSource(spec: string, dir: string, options: BootstrapOptions): LoadedSource {
  const unit = options.unit ?? 'race';
  if (!(BOOTSTRAP_UNITS as readonly string[]).includes(unit)) {
    throw new SimError('SIM_BAD_OPTION', `unknown bootstrap unit '${unit}' (expected ${BOOTSTRAP_UNITS.join(' or ')})`, { field: 'bootstrap', value: unit });
  }
  if (options.races !== undefined && !(Number.isSafeInteger(options.races) && options.races >= 1)) {
    throw new SimError('SIM_BAD_OPTION', `${JSON.stringify(options.races)} is not valid (expected races per path, an integer >= 1)`, { field: 'races', value: options.races });
  }
  const b = readBacktestPool(dir);
  const steps = options.races ?? b.pool.raceIds.length;
  const runDays = b.dayStart.length - 1;
  const bootstrap: BootstrapSource = { pool: b.pool, returnPer100: b.returnPer100, dayStart: b.dayStart, unit: unit as BootstrapUnit, steps };
  const source: SourceInfo = {
    kind: 'backtest',
    spec,
    hash: b.hash,
    races: steps,
    runners: b.pool.runner.length,
    days: unit === 'day' ? 'dates' : 'race-per-day',
    truth: `recorded results and payouts of the run's races, drawn with replacement by ${unit}`,
    bootstrap: {
      unit: unit as BootstrapUnit,
      races: steps,
      runRaces: b.pool.raceIds.length,
      runDays,
      unsettleableRaces: b.unsettleableRaces,
      ...b.identity,
    },
  };
  return { pool: b.pool, info: source, bootstrap };
}

function info(kind: SourceInfo['kind'], spec: string, hash: string, pool: RacePool, days: SourceInfo['days'], truth: string): SourceInfo {
  return { kind, spec, hash, races: pool.raceIds.length, runners: pool.runner.length, days, truth };
}

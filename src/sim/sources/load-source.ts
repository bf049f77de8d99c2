/**
 * Parses a `--source` spec and loads its race pool: `mc1:FILE`, `dataset:DIR[:MODEL]` or
 * `binary:P:ODDS:N`. Layer: sim (reads files). Units: probabilities, decimal odds.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SimError } from '../errors.ts';
import type { SourceInfo } from '../montecarlo/sweep-summary.ts';
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
}

/** A parsed source spec. */
export type SourceSpec =
  | { readonly kind: 'mc1'; readonly file: string }
  | { readonly kind: 'dataset'; readonly dir: string; readonly model?: string }
  | { readonly kind: 'binary'; readonly p: number; readonly odds: number; readonly races: number };

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
  throw new SimError('SIM_BAD_SOURCE', `unknown source '${spec}' (expected mc1:FILE, dataset:DIR[:MODEL] or binary:P:ODDS:N)`, { field: 'source', value: spec });
}

/**
 * Loads the pool of a source spec.
 * @param spec - the spec text (see parseSourceSpec)
 * @param modelError - how p_true is derived for a dataset without a truth table
 * @throws SimError SIM_BAD_SOURCE, SIM_MISSING_SOURCE (with how to generate the default dataset), SIM_BAD_POOL
 * @example (await loadSource('binary:0.35:3.5:100', err)).info.races // 100
 */
export async function loadSource(spec: string, modelError: ModelError): Promise<LoadedSource> {
  const s = parseSourceSpec(spec);
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

function info(kind: SourceInfo['kind'], spec: string, hash: string, pool: RacePool, days: SourceInfo['days'], truth: string): SourceInfo {
  return { kind, spec, hash, races: pool.raceIds.length, runners: pool.runner.length, days, truth };
}

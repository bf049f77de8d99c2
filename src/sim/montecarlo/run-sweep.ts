/**
 * Runs a Monte Carlo bankroll sweep end to end: loads the source, expands the grid, precomputes
 * Themis stage 1, simulates every path (or one shard of them) on worker threads and summarises.
 * Layer: sim (reads the source; worker threads). Units: integer yen, multiples of the start.
 */
import { availableParallelism } from 'node:os';
import { SimError } from '../errors.ts';
import type { ModelError } from '../sources/dataset-pool.ts';
import { DEFAULT_DATASET_DIR, loadSource, type LoadedSource } from '../sources/load-source.ts';
import { buildBootstrapPlan } from './bootstrap-plan.ts';
import { buildGrid, DEFAULT_EV_THRESHOLDS, DEFAULT_SAFETY_FACTORS, type GridConfig } from './grid.ts';
import { fanCheckpoints } from './kernel.ts';
import { buildPlan, type KernelPlan } from './plan.ts';
import { runPaths, type RawPaths } from './run-paths.ts';
import type { ShardHeader, SweepShard } from './shard-file.ts';
import type { SweepFile } from './sweep-file.ts';
import type { SweepGrid, SweepInputs, SweepSummary } from './sweep-summary.ts';
import { summarizeSweep, sweepId, type SweepContext } from './summarize.ts';

/** Options of a sweep (all have defaults). */
export interface SweepOptions {
  /** `mc1:FILE`, `dataset:DIR[:MODEL]`, `binary:P:ODDS:N` or `backtest:RUN_DIR`; default the bundled dataset. */
  readonly source?: string;
  readonly paths?: number;
  readonly seed?: string;
  readonly safetyFactors?: readonly number[];
  readonly evThresholds?: readonly number[];
  /** More config fields and grid dimensions (a sweep file). */
  readonly sweepFile?: SweepFile;
  readonly maxRuin?: number;
  readonly ruinLevel?: number;
  readonly bankrollYen?: number;
  readonly threads?: number;
  /** Model error for datasets without a truth table. */
  readonly overconfidence?: number;
  readonly noise?: number;
  /** A backtest source: 'race' (default) or 'day' draws, and races per path (default the run's). */
  readonly bootstrap?: string;
  readonly races?: number;
  /** Fan checkpoints (default 100, fewer when the pool has fewer races). */
  readonly checkpoints?: number;
  /** A fixed `created` stamp for summary.json (none by default). */
  readonly created?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Defaults of a sweep. */
export const SWEEP_DEFAULTS = {
  source: `dataset:${DEFAULT_DATASET_DIR}`,
  paths: 10_000,
  seed: '1',
  maxRuin: 0.01,
  ruinLevel: 0.1,
  bankrollYen: 1_000_000,
  checkpoints: 100,
} as const;

/** A sweep ready to run: its context and kernel plan. */
export interface PreparedSweep {
  readonly context: SweepContext;
  readonly plan: KernelPlan;
  readonly source: LoadedSource;
  readonly threads: number;
}

function bad(field: string, value: unknown, expected: string): SimError {
  return new SimError('SIM_BAD_OPTION', `${JSON.stringify(value)} is not valid (expected ${expected})`, { field, value });
}

/**
 * Validates the options, loads the source, builds the grid and the kernel plan.
 * @throws SimError for bad options (SIM_BAD_OPTION), source (SIM_BAD_SOURCE, SIM_MISSING_SOURCE,
 *   SIM_BAD_POOL), grid (SIM_BAD_GRID) or an unsupported config (SIM_UNSUPPORTED_CONFIG)
 * @example (await prepareSweep({ source: 'binary:0.35:3.5:100', paths: 10 })).plan.races // 100
 */
export async function prepareSweep(options: SweepOptions): Promise<PreparedSweep> {
  const paths = options.paths ?? SWEEP_DEFAULTS.paths;
  if (!Number.isSafeInteger(paths) || paths < 1) throw bad('paths', paths, 'an integer >= 1');
  const seed = options.seed ?? SWEEP_DEFAULTS.seed;
  if (typeof seed !== 'string' || seed === '') throw bad('seed', seed, 'a non-empty string');
  const maxRuin = options.maxRuin ?? SWEEP_DEFAULTS.maxRuin;
  if (!(maxRuin > 0 && maxRuin <= 1)) throw bad('maxRuin', maxRuin, 'a probability in (0, 1]');
  const ruinLevel = options.ruinLevel ?? SWEEP_DEFAULTS.ruinLevel;
  if (!(ruinLevel >= 0 && ruinLevel < 1)) throw bad('ruinLevel', ruinLevel, 'a fraction of the starting bankroll in [0, 1)');
  const bankrollYen = options.bankrollYen ?? SWEEP_DEFAULTS.bankrollYen;
  if (!Number.isSafeInteger(bankrollYen) || bankrollYen < 100) throw bad('bankrollYen', bankrollYen, 'integer yen >= 100');
  const threads = options.threads ?? availableParallelism();
  if (!Number.isSafeInteger(threads) || threads < 1) throw bad('threads', threads, 'an integer >= 1');
  const nCheck = options.checkpoints ?? SWEEP_DEFAULTS.checkpoints;
  if (!Number.isSafeInteger(nCheck) || nCheck < 0) throw bad('checkpoints', nCheck, 'an integer >= 0');
  const safety = options.safetyFactors ?? DEFAULT_SAFETY_FACTORS;
  const ev = options.evThresholds ?? DEFAULT_EV_THRESHOLDS;
  for (const s of safety) if (!(typeof s === 'number' && s > 0 && s <= 1)) {
    throw new SimError('SIM_BAD_GRID', `safety factor ${s} is outside (0, 1]`, { field: 'safetyFactor', value: s });
  }

  const sourceSpec = options.source ?? SWEEP_DEFAULTS.source;
  const modelError: ModelError = { overconfidence: options.overconfidence ?? 1, noise: options.noise ?? 0, noiseSeed: seed };
  const grid: SweepGrid = {
    base: options.sweepFile?.base ?? {},
    fields: { safetyFactor: [...safety], evThreshold: [...ev], ...(options.sweepFile?.grid ?? {}) },
  };
  const configs: GridConfig[] = buildGrid(grid); // before the source: a bad grid fails fast
  const source = await loadSource(sourceSpec, modelError, { unit: options.bootstrap, races: options.races });
  const plan = source.bootstrap !== undefined ? buildBootstrapPlan(source.bootstrap, configs, bankrollYen, ruinLevel) : buildPlan(source.pool, configs, bankrollYen, ruinLevel);
  const inputs: SweepInputs = { paths, seed, bankrollYen, ruinLevel, ruinLevelYen: plan.ruinYen, maxRuin };
  const checkpoints = Array.from(fanCheckpoints(plan.races, nCheck));
  const context: SweepContext = {
    inputs,
    source: source.info,
    grid,
    configs,
    races: plan.races,
    checkpoints,
    ...(options.created !== undefined ? { created: options.created } : {}),
  };
  return { context, plan, source, threads };
}

/**
 * Runs a whole sweep and summarises it.
 * @param options - see SweepOptions
 * @returns the summary (write it with writeSweepFolder)
 * @throws SimError as prepareSweep; Error when a worker fails
 * @example (await runSweep({ source: 'mc1:../shared/bench/mc1-pool.csv', paths: 1000 })).recommendation.statement
 */
export async function runSweep(options: SweepOptions): Promise<SweepSummary> {
  const prepared = await prepareSweep(options);
  const raw = await simulate(prepared, 0, prepared.context.inputs.paths, options.onProgress);
  return summarizeSweep(prepared.context, raw);
}

/**
 * Runs shard `index` of `count` (0-based): paths floor(index * paths / count) ..
 * floor((index + 1) * paths / count) - 1, and returns the partial result.
 * @throws SimError SIM_BAD_OPTION for a bad shard, as prepareSweep otherwise
 * @example (await runSweepShard({ source: 'binary:0.35:3.5:100', paths: 30 }, 1, 3)).header.pathStart // 10
 */
export async function runSweepShard(options: SweepOptions, index: number, count: number): Promise<SweepShard> {
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw bad('shard', `${index}/${count}`, 'k/n with 0 <= k < n');
  }
  const prepared = await prepareSweep(options);
  const { context } = prepared;
  const paths = context.inputs.paths;
  const start = Math.floor((index * paths) / count);
  const end = Math.floor(((index + 1) * paths) / count);
  const raw = await simulate(prepared, start, end, options.onProgress);
  const header: ShardHeader = {
    format: 'keiba-sweep-shard',
    version: 1,
    sweepId: sweepId(context),
    shardIndex: index,
    shardCount: count,
    pathStart: start,
    pathEnd: end,
    inputs: context.inputs,
    source: context.source,
    grid: context.grid,
    configHashes: context.configs.map((c) => c.hash),
    races: context.races,
    checkpoints: context.checkpoints,
    ...(context.created !== undefined ? { created: context.created } : {}),
  };
  return { header, raw };
}

function simulate(prepared: PreparedSweep, start: number, end: number, onProgress?: (done: number, total: number) => void): Promise<RawPaths> {
  return runPaths(prepared.plan, prepared.context.inputs.seed, start, end, {
    threads: prepared.threads,
    checkpoints: Int32Array.from(prepared.context.checkpoints),
    onProgress,
  });
}

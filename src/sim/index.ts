/**
 * The simulation layer: race sources and the Monte Carlo bankroll engine. The one door other
 * layers import. Layer: sim (imports themis, data). Explicit named re-exports, grouped.
 */

// Errors
export { SimError, type SimErrorCode, type SimErrorContext } from './errors.ts';

// Race sources
export { checkRacePool, POOL_SUM_TOLERANCE, type RacePool } from './sources/race-pool.ts';
export { parseMc1Pool, readMc1Pool, MC1_HEADER } from './sources/mc1-pool.ts';
export { binaryGamePool } from './sources/binary-game.ts';
export { datasetPool, readDatasetPool, type DatasetPool, type ModelError } from './sources/dataset-pool.ts';
export { parseSourceSpec, loadSource, DEFAULT_DATASET_DIR, type SourceSpec, type LoadedSource } from './sources/load-source.ts';

// Monte Carlo: running sweeps
export { runSweep, runSweepShard, prepareSweep, SWEEP_DEFAULTS, type SweepOptions, type PreparedSweep } from './montecarlo/index.ts';
export { mergeShards, mergeShardFiles, findShardFiles } from './montecarlo/index.ts';
export { runPaths, type RawPaths, type RunPathsOptions } from './montecarlo/index.ts';

// Monte Carlo: grid and kernel
export { buildGrid, DEFAULT_SAFETY_FACTORS, DEFAULT_EV_THRESHOLDS, type GridSpec, type GridConfig } from './montecarlo/index.ts';
export { buildPlan, buildAliasTables, themisRace, type KernelPlan } from './montecarlo/index.ts';
export { checkKernelSupport, maxTicketsPerDay } from './montecarlo/index.ts';
export { simulatePaths, newKernelCounts, addKernelCounts, fanCheckpoints, type KernelCounts } from './montecarlo/index.ts';
export { DRAWDOWN_BINS, FAN_BINS, FAN_BIN_WIDTH, FAN_MIN_LOG10, FAN_MAX_LOG10 } from './montecarlo/index.ts';
export { pathSeed } from './montecarlo/index.ts';

// Monte Carlo: statistics and summary
export { summarizeSweep, recommend, sweepId, QUANTILE_LEVELS, FAN_SAFETY_FACTORS, type SweepContext } from './montecarlo/index.ts';
export { wilson, quantileSortedType7, quantileRanks, quantileEstimate, meanEstimate, countsQuantile, Z95 } from './montecarlo/index.ts';
export type {
  SweepSummary,
  SweepInputs,
  SweepGrid,
  SourceInfo,
  ConfigStatistics,
  Estimate,
  ProbabilityEstimate,
  MeanEstimate,
  FinalMultipleQuantiles,
  Recommendation,
  FanData,
  FanSeries,
} from './montecarlo/index.ts';

// Monte Carlo: files and output
export { writeSweepFolder, formatSummaryJson, summaryToArrow } from './montecarlo/index.ts';
export { encodeShard, decodeShard, readShardFile, shardFileName, SHARD_META_KEY, type ShardHeader, type SweepShard } from './montecarlo/index.ts';
export { writeFolderAtomic, writeFileAtomic } from './montecarlo/index.ts';
export { readSweepFile, parseSweepFile, type SweepFile } from './montecarlo/index.ts';
export { formatSweepTable, createProgressBar, type ProgressStream } from './montecarlo/index.ts';

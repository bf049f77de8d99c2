/**
 * The Monte Carlo bankroll engine: the one door other layers import. Layer: sim.
 * Explicit named re-exports, grouped.
 */

// Running sweeps
export { runSweep, runSweepShard, prepareSweep, SWEEP_DEFAULTS, type SweepOptions, type PreparedSweep } from './run-sweep.ts';
export { mergeShards, mergeShardFiles, findShardFiles } from './merge-shards.ts';
export { runPaths, type RawPaths, type RunPathsOptions } from './run-paths.ts';

// Grid and kernel
export { buildGrid, DEFAULT_SAFETY_FACTORS, DEFAULT_EV_THRESHOLDS, type GridSpec, type GridConfig } from './grid.ts';
export { buildPlan, buildAliasTables, themisRace, type KernelPlan } from './plan.ts';
export { checkKernelSupport, maxTicketsPerDay } from './kernel-support.ts';
export {
  simulatePaths,
  newKernelCounts,
  addKernelCounts,
  fanCheckpoints,
  DRAWDOWN_BINS,
  FAN_BINS,
  FAN_BIN_WIDTH,
  FAN_MIN_LOG10,
  FAN_MAX_LOG10,
  type KernelCounts,
} from './kernel.ts';
export { pathSeed } from './path-rng.ts';
export { simulateBootstrapPaths } from './bootstrap-kernel.ts';
export { buildBootstrapPlan, type BootstrapSource } from './bootstrap-plan.ts';
export { drawBootstrapSequence, type BootstrapDraws } from './bootstrap-draws.ts';

// Statistics and summary
export { summarizeSweep, recommend, sweepId, QUANTILE_LEVELS, FAN_SAFETY_FACTORS, type SweepContext } from './summarize.ts';
export { wilson, quantileSortedType7, quantileRanks, quantileEstimate, meanEstimate, countsQuantile, Z95 } from './statistics.ts';
export type {
  SweepSummary,
  SweepInputs,
  SweepGrid,
  SourceInfo,
  BootstrapInfo,
  ConfigStatistics,
  Estimate,
  ProbabilityEstimate,
  MeanEstimate,
  FinalMultipleQuantiles,
  Recommendation,
  FanData,
  FanSeries,
} from './sweep-summary.ts';

// Files
export { writeSweepFolder, formatSummaryJson, summaryToArrow } from './sweep-files.ts';
export { encodeShard, decodeShard, readShardFile, shardFileName, SHARD_META_KEY, type ShardHeader, type SweepShard } from './shard-file.ts';
export { writeFolderAtomic, writeFileAtomic } from './atomic-write.ts';
export { readSweepFile, parseSweepFile, type SweepFile } from './sweep-file.ts';

// Output
export { formatSweepTable } from './format-table.ts';
export { createProgressBar, type ProgressStream } from './progress-bar.ts';

/**
 * The simulation layer: race sources and the Monte Carlo bankroll engine. The one door other
 * layers import. Layer: sim (imports themis, data). Explicit named re-exports of the sources; the
 * Monte Carlo engine's door re-exported whole.
 */

// Errors
export { SimError, type SimErrorCode, type SimErrorContext } from './errors.ts';

// Race sources
export { checkRacePool, POOL_SUM_TOLERANCE, type RacePool } from './sources/race-pool.ts';
export { parseMc1Pool, readMc1Pool, MC1_HEADER } from './sources/mc1-pool.ts';
export { binaryGamePool } from './sources/binary-game.ts';
export { datasetPool, readDatasetPool, type DatasetPool, type ModelError } from './sources/dataset-pool.ts';
export { parseSourceSpec, loadSource, DEFAULT_DATASET_DIR, type SourceSpec, type LoadedSource, type BootstrapOptions } from './sources/load-source.ts';
export { readBacktestPool, backtestPoolFromTable, BOOTSTRAP_UNITS, type BacktestPool, type BacktestRunIdentity, type BootstrapUnit } from './sources/backtest-pool.ts';

// Monte Carlo: the engine's own door, re-exported whole (sweeps, grid, kernel, statistics,
// summary, shards and files)
export * from './montecarlo/index.ts';

/**
 * The public door of the synthetic generator: explicit named re-exports, one a line.
 * Layer: data; pure.
 */
export type { GenerateOptions, RaceRows } from './generate.ts';
export { generateDataset, generateRace, SYNTHETIC_SOURCE, SYNTHETIC_MODEL, DEFAULT_START_DATE } from './generate.ts';
export type { SyntheticConfig } from './config.ts';
export { DEFAULT_SYNTHETIC_CONFIG, resolveSyntheticConfig } from './config.ts';
export type { RaceSlot, JraVenue } from './calendar.ts';
export { JRA_VENUES, RACES_PER_DAY, raceCalendar, venuesOn, postTimeOf, addYears } from './calendar.ts';
export type { FieldSpec, SyntheticSurface } from './field.ts';
export { bracketsFor, drawField } from './field.ts';
export type { RaceOutcome } from './race-outcome.ts';
export { drawOutcome, softmaxOver } from './race-outcome.ts';
export { publicWinProbs, driftedProbs } from './public-betting.ts';
export type { PoolSettlementInput, PoolSummary, SettledPools } from './pools.ts';
export { POOL_SHARES, drawPoolTotals, winStakes, publicShare, settlePools } from './pools.ts';
export { SNAPSHOT_SCHEDULE, minutesBefore, winOddsSnapshots } from './odds-snapshots.ts';
export { modelWinProbs } from './predictions.ts';
export { harvilleExacta, harvilleTrifecta, harvilleQuinella, harvilleTrio, harvilleTopK, harvilleWide } from './harville.ts';
export type { Finisher } from './winning-combinations.ts';
export { consistentOrders, winningCombinations, availableBetTypes, placesPaid } from './winning-combinations.ts';
export type { Rng } from './rng.ts';
export { createRng, streamSeed } from './rng.ts';
export type { SyntheticDatasetWritten } from './write-synthetic.ts';
export { writeSyntheticDataset } from './write-synthetic.ts';

/**
 * Stage 1 of a race's decision on the synthetic public offer: the offer as ticket columns and
 * Themis's allocation of its candidates (allocateColumns), none of which depends on the
 * bankroll; the replay sizes it on the ledger's bankroll (sizeColumns). The same function runs
 * in the replay's thread or in a worker thread (stage-one-pool.ts), which is why it imports
 * single modules rather than the layers' index files (a worker loads only what it runs). Layer:
 * sim (imports strategies and themis). Units: fractions of the bankroll, decimal odds. Pure (work arrays of
 * the previous race are reused when given).
 */
import { marketProbabilities } from '../../strategies/market-probabilities.ts';
import { raceColumnsWith } from '../../strategies/race-input.ts';
import { allocateColumns, type ColumnarAllocation } from '../../themis/decide-columns.ts';
import type { BetType, ColumnarRaceInput, ThemisConfig } from '../../themis/index.ts';
import { syntheticOfferCapacity, writeSyntheticExotic } from './synthetic-exotic-odds.ts';

/**
 * What the decision on race r's synthetic public offer needs besides the config, as plain data
 * (typed arrays, a Map and strings: it can be posted to a worker thread). Independent of the
 * bankroll.
 */
export interface SyntheticRaceTask {
  /** Saddle numbers of the runners at decision time. */
  readonly runners: Int32Array;
  /** The strategy's win probability of each runner. */
  readonly p: Float64Array;
  /** Win odds at decision time. */
  readonly odds: Float64Array;
  /** The race has no recorded win pool: win tickets are not offered. */
  readonly withoutWin: boolean;
  readonly placesPaid: 2 | 3;
  /** Bracket of each saddle number, when the race has brackets. */
  readonly brackets: Map<number, number>;
  /** Exotic bet types offered (the strategy's, with a recorded pool). */
  readonly offered: BetType[];
}

/** The config of a race's decision: the strategy's, without win tickets when the race has no recorded win pool (the replay's object and columnar paths both use it). */
export function raceConfig(config: ThemisConfig, withoutWin: boolean): ThemisConfig {
  return withoutWin ? { ...config, betTypes: config.betTypes.filter((t) => t !== 'win') } : config;
}

/**
 * Stage 1 of the decision on a synthetic-offer race.
 * @param task - the race (syntheticRaceTask)
 * @param config - the strategy's Themis config
 * @param reuse - the columnar race of the previous call, its arrays overwritten when large enough
 * @returns the stage-1 allocation and the columnar race (to pass as `reuse` next time)
 * @throws ThemisError, StrategyError as raceColumnsFor and allocateColumns
 */
export function allocateSyntheticRace(task: SyntheticRaceTask, config: ThemisConfig, reuse?: ColumnarRaceInput): { stage: ColumnarAllocation; race: ColumnarRaceInput } {
  const cfg = raceConfig(config, task.withoutWin);
  const q = marketProbabilities(task.odds, config.payoutRates.win);
  // The offer written straight into the race's columns: the race raceColumnsFor gives on syntheticExoticColumns' columns.
  const race = raceColumnsWith(
    { runners: task.runners, p: task.p, odds: task.odds },
    cfg,
    syntheticOfferCapacity(task.runners.length),
    (into, at, allowed) => writeSyntheticExotic(into, at, allowed, { runners: task.runners, q, betTypes: task.offered, config, placesPaid: task.placesPaid, brackets: task.brackets }),
    { placesPaid: task.placesPaid, ...(task.brackets.size > 0 ? { brackets: task.brackets } : {}) },
    reuse,
  );
  // The replay reports no growth of its decisions: not computed.
  return { stage: allocateColumns(race, cfg, { growth: false }), race };
}

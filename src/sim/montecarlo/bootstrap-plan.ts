/**
 * The kernel plan of a bootstrap of recorded races (a backtest run): Themis stage 1 precomputed
 * per (race, config) as for every source (buildPlan), with each ticket's payout replaced by what
 * a 100-yen ticket really returned in its race, and the blocks paths draw races by.
 * Layer: sim. Units: yen per 100 staked. Pure.
 */
import { SimError } from '../errors.ts';
import type { RacePool } from '../sources/race-pool.ts';
import type { GridConfig } from './grid.ts';
import { buildPlan, type KernelPlan } from './plan.ts';

/** What a bootstrap plan is built from. */
export interface BootstrapSource {
  /** The recorded races, replay order, with dayIndex (pModel = the strategy's p, odds at decision). */
  readonly pool: RacePool;
  /** Per runner row: yen a 100-yen ticket returned. */
  readonly returnPer100: Float64Array;
  /** Races of day d are dayStart[d] .. dayStart[d + 1] - 1. */
  readonly dayStart: Int32Array;
  readonly unit: 'race' | 'day';
  /** Races per path. */
  readonly steps: number;
}

/**
 * Builds the plan (see the header). For `race` draws each race is its own day for the daily
 * point-limit check (drawn races have no day), for `day` draws the run's days count.
 * @throws SimError SIM_BAD_OPTION for a path length < 1; as buildPlan otherwise
 * @example buildBootstrapPlan(src, grid, 1_000_000, 0.1).bootstrap.unit // 'day'
 */
export function buildBootstrapPlan(src: BootstrapSource, configs: readonly GridConfig[], bankrollYen: number, ruinLevel: number): KernelPlan & { readonly bootstrap: NonNullable<KernelPlan['bootstrap']> } {
  if (!Number.isSafeInteger(src.steps) || src.steps < 1) throw new SimError('SIM_BAD_OPTION', `${src.steps} is not valid (expected races per path, an integer >= 1)`, { field: 'races', value: src.steps });
  const R = src.pool.raceIds.length;
  const pool: RacePool = src.unit === 'day' ? src.pool : { ...src.pool, dayIndex: undefined };
  const plan = buildPlan(pool, configs, bankrollYen, ruinLevel);
  const pay = new Float64Array(plan.ticketRunner.length);
  for (let r = 0; r < R; r++) {
    const base = src.pool.raceOffsets[r];
    for (let g = plan.groupStart[r]; g < plan.groupStart[r + 1]; g++) {
      for (let t = plan.groupTicketStart[g]; t < plan.groupTicketStart[g + 1]; t++) pay[t] = src.returnPer100[base + plan.ticketRunner[t]];
    }
  }
  const blockStart = src.unit === 'day' ? src.dayStart.slice() : Int32Array.from({ length: R + 1 }, (_, i) => i);
  return {
    ...plan,
    races: src.steps,
    aliasProb: new Float64Array(0),
    aliasIndex: new Int32Array(0),
    ticketPayPer100: pay,
    bootstrap: { unit: src.unit, blockStart, poolRaces: R },
  };
}

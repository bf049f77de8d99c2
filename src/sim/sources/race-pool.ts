/**
 * The in-memory race pool every Monte Carlo source produces: win markets in CSR layout (races
 * index runner rows through `raceOffsets`). Layer: sim (types and a pure check).
 * Units: probabilities, decimal win odds (payout per 1 yen staked, stake included).
 */
import { SimError } from '../errors.ts';

/** Races of one sweep, in betting order. Runner arrays are parallel, race after race. */
export interface RacePool {
  /** Race ids, one per race. */
  readonly raceIds: readonly string[];
  /** Start of each race's runners; length races + 1, last entry = runners. */
  readonly raceOffsets: Int32Array;
  /** Saddle number of each runner (1..99). */
  readonly runner: Int32Array;
  /** How races really end (winner draws). */
  readonly pTrue: Float64Array;
  /** What the bettor's model believes (Themis decides on it). */
  readonly pModel: Float64Array;
  /** Final decimal win odds, >= 1. */
  readonly odds: Float64Array;
  /** Day index of each race (non-decreasing), when the source has dates. */
  readonly dayIndex?: Int32Array;
}

/**
 * Tolerance on the sum of a race's probabilities: 1e-5, because pool files print probabilities
 * with 6 decimals and the rounding of 18 runners alone reaches 9e-6 (the MC1 pool shows 4e-6).
 */
export const POOL_SUM_TOLERANCE = 1e-5;

/**
 * Checks a pool's invariants: offsets, probabilities in [0, 1] summing to 1 within 1e-5 per
 * race, odds finite and >= 1, saddle numbers 1..99 without duplicates in a race. Cost O(runners).
 * @param pool - the pool to check
 * @param where - the name of its origin, for messages
 * @throws SimError SIM_BAD_POOL naming the race and field
 * @example checkRacePool(binaryGamePool(0.35, 3.5, 10), 'binary') // passes
 */
export function checkRacePool(pool: RacePool, where: string): void {
  const { raceIds, raceOffsets: off } = pool;
  const n = raceIds.length;
  if (n === 0) throw new SimError('SIM_BAD_POOL', 'the pool has no races', { file: where });
  if (off.length !== n + 1 || off[0] !== 0) throw new SimError('SIM_BAD_POOL', 'bad race offsets', { file: where });
  for (let r = 0; r < n; r++) {
    if (off[r + 1] <= off[r]) throw new SimError('SIM_BAD_POOL', 'a race has no runners', { file: where, race: raceIds[r] });
    const seen = new Set<number>();
    let st = 0;
    let sm = 0;
    for (let i = off[r]; i < off[r + 1]; i++) {
      const num = pool.runner[i];
      if (!Number.isInteger(num) || num < 1 || num > 99) {
        throw new SimError('SIM_BAD_POOL', `${num} is not a saddle number 1..99`, { file: where, race: raceIds[r], field: 'runner', value: num });
      }
      if (seen.has(num)) throw new SimError('SIM_BAD_POOL', `runner ${num} appears twice`, { file: where, race: raceIds[r], field: 'runner', value: num });
      seen.add(num);
      for (const [field, arr] of [['p_true', pool.pTrue], ['p_model', pool.pModel]] as const) {
        const v = arr[i];
        if (!(v >= 0 && v <= 1)) throw new SimError('SIM_BAD_POOL', `${v} is not a probability in [0, 1]`, { file: where, race: raceIds[r], field, value: v });
      }
      const o = pool.odds[i];
      if (!(o >= 1 && Number.isFinite(o))) throw new SimError('SIM_BAD_POOL', `${o} is not decimal odds >= 1`, { file: where, race: raceIds[r], field: 'odds', value: o });
      st += pool.pTrue[i];
      sm += pool.pModel[i];
    }
    if (Math.abs(st - 1) > POOL_SUM_TOLERANCE) {
      throw new SimError('SIM_BAD_POOL', `probabilities sum to ${st}, not 1 (tolerance 1e-5)`, { file: where, race: raceIds[r], field: 'p_true', value: st });
    }
    if (Math.abs(sm - 1) > POOL_SUM_TOLERANCE) {
      throw new SimError('SIM_BAD_POOL', `probabilities sum to ${sm}, not 1 (tolerance 1e-5)`, { file: where, race: raceIds[r], field: 'p_model', value: sm });
    }
  }
}

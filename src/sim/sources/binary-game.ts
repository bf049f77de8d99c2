/**
 * The parametric binary game: N identical races, each a single ticket that wins with
 * probability p at decimal odds o (the other outcome is a dummy runner nobody bets: its odds
 * make it worthless). For checks against betting theory. Layer: sim. Pure.
 */
import { SimError } from '../errors.ts';
import type { RacePool } from './race-pool.ts';

/**
 * Builds a pool of `races` binary races: runner 1 wins with probability `p` at `odds`;
 * runner 2 (probability 1 - p) carries odds 1, so it is never a candidate (p * 1 <= 1).
 * The bettor's model equals the truth.
 * @param p - win probability of the ticket, in (0, 1)
 * @param odds - decimal odds of the ticket, > 1
 * @param races - number of races, integer >= 1
 * @throws SimError SIM_BAD_SOURCE naming the bad parameter
 * @example binaryGamePool(0.35, 3.5, 2).raceOffsets // Int32Array [0, 2, 4]
 */
export function binaryGamePool(p: number, odds: number, races: number): RacePool {
  if (!(p > 0 && p < 1)) throw new SimError('SIM_BAD_SOURCE', `binary game p = ${p} is not in (0, 1)`, { field: 'p', value: p });
  if (!(odds > 1 && Number.isFinite(odds))) throw new SimError('SIM_BAD_SOURCE', `binary game odds = ${odds} is not > 1`, { field: 'odds', value: odds });
  if (!Number.isSafeInteger(races) || races < 1) {
    throw new SimError('SIM_BAD_SOURCE', `binary game races = ${races} is not an integer >= 1`, { field: 'races', value: races });
  }
  const n = races * 2;
  const raceOffsets = new Int32Array(races + 1);
  const runner = new Int32Array(n);
  const pTrue = new Float64Array(n);
  const oddsArr = new Float64Array(n);
  const raceIds: string[] = new Array<string>(races);
  for (let r = 0; r < races; r++) {
    raceIds[r] = `B${r}`;
    raceOffsets[r + 1] = 2 * r + 2;
    runner[2 * r] = 1;
    runner[2 * r + 1] = 2;
    pTrue[2 * r] = p;
    pTrue[2 * r + 1] = 1 - p;
    oddsArr[2 * r] = odds;
    oddsArr[2 * r + 1] = 1;
  }
  return { raceIds, raceOffsets, runner, pTrue, pModel: pTrue.slice(), odds: oddsArr };
}

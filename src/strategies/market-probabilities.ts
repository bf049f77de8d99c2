/**
 * Market-implied win probabilities: q_i = (R / o_i) / Σ_j (R / o_j), the public's probabilities
 * with the takeout removed and the rounding of the odds normalised away (betting-math.md 7.1).
 * Layer: strategies (imports its own errors). Units: decimal odds, probabilities. Pure.
 */
import { StrategyError } from './errors.ts';

/**
 * Market-implied probabilities of a field from its win odds.
 * Cost O(n). Since R is common to the field it cancels in the normalisation; it is kept so
 * `raw` shows R/o, the unnormalised implied probabilities.
 * @param odds - decimal win odds of the runners left, each finite and >= 1
 * @param payoutRate - the win pool's payout ratio R in (0, 1] (JRA 0.8)
 * @param out - optional array to fill (length n)
 * @returns the normalised probabilities (summing to 1)
 * @throws StrategyError STRATEGY_BAD_PROBABILITIES for an empty field or odds that are not >= 1,
 *   STRATEGY_BAD_PARAMETER for R outside (0, 1]
 * @example marketProbabilities([2.0, 2.3, 5.0, 8.0], 0.8) // [0.396894, 0.345125, 0.158758, 0.099223]
 */
export function marketProbabilities(odds: ArrayLike<number>, payoutRate: number, out?: Float64Array): Float64Array {
  if (!(payoutRate > 0 && payoutRate <= 1)) {
    throw new StrategyError('STRATEGY_BAD_PARAMETER', 'payoutRate', payoutRate, `marketProbabilities: payout rate ${String(payoutRate)} is not in (0, 1]`);
  }
  const n = odds.length;
  if (n === 0) throw new StrategyError('STRATEGY_BAD_PROBABILITIES', 'odds', n, 'marketProbabilities: the field is empty');
  const q = out ?? new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const o = odds[i];
    if (!(o >= 1 && o < Number.POSITIVE_INFINITY)) {
      throw new StrategyError('STRATEGY_BAD_PROBABILITIES', `odds[${i}]`, o, `marketProbabilities: odds ${String(o)} of runner ${i} are not a finite number >= 1`);
    }
    q[i] = payoutRate / o;
    sum += q[i];
  }
  for (let i = 0; i < n; i++) q[i] /= sum;
  return q;
}

/**
 * The overround of a field's win odds: Σ 1/o (1/R for exact odds; more with truncated odds).
 * @throws nothing (NaN for odds that are not numbers)
 * @example overround([2.0, 2.3, 5.0, 8.0]) // 1.259783
 */
export function overround(odds: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < odds.length; i++) s += 1 / odds[i];
  return s;
}

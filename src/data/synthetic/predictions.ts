/**
 * A forecasting model of tunable skill for the synthetic world. Its log-strength estimate is
 * est_i = rho * s_i + sqrt(1 - rho^2) * sigma * e_i (correlation rho = modelSkill with the
 * true log-strengths s, same spread sigma = strengthSd); its calibrated forecast is
 * softmax(rho * est) (the posterior mean of s given est), and overconfidence gamma sharpens it:
 * p_i proportional to exp(gamma * rho * est_i). rho = 1 and gamma = 1 give the truth; rho = 0
 * gives a uniform forecast. Layer: data; pure (randomness arrives as an Rng).
 */
import type { SyntheticConfig } from './config.ts';
import { softmaxOver } from './race-outcome.ts';
import type { Rng } from './rng.ts';

/**
 * The model's win probabilities over the starters (0 for withdrawn runners); they sum to 1.
 * Cost O(n).
 * @example modelWinProbs(strengths, starters, rng, { modelSkill: 1, overconfidence: 1, strengthSd: 1.15 }) // = the truth
 */
export function modelWinProbs(
  strengths: Float64Array,
  starters: readonly number[],
  rng: Rng,
  config: Pick<SyntheticConfig, 'modelSkill' | 'overconfidence' | 'strengthSd'>,
): Float64Array {
  const rho = config.modelSkill;
  const noise = Math.sqrt(Math.max(0, 1 - rho * rho)) * config.strengthSd;
  const logits = new Float64Array(strengths.length);
  for (const i of starters) {
    const est = rho * strengths[i] + noise * rng.normal();
    logits[i] = config.overconfidence * rho * est;
  }
  return softmaxOver(logits, starters, new Float64Array(strengths.length));
}

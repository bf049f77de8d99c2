/**
 * The betting public of the synthetic world: its win probabilities are a tempered distortion
 * of the truth plus noise, t_i proportional to p_i^bias * exp(noise * e_i), mixed with a small
 * uniform share u spread over the n starters, q_i = (1 - u) t_i + u / n. With bias < 1
 * longshots are over-bet and favourites under-bet, and the uniform share over-bets the longest
 * shots most (favourite-longshot bias, betting-math.md 7.3). Layer: data; pure (randomness arrives as an Rng).
 */
import type { SyntheticConfig } from './config.ts';
import { softmaxOver } from './race-outcome.ts';
import type { Rng } from './rng.ts';

/**
 * The public's final win probabilities over the starters (0 for withdrawn runners).
 * Cost O(n).
 * @example publicWinProbs(pTrue, starters, rng, DEFAULT_SYNTHETIC_CONFIG) // sums to 1 over starters
 */
export function publicWinProbs(
  pTrue: Float64Array,
  starters: readonly number[],
  rng: Rng,
  config: Pick<SyntheticConfig, 'publicBias' | 'publicNoise' | 'publicUniformShare'>,
): Float64Array {
  const logits = new Float64Array(pTrue.length);
  for (const i of starters) logits[i] = config.publicBias * Math.log(pTrue[i]) + config.publicNoise * rng.normal();
  const q = softmaxOver(logits, starters, new Float64Array(pTrue.length));
  const u = config.publicUniformShare;
  for (const i of starters) q[i] = (1 - u) * q[i] + u / starters.length;
  return q;
}

/**
 * Earlier, noisier public probabilities: q perturbed by log-normal noise of standard
 * deviation `sd` and renormalised (sd shrinks toward the post, so odds drift to the final).
 * @example driftedProbs(q, starters, rng, 0.05) // close to q
 */
export function driftedProbs(q: Float64Array, starters: readonly number[], rng: Rng, sd: number): Float64Array {
  const logits = new Float64Array(q.length);
  for (const i of starters) logits[i] = Math.log(q[i]) + sd * rng.normal();
  return softmaxOver(logits, starters, new Float64Array(q.length));
}

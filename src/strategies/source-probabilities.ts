/**
 * The win probabilities a strategy decides on, from its probability source: the model's
 * predictions renormalised over the candidates, the market-implied probabilities, Benter's blend
 * of the two, or (baselines) the market's or, for flat_above_threshold, the model's.
 * Layer: strategies. Units: probabilities, decimal odds. Pure.
 */
import type { LogitCoefficients } from './conditional-logit.ts';
import { combineProbabilities } from './conditional-logit.ts';
import { StrategyError } from './errors.ts';
import { marketProbabilities } from './market-probabilities.ts';
import type { ProbabilitySource } from './strategy.ts';

/** Floor on a model probability before a blend takes its logarithm. */
export const BLEND_MODEL_FLOOR = 1e-6;

/**
 * The model's probabilities renormalised over the candidates, or null when a candidate has no
 * prediction (NaN or negative) or they sum to 0 (the race cannot be priced by the model).
 * Written into `out` (length n) when given.
 * @throws nothing
 * @example renormalisedModel([0.2, 0.2]) // [0.5, 0.5]
 */
export function renormalisedModel(model: ArrayLike<number>, floor = 0, out?: Float64Array): Float64Array | null {
  const n = model.length;
  const p = out ?? new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = model[i];
    if (!(v >= 0 && v <= 1)) return null;
    p[i] = Math.max(v, floor);
    s += p[i];
  }
  if (!(s > 0)) return null;
  for (let i = 0; i < n; i++) p[i] /= s;
  return p;
}

/**
 * Win probabilities of the candidates under a probability source.
 * Cost O(n).
 * @param source - the strategy's source
 * @param odds - win odds of the candidates at decision time
 * @param model - the source's model probabilities of the candidates (as stored), or null without a model
 * @param payoutRate - win payout ratio R (cancels in the normalisation)
 * @param coefficients - the blend's (alpha, beta), fitted or given; ignored by other sources
 * @param out - optional array of length n the probabilities are written into (not by a blend)
 * @returns probabilities summing to 1, or null when the model gives a candidate no probability
 * @throws StrategyError STRATEGY_BAD_PARAMETER for a blend without coefficients or a model
 *   source without model probabilities; STRATEGY_BAD_PROBABILITIES for unusable odds
 * @example sourceProbabilities({ kind: 'market', odds: 'snapshot', takeout: 'normalise' }, [2.0, 2.3, 5.0, 8.0], null, 0.8, null) // [.396894, .345125, .158758, .099223]
 */
export function sourceProbabilities(
  source: ProbabilitySource,
  odds: ArrayLike<number>,
  model: ArrayLike<number> | null,
  payoutRate: number,
  coefficients: LogitCoefficients | null,
  out?: Float64Array,
): Float64Array | null {
  const needsModel = source.kind === 'predictions' || source.kind === 'blend' || (source.kind === 'baseline' && source.model !== null);
  if (needsModel && model === null) {
    throw new StrategyError('STRATEGY_BAD_PARAMETER', 'model', null, `sourceProbabilities: a ${source.kind} source needs the model's probabilities`);
  }
  switch (source.kind) {
    case 'market':
      return marketProbabilities(odds, payoutRate, out);
    case 'predictions':
      return renormalisedModel(model!, 0, out);
    case 'baseline':
      return source.model === null ? marketProbabilities(odds, payoutRate, out) : renormalisedModel(model!, 0, out);
    case 'blend': {
      if (coefficients === null) throw new StrategyError('STRATEGY_BAD_PARAMETER', 'coefficients', null, 'sourceProbabilities: a blend needs (alpha, beta), fitted or given');
      const f = renormalisedModel(model!, BLEND_MODEL_FLOOR);
      if (f === null) return null;
      return combineProbabilities(f, marketProbabilities(odds, payoutRate), coefficients.alpha, coefficients.beta);
    }
  }
}

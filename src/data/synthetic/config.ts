/**
 * Tunable parameters of the synthetic generator and their defaults. Layer: data; pure.
 * Units: rates are probabilities per race; money in yen.
 */
import { DataError } from '../errors.ts';

/** Parameters of the synthetic world (all have defaults). */
export interface SyntheticConfig {
  /** Standard deviation of the hidden log-strengths of runners (sets how dominant favourites are). */
  strengthSd: number;
  /** Probability that a race has a runner withdrawn after sales start (one of ten such races loses two). */
  scratchRate: number;
  /** Share of withdrawals that are exclusions (競走除外) rather than scratches (出走取消). */
  excludedShare: number;
  /** Probability that a flat race has one runner that does not finish (競走中止). */
  dnfRate: number;
  /** Same for jump races. */
  jumpDnfRate: number;
  /** Probability of a dead heat for 1st, 2nd or 3rd in a race. */
  deadHeatRate: number;
  /** Exponent applied to the true win probabilities by the public (< 1: longshots over-bet). */
  publicBias: number;
  /** Standard deviation of the public's log-probability noise. */
  publicNoise: number;
  /** Share of the public's money spread evenly over the starters (over-bets the longest shots most). */
  publicUniformShare: number;
  /** Standard deviation of the per-combination noise of exotic pool stakes (log scale). */
  exoticNoise: number;
  /** Median total sales of a race over all pools, in yen. */
  medianRaceSalesYen: number;
  /** Correlation of the model's log-strength estimates with the truth, in [0, 1]. */
  modelSkill: number;
  /** Power (> 1 sharpens) applied to the model's calibrated log-strengths. */
  overconfidence: number;
}

/**
 * The default synthetic world. The default model is a good one that is slightly overconfident
 * (skill 0.99, overconfidence 1.1): its edge over the biased public is real but smaller than it
 * believes, which is the situation the safety-factor sweep is for.
 */
export const DEFAULT_SYNTHETIC_CONFIG: Readonly<SyntheticConfig> = {
  strengthSd: 1.15,
  scratchRate: 0.06,
  excludedShare: 0.35,
  dnfRate: 0.008,
  jumpDnfRate: 0.08,
  deadHeatRate: 0.004,
  publicBias: 0.95,
  publicNoise: 0.2,
  publicUniformShare: 0.04,
  exoticNoise: 0.15,
  medianRaceSalesYen: 800_000_000,
  modelSkill: 0.99,
  overconfidence: 1.1,
};

const LIMITS: Readonly<Record<keyof SyntheticConfig, readonly [number, number]>> = {
  strengthSd: [0, 5],
  scratchRate: [0, 1],
  excludedShare: [0, 1],
  dnfRate: [0, 1],
  jumpDnfRate: [0, 1],
  deadHeatRate: [0, 1],
  publicBias: [0.1, 3],
  publicNoise: [0, 3],
  publicUniformShare: [0, 1],
  exoticNoise: [0, 3],
  medianRaceSalesYen: [1_000_000, 1e12],
  modelSkill: [0, 1],
  overconfidence: [0.1, 10],
};

/**
 * The defaults overridden by `overrides`, each value checked against its range.
 * @throws DataError DATA_BAD_OPTION naming the parameter out of range or not a number
 * @example resolveSyntheticConfig({ modelSkill: 0.9 }).modelSkill // 0.9
 */
export function resolveSyntheticConfig(overrides: Partial<SyntheticConfig> = {}): SyntheticConfig {
  const out: SyntheticConfig = { ...DEFAULT_SYNTHETIC_CONFIG };
  for (const key of Object.keys(overrides) as (keyof SyntheticConfig)[]) {
    const v = overrides[key];
    if (v === undefined) continue;
    const range = LIMITS[key];
    if (range === undefined) {
      throw new DataError('DATA_BAD_OPTION', 'unknown synthetic parameter', { field: key, value: v });
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < range[0] || v > range[1]) {
      throw new DataError('DATA_BAD_OPTION', `expected a number from ${range[0]} to ${range[1]}`, { field: key, value: v });
    }
    out[key] = v;
  }
  return out;
}

/**
 * The plain-number input of the sweep charts and report: one row per config, fan data for a few
 * chosen configs, a max-drawdown histogram per config, and the inputs and hashes of the run.
 * Layer: report. Types only. Probabilities and drawdowns are fractions in [0, 1]; bankroll
 * multiples are bankroll / starting bankroll.
 */

/** Summary of one sweep config (a safety factor and an EV threshold). */
export interface SweepConfigRow {
  /** Hash identifying the config (hex). */
  readonly configHash: string;
  /** Fraction of Kelly staked. */
  readonly safetyFactor: number;
  /** Minimum expected return per unit staked for a ticket to be bought. */
  readonly evThreshold: number;
  /** Share of paths that ended in ruin. */
  readonly ruinProbability: number;
  /** Lower end of the 95% Wilson interval of the ruin probability. */
  readonly ruinLow: number;
  /** Upper end of the 95% Wilson interval of the ruin probability. */
  readonly ruinHigh: number;
  /** P(max drawdown >= 20%). */
  readonly pDrawdown20: number;
  /** P(max drawdown >= 30%). */
  readonly pDrawdown30: number;
  /** P(max drawdown >= 50%). */
  readonly pDrawdown50: number;
  /** Quantiles 5/25/50/75/95% of the final bankroll multiple. */
  readonly finalMultiple: Readonly<{ q05: number; q25: number; q50: number; q75: number; q95: number }>;
  /** Mean over paths of the log growth per race. */
  readonly meanLogGrowth: number;
  /** Standard error of `meanLogGrowth`. */
  readonly meanLogGrowthSe: number;
  /** Median number of races to ruin among ruined paths; undefined when no path was ruined. */
  readonly medianRacesToRuin: number | undefined;
  /** Other grid fields of this config than the safety factor and EV threshold, as 'name=value' text. */
  readonly otherParams?: string;
}

/** Bankroll-multiple quantiles at one checkpoint (number of races run). */
export interface FanCheckpoint {
  readonly race: number;
  readonly q05: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly q95: number;
}

/** Quantile bands of the bankroll multiple over races for one chosen config. */
export interface FanSeries {
  readonly configHash: string;
  /** Why the config is charted ('recommended', 'safety 0.5', ...), when known. */
  readonly reason?: string;
  readonly checkpoints: readonly FanCheckpoint[];
}

/** Histogram of the max drawdown of one config: `counts[i]` paths in [edges[i], edges[i+1]). */
export interface DrawdownHistogram {
  readonly configHash: string;
  /** Bin edges as fractions, ascending; one more than `counts`. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** Everything the sweep charts and report show. */
export interface SweepReportInput {
  /** Where the races came from (dataset name or generator). */
  readonly source: string;
  /** Hash of the source data. */
  readonly sourceHash: string;
  /** Number of Monte Carlo paths per config. */
  readonly paths: number;
  /** Races per path. */
  readonly races: number;
  /** Seed of the sweep. */
  readonly seed: number | string;
  /** Starting bankroll in integer yen. */
  readonly bankrollYen: number;
  /** Bankroll multiple below which a path counts as ruined. */
  readonly ruinLevel: number;
  /** The --max-ruin bound on the ruin probability. */
  readonly maxRuin: number;
  /** Hash of the recommended config, or undefined when no config qualifies. */
  readonly recommendedHash: string | undefined;
  /** The recommendation rule, in words, when known. */
  readonly rule?: string;
  /** Identifier of the sweep (derived from its inputs), when known. */
  readonly sweepId?: string;
  /** How true probabilities were obtained, when known. */
  readonly truth?: string;
  /**
   * Bankroll multiples the fan quantiles can take, when the sweep limits them (quantiles from a
   * histogram over a fixed range report values above `max` as `max`).
   */
  readonly fanRange?: Readonly<{ min: number; max: number }>;
  readonly configs: readonly SweepConfigRow[];
  readonly fans: readonly FanSeries[];
  readonly drawdowns: readonly DrawdownHistogram[];
}

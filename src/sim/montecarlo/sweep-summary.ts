/**
 * The shape of `summary.json`, the result of a Monte Carlo bankroll sweep (`keiba sim sweep`,
 * `keiba sim merge`). Charts and reports read it. Layer: sim (types only, pure).
 * Units: bankrolls as multiples of the starting bankroll unless a field says `Yen`; probabilities
 * in [0, 1]; log growth in natural log units. Every interval is a two-sided 95% interval.
 * Same inputs and seed give a byte-identical file (no timestamps, no thread count).
 */
import type { BacktestRunIdentity } from '../sources/backtest-pool.ts';

/** A point estimate with its 95% interval. */
export interface Estimate {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

/** A probability estimated from `count` of `n` paths, with its Wilson 95% interval. */
export interface ProbabilityEstimate extends Estimate {
  readonly count: number;
  readonly n: number;
}

/** A mean over paths with its Monte Carlo standard error; lo/hi = value -/+ 1.96 se. */
export interface MeanEstimate extends Estimate {
  readonly se: number;
}

/** Quantiles of the final bankroll multiple (final / start) over paths, with order-statistic 95% intervals. */
export interface FinalMultipleQuantiles {
  readonly q05: Estimate;
  readonly q25: Estimate;
  readonly q50: Estimate;
  readonly q75: Estimate;
  readonly q95: Estimate;
}

/** Every statistic of one Themis configuration of the grid. */
export interface ConfigStatistics {
  /** Position in `SweepSummary.configs` (also the row of sweep.arrow). */
  readonly index: number;
  /** Themis configHash of the full configuration. */
  readonly configHash: string;
  /** The grid values of this configuration (field name -> value), e.g. { safetyFactor: 0.5, evThreshold: 1.1 }. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly safetyFactor: number;
  readonly evThreshold: number;
  /** P(bankroll ever falls below the ruin level); a ruined path stops betting. */
  readonly ruin: ProbabilityEstimate;
  /** P(maximum drawdown >= 20% / 30% / 50%), drawdown = 1 - bankroll / running peak. */
  readonly drawdown20: ProbabilityEstimate;
  readonly drawdown30: ProbabilityEstimate;
  readonly drawdown50: ProbabilityEstimate;
  /** Quantiles of final bankroll / start (a ruined path keeps its last bankroll). Exact, from every path. */
  readonly finalMultiple: FinalMultipleQuantiles;
  /** Mean over paths of ln(final / start). */
  readonly logGrowthTotal: MeanEstimate;
  /** Mean over paths of ln(final / start) / races (races of the pool, ruined paths included). */
  readonly logGrowthPerRace: MeanEstimate;
  /** Median number of races bet up to and including the ruining race, among ruined paths; null if none was ruined. */
  readonly medianRacesToRuin: Estimate | null;
  /** Counts of paths per maximum-drawdown bin (see SweepSummary.drawdownHistogram.edges). */
  readonly drawdownCounts: readonly number[];
}

/** The recommended configuration: highest mean log growth among those whose ruin bound holds. */
export interface Recommendation {
  /** Index into `configs`, or null when no configuration qualifies. */
  readonly index: number | null;
  readonly configHash: string | null;
  readonly params: Readonly<Record<string, unknown>> | null;
  /** The rule applied, in words. */
  readonly rule: string;
  /** The answer, in words (also when none qualifies). */
  readonly statement: string;
}

/** Bankroll quantiles over paths at checkpoints, for one configuration (fan chart). */
export interface FanSeries {
  readonly configIndex: number;
  /** Why this configuration is charted: 'recommended' or 'safety 0.5' and so on. */
  readonly label: string;
  readonly safetyFactor: number;
  readonly evThreshold: number;
  /** One array per quantile of `FanData.quantiles`, each parallel to `FanData.checkpoints`; multiples of the start. */
  readonly quantiles: readonly (readonly number[])[];
}

/** Fan-chart data. */
export interface FanData {
  /** Number of races settled at each checkpoint (1..races), ascending. */
  readonly checkpoints: readonly number[];
  /** Quantile levels, e.g. [0.05, 0.25, 0.5, 0.75, 0.95]. */
  readonly quantiles: readonly number[];
  /**
   * How quantiles were obtained: a histogram of log10(multiple) per checkpoint with
   * `binWidthLog10` wide bins over [minLog10, maxLog10); a quantile is reported as its bin's
   * geometric centre (0 for the bin below minLog10, 10^maxLog10 for the one above).
   */
  readonly method: 'log10-histogram';
  readonly minLog10: number;
  readonly maxLog10: number;
  readonly binWidthLog10: number;
  readonly series: readonly FanSeries[];
}

/**
 * How a `backtest:RUN` source resamples the run's races, and which run it is: the run's identity
 * (from its summary.json) and sha256 of its summary.json and candidates.arrow, as the pool read it.
 */
export interface BootstrapInfo extends BacktestRunIdentity {
  /** 'race': races drawn one by one with replacement; 'day': whole race days (races in post-time order), the last one cut at `races`. */
  readonly unit: 'race' | 'day';
  /** Races per path. */
  readonly races: number;
  /** Races of the run resampled (priced and settleable) and their days. */
  readonly runRaces: number;
  readonly runDays: number;
  /** Races of the run left out: the recorded payouts could not settle one of their candidates. */
  readonly unsettleableRaces: number;
}

/** The race source of a sweep. */
export interface SourceInfo {
  /** 'mc1' pool file, 'dataset' folder (+ model), the parametric 'binary' game, or a 'backtest' run resampled. */
  readonly kind: 'mc1' | 'dataset' | 'binary' | 'backtest';
  /** The source as given on the command line (file names relative as given). */
  readonly spec: string;
  /** sha256 hex of the source's content (file bytes, or the canonical parameters). */
  readonly hash: string;
  readonly races: number;
  readonly runners: number;
  /** How days are defined for daily limits: from the source's dates, or each race its own day. */
  readonly days: 'dates' | 'race-per-day';
  /** How p_true was obtained (e.g. 'file column p_true', 'truth table', 'model^(1/k), k=1.2, noise 0.1 seed 7'). */
  readonly truth: string;
  /** Set for a backtest source only. */
  readonly bootstrap?: BootstrapInfo;
}

/** The inputs of a sweep, everything that determines its result. */
export interface SweepInputs {
  readonly paths: number;
  readonly seed: string;
  readonly bankrollYen: number;
  /** Ruin level as a fraction of the starting bankroll (a path is ruined below it). */
  readonly ruinLevel: number;
  readonly ruinLevelYen: number;
  /** Bound on the ruin probability for the recommendation. */
  readonly maxRuin: number;
}

/** The grid of Themis configurations. */
export interface SweepGrid {
  /** Config fields shared by every configuration (before defaults are filled). */
  readonly base: Readonly<Record<string, unknown>>;
  /** Field -> values; configurations are the cartesian product, first field outermost. */
  readonly fields: Readonly<Record<string, readonly unknown[]>>;
}

/** The content of summary.json. */
export interface SweepSummary {
  readonly format: 'keiba-sweep-summary';
  readonly version: 1;
  /** Derived from the hash of the inputs, source, grid and seed. */
  readonly sweepId: string;
  /** Set only when the caller fixes it (option `created`); absent otherwise, for byte-identical output. */
  readonly created?: string;
  readonly inputs: SweepInputs;
  readonly source: SourceInfo;
  readonly grid: SweepGrid;
  /** Themis configHash of each configuration, in `configs` order. */
  readonly configHashes: readonly string[];
  readonly recommendation: Recommendation;
  readonly configs: readonly ConfigStatistics[];
  /** Maximum-drawdown histogram bins (counts per config in ConfigStatistics.drawdownCounts). */
  readonly drawdownHistogram: { readonly edges: readonly number[] };
  readonly fan: FanData;
  /** How the final-multiple quantiles were computed ('exact': sorted per-path values, linear interpolation). */
  readonly quantileMethod: 'exact-type7';
}

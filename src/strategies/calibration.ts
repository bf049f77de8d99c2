/**
 * Calibration of win probabilities against outcomes (betting-math.md 7.2): mean log-loss per
 * race, mean multi-class Brier score per race, Benter's pseudo-R² (1 - L_model / L_uniform), and
 * a reliability table with Benter's bins (n, mean predicted, observed win rate, Z).
 * Layer: strategies (imports nothing from the project). Units: probabilities. Pure: an
 * accumulator filled race by race, so a replay needs no second pass.
 *
 * A race's outcome `y` gives each runner its share of the win: 1 for the winner, 1/k for each of
 * k dead-heaters. Log-loss is -Σ y_i ln p_i; a winner given probability 0 makes it infinite.
 */

/** Benter's calibration bins: .000-.010-.025-.050-.100-.150-.200-.250-.300-.400-1. */
export const BENTER_BINS: readonly number[] = [0, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 1];

/** One bin of the reliability table. */
export interface ReliabilityBin {
  /** Lower edge (inclusive) and upper edge (exclusive; the last bin includes 1). */
  readonly lo: number;
  readonly hi: number;
  /** Runners whose probability fell in the bin. */
  readonly n: number;
  /** Mean predicted probability (null for an empty bin). */
  readonly meanPredicted: number | null;
  /** Observed win rate: wins (dead-heat shares) / n (null for an empty bin). */
  readonly observed: number | null;
  /** (wins - Σp) / sqrt(Σ p(1-p)) (null when that variance is 0). */
  readonly z: number | null;
}

/** Calibration metrics over a set of races. Means are per race; undefined values are null. */
export interface CalibrationSummary {
  readonly races: number;
  readonly runners: number;
  readonly logLoss: number | null;
  readonly brier: number | null;
  readonly pseudoR2: number | null;
  readonly reliability: readonly ReliabilityBin[];
}

/** An accumulator of calibration metrics. */
export interface CalibrationAccumulator {
  /**
   * Adds one race: probabilities p and win shares y (same length, y summing to 1).
   * Races whose y sums to 0 (no winner among these runners) are skipped.
   */
  add(p: ArrayLike<number>, y: ArrayLike<number>): void;
  /** The metrics so far. */
  summary(): CalibrationSummary;
}

/**
 * A new, empty calibration accumulator.
 * Cost O(runners) per race; the table uses `bins` (default Benter's).
 * @throws nothing
 * @example
 * const c = createCalibration();
 * c.add([.5, .3, .15, .05], [0, 1, 0, 0]); c.add([.6, .3, .1], [1, 0, 0]);
 * c.summary() // { races: 2, logLoss: 0.857399, brier: 0.5125, pseudoR2: 0.309914, ... }
 */
export function createCalibration(bins: readonly number[] = BENTER_BINS): CalibrationAccumulator {
  const k = bins.length - 1;
  const n = new Float64Array(k);
  const sumP = new Float64Array(k);
  const sumVar = new Float64Array(k);
  const wins = new Float64Array(k);
  let races = 0;
  let runners = 0;
  let logLoss = 0;
  let brier = 0;
  let lUniform = 0;
  // The bin of p: the last b with p >= bins[b] (0 below the first edge). A table on a grid of
  // 1/1000 gives a guess for p in [0, 1], moved to the exact bin by comparisons with the edges.
  const GRID = 1000;
  const guess = new Uint8Array(GRID + 1);
  for (let g = 0, b = 0; g <= GRID; g++) {
    while (b + 1 < k && g / GRID >= bins[b + 1]) b++;
    guess[g] = b;
  }
  const binOf = (p: number): number => {
    let b = p >= 0 && p <= 1 ? guess[Math.floor(p * GRID)] : p > 1 ? k - 1 : 0;
    while (b + 1 < k && p >= bins[b + 1]) b++;
    while (b > 0 && !(p >= bins[b])) b--;
    return b;
  };
  return {
    add(p: ArrayLike<number>, y: ArrayLike<number>): void {
      const m = p.length;
      let ys = 0;
      for (let i = 0; i < m; i++) ys += y[i];
      if (!(ys > 0) || m === 0) return;
      races++;
      runners += m;
      let ll = 0;
      let br = 0;
      for (let i = 0; i < m; i++) {
        const yi = y[i] / ys;
        const pi = p[i];
        if (yi > 0) ll -= yi * Math.log(pi);
        br += (pi - yi) * (pi - yi);
        const b = binOf(pi);
        n[b]++;
        sumP[b] += pi;
        sumVar[b] += pi * (1 - pi);
        wins[b] += yi;
      }
      logLoss += ll;
      brier += br;
      lUniform += Math.log(m);
    },
    summary(): CalibrationSummary {
      const reliability: ReliabilityBin[] = [];
      for (let b = 0; b < k; b++) {
        reliability.push({
          lo: bins[b],
          hi: bins[b + 1],
          n: n[b],
          meanPredicted: n[b] > 0 ? sumP[b] / n[b] : null,
          observed: n[b] > 0 ? wins[b] / n[b] : null,
          z: sumVar[b] > 0 ? (wins[b] - sumP[b]) / Math.sqrt(sumVar[b]) : null,
        });
      }
      const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
      return {
        races,
        runners,
        logLoss: races > 0 ? finite(logLoss / races) : null,
        brier: races > 0 ? brier / races : null,
        pseudoR2: races > 0 && lUniform > 0 ? finite(1 - logLoss / lUniform) : null,
        reliability,
      };
    },
  };
}

/**
 * Calibration metrics of a list of races (the accumulator in one call).
 * @param races - each race's probabilities and win shares
 * @throws nothing
 * @example calibrationMetrics([{ p: [.5, .3, .15, .05], y: [0, 1, 0, 0] }]).logLoss // 1.203973
 */
export function calibrationMetrics(races: readonly { p: ArrayLike<number>; y: ArrayLike<number> }[], bins: readonly number[] = BENTER_BINS): CalibrationSummary {
  const c = createCalibration(bins);
  for (const r of races) c.add(r.p, r.y);
  return c.summary();
}

/**
 * The bootstrap confidence interval of a backtest's ROI, resampling races with replacement
 * (a race's tickets stay together, as their outcomes are dependent). Seeded: the same returns,
 * resamples and seed give the same interval. Layer: live (promote); pure.
 * Units: integer yen in, ROI as return / stake (1.0 is break-even).
 */
import seedrandom from 'seedrandom';

/** A bootstrapped ROI interval. */
export interface RoiInterval {
  /** ROI of the sample itself: sum of returns / sum of stakes. */
  readonly roi: number;
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
  readonly races: number;
  readonly resamples: number;
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const j = Math.min(i + 1, sorted.length - 1);
  return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
}

/**
 * Percentile bootstrap of ROI by race. Cost O(resamples * races).
 * @param stakeYen - stake of each race (all > 0)
 * @param returnYen - return of each race, parallel to stakeYen
 * @param o - two-sided confidence level, number of resamples and seed
 * @returns the interval, or undefined for no race
 * @throws RangeError when the arrays differ in length
 * @example bootstrapRoi([100, 100], [0, 300], { confidence: 0.95, resamples: 1000, seed: 's' })?.roi // 1.5
 */
export function bootstrapRoi(stakeYen: readonly number[], returnYen: readonly number[], o: { confidence: number; resamples: number; seed: string }): RoiInterval | undefined {
  const n = stakeYen.length;
  if (returnYen.length !== n) throw new RangeError(`bootstrapRoi: ${n} stakes but ${returnYen.length} returns`);
  if (n === 0) return undefined;
  let s = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    s += stakeYen[i];
    r += returnYen[i];
  }
  const rng = seedrandom(o.seed);
  const rois = new Float64Array(o.resamples);
  for (let b = 0; b < o.resamples; b++) {
    let bs = 0;
    let br = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(rng() * n);
      bs += stakeYen[i];
      br += returnYen[i];
    }
    rois[b] = br / bs;
  }
  rois.sort();
  const tail = (1 - o.confidence) / 2;
  return { roi: r / s, lo: quantileSorted(rois, tail), hi: quantileSorted(rois, 1 - tail), confidence: o.confidence, races: n, resamples: o.resamples };
}

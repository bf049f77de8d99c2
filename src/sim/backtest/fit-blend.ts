/**
 * Fits a blend strategy's (alpha, beta) on a training window: the races dated in
 * [trainFrom, testFrom), priced exactly as the replay prices them (candidates and odds at
 * decision time, the model renormalised over the candidates), with the official winners.
 * Only races strictly before the test window are read (the walk-forward guarantee).
 * Layer: sim (imports strategies, data). Units: probabilities. Pure.
 */
import type { Dataset } from '../../data/index.ts';
import {
  BLEND_MODEL_FLOOR,
  fitConditionalLogit,
  marketProbabilities,
  renormalisedModel,
  StrategyError,
  type LogitCoefficients,
  type LogitFit,
  type Strategy,
} from '../../strategies/index.ts';
import { decisionMarket, winShares, type DecisionOdds } from './decision-market.ts';
import type { ScheduleWindow } from './schedule.ts';

/** A fit with the window it used. */
export interface WindowFit extends LogitFit {
  readonly trainFrom: string;
  /** Last training date (the day before the test window). */
  readonly trainTo: string;
  readonly testFrom: string;
  readonly testTo: string;
}

/**
 * Fits (alpha, beta) on the races of positions [raceLo, raceHi) whose dates are in [trainFrom, testFrom).
 * Cost O(runners of the window x Newton iterations).
 * @param ds - the dataset
 * @param model - the model's probabilities aligned with runner rows (ds.predictions(model))
 * @param pre - decision-time odds of the replay (decisionOdds())
 * @param payoutRate - win payout ratio
 * @param trainFrom - first training date (inclusive)
 * @param testFrom - first test date (exclusive end of training)
 * @throws StrategyError STRATEGY_FIT_FAILED when no training race is usable or the fit fails,
 *   naming the window
 * @example fitWindow(ds, ds.predictions('model'), decisionOdds(ds, cutoffs), 0.8, '2024-01-01', '2025-01-01').alpha
 */
export function fitWindow(
  ds: Dataset,
  model: Float64Array,
  pre: DecisionOdds,
  payoutRate: number,
  trainFrom: string,
  testFrom: string,
): LogitFit {
  const dates = ds.races.date;
  const offsets: number[] = [0];
  const f: number[] = [];
  const pi: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < ds.races.length; r++) {
    const d = dates[r];
    if (d < trainFrom) continue;
    if (d >= testFrom) break; // races are in date order: nothing at or after the test window is read
    const m = decisionMarket(ds, r, pre, null, null);
    if (m.rows.length < 2) continue;
    const raw = new Float64Array(m.rows.length);
    for (let i = 0; i < m.rows.length; i++) raw[i] = model[m.rows[i]];
    const fm = renormalisedModel(raw, BLEND_MODEL_FLOOR);
    if (fm === null) continue;
    const ys = winShares(ds, m.rows);
    if (!ys.some((v) => v > 0)) continue;
    const q = marketProbabilities(m.odds, payoutRate);
    for (let i = 0; i < m.rows.length; i++) {
      f.push(Math.log(fm[i]));
      pi.push(Math.log(q[i]));
      y.push(ys[i]);
    }
    offsets.push(f.length);
  }
  if (offsets.length < 2) {
    throw new StrategyError('STRATEGY_FIT_FAILED', 'trainDays', trainFrom, `blend fit: no usable training race between ${trainFrom} and the day before ${testFrom}`);
  }
  try {
    return fitConditionalLogit({ offsets: Int32Array.from(offsets), f: Float64Array.from(f), pi: Float64Array.from(pi), y: Float64Array.from(y) });
  } catch (e) {
    if (e instanceof StrategyError) throw new StrategyError(e.code, e.field, e.value, `blend fit on ${trainFrom} .. before ${testFrom}: ${e.message}`);
    throw e;
  }
}

/**
 * The blend coefficients of one test window of the replay: the strategy's own (alpha, beta), or
 * (a blend with trainDays) a fit on the window's training races, recorded in `fits` with its
 * window; null for sources other than a blend.
 * @throws StrategyError STRATEGY_FIT_FAILED as fitWindow
 */
export function windowCoefficients(
  src: Strategy['source'],
  ds: Dataset,
  model: Float64Array | null,
  pre: DecisionOdds,
  payoutRate: number,
  w: ScheduleWindow,
  fits: WindowFit[],
): LogitCoefficients | null {
  if (src.kind !== 'blend') return null;
  if (src.trainDays === null) return { alpha: src.alpha!, beta: src.beta! };
  const fit = fitWindow(ds, model!, pre, payoutRate, w.trainFrom!, w.testFrom);
  const trainTo = new Date(Date.parse(`${w.testFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  fits.push({ ...fit, trainFrom: w.trainFrom!, trainTo, testFrom: w.testFrom, testTo: w.testTo });
  return fit;
}

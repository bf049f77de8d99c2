/**
 * Benter's combined (second-stage) model: c_i = exp(alpha f_i + beta pi_i) / Σ_j exp(alpha f_j + beta pi_j)
 * with f = ln(model probability) and pi = ln(public probability), and its maximum-likelihood fit
 * as a conditional logit over races (betting-math.md 7.1): Newton's method on (alpha, beta) with
 * the exact gradient and Hessian, step halving when the likelihood would fall.
 * Layer: strategies (imports its own errors). Units: probabilities, log probabilities. Pure.
 *
 * Races are given in CSR form: runners of race r are rows `offsets[r] .. offsets[r+1]-1`; `y`
 * holds each runner's share of the win (1 for the winner, 1/k for each of k dead-heaters, 0
 * otherwise; a race whose y sums to 0 is ignored).
 */
import { StrategyError } from './errors.ts';

/** Combination coefficients. */
export interface LogitCoefficients {
  readonly alpha: number;
  readonly beta: number;
}

/** Training races of a conditional-logit fit (CSR; see the header). */
export interface LogitTrainingSet {
  readonly offsets: Int32Array;
  /** ln(model probability) per runner. */
  readonly f: Float64Array;
  /** ln(public probability) per runner. */
  readonly pi: Float64Array;
  /** Win share per runner (sums to 1 over a race that counts). */
  readonly y: Float64Array;
}

/** The fitted coefficients with their diagnostics. */
export interface LogitFit extends LogitCoefficients {
  /** Races that counted (y summing to more than 0). */
  readonly races: number;
  /** Maximised log-likelihood Σ_races Σ_i y_i ln c_i. */
  readonly logLikelihood: number;
  /** Newton iterations used. */
  readonly iterations: number;
  /** Standard errors from the inverse observed information (NaN when it is singular). */
  readonly seAlpha: number;
  readonly seBeta: number;
}

/**
 * The combined probabilities of one race.
 * Cost O(n); computed with the maximum exponent subtracted, so extreme coefficients do not overflow.
 * @param f - model probabilities (> 0)
 * @param pub - public probabilities (> 0)
 * @param alpha - weight of ln f
 * @param beta - weight of ln pub
 * @param out - optional array to fill
 * @returns c, summing to 1
 * @throws StrategyError STRATEGY_BAD_PROBABILITIES when the inputs differ in length, are empty,
 *   or hold a probability that is not > 0
 * @example combineProbabilities([.5, .3, .15, .05], [.4, .35, .15, .10], .6, .9) // [.519298, .338934, .104308, .037460]
 */
export function combineProbabilities(f: ArrayLike<number>, pub: ArrayLike<number>, alpha: number, beta: number, out?: Float64Array): Float64Array {
  const n = f.length;
  if (n === 0 || pub.length !== n) {
    throw new StrategyError('STRATEGY_BAD_PROBABILITIES', 'f', n, `combineProbabilities: need two non-empty arrays of equal length (got ${n} and ${pub.length})`);
  }
  const c = out ?? new Float64Array(n);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const a = f[i];
    const b = pub[i];
    if (!(a > 0 && b > 0)) {
      throw new StrategyError('STRATEGY_BAD_PROBABILITIES', `f[${i}]`, a > 0 ? b : a, `combineProbabilities: runner ${i} has a probability that is not > 0 (model ${a}, public ${b})`);
    }
    c[i] = alpha * Math.log(a) + beta * Math.log(b);
    if (c[i] > max) max = c[i];
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    c[i] = Math.exp(c[i] - max);
    s += c[i];
  }
  for (let i = 0; i < n; i++) c[i] /= s;
  return c;
}

/** Log-likelihood, gradient and Hessian at (a, b). */
function evaluate(t: LogitTrainingSet, a: number, b: number): { ll: number; g0: number; g1: number; h00: number; h01: number; h11: number; races: number } {
  const { offsets, f, pi, y } = t;
  let ll = 0;
  let g0 = 0;
  let g1 = 0;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  let races = 0;
  for (let r = 0; r + 1 < offsets.length; r++) {
    const lo = offsets[r];
    const hi = offsets[r + 1];
    let ys = 0;
    for (let i = lo; i < hi; i++) ys += y[i];
    if (!(ys > 0)) continue;
    races++;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = lo; i < hi; i++) {
      const u = a * f[i] + b * pi[i];
      if (u > max) max = u;
    }
    let z = 0;
    let m0 = 0;
    let m1 = 0;
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    for (let i = lo; i < hi; i++) {
      const w = Math.exp(a * f[i] + b * pi[i] - max);
      z += w;
      m0 += w * f[i];
      m1 += w * pi[i];
      s00 += w * f[i] * f[i];
      s01 += w * f[i] * pi[i];
      s11 += w * pi[i] * pi[i];
    }
    m0 /= z;
    m1 /= z;
    const logZ = max + Math.log(z);
    for (let i = lo; i < hi; i++) {
      if (y[i] === 0) continue;
      ll += (y[i] / ys) * (a * f[i] + b * pi[i] - logZ);
      g0 += (y[i] / ys) * f[i];
      g1 += (y[i] / ys) * pi[i];
    }
    g0 -= m0;
    g1 -= m1;
    h00 -= s00 / z - m0 * m0;
    h01 -= s01 / z - m0 * m1;
    h11 -= s11 / z - m1 * m1;
  }
  return { ll, g0, g1, h00, h01, h11, races };
}

/**
 * Fits alpha and beta by maximum likelihood (conditional logit, Newton on 2 parameters).
 * Cost O(iterations x runners); converges in a handful of iterations (the log-likelihood is
 * concave). Starts at (0.5, 0.5) and stops when the Newton step is below 1e-10.
 * @param t - the training races
 * @param maxIterations - default 100
 * @returns the coefficients, the log-likelihood and standard errors
 * @throws StrategyError STRATEGY_FIT_FAILED when no race has a winner, when a value is not
 *   finite, or when the information matrix is singular (e.g. f and pi identical in every race)
 * @example fitConditionalLogit(set).alpha // close to the alpha that generated the winners
 */
export function fitConditionalLogit(t: LogitTrainingSet, maxIterations = 100): LogitFit {
  const n = t.f.length;
  if (t.pi.length !== n || t.y.length !== n || t.offsets.length < 1 || t.offsets[t.offsets.length - 1] !== n) {
    throw new StrategyError('STRATEGY_FIT_FAILED', 'offsets', t.offsets.length, 'fitConditionalLogit: offsets, f, pi and y do not fit together');
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(t.f[i]) || !Number.isFinite(t.pi[i]) || !(t.y[i] >= 0)) {
      throw new StrategyError('STRATEGY_FIT_FAILED', `row ${i}`, [t.f[i], t.pi[i], t.y[i]], `fitConditionalLogit: row ${i} holds a value that is not finite (ln model ${t.f[i]}, ln public ${t.pi[i]}, y ${t.y[i]})`);
    }
  }
  let a = 0.5;
  let b = 0.5;
  let e = evaluate(t, a, b);
  if (e.races === 0) throw new StrategyError('STRATEGY_FIT_FAILED', 'races', 0, 'fitConditionalLogit: no training race has a winner');
  let it = 0;
  for (; it < maxIterations; it++) {
    const det = e.h00 * e.h11 - e.h01 * e.h01;
    if (!(det > 0) || !Number.isFinite(det)) {
      throw new StrategyError('STRATEGY_FIT_FAILED', 'hessian', det, `fitConditionalLogit: the information matrix is singular on ${e.races} races (model and public probabilities carry the same information)`);
    }
    // Newton step d = -H^{-1} g
    const d0 = -(e.h11 * e.g0 - e.h01 * e.g1) / det;
    const d1 = -(-e.h01 * e.g0 + e.h00 * e.g1) / det;
    let step = 1;
    let next = evaluate(t, a + d0, b + d1);
    while (next.ll < e.ll - 1e-12 * Math.abs(e.ll) && step > 1e-6) {
      step /= 2;
      next = evaluate(t, a + step * d0, b + step * d1);
    }
    a += step * d0;
    b += step * d1;
    e = next;
    if (Math.abs(step * d0) < 1e-10 && Math.abs(step * d1) < 1e-10) {
      it++;
      break;
    }
  }
  const det = e.h00 * e.h11 - e.h01 * e.h01;
  const seAlpha = det > 0 ? Math.sqrt(-e.h11 / det) : Number.NaN;
  const seBeta = det > 0 ? Math.sqrt(-e.h00 / det) : Number.NaN;
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new StrategyError('STRATEGY_FIT_FAILED', 'alpha', a, 'fitConditionalLogit: the fit diverged');
  }
  return { alpha: a, beta: b, races: e.races, logLikelihood: e.ll, iterations: it, seAlpha, seBeta };
}

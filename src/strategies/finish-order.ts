/**
 * Finish-order distributions from win probabilities: Harville (successive renormalisation) and
 * the Benter / Lo-Bacon-Shone discounted variant (betting-math.md section 3.4).
 * Layer: strategies (imports themis types and its own errors). Units: probabilities; runners
 * are saddle numbers. Pure: no I/O, no clock, no randomness.
 *
 * Both produce the ordered top-3 outcomes of the field, runners ascending by saddle number and
 * outcomes in lexicographic order of (first, second, third) runner positions:
 * P(i, j, k) = p_i * s_j / S(not i) * t_k / T(not i, j), with s = t = p for Harville and
 * s ∝ p^gamma, t ∝ p^delta for the discounted model. The denominators are sums over the remaining
 * runners (not 1 - p_i), so the probabilities sum to 1 up to rounding; when the remaining weight
 * is 0 the next place is shared uniformly among the remaining runners.
 */
import type { FinishOrderDistribution } from '../themis/outcomes.ts';
import { StrategyError } from './errors.ts';

/** Tolerance on the sum of the win probabilities of a field. */
export const WIN_PROBS_SUM_TOLERANCE = 1e-9;

/**
 * Harville finish-order distribution: P(i,j,k) = p_i * p_j/(1 - p_i) * p_k/(1 - p_i - p_j).
 * n(n-1)(n-2) outcomes for n >= 3 runners (4,896 for 18), n(n-1) with third = 0 for 2 runners,
 * one outcome (second = third = 0) for a single runner. Cost O(n^3).
 *
 * @param winProbs - saddle number (integer 1-99) -> win probability; finite, in [0, 1], summing
 *   to 1 within 1e-9
 * @param reuse - a distribution no longer needed whose outcome arrays are overwritten when they
 *   have the length needed (3 runners or more), instead of allocating new ones
 * @returns the distribution, runners ascending
 * @throws StrategyError STRATEGY_BAD_PROBABILITIES naming the runner (or the sum),
 *   STRATEGY_BAD_RUNNER for a saddle number outside 1-99 or an empty field
 * @example
 * const d = harvilleDistribution(new Map([[1, 0.5], [2, 0.3], [3, 0.2]]));
 * // d.first  = [1, 1, 2, 2, 3, 3], d.second = [2, 3, 1, 3, 1, 2], d.third = [3, 2, 3, 1, 2, 1]
 * // d.prob   = [0.3, 0.2, 0.214286, 0.085714, 0.125, 0.075]
 */
export function harvilleDistribution(winProbs: ReadonlyMap<number, number>, reuse?: FinishOrderDistribution): FinishOrderDistribution {
  const { runners, p } = readWinProbs(winProbs);
  return build(runners, p, p, p, reuse);
}

/**
 * Benter-discounted Harville distribution: P(i,j,k) = p_i * s_j/(1 - s_i) * t_k/(1 - t_i - t_j)
 * with s_i ∝ p_i^gamma and t_i ∝ p_i^delta, each normalised over the field. gamma = delta = 1 is
 * Harville. Defaults are Benter's Hong Kong 1986-93 estimates (refit them on JRA data).
 * Same outcome layout as harvilleDistribution. Cost O(n^3).
 *
 * @param winProbs - saddle number -> win probability (as for harvilleDistribution)
 * @param gamma - exponent of the second-place strengths, finite and >= 0
 * @param delta - exponent of the third-place strengths, finite and >= 0
 * @param reuse - as for harvilleDistribution
 * @throws StrategyError STRATEGY_BAD_PROBABILITIES, STRATEGY_BAD_RUNNER as harvilleDistribution;
 *   STRATEGY_BAD_PARAMETER for a bad gamma or delta
 * @example
 * const d = discountedHarvilleDistribution(new Map([[1, .4], [2, .3], [3, .2], [4, .1]]));
 * // P(1 first, 2 second, 3 third) = d.prob[0] = 0.114657
 */
export function discountedHarvilleDistribution(
  winProbs: ReadonlyMap<number, number>,
  gamma = 0.81,
  delta = 0.65,
  reuse?: FinishOrderDistribution,
): FinishOrderDistribution {
  checkExponent('gamma', gamma);
  checkExponent('delta', delta);
  const { runners, p } = readWinProbs(winProbs);
  return build(runners, p, strengths(p, gamma), strengths(p, delta), reuse);
}

/**
 * The outcome probabilities of harvilleDistribution, bit for bit, as a dense cube by runner
 * positions (runners ascending): `prob[(i * n + j) * n + k]` = P(i first, j second, k third) for
 * distinct i, j, k; entries with a repeated position are left as they were. For callers that sum
 * the distribution per combination, without the outcome lists. Fields of 3 runners or more.
 * Cost O(n^3).
 * @param winProbs - as for harvilleDistribution
 * @param reuse - an array of at least n^3 entries to write into (else a new one)
 * @throws StrategyError as harvilleDistribution; STRATEGY_BAD_RUNNER for fewer than 3 runners
 * @example harvilleTopThree(new Map([[1, 0.5], [2, 0.3], [3, 0.2]])).prob[(0 * 3 + 1) * 3 + 2] // 0.3
 */
export function harvilleTopThree(winProbs: ReadonlyMap<number, number>, reuse?: Float64Array): { runners: Int32Array; prob: Float64Array } {
  const { runners, p } = readWinProbs(winProbs);
  const n = runners.length;
  if (n < 3) throw new StrategyError('STRATEGY_BAD_RUNNER', 'winProbs', n, `harvilleTopThree: the field has ${n} runners (3 or more needed)`);
  const prob = reuse !== undefined && reuse.length >= n * n * n ? reuse : new Float64Array(n * n * n);
  topThree(p, p, p, prob, null);
  return { runners, prob };
}

function checkExponent(name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new StrategyError('STRATEGY_BAD_PARAMETER', name, v, `discountedHarvilleDistribution: ${name} must be a finite number >= 0, got ${String(v)}`);
  }
}

/** p^e normalised over the field (0 stays 0 for e > 0). */
function strengths(p: Float64Array, e: number): Float64Array {
  const s = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    s[i] = p[i] === 0 && e > 0 ? 0 : Math.pow(p[i], e);
    sum += s[i];
  }
  for (let i = 0; i < p.length; i++) s[i] /= sum;
  return s;
}

/** Validated runners (ascending) and their win probabilities. */
function readWinProbs(winProbs: ReadonlyMap<number, number>): { runners: Int32Array; p: Float64Array } {
  const entries = [...winProbs.entries()].sort((x, y) => x[0] - y[0]);
  if (entries.length === 0) {
    throw new StrategyError('STRATEGY_BAD_RUNNER', 'winProbs', 0, 'finish-order distribution: the field is empty');
  }
  const n = entries.length;
  const runners = new Int32Array(n);
  const p = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [r, v] = entries[i];
    if (!Number.isInteger(r) || r < 1 || r > 99) {
      throw new StrategyError('STRATEGY_BAD_RUNNER', 'winProbs', r, `finish-order distribution: runner ${String(r)} is not a saddle number 1-99`);
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new StrategyError(
        'STRATEGY_BAD_PROBABILITIES',
        `winProbs[${r}]`,
        v,
        `finish-order distribution: runner ${r} has win probability ${String(v)} (expected a finite number in [0, 1])`,
      );
    }
    runners[i] = r;
    p[i] = v;
    sum += v;
  }
  if (!(Math.abs(sum - 1) <= WIN_PROBS_SUM_TOLERANCE)) {
    throw new StrategyError(
      'STRATEGY_BAD_PROBABILITIES',
      'winProbs',
      sum,
      `finish-order distribution: win probabilities sum to ${sum}, not 1 (tolerance ${WIN_PROBS_SUM_TOLERANCE})`,
    );
  }
  return { runners, p };
}

/** The distribution for first-place weights p, second-place s and third-place t. */
function build(runners: Int32Array, p: Float64Array, s: Float64Array, t: Float64Array, reuse: FinishOrderDistribution | undefined): FinishOrderDistribution {
  const n = runners.length;
  if (n === 1) {
    return { runners, first: Int32Array.of(runners[0]), second: new Int32Array(1), third: new Int32Array(1), prob: Float64Array.of(1) };
  }
  const m = n === 2 ? 2 : n * (n - 1) * (n - 2);
  // Every entry is written below when n >= 3 (with 2 runners third stays 0: fresh arrays only).
  const fits = reuse !== undefined && n >= 3 && reuse.prob.length === m && reuse.first.length === m && reuse.second.length === m && reuse.third.length === m;
  const first = fits ? reuse.first : new Int32Array(m);
  const second = fits ? reuse.second : new Int32Array(m);
  const third = fits ? reuse.third : new Int32Array(m);
  const prob = fits ? reuse.prob : new Float64Array(m);
  if (n === 2) {
    // Each runner first with its win probability, the other second (third stays 0).
    for (let w = 0; w < 2; w++) {
      first[w] = runners[w];
      second[w] = runners[1 - w];
      prob[w] = p[w];
    }
    return { runners, first, second, third, prob };
  }
  topThree(p, s, t, null, { runners, first, second, third, prob });
  return { runners, first, second, third, prob };
}

/** Outcome lists being written: outcome w is runners first[w], second[w], third[w] with probability prob[w]. */
interface OutcomeLists {
  readonly runners: Int32Array;
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly third: Int32Array;
  readonly prob: Float64Array;
}

/**
 * P(i first, j second, k third) = p_i * s_j / S(not i) * t_k / T(not i, j) for distinct runner
 * positions i, j, k (n = p.length >= 3), in lexicographic order of (i, j, k): written at
 * cube[(i * n + j) * n + k] when a cube is given (other entries left as they were), and/or as
 * the next outcome of `lists`. The denominators are sums over the remaining runners; when the
 * remaining weight is 0 the place is shared uniformly among the remaining runners.
 */
function topThree(p: Float64Array, s: Float64Array, t: Float64Array, cube: Float64Array | null, lists: OutcomeLists | null): void {
  const n = p.length;
  let sTotal = 0;
  for (let i = 0; i < n; i++) sTotal += s[i];
  let w = 0;
  // before[j]: the sum of t over the runners before j other than i, added in order; the sum of t
  // over all runners but i and j then continues from it (the same additions in the same order
  // as sumExcept(t, i, j), about half of them).
  if (tBefore.length < n + 1) tBefore = new Float64Array(2 * n + 2);
  const before = tBefore;
  for (let i = 0; i < n; i++) {
    const sRest = sTotal - s[i] > 0 ? sumExcept(s, i, -1) : 0;
    let run = 0;
    for (let k = 0; k < n; k++) {
      before[k] = run;
      if (k !== i) run += t[k];
    }
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const pij = p[i] * (sRest > 0 ? s[j] / sRest : 1 / (n - 1));
      let tRest = before[j];
      for (let k = j + 1; k < n; k++) if (k !== i) tRest += t[k];
      const row = (i * n + j) * n;
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        const v = pij * (tRest > 0 ? t[k] / tRest : 1 / (n - 2));
        if (cube !== null) cube[row + k] = v;
        if (lists !== null) {
          lists.first[w] = lists.runners[i];
          lists.second[w] = lists.runners[j];
          lists.third[w] = lists.runners[k];
          lists.prob[w++] = v;
        }
      }
    }
  }
}

/** topThree's sums of t before each runner, reused from call to call. */
let tBefore = new Float64Array(0);

function sumExcept(x: Float64Array, i: number, j: number): number {
  let sum = 0;
  for (let k = 0; k < x.length; k++) if (k !== i && k !== j) sum += x[k];
  return sum;
}

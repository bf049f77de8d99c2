/**
 * Exact simultaneous Kelly allocation over one pool of mutually exclusive outcomes (win bets on
 * several runners; also quinella, exacta, trio, trifecta or bracket quinella tickets of one pool).
 * Layer: themis (imports nothing from the project). Units: fractions of the bankroll, decimal
 * odds (payout per 1 yen staked, stake included). Pure except for a private, reused index
 * buffer; allocation-free when `out` is given (after the first call of a given size).
 *
 * Algorithm (Kelly 1956; explicit form Smoczynski & Tomkins 2010; betting-math.md section 2.1):
 * sort candidates by expected revenue rate er = p * o descending; add them while er > R_S,
 * with R_S = (1 - P) / (1 - Q), P and Q the running sums of p and 1/o over the added set;
 * stake f_k = p_k - R_S / o_k on the added set. Unbet cash is exactly R_S.
 */
import { ThemisError } from './errors.ts';

/** Reused index buffer for the sort (grown on demand, never shrunk). */
let order = new Int32Array(32);

/**
 * Full-Kelly fractions of the bankroll for mutually exclusive outcomes of one pool.
 *
 * Only candidates, the outcomes with `p[k] * odds[k] > evThreshold`, take part: the algorithm
 * runs over them alone and every other entry of the result is 0. With `evThreshold = 0` every
 * outcome with a positive expected return is a candidate, so hedge bets with `p * o < 1` can
 * appear (betting-math.md vector V3). Preconditions (checked by the callers that validate
 * input, not here): probabilities in [0, 1] summing to at most 1, odds finite and >= 1.
 * A NaN entry is never a candidate. Cost O(c^2) in the number c of candidates (insertion sort;
 * c <= 18 in a win pool), O(n) otherwise.
 *
 * @param p - win (hit) probability of each outcome
 * @param odds - decimal odds of each outcome, same length as `p`
 * @param evThreshold - a candidate needs `p * odds` strictly above it
 * @param out - optional result array (length >= p.length); entries past p.length are untouched
 * @returns `out` (or a new array) holding the full-Kelly fraction of each outcome, 0 for
 *   non-candidates; their sum is `1 - R_S` < 1
 * @throws ThemisError THEMIS_BAD_INPUT when `odds` or `out` is shorter than `p`
 * @example
 * kellyExclusive([0.3, 0.2, 0.25, 0.17, 0.08], [2.2, 3.3, 4.4, 5.7, 10], 0)
 * // Float64Array [0, 0, 0.029411..., 0, 0]   (vector V1: only runner 3 is bet)
 */
export function kellyExclusive(
  p: ArrayLike<number>,
  odds: ArrayLike<number>,
  evThreshold: number,
  out?: Float64Array,
): Float64Array {
  const n = p.length;
  if (odds.length < n) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'odds', odds.length, `kellyExclusive: odds has ${odds.length} entries, p has ${n}`);
  }
  if (out !== undefined && out.length < n) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'out', out.length, `kellyExclusive: out has ${out.length} entries, p has ${n}`);
  }
  const f = out ?? new Float64Array(n);
  if (order.length < n) order = new Int32Array(Math.max(n, order.length * 2));
  const idx = order;

  // Collect candidates and insertion-sort them by er descending (stable: ties keep input order).
  let c = 0;
  for (let k = 0; k < n; k++) {
    f[k] = 0;
    const er = p[k] * odds[k];
    if (er > evThreshold) {
      let j = c;
      while (j > 0 && p[idx[j - 1]] * odds[idx[j - 1]] < er) {
        idx[j] = idx[j - 1];
        j--;
      }
      idx[j] = k;
      c++;
    }
  }
  if (c === 0) return f;

  // Add candidates while their er exceeds the reserve rate R_S.
  let sumP = 0;
  let sumInvO = 0;
  let reserve = 1;
  let added = 0;
  for (; added < c; added++) {
    const k = idx[added];
    const pk = p[k];
    const ok = odds[k];
    if (!(pk * ok > reserve)) break;
    const q = sumInvO + 1 / ok;
    if (!(q < 1)) break; // cannot happen when sum p <= 1; guards bad input without a division by 0
    sumP += pk;
    sumInvO = q;
    reserve = (1 - sumP) / (1 - sumInvO);
  }
  for (let i = 0; i < added; i++) {
    const k = idx[i];
    const fk = p[k] - reserve / odds[k];
    f[k] = fk > 0 ? fk : 0;
  }
  return f;
}

/**
 * Expected log growth of the bankroll under an allocation of fractions. Layer: themis
 * (imports nothing from the project). Units: fractions of the bankroll, decimal odds. Pure.
 */

/**
 * Expected log growth `E ln W` of a fractional allocation over mutually exclusive outcomes
 * (one pool): `sum_k p_k ln(1 - F + f_k o_k) + (1 - sum_{f_k>0} p_k) ln(1 - F)`, F = sum f,
 * summing over the bet outcomes (betting-math.md 2.3). Outcomes not bet leave wealth at
 * `1 - F`. Returns -Infinity when some outcome of positive probability leaves no wealth.
 * O(n), allocation-free.
 * @param p - probability of each outcome
 * @param odds - decimal odds of each outcome
 * @param f - fraction staked on each outcome (>= 0, sum <= 1)
 * @throws nothing
 * @example growthExclusive([0.3, 0.2, 0.25, 0.17, 0.08], [2.2, 3.3, 4.4, 5.7, 10], [0, 0, 1 / 34, 0, 0]) // 0.0014378...
 */
export function growthExclusive(p: ArrayLike<number>, odds: ArrayLike<number>, f: ArrayLike<number>): number {
  const n = p.length;
  let total = 0;
  for (let k = 0; k < n; k++) total += f[k];
  if (total === 0) return 0;
  const cash = 1 - total;
  let g = 0;
  let pBet = 0;
  for (let k = 0; k < n; k++) {
    if (f[k] > 0) {
      if (p[k] > 0) g += p[k] * Math.log(cash + f[k] * odds[k]);
      pBet += p[k];
    }
  }
  const pMiss = 1 - pBet;
  if (pMiss > 1e-15) g += pMiss * Math.log(cash);
  return g;
}

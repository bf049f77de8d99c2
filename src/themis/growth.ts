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

/**
 * Expected log growth `E ln W` of a fractional allocation over tickets that can win together,
 * on a finishing-order distribution: `sum_w prob_w ln(1 - F + sum_j f_j odds_j [j hits in w])
 * + (1 - sum_w prob_w) ln(1 - F)` (betting-math.md 3.1), with fixed odds per ticket.
 * O(m + total hits); allocates one Float64Array of m outcomes.
 * @param prob - probability of each outcome (m entries)
 * @param odds - decimal odds of each ticket
 * @param hits - CSR hit lists of the tickets over the m outcomes (`offsets` has one entry per ticket plus one)
 * @param f - fraction staked on each ticket (>= 0, sum <= 1)
 * @throws nothing
 * @example
 * // T2 of betting-math 3.3: outcomes A wins .30 / A 2nd-3rd .35 / A out .35; win 4.0, place 1.8
 * growthJoint(Float64Array.of(0.3, 0.35, 0.35), [4, 1.8], { offsets: Int32Array.of(0, 1, 3), outcomes: Int32Array.of(0, 0, 1) }, [0.013636, 0.198864])
 * // 0.018615...
 */
export function growthJoint(
  prob: ArrayLike<number>,
  odds: ArrayLike<number>,
  hits: { readonly offsets: Int32Array; readonly outcomes: Int32Array },
  f: ArrayLike<number>,
): number {
  const nT = hits.offsets.length - 1;
  let total = 0;
  for (let j = 0; j < nT; j++) total += f[j];
  if (total === 0) return 0;
  const cash = 1 - total;
  const m = prob.length;
  const wealth = new Float64Array(m).fill(cash);
  for (let j = 0; j < nT; j++) {
    const gain = f[j] * odds[j];
    if (gain === 0) continue;
    for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) wealth[hits.outcomes[k]] += gain;
  }
  let g = 0;
  let mass = 0;
  // ln(1 - F) once for the outcomes no bet pays in (the same value Math.log gives each time).
  const lnCash = Math.log(cash);
  for (let w = 0; w < m; w++) {
    const q = prob[w];
    if (q > 0) {
      const x = wealth[w];
      g += q * (x === cash ? lnCash : Math.log(x));
      mass += q;
    }
  }
  const rest = 1 - mass;
  if (rest > 1e-12) g += rest * lnCash;
  return g;
}

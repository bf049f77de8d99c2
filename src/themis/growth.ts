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
 * O(m + total hits); no allocation (a work array and a memo of logarithms reused from call to call).
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
  if (wealthWork.length < m) wealthWork = new Float64Array(Math.max(m, 2 * wealthWork.length));
  const wealth = wealthWork.subarray(0, m).fill(cash);
  for (let j = 0; j < nT; j++) {
    const gain = f[j] * odds[j];
    if (gain === 0) continue;
    for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) wealth[hits.outcomes[k]] += gain;
  }
  let g = 0;
  let mass = 0;
  // ln(1 - F) once for the outcomes no bet pays in, and each other wealth's logarithm once: the
  // outcomes in which the same tickets pay share their wealth (the same value Math.log gives
  // each time, so the sum is the same).
  const lnCash = Math.log(cash);
  logMemoClear();
  for (let w = 0; w < m; w++) {
    const q = prob[w];
    if (q > 0) {
      const x = wealth[w];
      g += q * (x === cash ? lnCash : logMemo(x));
      mass += q;
    }
  }
  const rest = 1 - mass;
  if (rest > 1e-12) g += rest * lnCash;
  return g;
}

/** growthJoint's wealth per outcome, reused from call to call (pure as a function). */
let wealthWork = new Float64Array(0);

/**
 * Math.log memoised by argument for one growthJoint call: an open-addressing table on the bits of
 * the double (a wealth repeats in every outcome where the same tickets pay).
 */
const MEMO_SIZE = 2048;
const memoKey = new Float64Array(MEMO_SIZE);
const memoLog = new Float64Array(MEMO_SIZE);
const memoStamp = new Int32Array(MEMO_SIZE);
let memoCall = 0;
let memoUsed = 0;
const bits = new Float64Array(1);
const bitsHalves = new Int32Array(bits.buffer);

function logMemoClear(): void {
  memoCall = memoCall === 0x7fffffff ? 1 : memoCall + 1;
  if (memoCall === 1) memoStamp.fill(0);
  memoUsed = 0;
}

function logMemo(x: number): number {
  // A full table (more distinct values than it holds at half load) is not extended: Math.log.
  if (memoUsed >= MEMO_SIZE >> 1) return Math.log(x);
  bits[0] = x;
  let i = (Math.imul(bitsHalves[0] ^ Math.imul(bitsHalves[1], 0x9e3779b1), 0x85ebca6b) >>> 21) & (MEMO_SIZE - 1);
  for (;;) {
    if (memoStamp[i] !== memoCall) {
      const v = Math.log(x);
      memoStamp[i] = memoCall;
      memoKey[i] = x;
      memoLog[i] = v;
      memoUsed++;
      return v;
    }
    if (memoKey[i] === x) return memoLog[i];
    i = (i + 1) & (MEMO_SIZE - 1);
  }
}

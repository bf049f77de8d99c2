/**
 * Cover's multiplicative update for the joint Kelly problem (Cover 1984; betting-math.md
 * section 3.3): a slow but trivially correct reference solver, used to check jointKelly.
 * Layer: themis (imports only Themis files). Units: fractions of the bankroll, decimal odds.
 * Pure.
 *
 * Cash is asset 0 (pays 1 in every outcome); the portfolio b over cash and tickets stays on the
 * simplex and each step sets b_i <- b_i E[a_i / W(b)], which never decreases the growth.
 * Losing tickets decay towards 0 only geometrically, never reaching it.
 */
import { ThemisError } from './errors.ts';
import { expectedLogGrowth, type JointKellyProblem } from './joint-kelly.ts';

/** Result of coverKelly. */
export interface CoverKellyResult {
  /** Fraction of the bankroll per ticket (all positive: the update never reaches 0). */
  fractions: Float64Array;
  /** Expected log growth at `fractions`. */
  growth: number;
}

/**
 * Runs `iterations` steps of Cover's update from the portfolio half in cash, half spread evenly
 * over the tickets. Budget 1 only. Cost O(iterations * (m + hits)).
 * @param problem - the joint Kelly problem (as for jointKelly; probabilities used as given)
 * @param iterations - number of updates (default 2,000)
 * @returns the fractions and their growth
 * @throws ThemisError THEMIS_BAD_INPUT for a bad iteration count or mismatched sizes
 * @example coverKelly(T1, 20000).fractions // ~[0, 0.29719, 0.0375, 0] (to about 1e-6)
 */
export function coverKelly(problem: JointKellyProblem, iterations = 2000): CoverKellyResult {
  if (!(Number.isInteger(iterations) && iterations >= 0)) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'iterations', iterations, `coverKelly: iterations must be an integer >= 0, got ${String(iterations)}`);
  }
  const { outcomeProb: pi, odds, hits } = problem;
  const nT = odds.length;
  const m = pi.length;
  if (hits.offsets.length !== nT + 1 || hits.outcomeCount !== m) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'hits', hits.offsets.length - 1, `coverKelly: hit lists do not match ${nT} tickets and ${m} outcomes`);
  }
  const b = new Float64Array(nT);
  let cash = nT > 0 ? 0.5 : 1;
  for (let j = 0; j < nT; j++) b[j] = 0.5 / nT;
  const W = new Float64Array(m);
  const inv = new Float64Array(m);
  for (let it = 0; it < iterations; it++) {
    W.fill(cash);
    for (let j = 0; j < nT; j++) {
      const s = b[j] * odds[j];
      for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) W[hits.outcomes[k]] += s;
    }
    let cashRate = 0;
    for (let w = 0; w < m; w++) {
      inv[w] = pi[w] > 0 ? pi[w] / W[w] : 0;
      cashRate += inv[w];
    }
    let total = cash * cashRate;
    for (let j = 0; j < nT; j++) {
      let s = 0;
      for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) s += inv[hits.outcomes[k]];
      b[j] *= odds[j] * s;
      total += b[j];
    }
    cash *= cashRate;
    // Renormalise against rounding (and outcome probabilities summing slightly off 1).
    cash /= total;
    for (let j = 0; j < nT; j++) b[j] /= total;
  }
  return { fractions: b, growth: expectedLogGrowth(problem, b) };
}

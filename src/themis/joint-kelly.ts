/**
 * Joint (simultaneous) Kelly fractions for tickets of one race that can pay together: several
 * bet types, place and wide tickets (betting-math.md sections 3.1-3.3). Layer: themis (imports
 * only Themis files). Units: fractions of the bankroll, decimal odds (payout per 1 yen staked,
 * stake included), fixed odds (own-stake impact and dead heats ignored). Pure.
 *
 * Problem: maximise G(f) = sum_w pi_w ln(1 - sum_j f_j + sum_j f_j a_jw) over f >= 0,
 * sum f <= budget, with a_jw = odds_j when ticket j pays in outcome w and 0 otherwise.
 * G is concave; its maximum is unique (the maximiser need not be when tickets are redundant).
 * Solver: outcome merging (joint-kelly-compress.ts) then an active-set projected Newton method
 * (joint-kelly-newton.ts). kktConditions is the optimality oracle of section 3.2.
 */
import { ThemisError } from './errors.ts';
import { isCheckedHitLists, type HitLists } from './outcomes.ts';
import { compressProblem } from './joint-kelly-compress.ts';
import { solveCompressed } from './joint-kelly-newton.ts';

/** A joint Kelly problem: outcome probabilities, ticket odds and where each ticket pays. */
export interface JointKellyProblem {
  /** Probability of each outcome (finite, >= 0, summing to 1 within 1e-6). */
  outcomeProb: Float64Array;
  /** Decimal odds of each ticket (finite, > 0; tickets with odds <= 1 never get a stake). */
  odds: Float64Array;
  /** Outcomes in which each ticket pays (hitLists); `hits.outcomeCount = outcomeProb.length`. */
  hits: HitLists;
}

/** Options of jointKelly. */
export interface JointKellyOptions {
  /** KKT tolerance on the gradient (E[a_j/W] - E[1/W]); default 1e-10. */
  tolerance?: number;
  /** Newton iterations allowed; default 500. */
  maxIterations?: number;
  /** Cap on the total fraction staked, in [0, 1]; default 1. */
  budget?: number;
}

/** Result of jointKelly. */
export interface JointKellyResult {
  /** Full-Kelly fraction of the bankroll per ticket (exactly 0 for tickets not bet). */
  fractions: Float64Array;
  /** Expected log growth G at `fractions` (>= 0). */
  growth: number;
  /** Newton iterations used. */
  iterations: number;
  /** maxViolation of kktConditions at `fractions` (about 1e-10 or less when converged). */
  kktResidual: number;
}

/** Values of the KKT conditions at a point (betting-math.md section 3.2). */
export interface KktConditions {
  /** E[a_j / W] per ticket: <= 1, and = 1 where f_j > 0 (budget 1). */
  ticket: Float64Array;
  /** E[1 / W]: <= 1, and = 1 while unbet cash remains (budget 1). */
  cash: number;
  /** Largest violation of the conditions (0 at the optimum); Infinity if some W_w <= 0. */
  maxViolation: number;
}

/** Fractions below this are reported as exactly 0. */
export const JOINT_KELLY_ZERO_FRACTION = 1e-12;
/** Tolerance on the sum of the outcome probabilities. */
export const OUTCOME_PROBS_SUM_TOLERANCE = 1e-6;

/**
 * Full-Kelly fractions of the bankroll for tickets of one race that may pay together.
 *
 * Exact to the tolerance in the KKT conditions; W_w > 0 in every outcome of positive probability.
 * Outcomes with identical paying-ticket sets are merged first; tickets with odds <= 1, with no
 * chance to pay, or paying exactly where a ticket with better odds pays get 0 (between equal
 * twins the first one is kept). When tickets are redundant (a quinella and both of its exactas at
 * harmonic odds) the growth is still maximal but the split between them is one of many.
 * Cost: O(m + hits) to merge outcomes, then Newton iterations whose dense part is the tickets
 * that overlap others (typically 15-25 iterations); an 18-runner race with 200-300 candidate
 * tickets of all eight bet types takes a few milliseconds.
 *
 * @param problem - outcome probabilities, ticket odds and hit lists
 * @param options - tolerance, iteration cap and budget (total fraction cap)
 * @returns fractions per ticket, growth, iterations and the final KKT residual; if the iteration
 *   cap is hit first, the best point found (check `kktResidual`)
 * @throws ThemisError THEMIS_BAD_INPUT (sizes disagree, hit list out of range, bad option),
 *   THEMIS_BAD_PROBABILITY (an outcome probability not finite or negative),
 *   THEMIS_PROBS_NOT_NORMALISED (sum not 1 within 1e-6), THEMIS_BAD_ODDS (odds not finite or <= 0),
 *   each naming the field and value
 * @example
 * // betting-math.md T1: Harville field p = [.30 .20 .15 .10 .09 .07 .05 .04]
 * const dist = harvilleDistribution(new Map(p.map((x, i) => [i + 1, x])));
 * const tickets = ['win:1', 'place:1', 'quinella:1-2', 'wide:1-2'].map((id) => parseTicketId(id));
 * const hits = hitLists(tickets, dist, { placesPaid: 3 });
 * jointKelly({ outcomeProb: dist.prob, odds: Float64Array.of(4, 1.7, 9.5, 3.2), hits })
 * // { fractions: [0, 0.297190, 0.037500, 0], growth: 0.045390, iterations: 6, kktResidual: ~1e-15 }
 */
export function jointKelly(problem: JointKellyProblem, options: JointKellyOptions = {}): JointKellyResult {
  const budget = options.budget ?? 1;
  const { fractions, iterations } = solveJoint('jointKelly', problem, options);
  // Growth and KKT residual from one wealth pass.
  const W = outcomeWealth(problem, fractions);
  const growth = growthOfWealth(problem.outcomeProb, W);
  const kktResidual = kktOfWealth(problem, fractions, budget, W).maxViolation;
  return { fractions, growth, iterations, kktResidual };
}

/**
 * The fractions of {@link jointKelly} alone (the same values), without the growth and KKT
 * residual of the result (one pass over the outcomes fewer; for callers that compute the growth
 * of their final, capped fractions themselves).
 * @throws ThemisError as jointKelly
 * @example jointKellyFractions(T1) // Float64Array [0, 0.297190, 0.037500, 0]
 */
export function jointKellyFractions(problem: JointKellyProblem, options: JointKellyOptions = {}): Float64Array {
  return solveJoint('jointKellyFractions', problem, options).fractions;
}

/** Validation, options and the solve shared by jointKelly and jointKellyFractions. */
function solveJoint(fn: string, problem: JointKellyProblem, options: JointKellyOptions): { fractions: Float64Array; iterations: number } {
  validateProblem(fn, problem);
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  const budget = options.budget ?? 1;
  if (!(Number.isFinite(tolerance) && tolerance > 0)) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'tolerance', tolerance, `${fn}: tolerance must be finite and > 0, got ${String(tolerance)}`);
  }
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'maxIterations', maxIterations, `${fn}: maxIterations must be an integer >= 1, got ${String(maxIterations)}`);
  }
  if (!(Number.isFinite(budget) && budget >= 0 && budget <= 1)) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'budget', budget, `${fn}: budget must be in [0, 1], got ${String(budget)}`);
  }
  const nT = problem.odds.length;
  const fractions = new Float64Array(nT);
  let iterations = 0;
  if (budget > 0 && nT > 0) {
    const cp = compressProblem(problem.outcomeProb, problem.odds, problem.hits);
    let total = 0;
    for (let g = 0; g < cp.groupProb.length; g++) total += cp.groupProb[g];
    for (let g = 0; g < cp.groupProb.length; g++) cp.groupProb[g] /= total;
    if (cp.odds.length > 0) {
      const sol = solveCompressed(cp, budget, tolerance, maxIterations);
      iterations = sol.iterations;
      for (let j = 0; j < cp.odds.length; j++) {
        const fj = sol.f[j];
        fractions[cp.ticket[j]] = fj >= JOINT_KELLY_ZERO_FRACTION ? fj : 0;
      }
    }
  }
  return { fractions, iterations };
}

/**
 * Expected log growth G(f) = sum_w pi_w ln W_w of a fraction vector. Cost O(m + hits).
 * @param problem - the joint Kelly problem
 * @param fractions - fraction of the bankroll per ticket
 * @returns G, or -Infinity when some outcome of positive probability leaves W_w <= 0
 * @throws ThemisError THEMIS_BAD_INPUT when the sizes disagree
 * @example expectedLogGrowth(T1, Float64Array.of(0, 0.29719, 0.0375, 0)) // 0.045390
 */
export function expectedLogGrowth(problem: JointKellyProblem, fractions: Float64Array): number {
  checkSizes('expectedLogGrowth', problem, fractions);
  return growthOfWealth(problem.outcomeProb, outcomeWealth(problem, fractions));
}

/** sum_w pi_w ln W_w, or -Infinity when some outcome of positive probability has W_w <= 0. */
function growthOfWealth(pi: Float64Array, W: Float64Array): number {
  let g = 0;
  for (let w = 0; w < pi.length; w++) {
    if (!(pi[w] > 0)) continue;
    if (!(W[w] > 0)) return Number.NEGATIVE_INFINITY;
    g += pi[w] * Math.log(W[w]);
  }
  return g;
}

/**
 * The KKT conditions of the joint Kelly problem at `fractions`: the test oracle of
 * betting-math.md section 3.2. With W_w the wealth in outcome w, `ticket[j] = E[a_j / W]` and
 * `cash = E[1 / W]`. At the optimum with budget 1: `ticket[j] <= 1`, with equality where
 * f_j > 0, and `cash <= 1`, with equality if unbet cash remains. With a binding budget b < 1 the
 * bet tickets share the level cash + nu, nu = (1 - cash) / b >= 0, and the others stay below it.
 * `maxViolation` is the largest deviation from these conditions (also counting negative
 * fractions and a sum above the budget). Cost O(m + hits).
 * @param problem - the joint Kelly problem
 * @param fractions - fraction of the bankroll per ticket
 * @param budget - the cap on the total fraction (default 1)
 * @throws ThemisError THEMIS_BAD_INPUT when the sizes disagree
 * @example
 * kktConditions(T1, Float64Array.of(0, 0.29719, 0.0375, 0))
 * // { ticket: [0.956829, 1, 1, 0.963023], cash: 1, maxViolation: ~1e-6 (rounded input) }
 */
export function kktConditions(problem: JointKellyProblem, fractions: Float64Array, budget = 1): KktConditions {
  checkSizes('kktConditions', problem, fractions);
  return kktOfWealth(problem, fractions, budget, outcomeWealth(problem, fractions));
}

/** kktConditions given the wealth W of every outcome at `fractions`. */
function kktOfWealth(problem: JointKellyProblem, fractions: Float64Array, budget: number, W: Float64Array): KktConditions {
  const { outcomeProb: pi, odds, hits } = problem;
  const nT = odds.length;
  const m = pi.length;
  const ticket = new Float64Array(nT);
  const inv = new Float64Array(m);
  let cash = 0;
  let positive = true;
  for (let w = 0; w < m; w++) {
    if (!(pi[w] > 0)) continue;
    if (!(W[w] > 0)) positive = false;
    inv[w] = pi[w] / W[w];
    cash += inv[w];
  }
  let sum = 0;
  let violation = 0;
  for (let j = 0; j < nT; j++) {
    let s = 0;
    for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) s += inv[hits.outcomes[k]];
    ticket[j] = odds[j] * s;
    const fj = fractions[j];
    if (!(fj >= 0)) violation = Math.max(violation, Number.isNaN(fj) ? Number.POSITIVE_INFINITY : -fj);
    sum += fj;
  }
  if (!positive) return { ticket, cash, maxViolation: Number.POSITIVE_INFINITY };
  violation = Math.max(violation, sum - budget);
  const binding = budget > 0 && sum >= budget * (1 - 1e-12);
  const nu = binding ? Math.max(0, (1 - cash) / sum) : 0;
  const level = cash + nu;
  violation = Math.max(violation, binding ? cash - 1 : Math.abs(cash - 1));
  for (let j = 0; j < nT; j++) {
    const e = ticket[j] - level;
    violation = Math.max(violation, fractions[j] > 0 ? Math.abs(e) : e);
  }
  return { ticket, cash, maxViolation: Math.max(0, violation) };
}

/** W_w = 1 - sum f + sum_{j pays in w} f_j odds_j for every outcome. */
function outcomeWealth(problem: JointKellyProblem, fractions: Float64Array): Float64Array {
  const { odds, hits } = problem;
  let sum = 0;
  for (let j = 0; j < fractions.length; j++) sum += fractions[j];
  const W = new Float64Array(problem.outcomeProb.length).fill(1 - sum);
  for (let j = 0; j < odds.length; j++) {
    const s = fractions[j] * odds[j];
    if (s === 0) continue;
    for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) W[hits.outcomes[k]] += s;
  }
  return W;
}

function checkSizes(fn: string, problem: JointKellyProblem, fractions: Float64Array): void {
  validateShape(fn, problem);
  if (fractions.length !== problem.odds.length) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'fractions', fractions.length, `${fn}: ${fractions.length} fractions for ${problem.odds.length} tickets`);
  }
}

function validateShape(fn: string, problem: JointKellyProblem): void {
  const { outcomeProb, odds, hits } = problem;
  const nT = odds.length;
  const m = outcomeProb.length;
  if (hits.offsets.length !== nT + 1 || hits.offsets[0] !== 0 || hits.offsets[nT] > hits.outcomes.length) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'hits', hits.offsets.length - 1, `${fn}: hit lists for ${hits.offsets.length - 1} tickets, odds for ${nT}`);
  }
  if (hits.outcomeCount !== m) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'outcomeProb', m, `${fn}: ${m} outcome probabilities, hit lists built on ${hits.outcomeCount} outcomes`);
  }
}

function validateProblem(fn: string, problem: JointKellyProblem): void {
  validateShape(fn, problem);
  const { outcomeProb, odds, hits } = problem;
  let total = 0;
  for (let w = 0; w < outcomeProb.length; w++) {
    const v = outcomeProb[w];
    if (!(Number.isFinite(v) && v >= 0)) {
      throw new ThemisError('THEMIS_BAD_PROBABILITY', `outcomeProb[${w}]`, v, `${fn}: outcome ${w} has probability ${String(v)}`);
    }
    total += v;
  }
  if (!(Math.abs(total - 1) <= OUTCOME_PROBS_SUM_TOLERANCE)) {
    throw new ThemisError('THEMIS_PROBS_NOT_NORMALISED', 'outcomeProb', total, `${fn}: outcome probabilities sum to ${total}, not 1`);
  }
  // Hit lists Themis built and checked itself (the columnar path's) are not checked again.
  const checkHits = !isCheckedHitLists(hits);
  for (let j = 0; j < odds.length; j++) {
    const o = odds[j];
    if (!(Number.isFinite(o) && o > 0)) {
      throw new ThemisError('THEMIS_BAD_ODDS', `odds[${j}]`, o, `${fn}: ticket ${j} has odds ${String(o)}`);
    }
    if (!checkHits) continue;
    if (!(hits.offsets[j + 1] >= hits.offsets[j])) {
      throw new ThemisError('THEMIS_BAD_INPUT', 'hits.offsets', j, `${fn}: hit list offsets decrease at ticket ${j}`);
    }
    let prev = -1;
    for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) {
      const w = hits.outcomes[k];
      if (!(w > prev && w < outcomeProb.length)) {
        throw new ThemisError('THEMIS_BAD_INPUT', `hits[${j}]`, w, `${fn}: hit list of ticket ${j} is not ascending within 0..${outcomeProb.length - 1}`);
      }
      prev = w;
    }
  }
}

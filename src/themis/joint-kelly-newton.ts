/**
 * Active-set Newton solver of the compressed joint Kelly problem. Layer: themis (imports only
 * Themis files). Units: fractions of the bankroll, decimal odds. Pure as a function (its work
 * arrays, the result's fractions included, are module scratch reused from call to call).
 *
 * Variables: cash c and ticket fractions f, with c + sum f = 1, f >= 0, c >= 1 - budget.
 * Objective: G = sum_g q_g ln W_g, W_g = c + sum_{j pays in g} f_j o_j (concave).
 * Gradient: dG/dc = E[1/W], dG/df_j = E[a_j/W]; at the optimum both equal the multiplier mu of
 * the sum constraint (mu = 1) for free variables and are <= mu for variables at their bound:
 * the KKT conditions of betting-math.md section 3.2.
 *
 * Method: a free set X (cash unless at its bound, and the tickets in F); all other tickets are
 * 0. On X, Newton directions constrained to sum d = 0 from the exact Hessian
 * H = B' diag(q / W^2) B (B = [1 | hit matrix scaled by odds]). H is factorised by block
 * elimination: a greedy set S of free tickets with pairwise disjoint hit sets has a diagonal
 * block (typically the trifecta and long-shot tickets), the rest T (cash and overlapping tickets)
 * a dense Schur complement. The sum constraint enters through the bordered system, solved with
 * Z + rho b b' (positive definite even when H is singular, e.g. a quinella next to both of its
 * exactas); a ridge is the last resort. Variables at a bound whose direction points out of the
 * feasible set leave X before the step. Step: the full step projected onto the capped simplex
 * if it passes Armijo (several tickets may leave F at once), else the ray up to the first bound
 * with backtracking; trial points with some W_g <= 0 have G = -infinity and are rejected, so
 * wealth stays positive in every outcome. When X is
 * solved well enough, the tickets at 0 whose gradient exceeds mu (KKT violators) join F; that
 * check uses the multiplier estimate mu = 1 (or (1 - c E[1/W]) / (1 - c) with cash held at its
 * floor c), exact at a stationary point, so it needs no factorisation. While X stays the same
 * and full steps are taken, up to MAX_REUSES directions reuse one factorisation (chord steps).
 */
import type { CompressedProblem } from './joint-kelly-compress.ts';
import { projectCappedSimplex } from './capped-simplex.ts';
import { allPositive, compactMarked, growthOf, refreshU, trialSlope, wealthOf } from './joint-kelly-steps.ts';
import { buildAndFactor, direction, partition, schurSystem } from './joint-kelly-schur.ts';
import { Scratch } from './scratch.ts';
import { sortByKeyDescending } from './stable-sort.ts';

/** Work arrays reused from call to call (the solver is synchronous and not re-entrant). */
const ws = new Scratch();

/** Result of solveCompressed: fractions of the kept tickets (`f` valid until the next call). */
export interface CompressedSolution {
  f: Float64Array;
  iterations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
/** Newton directions computed from one factorisation (chord steps) at most. */
const MAX_REUSES = 3;
/** Below this Newton decrement the full step is taken without a line search (rounding regime). */
const TINY_DECREMENT = 1e-14;
/**
 * Below this Newton decrement a full step that stays inside the bounds is taken without
 * evaluating G (only W > 0 is checked): the pure Newton phase, where Armijo always holds; G is
 * evaluated again when a later step needs it.
 */
const QUADRATIC_DECREMENT = 1e-9;

/**
 * Solves the compressed problem to `tolerance` in the KKT conditions (|grad - mu| on free
 * variables, grad - mu on variables at a bound). Preconditions: group probabilities positive and
 * summing to 1, odds > 1, budget in (0, 1].
 */
export function solveCompressed(
  p: CompressedProblem,
  budget: number,
  tolerance: number,
  maxIterations: number,
  maxAdd = Number.POSITIVE_INFINITY,
): CompressedSolution {
  const J = p.odds.length;
  const K = p.groupProb.length;
  const { odds, groupProb: q, ticketOffsets: tOff, ticketGroups: tGr } = p;
  const cashFloor = 1 - budget;

  const f = ws.f64(6, J).fill(0);
  const trial = ws.f64(0, J).fill(0);
  const W = ws.f64(1, K);
  const Wt = ws.f64(2, K);
  const u = ws.f64(3, K);
  const v = ws.f64(4, K);
  const ut = ws.f64(7, K); // q / Wt of the last trial point tested by its slope
  const grad = ws.f64(5, J).fill(0);
  const pos = ws.i32(0, J).fill(-1); // position in F
  const F = ws.i32(3, Math.max(J, 1)); // F never outgrows the J tickets
  let nF = 0;
  let cash = 1;
  let cashFree = true;
  // Chord steps: the factorisation is reused while X is unchanged and full steps are taken.
  let xChanged = true;
  let factorReady = false;
  let reuses = 0;
  let lastStepFull = false;
  let iterations = 0;
  let converged = false;

  const st = schurSystem(p, pos, u, W, v);
  const { Sidx, Tidx, gX, dX } = st;
  let trialCash = 0;

  // Start at f = 0, all cash (W = 1 everywhere).
  W.fill(1);
  let G = 0;
  let gStale = false;
  let s0 = refreshU(u, q, W, K);
  let addLimit = maxAdd;
  let addsSinceStep = 0;
  const tolIn = tolerance * 0.1;

  while (iterations < maxIterations) {
    // KKT check before any factorisation, with the multiplier estimate mu = (1 - c s0) / (1 - c)
    // when cash is held at its floor c, else 1 (sum_X x_i grad_i = E[W / W] = 1; exact at
    // stationarity of X).
    const muEst = cashFree ? 1 : (1 - cash * s0) / (1 - cash);
    let resEst = cashFree ? Math.abs(s0 - muEst) : 0;
    // Every ticket's gradient odds_j E[hits_j / W], in one pass over the hit lists, with the
    // largest violation among the tickets at 0 outside X.
    let worst = cashFree ? 0 : s0 - muEst;
    for (let j = 0; j < J; j++) {
      let s = 0;
      for (let k = tOff[j], kEnd = tOff[j + 1]; k < kEnd; k++) s += u[tGr[k]];
      const gj = odds[j] * s;
      grad[j] = gj;
      if (pos[j] < 0) worst = Math.max(worst, gj - muEst);
    }
    for (let a = 0; a < nF; a++) {
      const j = F[a];
      const e = grad[j] - muEst;
      if (f[j] > 0 || e > 0) resEst = Math.max(resEst, Math.abs(e));
    }
    if (worst <= tolerance && resEst <= tolerance) {
      converged = true;
      break;
    }
    if (worst > tolerance && resEst <= Math.max(tolIn, 0.3 * worst)) {
      // Repeated additions without a step: one variable at a time, then give up.
      if (++addsSinceStep >= 3) addLimit = 1;
      if (addsSinceStep > 6) break;
      // The violators, largest gradient first (ties in ticket order).
      const cand = ws.i32(9, J);
      let nCand = 0;
      let best = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < J; j++) {
        if (pos[j] < 0 && grad[j] - muEst > tolerance) {
          cand[nCand++] = j;
          best = Math.max(best, grad[j]);
        }
      }
      // Sorted only when some are left out (all join at once, in ticket order, otherwise).
      if (addLimit < nCand) sortByKeyDescending(cand, nCand, grad, ws.i32(10, nCand));
      if (!cashFree && s0 - muEst > tolerance && (nCand === 0 || s0 >= best)) {
        cashFree = true;
        xChanged = true;
      } else {
        const nAdd = Math.min(addLimit, nCand);
        for (let i = 0; i < nAdd; i++) {
          const j = cand[i];
          pos[j] = nF;
          F[nF++] = j;
        }
        if (nAdd > 0) xChanged = true;
      }
      iterations++;
      continue;
    }
    iterations++;

    // Newton direction on X, constrained to sum d = 0; drop variables at a bound moving out.
    let decrement = 0;
    if (factorReady && !xChanged && lastStepFull && reuses < MAX_REUSES) {
      reuses++;
      const nX = st.nS + st.nTb;
      for (let i = 0; i < nX; i++) {
        const j = i < st.nS ? Sidx[i] : Tidx[i - st.nS];
        gX[i] = j === -1 ? s0 : grad[j];
      }
      direction(st);
    } else {
      reuses = 0;
      factorReady = false;
    }
    for (let pass = 0; !factorReady; pass++) {
      partition(st, cashFree);
      const nX = st.nS + st.nTb;
      if (nX === 0) break;
      buildAndFactor(st, cashFree);
      st.y2Ready = false;
      for (let i = 0; i < nX; i++) {
        const j = i < st.nS ? Sidx[i] : Tidx[i - st.nS];
        gX[i] = j === -1 ? s0 : grad[j];
      }
      direction(st);
      let dropped = false;
      for (let i = 0; i < nX; i++) {
        const j = i < st.nS ? Sidx[i] : Tidx[i - st.nS];
        const atBound = j === -1 ? cash <= cashFloor : f[j] === 0;
        if (atBound && dX[i] < 0 && nX > 1) dropped = true;
      }
      if (!dropped || pass > J) {
        factorReady = true;
        xChanged = false;
        break;
      }
      for (let i = 0; i < nX; i++) {
        const j = i < st.nS ? Sidx[i] : Tidx[i - st.nS];
        if (!(dX[i] < 0)) continue;
        if (j === -1 && cash <= cashFloor) cashFree = false;
        else if (j >= 0 && f[j] === 0) pos[j] = -2; // marked for removal
      }
      const n = compactMarked(F, nF, pos);
      if (n !== nF) xChanged = true;
      nF = n;
    }
    const nX = st.nS + st.nTb;
    for (let i = 0; i < nX; i++) decrement += gX[i] * dX[i];

    // Step: the full projected Newton step if it passes Armijo (several tickets may reach 0),
    // else the ray x + a d up to the first bound (that variable then leaves X), backtracking.
    let accepted = false;
    let uReady = false;
    let alphaMax = Number.POSITIVE_INFINITY;
    let blocker = -2;
    for (let i = 0; i < nX; i++) {
      if (!(dX[i] < 0)) continue;
      const j = i < st.nS ? Sidx[i] : Tidx[i - st.nS];
      const room = j === -1 ? cash - cashFloor : f[j];
      const a = room / -dX[i];
      if (a < alphaMax) {
        alphaMax = a;
        blocker = j;
      }
    }
    // A blocking step of negligible length (a ticket left at ~1e-16) is taken without Armijo:
    // rounding noise in G would otherwise reject it and stall the active set.
    let dMax = 0;
    for (let i = 0; i < nX; i++) dMax = Math.max(dMax, Math.abs(dX[i]));
    const negligible = alphaMax * dMax < 1e-13;
    const tiny = decrement < TINY_DECREMENT;
    const roundingStep = negligible || tiny;
    // Projected arc while the step crosses a bound (several tickets may reach 0 at once), then
    // the ray from the first bound downwards.
    let alpha = negligible ? alphaMax : 1;
    let arc = !negligible && alphaMax < 1;
    for (let tries = 0; tries < 80; tries++) {
      if (!arc && alpha >= alphaMax) alpha = alphaMax;
      for (let i = 0; i < nX; i++) {
        const j = i < st.nS ? Sidx[i] : Tidx[i - st.nS];
        if (j === -1) trialCash = cash + alpha * dX[i];
        else trial[j] = f[j] + alpha * dX[i];
      }
      if (!cashFree) trialCash = cash;
      if (arc) {
        const c = projectCappedSimplex(trial, F, nF, cashFree, trialCash, cashFloor, budget);
        if (c === undefined) {
          arc = false;
          continue;
        }
        trialCash = c;
      } else if (alpha === alphaMax) {
        if (blocker === -1) trialCash = cashFloor;
        else trial[blocker] = 0;
      }
      let pred = s0 * (trialCash - cash);
      for (let a = 0; a < nF; a++) {
        const j = F[a];
        if (!arc && trial[j] < 0) trial[j] = 0; // rounding at the blocking step
        pred += grad[j] * (trial[j] - f[j]);
      }
      wealthOf(trialCash, trial, F, nF, odds, tOff, tGr, Wt);
      if (!arc && alpha === 1 && decrement < QUADRATIC_DECREMENT && allPositive(Wt, K)) {
        accepted = true;
        gStale = true;
        break;
      }
      // Armijo without logarithms first: G is concave along the segment to the trial point, so
      // G(trial) - G >= its slope at the trial point, sum q (Wt - W) / Wt; a slope of at least
      // ARMIJO * pred proves the Armijo condition. The q / Wt it computes are the next u.
      const slope = trialSlope(q, W, Wt, K, ut);
      if (slope >= ARMIJO * pred) {
        accepted = true;
        gStale = true;
        uReady = true;
        break;
      }
      if (gStale) {
        G = growthOf(q, W, K);
        gStale = false;
      }
      const Gt = growthOf(q, Wt, K);
      // Both tests evaluated on every trial: a test reached only in rare steps would leave the
      // compiled solver without type feedback for it (a deoptimisation when first reached).
      const armijo = Gt >= G + ARMIJO * pred;
      const finite = Gt > Number.NEGATIVE_INFINITY;
      if (armijo || (roundingStep && finite)) {
        accepted = true;
        G = Gt;
        break;
      }
      alpha *= 0.5;
      if (arc && alpha <= alphaMax) {
        arc = false;
        alpha = alphaMax;
      }
    }
    if (!accepted) {
      if (addLimit > 1) {
        addLimit = 1;
        continue;
      }
      break;
    }
    let moved = trialCash !== cash;
    for (let a = 0; a < nF && !moved; a++) moved = trial[F[a]] !== f[F[a]];
    if (moved) addsSinceStep = 0;
    lastStepFull = alpha === 1;
    for (let a = 0; a < nF; a++) f[F[a]] = trial[F[a]];
    cash = trialCash;
    W.set(Wt);
    if (uReady) {
      // The same quotients refreshU computes, summed in the same order.
      u.set(ut);
      s0 = 0;
      for (let i = 0; i < K; i++) s0 += u[i];
      uReady = false;
    } else s0 = refreshU(u, q, W, K);
    if (cash <= cashFloor) {
      cash = cashFloor;
      if (cashFree) xChanged = true;
      cashFree = false;
    }
    for (let a = 0; a < nF; a++) if (!(f[F[a]] > 0)) pos[F[a]] = -2;
    const n = compactMarked(F, nF, pos);
    if (n !== nF) xChanged = true;
    nF = n;
  }
  return { f, iterations, converged };
}

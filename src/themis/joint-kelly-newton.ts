/**
 * Active-set Newton solver of the compressed joint Kelly problem. Layer: themis (imports only
 * Themis files). Units: fractions of the bankroll, decimal odds. Pure as a function (its work
 * arrays are module scratch reused from call to call; only the result is allocated).
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
import { Scratch } from './scratch.ts';

/** Work arrays reused from call to call (the solver is synchronous and not re-entrant). */
const ws = new Scratch();

/** Result of solveCompressed: fractions of the kept tickets. */
export interface CompressedSolution {
  f: Float64Array;
  iterations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
/** Newton directions computed from one factorisation (chord steps) at most. */
const MAX_REUSES = 3;
/** Blocks T at least this large are factorised with the ridge from the first attempt. */
const RIDGE_FIRST_SIZE = 32;
/** Below this Newton decrement the full step is taken without a line search (rounding regime). */
const TINY_DECREMENT = 1e-14;

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
  const { odds, groupProb: q, ticketOffsets: tOff, ticketGroups: tGr, groupOffsets: gOff, groupTickets: gTk } = p;
  const cashFloor = 1 - budget;

  const f = new Float64Array(J);
  const trial = ws.f64(0, J).fill(0);
  const W = ws.f64(1, K);
  const Wt = ws.f64(2, K);
  const u = ws.f64(3, K);
  const v = ws.f64(4, K);
  const claimed = ws.u8(0, K);
  const grad = ws.f64(5, J).fill(0);
  const pos = ws.i32(0, J).fill(-1); // position in F
  // Tickets by number of groups hit, fewest first (ties by index): the greedy order of the
  // diagonal block S (counting sort).
  const byHits = ws.i32(1, J);
  {
    let maxHits = 0;
    for (let j = 0; j < J; j++) maxHits = Math.max(maxHits, tOff[j + 1] - tOff[j]);
    const start = ws.i32(2, maxHits + 2).fill(0);
    for (let j = 0; j < J; j++) start[tOff[j + 1] - tOff[j] + 1]++;
    for (let h = 0; h < maxHits; h++) start[h + 1] += start[h];
    for (let j = 0; j < J; j++) byHits[start[tOff[j + 1] - tOff[j]]++] = j;
  }
  const blk = ws.i32(2, J).fill(-1); // S: index in S; T: -2 - index in T
  let F = ws.i32(3, Math.max(J, 1));
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

  // Work arrays of the linear algebra (X has at most J + 1 members: cash and the tickets).
  const cap = J + 2;
  const Sidx = ws.i32(4, cap);
  const Tidx = ws.i32(5, cap); // T members: -1 for cash, else ticket
  const Dg = ws.f64(6, cap);
  let Z = ws.f64(18, 0);
  const eOff = ws.i32(6, cap);
  let eCol: Int32Array = ws.i32(7, 8 * cap);
  let eVal: Float64Array = ws.f64(8, 8 * cap);
  const acc = ws.f64(9, cap);
  const touched = ws.i32(8, cap);
  const mark = ws.u8(1, cap).fill(0);
  const y1 = ws.f64(10, cap);
  const y2 = ws.f64(11, cap);
  const bT = ws.f64(12, cap);
  const rT = ws.f64(13, cap);
  const gX = ws.f64(14, cap);
  const dX = ws.f64(15, cap);
  const oT = ws.f64(16, cap);
  const diag = ws.f64(17, cap);
  let nS = 0;
  let nTb = 0;
  let sigma = 0; // sum over S of 1 / D_s
  let rho = 0; // weight of the constraint term rho b b' added to Z
  let y2Ready = false;

  const wealth = (c: number, x: Float64Array, out: Float64Array): void => {
    out.fill(c);
    for (let a = 0; a < nF; a++) {
      const j = F[a];
      const s = x[j] * odds[j];
      if (s === 0) continue;
      for (let k = tOff[j]; k < tOff[j + 1]; k++) out[tGr[k]] += s;
    }
  };
  const growthOf = (w: Float64Array): number => {
    let g = 0;
    for (let i = 0; i < K; i++) {
      if (!(w[i] > 0)) return Number.NEGATIVE_INFINITY;
      g += q[i] * Math.log(w[i]);
    }
    return g;
  };
  /** u = q / W; returns E[1/W]. */
  const refreshU = (): number => {
    let s0 = 0;
    for (let i = 0; i < K; i++) {
      u[i] = q[i] / W[i];
      s0 += u[i];
    }
    return s0;
  };
  const gradOf = (j: number): number => {
    let s = 0;
    for (let k = tOff[j]; k < tOff[j + 1]; k++) s += u[tGr[k]];
    return odds[j] * s;
  };
  const addToF = (j: number): void => {
    if (nF === F.length) {
      const nf = new Int32Array(F.length * 2);
      nf.set(F);
      F = nf;
    }
    pos[j] = nF;
    F[nF++] = j;
    xChanged = true;
  };
  const compactF = (keep: (j: number) => boolean): void => {
    let n = 0;
    for (let a = 0; a < nF; a++) {
      const j = F[a];
      if (keep(j)) {
        F[n] = j;
        pos[j] = n++;
      } else pos[j] = -1;
    }
    if (n !== nF) xChanged = true;
    nF = n;
  };

  /** Splits X into S (disjoint hit sets, fewest hits first) and T (cash and the rest). */
  const partition = (): void => {
    claimed.fill(0);
    nS = 0;
    nTb = 0;
    if (cashFree) Tidx[nTb++] = -1;
    for (let o = 0; o < J; o++) {
      const j = byHits[o];
      if (pos[j] < 0) continue;
      let free = true;
      for (let k = tOff[j]; k < tOff[j + 1] && free; k++) if (claimed[tGr[k]]) free = false;
      if (free) {
        for (let k = tOff[j]; k < tOff[j + 1]; k++) claimed[tGr[k]] = 1;
        blk[j] = nS;
        Sidx[nS++] = j;
      } else {
        blk[j] = -2 - nTb;
        Tidx[nTb++] = j;
      }
    }
  };

  /** Builds D (diagonal of S), E (S x T, sparse rows) and Z = H_TT - E' D^-1 E, then factors Z. */
  const buildAndFactor = (): void => {
    let V = 0;
    for (let i = 0; i < K; i++) {
      v[i] = u[i] / W[i];
      V += v[i];
    }
    const nT = nTb;
    Z = ws.f64(18, nT * nT).fill(0);
    const cashT = cashFree ? 0 : -1;
    // H_TT, group by group: each group adds v_g o_a o_b to the pairs of T tickets paying in it.
    if (cashT === 0) Z[0] = V;
    for (let a = 0; a < nT; a++) acc[a] = 0; // acc = r_a = sum of v over the groups of ticket a
    for (let a = 0; a < nT; a++) oT[a] = Tidx[a] === -1 ? 0 : odds[Tidx[a]];
    assembleHtt(K, gOff, gTk, pos, blk, touched, v, oT, acc, Z, nT);
    if (cashT === 0) for (let a = 1; a < nT; a++) Z[a] = odds[Tidx[a]] * acc[a]; // row 0 = cash
    // Scale of H_TT before the Schur update (Z itself may cancel to about 0).
    let scaleH = 0;
    for (let a = 0; a < nT; a++) scaleH = Math.max(scaleH, Math.abs(Z[a * nT + a]));
    // S: diagonal D, sparse rows of E, and the Schur update; b = 1_T - E' D^-1 1_S.
    for (let a = 0; a < nT; a++) bT[a] = 1;
    sigma = 0;
    eOff[0] = 0;
    let ne = 0;
    for (let s = 0; s < nS; s++) {
      const j = Sidx[s];
      const oj = odds[j];
      let nTouched = 0;
      let rj = 0;
      for (let k = tOff[j]; k < tOff[j + 1]; k++) {
        const g = tGr[k];
        const vg = v[g];
        rj += vg;
        for (let l = gOff[g]; l < gOff[g + 1]; l++) {
          const t = gTk[l];
          if (pos[t] < 0) continue;
          const b = blk[t];
          if (b > -2) continue;
          const bb = -2 - b;
          if (!mark[bb]) {
            mark[bb] = 1;
            touched[nTouched++] = bb;
            acc[bb] = 0;
          }
          acc[bb] += oj * odds[t] * vg;
        }
      }
      Dg[s] = oj * oj * rj;
      if (cashT === 0) {
        if (!mark[0]) {
          mark[0] = 1;
          touched[nTouched++] = 0;
        }
        acc[0] = oj * rj;
      }
      if (ne + nTouched > eCol.length) {
        const size = Math.max(ne + nTouched, eCol.length * 2);
        const c2 = new Int32Array(size);
        c2.set(eCol);
        eCol = c2;
        const v2 = new Float64Array(size);
        v2.set(eVal);
        eVal = v2;
      }
      const inv = 1 / Dg[s];
      sigma += inv;
      for (let x = 0; x < nTouched; x++) {
        const a = touched[x];
        eCol[ne] = a;
        eVal[ne++] = acc[a];
        bT[a] -= acc[a] * inv;
        mark[a] = 0;
      }
      eOff[s + 1] = ne;
      // Pairs x <= y only, each written to the upper triangle as (e_lo inv) e_hi.
      for (let x = eOff[s]; x < ne; x++) {
        const a = eCol[x];
        const ea = eVal[x];
        const va = ea * inv;
        Z[a * nT + a] -= va * ea;
        for (let y = x + 1; y < ne; y++) {
          const b = eCol[y];
          const eb = eVal[y];
          if (a < b) Z[a * nT + b] -= va * eb;
          else Z[b * nT + a] -= eb * inv * ea;
        }
      }
    }
    // Z + rho b b': positive definite whenever the constrained Newton system is nonsingular,
    // even when H is singular (a quinella next to both of its exactas); same direction for any rho.
    let bb = 0;
    for (let a = 0; a < nT; a++) bb += bT[a] * bT[a];
    rho = bb > 0 ? scaleH / bb : 0;
    for (let a = 0; a < nT; a++) {
      const ra = a * nT;
      const rba = rho * bT[a];
      for (let b = a; b < nT; b++) Z[ra + b] += rba * bT[b];
    }
    let maxDiag = scaleH;
    for (let a = 0; a < nT; a++) maxDiag = Math.max(maxDiag, Math.abs(Z[a * nT + a]));
    // Cholesky in place (lower triangle), ridge on failure. The factorisation reads the matrix
    // from the upper triangle and `diag` only, so the lower triangle needs no copy of it.
    for (let a = 0; a < nT; a++) diag[a] = Z[a * nT + a];
    // Large blocks are mostly singular (redundant tickets all free at once, as when many join X
    // at 0): they start with the ridge instead of paying for a failed factorisation first.
    let ridge = nT >= RIDGE_FIRST_SIZE ? 1e-10 * (maxDiag + 1e-300) : 0;
    for (let attempt = 0; attempt < 30; attempt++) {
      if (cholesky(Z, nT, diag, ridge, maxDiag)) {
        transposeFactor(Z, nT);
        return;
      }
      ridge = ridge === 0 ? 1e-10 * (maxDiag + 1e-300) : ridge * 100;
    }
  };

  /** Solves Z_rho y = rhs (Cholesky factor L in the lower triangle of Z, L' in the upper). */
  const solveZ = (rhs: Float64Array, y: Float64Array): void => cholSolve(Z, nTb, rhs, y);

  /**
   * Newton direction on X: H d = g - mu 1 with sum d = 0, g = gX (S first, then T).
   * Eliminating S gives [Z b; b' -sigma] [d_T; mu] = [r~; -rho_S]; solved through Z + rho b b'.
   * Fills dX and returns mu.
   */
  const direction = (): number => {
    const nT = nTb;
    let rhoS = 0;
    for (let a = 0; a < nT; a++) rT[a] = gX[nS + a];
    for (let s = 0; s < nS; s++) {
      const w = gX[s] / Dg[s];
      rhoS += w;
      for (let x = eOff[s]; x < eOff[s + 1]; x++) rT[eCol[x]] -= eVal[x] * w;
    }
    for (let a = 0; a < nT; a++) rT[a] -= rho * rhoS * bT[a];
    // y2 = Z_rho^-1 b depends on the factorisation only: solved once per factorisation (with y1,
    // reading the factor once for both).
    if (!y2Ready) {
      cholSolve2(Z, nT, rT, y1, bT, y2);
      y2Ready = true;
    } else solveZ(rT, y1);
    let bx1 = 0;
    let bx2 = 0;
    for (let a = 0; a < nT; a++) {
      bx1 += bT[a] * y1[a];
      bx2 += bT[a] * y2[a];
    }
    const k = 1 - rho * sigma;
    const mu = (bx1 + rhoS) / (sigma + k * bx2);
    for (let a = 0; a < nT; a++) dX[nS + a] = y1[a] - mu * k * y2[a];
    for (let s = 0; s < nS; s++) {
      let t = gX[s] - mu;
      for (let x = eOff[s]; x < eOff[s + 1]; x++) t -= eVal[x] * dX[nS + eCol[x]];
      dX[s] = t / Dg[s];
    }
    return mu;
  };

  /** Euclidean projection of trial (on X, cash in trialCash) onto the capped simplex. */
  let trialCash = 0;
  const project = (): boolean => {
    let cx = cashFree ? trialCash - cashFloor : 0;
    if (cx < 0) cx = 0;
    let s = cx;
    let count = cx > 0 ? 1 : 0;
    for (let a = 0; a < nF; a++) {
      const j = F[a];
      if (trial[j] < 0) trial[j] = 0;
      else if (trial[j] > 0) {
        s += trial[j];
        count++;
      }
    }
    if (s === budget) {
      trialCash = cashFloor + cx;
      return true;
    }
    if (count === 0) return false;
    // theta with sum max(0, x - theta) = budget (Michelot: drop values below theta, repeat).
    let theta = (s - budget) / count;
    for (let pass = 0; pass < nF + 2; pass++) {
      let s2 = cx > theta ? cx : 0;
      let c2 = cx > theta ? 1 : 0;
      for (let a = 0; a < nF; a++) {
        const x = trial[F[a]];
        if (x > theta) {
          s2 += x;
          c2++;
        }
      }
      if (c2 === count || c2 === 0) break;
      count = c2;
      theta = (s2 - budget) / c2;
    }
    for (let a = 0; a < nF; a++) {
      const j = F[a];
      trial[j] = Math.max(0, trial[j] - theta);
    }
    cx = cashFree ? Math.max(0, cx - theta) : 0;
    trialCash = cashFloor + cx;
    return true;
  };

  // Start at f = 0, all cash (W = 1 everywhere).
  W.fill(1);
  let G = 0;
  let s0 = refreshU();
  let addLimit = maxAdd;
  let addsSinceStep = 0;
  const tolIn = tolerance * 0.1;

  while (iterations < maxIterations) {
    // KKT check before any factorisation, with the multiplier estimate mu = (1 - c s0) / (1 - c)
    // when cash is held at its floor c, else 1 (sum_X x_i grad_i = E[W / W] = 1; exact at
    // stationarity of X).
    const muEst = cashFree ? 1 : (1 - cash * s0) / (1 - cash);
    let resEst = cashFree ? Math.abs(s0 - muEst) : 0;
    for (let a = 0; a < nF; a++) {
      const j = F[a];
      grad[j] = gradOf(j);
      const e = grad[j] - muEst;
      if (f[j] > 0 || e > 0) resEst = Math.max(resEst, Math.abs(e));
    }
    let worst = cashFree ? 0 : s0 - muEst;
    for (let j = 0; j < J; j++) {
      if (pos[j] >= 0) continue;
      grad[j] = gradOf(j);
      worst = Math.max(worst, grad[j] - muEst);
    }
    if (worst <= tolerance && resEst <= tolerance) {
      converged = true;
      break;
    }
    if (worst > tolerance && resEst <= Math.max(tolIn, 0.3 * worst)) {
      // Repeated additions without a step: one variable at a time, then give up.
      if (++addsSinceStep >= 3) addLimit = 1;
      if (addsSinceStep > 6) break;
      const cand: number[] = [];
      for (let j = 0; j < J; j++) if (pos[j] < 0 && grad[j] - muEst > tolerance) cand.push(j);
      cand.sort((x, y) => grad[y] - grad[x]);
      if (!cashFree && s0 - muEst > tolerance && (cand.length === 0 || s0 >= grad[cand[0]])) {
        cashFree = true;
        xChanged = true;
      } else {
        const nAdd = Math.min(addLimit, cand.length);
        for (let i = 0; i < nAdd; i++) addToF(cand[i]);
      }
      iterations++;
      continue;
    }
    iterations++;

    // Newton direction on X, constrained to sum d = 0; drop variables at a bound moving out.
    let decrement = 0;
    if (factorReady && !xChanged && lastStepFull && reuses < MAX_REUSES) {
      reuses++;
      const nX = nS + nTb;
      for (let i = 0; i < nX; i++) {
        const j = i < nS ? Sidx[i] : Tidx[i - nS];
        gX[i] = j === -1 ? s0 : grad[j];
      }
      direction();
    } else {
      reuses = 0;
      factorReady = false;
    }
    for (let pass = 0; !factorReady; pass++) {
      partition();
      const nX = nS + nTb;
      if (nX === 0) break;
      buildAndFactor();
      y2Ready = false;
      for (let i = 0; i < nX; i++) {
        const j = i < nS ? Sidx[i] : Tidx[i - nS];
        gX[i] = j === -1 ? s0 : grad[j];
      }
      direction();
      let dropped = false;
      for (let i = 0; i < nX; i++) {
        const j = i < nS ? Sidx[i] : Tidx[i - nS];
        const atBound = j === -1 ? cash <= cashFloor : f[j] === 0;
        if (atBound && dX[i] < 0 && nX > 1) dropped = true;
      }
      if (!dropped || pass > J) {
        factorReady = true;
        xChanged = false;
        break;
      }
      for (let i = 0; i < nX; i++) {
        const j = i < nS ? Sidx[i] : Tidx[i - nS];
        if (!(dX[i] < 0)) continue;
        if (j === -1 && cash <= cashFloor) cashFree = false;
        else if (j >= 0 && f[j] === 0) pos[j] = -2; // marked for removal
      }
      compactF((j) => pos[j] !== -2);
    }
    const nX = nS + nTb;
    for (let i = 0; i < nX; i++) decrement += gX[i] * dX[i];

    // Step: the full projected Newton step if it passes Armijo (several tickets may reach 0),
    // else the ray x + a d up to the first bound (that variable then leaves X), backtracking.
    let accepted = false;
    let alphaMax = Number.POSITIVE_INFINITY;
    let blocker = -2;
    for (let i = 0; i < nX; i++) {
      if (!(dX[i] < 0)) continue;
      const j = i < nS ? Sidx[i] : Tidx[i - nS];
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
    // Projected arc while the step crosses a bound (several tickets may reach 0 at once), then
    // the ray from the first bound downwards.
    let alpha = negligible ? alphaMax : 1;
    let arc = !negligible && alphaMax < 1;
    for (let tries = 0; tries < 80; tries++) {
      if (!arc && alpha >= alphaMax) alpha = alphaMax;
      for (let i = 0; i < nX; i++) {
        const j = i < nS ? Sidx[i] : Tidx[i - nS];
        if (j === -1) trialCash = cash + alpha * dX[i];
        else trial[j] = f[j] + alpha * dX[i];
      }
      if (!cashFree) trialCash = cash;
      if (arc) {
        if (!project()) {
          arc = false;
          continue;
        }
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
      wealth(trialCash, trial, Wt);
      const Gt = growthOf(Wt);
      if (Gt >= G + ARMIJO * pred || ((negligible || decrement < TINY_DECREMENT) && Gt > Number.NEGATIVE_INFINITY)) {
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
    s0 = refreshU();
    if (cash <= cashFloor) {
      cash = cashFloor;
      if (cashFree) xChanged = true;
      cashFree = false;
    }
    compactF((j) => f[j] > 0);
  }
  return { f, iterations, converged };
}

/**
 * In-place Cholesky factorisation of the symmetric n x n matrix in Z (row-major; the upper
 * triangle holds the matrix, its diagonal in `diag`) plus `ridge` on the diagonal: the factor
 * goes to the lower triangle. Returns false when a pivot is not above 1e-13 maxDiag.
 * Rows are computed in pairs, each earlier row of the factor read once for both (the hot loop of
 * the solver); every entry is the same sum in the same order as row by row (dotRest).
 */
function cholesky(Z: Float64Array, n: number, diag: Float64Array, ridge: number, maxDiag: number): boolean {
  const floor = 1e-13 * maxDiag + 1e-300;
  let a = 0;
  for (; a + 1 < n; a += 2) {
    const ra = a * n;
    const rc = ra + n;
    for (let b = 0; b < a; b++) {
      const rb = b * n;
      let s0 = Z[rb + a];
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = Z[rb + a + 1];
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      let k = 0;
      for (; k + 3 < b; k += 4) {
        const z0 = Z[rb + k];
        const z1 = Z[rb + k + 1];
        const z2 = Z[rb + k + 2];
        const z3 = Z[rb + k + 3];
        s0 -= Z[ra + k] * z0;
        s1 -= Z[ra + k + 1] * z1;
        s2 -= Z[ra + k + 2] * z2;
        s3 -= Z[ra + k + 3] * z3;
        t0 -= Z[rc + k] * z0;
        t1 -= Z[rc + k + 1] * z1;
        t2 -= Z[rc + k + 2] * z2;
        t3 -= Z[rc + k + 3] * z3;
      }
      for (; k < b; k++) {
        const z = Z[rb + k];
        s0 -= Z[ra + k] * z;
        t0 -= Z[rc + k] * z;
      }
      const d = Z[rb + b];
      Z[ra + b] = (s0 + s1 + (s2 + s3)) / d;
      Z[rc + b] = (t0 + t1 + (t2 + t3)) / d;
    }
    // Diagonal of row a, then entry (a + 1, a), then the diagonal of row a + 1.
    const sa = dotRest(Z, ra, ra, a, diag[a] + ridge);
    if (!(sa > floor)) return false;
    const la = Math.sqrt(sa);
    Z[ra + a] = la;
    Z[rc + a] = dotRest(Z, rc, ra, a, Z[ra + a + 1]) / la;
    const sc = dotRest(Z, rc, rc, a + 1, diag[a + 1] + ridge);
    if (!(sc > floor)) return false;
    Z[rc + a + 1] = Math.sqrt(sc);
  }
  if (a < n) {
    const ra = a * n;
    for (let b = 0; b < a; b++) {
      const rb = b * n;
      Z[ra + b] = dotRest(Z, ra, rb, b, Z[rb + a]) / Z[rb + b];
    }
    const s = dotRest(Z, ra, ra, a, diag[a] + ridge);
    if (!(s > floor)) return false;
    Z[ra + a] = Math.sqrt(s);
  }
  return true;
}

/** init - sum_{k < len} Z[r1 + k] Z[r2 + k], in four partial sums by k mod 4 (rest into the first). */
function dotRest(Z: Float64Array, r1: number, r2: number, len: number, init: number): number {
  let s0 = init;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 -= Z[r1 + k] * Z[r2 + k];
    s1 -= Z[r1 + k + 1] * Z[r2 + k + 1];
    s2 -= Z[r1 + k + 2] * Z[r2 + k + 2];
    s3 -= Z[r1 + k + 3] * Z[r2 + k + 3];
  }
  for (; k < len; k++) s0 -= Z[r1 + k] * Z[r2 + k];
  return s0 + s1 + (s2 + s3);
}

/** Copies the Cholesky factor L (lower triangle of Z) to the upper triangle as L' (rows of L' contiguous for cholSolve). */
function transposeFactor(Z: Float64Array, n: number): void {
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) Z[a * n + b] = Z[b * n + a];
}

/**
 * Solves L L' y = rhs with the Cholesky factor L in the lower triangle of the n x n matrix Z and
 * L' in its upper triangle (transposeFactor).
 */
function cholSolve(Z: Float64Array, n: number, rhs: Float64Array, y: Float64Array): void {
  for (let a = 0; a < n; a++) {
    const ra = a * n;
    let t = rhs[a];
    for (let k = 0; k < a; k++) t -= Z[ra + k] * y[k];
    y[a] = t / Z[ra + a];
  }
  for (let a = n - 1; a >= 0; a--) {
    const ra = a * n;
    let t = y[a];
    for (let k = a + 1; k < n; k++) t -= Z[ra + k] * y[k];
    y[a] = t / Z[ra + a];
  }
}

/** cholSolve for two right-hand sides at once (each solved exactly as cholSolve would). */
function cholSolve2(Z: Float64Array, n: number, rhs1: Float64Array, y1: Float64Array, rhs2: Float64Array, y2: Float64Array): void {
  for (let a = 0; a < n; a++) {
    const ra = a * n;
    let t1 = rhs1[a];
    let t2 = rhs2[a];
    for (let k = 0; k < a; k++) {
      const l = Z[ra + k];
      t1 -= l * y1[k];
      t2 -= l * y2[k];
    }
    const d = Z[ra + a];
    y1[a] = t1 / d;
    y2[a] = t2 / d;
  }
  for (let a = n - 1; a >= 0; a--) {
    const ra = a * n;
    let t1 = y1[a];
    let t2 = y2[a];
    for (let k = a + 1; k < n; k++) {
      const u = Z[ra + k];
      t1 -= u * y1[k];
      t2 -= u * y2[k];
    }
    const d = Z[ra + a];
    y1[a] = t1 / d;
    y2[a] = t2 / d;
  }
}

/**
 * H_TT, group by group: each group adds v_g o_a o_b to the pairs (a <= b) of T tickets paying in
 * it (upper triangle of the nT x nT matrix Z); acc[a] collects the sum of v over the groups of a.
 * `oT[a]` is the odds of T member a.
 */
function assembleHtt(
  K: number,
  gOff: Int32Array,
  gTk: Int32Array,
  pos: Int32Array,
  blk: Int32Array,
  touched: Int32Array,
  v: Float64Array,
  oT: Float64Array,
  acc: Float64Array,
  Z: Float64Array,
  nT: number,
): void {
  for (let g = 0; g < K; g++) {
    let nL = 0;
    for (let l = gOff[g]; l < gOff[g + 1]; l++) {
      const t = gTk[l];
      if (pos[t] < 0) continue;
      const b = blk[t];
      if (b <= -2) touched[nL++] = -2 - b;
    }
    if (nL === 0) continue;
    // Ascending T index (insertion sort of a short list), then the pairs a <= b only: every
    // entry still gets one term per group, in group order.
    for (let x = 1; x < nL; x++) {
      const key = touched[x];
      let y = x - 1;
      while (y >= 0 && touched[y] > key) {
        touched[y + 1] = touched[y];
        y--;
      }
      touched[y + 1] = key;
    }
    const vg = v[g];
    for (let x = 0; x < nL; x++) {
      const a = touched[x];
      const va = oT[a] * vg;
      acc[a] += vg;
      const row = a * nT;
      for (let y = x; y < nL; y++) {
        const b = touched[y];
        Z[row + b] += va * oT[b];
      }
    }
  }
}

/**
 * Hessian assembly and block elimination of the joint Kelly Newton solver (joint-kelly-newton.ts):
 * the diagonal block D of S, the sparse rows of E, the dense Schur complement Z = H_TT - E' D^-1 E
 * plus rho b b' and its Cholesky factorisation (with a ridge on failure), and the constrained
 * Newton direction solved through it. Z lives in the dense kernel's workspace (dense-kernel.ts:
 * WebAssembly where supported), which factorises and solves it. Layer: themis (imports only
 * Themis files). Units: fractions of the bankroll, decimal odds. Works in a SchurSystem
 * (schurSystem): the problem's and the solver's arrays with this module's scratch work arrays.
 */
import { activeDenseKernel, type DenseKernel } from './dense-kernel.ts';
import type { CompressedProblem } from './joint-kelly-compress.ts';
import { Scratch } from './scratch.ts';

/** Work arrays of the linear algebra, reused from solve to solve (the solver is synchronous and not re-entrant). */
const sws = new Scratch();

/** Blocks T at least this large are factorised with the ridge from the first attempt. */
const RIDGE_FIRST_SIZE = 32;

/**
 * State shared by the active-set driver and the linear algebra: problem arrays (read only), the
 * partition of X into S and T, the work arrays (scratch views) and the factorisation's results.
 */
export interface SchurSystem {
  readonly J: number;
  readonly K: number;
  readonly odds: Float64Array;
  readonly tOff: Int32Array;
  readonly tGr: Int32Array;
  readonly gOff: Int32Array;
  readonly gTk: Int32Array;
  /** Position of each ticket in the solver's free set F (< 0 when not in it). */
  readonly pos: Int32Array;
  /** S member: index in S; T member: -2 - index in T. */
  readonly blk: Int32Array;
  /** The greedy order of S: tickets by number of groups hit, fewest first (ties by index). */
  readonly byHits: Int32Array;
  /** Groups claimed by the members of S (partition's work array). */
  readonly claimed: Uint8Array;
  readonly u: Float64Array;
  readonly W: Float64Array;
  readonly v: Float64Array;
  readonly Sidx: Int32Array;
  readonly Tidx: Int32Array;
  readonly Dg: Float64Array;
  readonly eOff: Int32Array;
  readonly acc: Float64Array;
  readonly touched: Int32Array;
  readonly mark: Uint8Array;
  readonly y1: Float64Array;
  readonly y2: Float64Array;
  readonly bT: Float64Array;
  readonly rT: Float64Array;
  readonly gX: Float64Array;
  readonly dX: Float64Array;
  readonly oT: Float64Array;
  readonly diag: Float64Array;
  Z: Float64Array;
  eCol: Int32Array;
  eVal: Float64Array;
  nS: number;
  nTb: number;
  /** sum over S of 1 / D_s */
  sigma: number;
  /** weight of the constraint term rho b b' added to Z */
  rho: number;
  y2Ready: boolean;
}

/**
 * The SchurSystem of one solve of `p`: the problem's arrays, the solver's `pos`, `u`, `W` and `v`,
 * the greedy order of S (counting sort by groups hit) and work arrays for X of at most J + 1
 * members (cash and the tickets), views of this module's scratch.
 */
export function schurSystem(p: CompressedProblem, pos: Int32Array, u: Float64Array, W: Float64Array, v: Float64Array): SchurSystem {
  const { odds, ticketOffsets: tOff, ticketGroups: tGr, groupOffsets: gOff, groupTickets: gTk } = p;
  const J = odds.length;
  const K = p.groupProb.length;
  const byHits = sws.i32(0, J);
  let maxHits = 0;
  for (let j = 0; j < J; j++) maxHits = Math.max(maxHits, tOff[j + 1] - tOff[j]);
  const start = sws.i32(1, maxHits + 2).fill(0);
  for (let j = 0; j < J; j++) start[tOff[j + 1] - tOff[j] + 1]++;
  for (let h = 0; h < maxHits; h++) start[h + 1] += start[h];
  for (let j = 0; j < J; j++) byHits[start[tOff[j + 1] - tOff[j]]++] = j;
  const cap = J + 2;
  return {
    J,
    K,
    odds,
    tOff,
    tGr,
    gOff,
    gTk,
    pos,
    blk: sws.i32(2, J).fill(-1),
    byHits,
    claimed: sws.u8(0, K),
    u,
    W,
    v,
    Sidx: sws.i32(3, cap),
    Tidx: sws.i32(4, cap), // T members: -1 for cash, else ticket
    Dg: sws.f64(0, cap),
    Z: sws.f64(1, 0),
    eOff: sws.i32(5, cap),
    eCol: sws.i32(6, 8 * cap),
    eVal: sws.f64(2, 8 * cap),
    acc: sws.f64(3, cap),
    touched: sws.i32(7, cap),
    mark: sws.u8(1, cap).fill(0),
    y1: sws.f64(4, cap),
    y2: sws.f64(5, cap),
    bT: sws.f64(6, cap),
    rT: sws.f64(7, cap),
    gX: sws.f64(8, cap),
    dX: sws.f64(9, cap),
    oT: sws.f64(10, cap),
    diag: sws.f64(11, cap),
    nS: 0,
    nTb: 0,
    sigma: 0, // sum over S of 1 / D_s
    rho: 0, // weight of the constraint term rho b b' added to Z
    y2Ready: false,
  };
}

/** Splits X into S (disjoint hit sets, fewest hits first) and T (cash and the rest). */
export function partition(st: SchurSystem, cashFree: boolean): void {
  const { J, tOff, tGr, pos, blk, byHits, claimed, Sidx, Tidx } = st;
  claimed.fill(0);
  st.nS = 0;
  st.nTb = 0;
  if (cashFree) Tidx[st.nTb++] = -1;
  for (let o = 0; o < J; o++) {
    const j = byHits[o];
    if (pos[j] < 0) continue;
    let free = true;
    for (let k = tOff[j]; k < tOff[j + 1] && free; k++) if (claimed[tGr[k]]) free = false;
    if (free) {
      for (let k = tOff[j]; k < tOff[j + 1]; k++) claimed[tGr[k]] = 1;
      blk[j] = st.nS;
      Sidx[st.nS++] = j;
    } else {
      blk[j] = -2 - st.nTb;
      Tidx[st.nTb++] = j;
    }
  }
}

/**
 * Builds D (diagonal of S), E (S x T, sparse rows) and Z = H_TT - E' D^-1 E, then factors Z:
 * in the WebAssembly kernel when it has the assembly, else in TypeScript (the reference; same
 * arithmetic in the same order).
 */
export function buildAndFactor(st: SchurSystem, cashFree: boolean): void {
  const kernel = activeDenseKernel();
  const nT = st.nTb;
  let maxDiag: number;
  if (kernel.assembleSchur !== undefined) {
    const r = kernel.assembleSchur(st, cashFree);
    st.sigma = r.sigma;
    st.rho = r.rho;
    maxDiag = r.maxDiag;
  } else maxDiag = assembleSchur(st, cashFree, kernel);
  // Large blocks are mostly singular (redundant tickets all free at once, as when many join X
  // at 0): they start with the ridge instead of paying for a failed factorisation first.
  let ridge = nT >= RIDGE_FIRST_SIZE ? 1e-10 * (maxDiag + 1e-300) : 0;
  for (let attempt = 0; attempt < 30; attempt++) {
    if (kernel.factor(nT, st.diag, ridge, maxDiag)) return;
    ridge = ridge === 0 ? 1e-10 * (maxDiag + 1e-300) : ridge * 100;
  }
}

/**
 * The TypeScript assembly of buildAndFactor: D, E, b, sigma, rho, `diag` and the upper triangle
 * of Z + rho b b' in the kernel's workspace. Returns maxDiag.
 */
function assembleSchur(st: SchurSystem, cashFree: boolean, kernel: DenseKernel): number {
  const { K, odds, tOff, tGr, gOff, gTk, pos, blk, u, W, v } = st;
  const { Sidx, Tidx, Dg, eOff, acc, touched, mark, bT, oT, diag } = st;
  const nS = st.nS;
  const nTb = st.nTb;
  let Z = st.Z;
  let eCol = st.eCol;
  let eVal = st.eVal;
  let sigma = st.sigma;
  let rho = st.rho;
  let V = 0;
  for (let i = 0; i < K; i++) {
    v[i] = u[i] / W[i];
    V += v[i];
  }
  const nT = nTb;
  Z = kernel.matrix(nT).fill(0);
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
  st.Z = Z;
  st.eCol = eCol;
  st.eVal = eVal;
  st.sigma = sigma;
  st.rho = rho;
  return maxDiag;
}

/**
 * Newton direction on X: H d = g - mu 1 with sum d = 0, g = gX (S first, then T).
 * Eliminating S gives [Z b; b' -sigma] [d_T; mu] = [r~; -rho_S]; solved through Z + rho b b'.
 * Fills dX and returns mu.
 */
export function direction(st: SchurSystem): number {
  const { Dg, eOff, eCol, eVal, y1, y2, bT, rT, gX, dX, nS, nTb, sigma, rho } = st;
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
  if (!st.y2Ready) {
    activeDenseKernel().solve2(nT, rT, y1, bT, y2);
    st.y2Ready = true;
  } else activeDenseKernel().solve(nT, rT, y1);
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

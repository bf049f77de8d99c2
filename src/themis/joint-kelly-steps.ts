/**
 * The per-step arithmetic of the joint Kelly Newton solver (joint-kelly-newton.ts) on the
 * compressed problem's groups: wealth in every group, its growth, the slope of the growth along
 * a step, u = q / W, and the compaction of the free set. Layer: themis (imports nothing). Units:
 * fractions of the bankroll, decimal odds. Pure apart from the arrays they are given to fill.
 *
 * They are module functions, not closures made per solve: the compiled solver then calls the
 * same functions from one solve to the next (a closure made per call would not match the one
 * the optimised code was compiled against, and would deoptimise it).
 */

/** out = wealth in every group: c plus x_j o_j for each free ticket j paying in it. */
export function wealthOf(c: number, x: Float64Array, F: Int32Array, nF: number, odds: Float64Array, tOff: Int32Array, tGr: Int32Array, out: Float64Array): void {
  out.fill(c);
  for (let a = 0; a < nF; a++) {
    const j = F[a];
    const s = x[j] * odds[j];
    if (s === 0) continue;
    for (let k = tOff[j]; k < tOff[j + 1]; k++) out[tGr[k]] += s;
  }
}

/** Whether every w_g of the K groups is positive. */
export function allPositive(w: Float64Array, K: number): boolean {
  for (let i = 0; i < K; i++) if (!(w[i] > 0)) return false;
  return true;
}

/** G = sum_g q_g ln w_g, or -infinity when some w_g is not positive. */
export function growthOf(q: Float64Array, w: Float64Array, K: number): number {
  let g = 0;
  for (let i = 0; i < K; i++) {
    if (!(w[i] > 0)) return Number.NEGATIVE_INFINITY;
    g += q[i] * Math.log(w[i]);
  }
  return g;
}

/**
 * The slope at the trial point of G along the segment from W to Wt: sum q (Wt - W) / Wt, with
 * ut = q / Wt; -infinity when some Wt is not positive.
 */
export function trialSlope(q: Float64Array, W: Float64Array, Wt: Float64Array, K: number, ut: Float64Array): number {
  let slope = 0;
  for (let i = 0; i < K; i++) {
    const w = Wt[i];
    if (!(w > 0)) return Number.NEGATIVE_INFINITY;
    const x = q[i] / w;
    ut[i] = x;
    slope += x * (w - W[i]);
  }
  return slope;
}

/** u = q / W; returns E[1/W]. */
export function refreshU(u: Float64Array, q: Float64Array, W: Float64Array, K: number): number {
  let s0 = 0;
  for (let i = 0; i < K; i++) {
    u[i] = q[i] / W[i];
    s0 += u[i];
  }
  return s0;
}

/** Removes the members of F marked pos = -2 (their pos becomes -1), keeping the order; returns the new size. */
export function compactMarked(F: Int32Array, nF: number, pos: Int32Array): number {
  let n = 0;
  for (let a = 0; a < nF; a++) {
    const j = F[a];
    if (pos[j] !== -2) {
      F[n] = j;
      pos[j] = n++;
    } else pos[j] = -1;
  }
  return n;
}

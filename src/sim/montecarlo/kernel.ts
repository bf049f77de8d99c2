/**
 * The Monte Carlo kernel: simulates a block of paths for every configuration of a plan on
 * common random numbers (one winner draw per path and race, shared by all configurations) and
 * sizes stakes inline exactly as Themis `size` does (stake = floor(bankroll * fraction / 100) *
 * 100, nothing bought below the bankroll stop). Layer: sim. Units: integer yen held in
 * Float64Array (every value stays an exact integer). Pure apart from writing into the given
 * arrays; allocation-free in the loop.
 */
import type { KernelPlan } from './plan.ts';
import { pathSeed } from './path-rng.ts';

/** Bins of the maximum-drawdown histogram over [0, 1]. */
export const DRAWDOWN_BINS = 50;
/** Fan histograms: log10(multiple) in [FAN_MIN_LOG10, FAN_MAX_LOG10) in FAN_BIN_WIDTH bins, plus one bin below and one above. */
export const FAN_MIN_LOG10 = -2;
export const FAN_MAX_LOG10 = 2;
export const FAN_BIN_WIDTH = 0.01;
export const FAN_BINS = 402;

/** Integer counts a block of paths adds to; merged by addition (exact, order-independent). */
export interface KernelCounts {
  /** Per config: paths with max drawdown >= 20%, 30%, 50% (index c * 3 + k). */
  readonly drawdownAtLeast: Int32Array;
  /** Per config, DRAWDOWN_BINS bins of max drawdown (index c * DRAWDOWN_BINS + bin). */
  readonly drawdownHist: Int32Array;
  /** Per config, ruined paths by the number of races bet up to the ruin (index c * races + races - 1). */
  readonly ruinHist: Int32Array;
  /** Per config and checkpoint, FAN_BINS bins of log10(bankroll / start); empty when fans are off. */
  readonly fanHist: Int32Array;
}

/** Fresh zero counts for a plan (`checkpoints` = 0 turns fans off). */
export function newKernelCounts(configs: number, races: number, checkpoints: number): KernelCounts {
  return {
    drawdownAtLeast: new Int32Array(configs * 3),
    drawdownHist: new Int32Array(configs * DRAWDOWN_BINS),
    ruinHist: new Int32Array(configs * races),
    fanHist: new Int32Array(configs * checkpoints * FAN_BINS),
  };
}

/** Adds `b` into `a`. */
export function addKernelCounts(a: KernelCounts, b: KernelCounts): void {
  for (const k of ['drawdownAtLeast', 'drawdownHist', 'ruinHist', 'fanHist'] as const) {
    const x = a[k];
    const y = b[k];
    if (x.length !== y.length) throw new Error(`addKernelCounts: ${k} lengths differ (${x.length} vs ${y.length})`);
    for (let i = 0; i < x.length; i++) x[i] += y[i];
  }
}

/**
 * Checkpoint race indices of a fan chart: `k` checkpoints spread over `races`; checkpoint j is
 * taken after race ceil((j + 1) * races / k) - 1 (0-based), the last after the last race.
 * @throws nothing
 * @example fanCheckpoints(10, 5) // Int32Array [1, 3, 5, 7, 9]
 */
export function fanCheckpoints(races: number, k: number): Int32Array {
  const n = Math.min(k, races);
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) out[j] = Math.ceil(((j + 1) * races) / n) - 1;
  return out;
}

/**
 * Simulates paths `pathStart .. pathEnd - 1` of a sweep. Per path and race the winner is drawn
 * once (alias table on p_true); every configuration that buys in the race then stakes
 * floor(bankroll * fraction / 100) * 100 yen per ticket from the bankroll before the race and is
 * paid stake / 100 * round(odds * 100) on the winner. A configuration whose bankroll falls
 * below the ruin level is ruined and stops; the bankroll stop only pauses buying.
 * Cost O(paths x (races + active (race, config) entries x tickets)).
 * @param plan - the precomputed plan
 * @param seed - the sweep seed (streams per path, see pathSeed)
 * @param pathStart - first global path index
 * @param pathEnd - one past the last
 * @param checkpoints - fan checkpoint race indices (may be empty; counts.fanHist sized to match)
 * @param counts - integer counts to add to
 * @param finals - receives the final bankroll (yen) of path p, config c at ((p - pathStart) * configs + c)
 * @throws nothing (inputs are trusted: build them with buildPlan and newKernelCounts)
 * @example simulatePaths(plan, '1', 0, 100, new Int32Array(0), counts, new Float64Array(100 * plan.configs))
 */
export function simulatePaths(
  plan: KernelPlan,
  seed: string,
  pathStart: number,
  pathEnd: number,
  checkpoints: Int32Array,
  counts: KernelCounts,
  finals: Float64Array,
): void {
  const R = plan.races;
  const C = plan.configs;
  const B0 = plan.bankrollYen;
  const ruinYen = plan.ruinYen;
  const off = plan.raceOffsets;
  const aliasProb = plan.aliasProb;
  const aliasIndex = plan.aliasIndex;
  const groupStart = plan.groupStart;
  const groupClass = plan.groupClass;
  const groupTicketStart = plan.groupTicketStart;
  const ticketRunner = plan.ticketRunner;
  const ticketPay = plan.ticketPayPer100;
  const groupFractionStart = plan.groupFractionStart;
  const frac = plan.groupFraction;
  const memberStart = plan.memberStart;
  const memberConfig = plan.memberConfig;
  const H = memberStart.length - 1;
  // A live config is never below the ruin level, so the stop matters only where it lies above it.
  let stopAboveRuin = false;
  for (let k = 0; k < C; k++) if (plan.stopYen[k] > ruinYen) stopAboveRuin = true;
  const ddAtLeast = counts.drawdownAtLeast;
  const ddHist = counts.drawdownHist;
  const ruinHist = counts.ruinHist;
  const fanHist = counts.fanHist;
  const K = checkpoints.length;
  const fanOn = K > 0 && fanHist.length === C * K * FAN_BINS;

  // The slot setup, the per-path reset and the end-of-path counts below, like the sizing and
  // drawdown steps in the race loop, are written out again in simulateBootstrapPaths
  // (bootstrap-kernel.ts) on purpose: shared helpers measured above ~1% more instructions on MC1
  // (callgrind), so the two kernels keep their own copies; change them together.
  // State slots: slot q < members is member q of the class-major order (memberConfig[q]), the
  // configs that never bet follow; slotConfig maps a slot to its config.
  const slotConfig = new Int32Array(C);
  slotConfig.set(memberConfig);
  {
    const isMember = new Uint8Array(C);
    for (let q = 0; q < memberConfig.length; q++) isMember[memberConfig[q]] = 1;
    let q = memberConfig.length;
    for (let k = 0; k < C; k++) if (!isMember[k]) slotConfig[q++] = k;
  }
  // Per-slot state of the current path, interleaved: st[4q] bankroll (-1 once ruined, below
  // every stop), st[4q+1] running peak, st[4q+2] 1 - max drawdown, st[4q+3] bankroll stop.
  const st = new Float64Array(C * 4);
  const last = new Float64Array(C); // bankroll at ruin
  const lastBin = new Int32Array(C); // its fan bin
  // Per threshold class h, the ranks of its members still alive: live[memberStart[h] .. + liveCount[h]]
  // (a ruined member is swapped out, so ruined configs cost nothing; order does not matter).
  const live = new Int32Array(memberConfig.length);
  const liveCount = new Int32Array(H);
  const seedWords = new Int32Array(4);
  const inv32 = 1 / 4294967296;

  for (let path = pathStart; path < pathEnd; path++) {
    pathSeed(seed, path, seedWords);
    let a = seedWords[0];
    let b = seedWords[1];
    let c = seedWords[2];
    let d = seedWords[3];
    for (let q = 0; q < C; q++) {
      st[4 * q] = B0;
      st[4 * q + 1] = B0;
      st[4 * q + 2] = 1;
      st[4 * q + 3] = plan.stopYen[slotConfig[q]];
    }
    for (let h = 0; h < H; h++) {
      liveCount[h] = memberStart[h + 1] - memberStart[h];
      for (let q = 0; q < liveCount[h]; q++) live[memberStart[h] + q] = q;
    }
    let alive = memberConfig.length;
    let nextCp = 0;
    let cpRace = K > 0 ? checkpoints[0] : -1;
    for (let r = 0; r < R; r++) {
      // sfc32: one 32-bit draw per race, always (the stream position depends on the race only).
      // The step of sfc32Step (src/data/sfc32.ts) written out on locals: the hot loop keeps its
      // state in registers rather than in an Int32Array; keep the two the same.
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      const g0 = groupStart[r];
      const g1 = groupStart[r + 1];
      if (g0 !== g1) {
        const base = off[r];
        const u = (t >>> 0) * inv32 * (off[r + 1] - base);
        const i = u | 0;
        const winner = u - i < aliasProb[base + i] ? i : aliasIndex[base + i];
        for (let g = g0; g < g1; g++) {
          const t0 = groupTicketStart[g];
          const m = groupTicketStart[g + 1] - t0;
          let wpos = 0;
          let pay = 0; // payout per 100 yen of the winner's ticket, 0 when the group did not back it
          for (let j = 0; j < m; j++) {
            if (ticketRunner[t0 + j] === winner) {
              wpos = j;
              pay = ticketPay[t0 + j];
            }
          }
          const h = groupClass[g];
          const l0 = memberStart[h];
          const fs = groupFractionStart[g];
          let n = liveCount[h];
          for (let q = 0; q < n; q++) {
            const rank = live[l0 + q];
            const o = (l0 + rank) << 2;
            const B = st[o];
            if (stopAboveRuin && B < st[o + 3]) continue; // under the bankroll stop: buys nothing
            // Kept written out here and in simulateBootstrapPaths (bootstrap-kernel.ts), not shared:
            // this is the MC1 hot loop, and calls to shared sizing and drawdown helpers cost it
            // more than the ~1% it may lose (callgrind on MC1). The stake, ruin and drawdown steps
            // below must stay the same as there.
            // In 100-yen units: stake = floor(B * f / 100) * 100 exactly as Themis; payout = units * round(odds * 100).
            // floor(x / 100) is computed as floor(x * 0.01), which differs from the correctly rounded
            // division by a few ulps at most; only when x * 0.01 lies within 1e-15 (relative) of an
            // integer can the floors differ, and then the exact division decides.
            const f0 = fs + rank * m;
            let units = 0;
            let wonUnits = 0;
            for (let j = 0; j < m; j++) {
              const x = B * frac[f0 + j];
              const y = x * 0.01;
              let u = Math.floor(y);
              const rest = y - u;
              if (rest < y * 1e-15 || 1 - rest < y * 1e-15 + 1e-300) u = Math.floor(x / 100);
              units += u;
              if (j === wpos) wonUnits = u;
            }
            const nb = B - units * 100 + wonUnits * pay;
            const pk = Math.max(st[o + 1], nb);
            st[o + 1] = pk;
            const keep = st[o + 2];
            if (nb < pk * keep) {
              const ratio = nb / pk;
              if (ratio < keep) st[o + 2] = ratio;
            }
            if (nb < ruinYen) {
              const k = slotConfig[l0 + rank];
              last[k] = nb;
              if (fanOn) lastBin[k] = fanBin(nb, B0);
              st[o] = -1;
              ruinHist[k * R + r]++;
              alive--;
              n--;
              live[l0 + q] = live[l0 + n];
              live[l0 + n] = rank;
              q--;
            } else {
              st[o] = nb;
            }
          }
          liveCount[h] = n;
        }
      }
      if (r === cpRace) {
        if (fanOn) recordFan(fanHist, st, slotConfig, lastBin, C, K, nextCp, B0);
        nextCp++;
        cpRace = nextCp < K ? checkpoints[nextCp] : -1;
      }
      if (alive === 0) {
        // Every configuration is ruined: the rest of the path changes nothing.
        if (fanOn) for (; nextCp < K; nextCp++) recordFan(fanHist, st, slotConfig, lastBin, C, K, nextCp, B0);
        break;
      }
    }
    const o = (path - pathStart) * C;
    for (let q = 0; q < C; q++) {
      const k = slotConfig[q];
      const B = st[4 * q];
      finals[o + k] = B < 0 ? last[k] : B;
      const dd = 1 - st[4 * q + 2];
      if (dd >= 0.2) ddAtLeast[k * 3]++;
      if (dd >= 0.3) ddAtLeast[k * 3 + 1]++;
      if (dd >= 0.5) ddAtLeast[k * 3 + 2]++;
      ddHist[k * DRAWDOWN_BINS + Math.min(DRAWDOWN_BINS - 1, Math.floor(dd * DRAWDOWN_BINS))]++;
    }
  }
}

/** Adds every slot's bankroll bin at checkpoint `cp` (a ruined slot counts its bin at ruin). */
export function recordFan(fanHist: Int32Array, st: Float64Array, slotConfig: Int32Array, lastBin: Int32Array, C: number, K: number, cp: number, B0: number): void {
  for (let q = 0; q < C; q++) {
    const k = slotConfig[q];
    const B = st[4 * q];
    fanHist[(k * K + cp) * FAN_BINS + (B < 0 ? lastBin[k] : fanBin(B, B0))]++;
  }
}

/** Fan histogram bin of a bankroll: 0 below 10^FAN_MIN_LOG10 (or 0 yen), FAN_BINS - 1 at or above 10^FAN_MAX_LOG10. */
export function fanBin(B: number, B0: number): number {
  if (!(B > 0)) return 0;
  const x = Math.floor((Math.log10(B / B0) - FAN_MIN_LOG10) / FAN_BIN_WIDTH);
  return x < 0 ? 0 : x >= FAN_BINS - 2 ? FAN_BINS - 1 : x + 1;
}

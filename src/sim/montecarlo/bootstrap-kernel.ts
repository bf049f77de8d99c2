/**
 * The Monte Carlo kernel of a bootstrap of recorded races (a backtest run): each path is a
 * sequence of the run's races drawn with replacement (drawBootstrapSequence: by race or by race
 * day), and each drawn race settles as it really did: every ticket bought returns its recorded
 * dividend when its runner won (several tickets when a dead heat paid several), the stake when
 * it was refunded, nothing otherwise. Sizing is the main kernel's exactly (stake =
 * floor(bankroll * fraction / 100) * 100 from the bankroll before the race; bankroll stop; ruin;
 * drawdowns), and every configuration sees the same drawn sequence (common random numbers).
 * Layer: sim. Units: integer yen held in Float64Array. Pure apart from writing into the given
 * arrays; allocation-free per path.
 */
import { drawBootstrapSequence } from './bootstrap-draws.ts';
import { DRAWDOWN_BINS, FAN_BINS, fanBin, recordFan, type KernelCounts } from './kernel.ts';
import type { KernelPlan } from './plan.ts';
import { pathSeed } from './path-rng.ts';

/**
 * Simulates paths `pathStart .. pathEnd - 1` of a bootstrap plan (plan.bootstrap set; plan.races
 * is the path length). Arguments and outputs as simulatePaths; ruin and checkpoints count path
 * steps. Cost O(paths x (races + active (race, config) entries x tickets)).
 * @throws Error when the plan is not a bootstrap plan
 * @example simulateBootstrapPaths(plan, '1', 0, 100, new Int32Array(0), counts, new Float64Array(100 * plan.configs))
 */
export function simulateBootstrapPaths(
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
  const draws = plan.bootstrap;
  if (draws === undefined) throw new Error('simulateBootstrapPaths: the plan is not a bootstrap plan');
  const blockStart = draws.blockStart;
  const seq = new Int32Array(R);
  const groupStart = plan.groupStart;
  const groupClass = plan.groupClass;
  const groupTicketStart = plan.groupTicketStart;
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

  // The slot setup, per-path reset, sizing, drawdown and end-of-path counts repeat simulatePaths
  // (kernel.ts) on purpose: shared helpers cost the MC1 kernel above ~1% instructions
  // (callgrind), so both kernels keep their own copies; change them together.
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

  for (let path = pathStart; path < pathEnd; path++) {
    pathSeed(seed, path, seedWords);
    drawBootstrapSequence(blockStart, seedWords, R, seq);
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
      // Step r of the path settles pool race pr as it really ended.
      const pr = seq[r];
      const g0 = groupStart[pr];
      const g1 = groupStart[pr + 1];
      {
        for (let g = g0; g < g1; g++) {
          const t0 = groupTicketStart[g];
          const m = groupTicketStart[g + 1] - t0;
          const h = groupClass[g];
          const l0 = memberStart[h];
          const fs = groupFractionStart[g];
          let n = liveCount[h];
          for (let q = 0; q < n; q++) {
            const rank = live[l0 + q];
            const o = (l0 + rank) << 2;
            const B = st[o];
            if (stopAboveRuin && B < st[o + 3]) continue; // under the bankroll stop: buys nothing
            // Kept written out here as in simulatePaths (kernel.ts, the MC1 hot loop), not shared:
            // helpers there would cost MC1 more than ~1% (callgrind), so both loops spell out the
            // same stake, ruin and drawdown steps; change them together.
            // In 100-yen units: stake = floor(B * f / 100) * 100 exactly as Themis; return = units * yen per 100 recorded.
            // floor(x / 100) is computed as floor(x * 0.01), which differs from the correctly rounded
            // division by a few ulps at most; only when x * 0.01 lies within 1e-15 (relative) of an
            // integer can the floors differ, and then the exact division decides.
            const f0 = fs + rank * m;
            let units = 0;
            let returned = 0; // yen back: units x (dividend, 100 for a refund, 0 for a loss) per ticket
            for (let j = 0; j < m; j++) {
              const x = B * frac[f0 + j];
              const y = x * 0.01;
              let u = Math.floor(y);
              const rest = y - u;
              if (rest < y * 1e-15 || 1 - rest < y * 1e-15 + 1e-300) u = Math.floor(x / 100);
              units += u;
              returned += u * ticketPay[t0 + j];
            }
            const nb = B - units * 100 + returned;
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

/**
 * The race sequence of one bootstrap path: blocks of races (one race each, or one race day each
 * in post-time order) drawn uniformly with replacement from the path's own sfc32 stream until
 * the path has its number of races (the last block cut there). Layer: sim. Pure (writes only
 * into the arrays it is given).
 */
import { sfc32Step } from '../../data/index.ts';

/** How a bootstrap plan draws its races: block b is pool races blockStart[b] .. blockStart[b + 1] - 1. */
export interface BootstrapDraws {
  readonly unit: 'race' | 'day';
  readonly blockStart: Int32Array;
  /** Races in the pool (groupStart of the plan is indexed by pool race). */
  readonly poolRaces: number;
}

/**
 * Fills `out[0 .. steps)` with pool race indices. One 32-bit draw per block: block =
 * floor(u * blocks), u = draw / 2^32 (bias below blocks / 2^32).
 * @param blockStart - block boundaries, length blocks + 1, strictly increasing from 0
 * @param state - the path's sfc32 state (pathSeed), advanced in place
 * @param steps - races in the path
 * @param out - receives the sequence (length >= steps)
 * @returns the number of blocks drawn
 * @throws nothing (inputs are trusted)
 * @example drawBootstrapSequence(Int32Array.of(0, 3, 5), pathSeed('1', 0), 7, out) // e.g. out = [3, 4, 0, 1, 2, 3, 4]
 */
export function drawBootstrapSequence(blockStart: Int32Array, state: Int32Array, steps: number, out: Int32Array): number {
  const blocks = blockStart.length - 1;
  let drawn = 0;
  let s = 0;
  while (s < steps) {
    const t = sfc32Step(state);
    const k = ((t >>> 0) * (blocks / 4294967296)) | 0;
    drawn++;
    for (let r = blockStart[k], e = blockStart[k + 1]; r < e && s < steps; r++) out[s++] = r;
  }
  return drawn;
}

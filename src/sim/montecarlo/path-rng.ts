/**
 * Per-path random streams: path i of a sweep with seed S draws from an sfc32 generator seeded
 * by seedrandom(`${S}:${i}`), so a path's outcomes never depend on threads, chunks or shards.
 * Layer: sim. Pure (deterministic in its arguments).
 */
import seedrandom from 'seedrandom';
import { sfc32Step } from '../../data/index.ts';

/**
 * The four 32-bit words of the sfc32 state of one path, after 12 warm-up rounds.
 * @param seed - the sweep seed
 * @param path - the global path index
 * @param out - optional Int32Array(4) to fill
 * @throws nothing
 * @example pathSeed('1', 0) // Int32Array(4) [...], the same on every machine
 */
export function pathSeed(seed: string, path: number, out: Int32Array = new Int32Array(4)): Int32Array {
  const sr = seedrandom(`${seed}:${path}`);
  out[0] = sr.int32();
  out[1] = sr.int32();
  out[2] = sr.int32();
  out[3] = sr.int32();
  for (let i = 0; i < 12; i++) sfc32Step(out);
  return out;
}

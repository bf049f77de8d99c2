/**
 * Per-path random streams: path i of a sweep with seed S draws from an sfc32 generator seeded
 * by seedrandom(`${S}:${i}`), so a path's outcomes never depend on threads, chunks or shards.
 * Layer: sim. Pure (deterministic in its arguments).
 */
import seedrandom from 'seedrandom';

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
  let a = sr.int32() | 0;
  let b = sr.int32() | 0;
  let c = sr.int32() | 0;
  let d = sr.int32() | 0;
  for (let i = 0; i < 12; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
  out[3] = d;
  return out;
}

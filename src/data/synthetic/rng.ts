/**
 * Seeded random numbers for the synthetic generator: seedrandom (ARC4) derives the state of a
 * fast sfc32 generator, one stream per race, so a race depends only on (seed, race id);
 * `fork()` splits off an independent sub-stream (the model's, so its parameters change nothing else).
 * Layer: data; pure given its seed (no Math.random, no clock).
 */
import seedrandom from 'seedrandom';
import { sfc32Step } from '../sfc32.ts';

/** A stream of random numbers. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1) (Box-Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Index drawn from non-negative weights (not necessarily normalised). */
  pick(weights: readonly number[]): number;
  /** A new independent stream seeded by the next four numbers of this one. */
  fork(): Rng;
}

/**
 * Creates the random stream of a seed text. The same text gives the same stream.
 * Cost: one ARC4 key schedule per call, then O(1) per number.
 * @example createRng('42/SYN-2024-01-06-TOKYO-01').next() // a number in [0, 1), always the same
 */
export function createRng(seed: string): Rng {
  const init = seedrandom(seed);
  return sfc32(init.int32() >>> 0, init.int32() >>> 0, init.int32() >>> 0, init.int32() >>> 0);
}

function sfc32(a: number, b: number, c: number, d: number): Rng {
  if ((a | b | c | d) === 0) d = 1;
  const state = Int32Array.of(a, b, c, d);
  const u32 = (): number => sfc32Step(state) >>> 0;
  for (let i = 0; i < 12; i++) u32();
  let spare = Number.NaN;
  const next = (): number => u32() / 4294967296;
  const rng: Rng = {
    next,
    normal(): number {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = Number.NaN;
        return s;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number): number {
      return Math.floor(next() * n);
    },
    pick(weights: readonly number[]): number {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    fork(): Rng {
      return sfc32(u32(), u32(), u32(), u32());
    },
  };
  return rng;
}

/**
 * The seed text of a sub-stream: the base seed and the parts joined by `/`.
 * @example streamSeed(42, 'SYN-2024-01-06-TOKYO-01', 'pools') // '42/SYN-2024-01-06-TOKYO-01/pools'
 */
export function streamSeed(seed: string | number, ...parts: string[]): string {
  return [String(seed), ...parts].join('/');
}

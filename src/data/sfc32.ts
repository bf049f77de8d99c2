/**
 * One step of the sfc32 generator (Chris Doty-Humphrey's small fast chaotic generator) on a
 * four-word state, the one implementation behind the synthetic generator's streams and the Monte
 * Carlo paths' streams (seeding, warm-up, bootstrap draws). The MC1 kernel keeps an inlined copy
 * in its race loop (src/sim/montecarlo/kernel.ts) for speed; it must stay the same step.
 * Layer: data (imports nothing). Pure apart from advancing the state it is given.
 */

/**
 * Advances `state` (words a, b, c, d as int32) by one step and returns the 32-bit output as a
 * signed int32 (`>>> 0` gives the unsigned word).
 * @param state - Int32Array(4) [a, b, c, d], advanced in place
 * @returns the output word t = a + b + d (mod 2^32) of the state before the step, as int32
 * @throws nothing
 * @example sfc32Step(Int32Array.of(1, 2, 3, 4)) >>> 0 // 7
 */
export function sfc32Step(state: Int32Array): number {
  const a = state[0];
  const b = state[1];
  const c = state[2];
  const d = state[3];
  const t = (((a + b) | 0) + d) | 0;
  state[3] = (d + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t;
}

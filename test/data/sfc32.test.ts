/**
 * The shared sfc32 step: one step by hand, and a long run pinned to the values of the step as
 * the MC1 kernel writes it out (src/sim/montecarlo/kernel.ts).
 */
import { describe, expect, it } from 'vitest';
import { sfc32Step } from '../../src/data/index.ts';

describe('sfc32Step', () => {
  it('returns a + b + d and advances the state in place', () => {
    const s = Int32Array.of(1, 2, 3, 4);
    expect(sfc32Step(s) >>> 0).toBe(7);
    expect(Array.from(s)).toEqual([2, 27, (3 << 21) + 7, 5]);
  });

  it('gives the pinned state and output sum after 10,000 steps (the generator every stream relies on)', () => {
    const s = Int32Array.of(-123456789, 987654321, -1, 42);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum = (sum + sfc32Step(s)) | 0;
    expect(Array.from(s)).toEqual([-571400199, 1311841863, 2130642812, 10042]);
    expect(sum).toBe(1416871233);
  });
});

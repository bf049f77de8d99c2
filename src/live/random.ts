/**
 * Seeded uniform numbers keyed by what they are for (seed, order key, attempt), so a replay
 * draws the same jitter and the same injected faults whatever the order of calls, also after a
 * restart. Layer: live; pure.
 */
import { createHash } from 'node:crypto';

/**
 * A uniform number in [0, 1) determined by the seed and the parts.
 * @example uniformFor('s', 'key', 1) === uniformFor('s', 'key', 1) // true
 */
export function uniformFor(seed: string, ...parts: (string | number)[]): number {
  const h = createHash('sha256').update([seed, ...parts.map(String)].join('\u0000')).digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * sortByKeyDescending gives the order of Array.prototype.sort with (x, y) => key[y] - key[x]
 * (stable): random keys with many ties, signed zeros and infinities, every length up to 300.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByKeyDescending } from '../../src/themis/stable-sort.ts';

describe('sortByKeyDescending', () => {
  it('orders as the stable comparator sort does', () => {
    const keyValue = fc.oneof(fc.integer({ min: -5, max: 5 }).map((x) => x / 2), fc.double({ noNaN: true }), fc.constantFrom(0, -0, Infinity, -Infinity));
    fc.assert(
      fc.property(fc.array(keyValue, { maxLength: 300 }), fc.integer({ min: 0, max: 20 }), (keys, extra) => {
        const key = Float64Array.from(keys);
        // Indices in any order (the solver gives them ascending), including a subset.
        const n = keys.length;
        const order = Array.from({ length: n }, (_, i) => (i * 7919 + extra) % Math.max(n, 1));
        const unique = [...new Set(order)];
        const expected = [...unique].sort((x, y) => key[y] - key[x]);
        const idx = new Int32Array(unique.length + 3).fill(-7);
        idx.set(unique);
        sortByKeyDescending(idx, unique.length, key, new Int32Array(unique.length));
        expect(Array.from(idx.subarray(0, unique.length))).toEqual(expected);
        expect(Array.from(idx.subarray(unique.length))).toEqual([-7, -7, -7]); // nothing past n touched
      }),
      { numRuns: 400 },
    );
  });

  it('keeps ties in their given order across merges', () => {
    const key = new Float64Array(100).fill(1);
    key[50] = 2;
    const idx = Int32Array.from({ length: 100 }, (_, i) => i);
    sortByKeyDescending(idx, 100, key, new Int32Array(100));
    expect(Array.from(idx)).toEqual([50, ...Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== 50)]);
  });
});

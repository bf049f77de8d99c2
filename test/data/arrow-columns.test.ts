import { Int64, Int32, makeData, makeVector, vectorFromArray, Utf8 } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { int32Column, int64AsFloat64, utf8Column } from '../../src/data/io/arrow-columns.ts';

describe('int64AsFloat64(vector)', () => {
  it('converts exactly up to 2^53, negatives included, NaN where null', () => {
    const vals = [0n, 1n, -1n, 2n ** 40n + 7n, -(2n ** 45n) - 3n, 2n ** 53n - 1n, -(2n ** 53n) + 1n, 4294967295n, 4294967296n, -4294967296n];
    const v = makeVector(makeData({ type: new Int64(), length: vals.length, nullCount: 0, data: new BigInt64Array(vals) }));
    expect(Array.from(int64AsFloat64(v))).toEqual(vals.map(Number));
    const withNull = makeVector(makeData({ type: new Int64(), length: 2, nullCount: 1, nullBitmap: new Uint8Array([0b10]), data: new BigInt64Array([5n, 6n]) }));
    expect(Array.from(int64AsFloat64(withNull))).toEqual([Number.NaN, 6]);
  });
});

describe('int32Column(vector, nullValue)', () => {
  it('puts nullValue where null', () => {
    const v = makeVector(makeData({ type: new Int32(), length: 3, nullCount: 1, nullBitmap: new Uint8Array([0b101]), data: new Int32Array([7, 8, 9]) }));
    expect(Array.from(int32Column(v, 0))).toEqual([7, 0, 9]);
  });
});

describe('utf8Column(vector)', () => {
  it('gives every value as written, repeated values and nulls included, ASCII or not', () => {
    // Few distinct values (repeats reuse earlier strings), many (the table of recent values
    // overflows and collides), empty strings, nulls and non-ASCII text.
    const value = fc.oneof(fc.constantFrom('1', '2-7', '2024-01-06T09:55:00', '', 'é', '東京'), fc.string({ maxLength: 12 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 400 }), fc.integer({ min: 0, max: 6000 }), (vals, spread) => {
        const all = [...vals, ...Array.from({ length: spread }, (_, i) => `v${i % 5000}`)];
        const v = vectorFromArray(all, new Utf8());
        expect(utf8Column(v)).toEqual(all);
      }),
      { numRuns: 40 },
    );
  });
});

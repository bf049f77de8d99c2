import { Int64, Int32, makeData, makeVector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { int32Column, int64AsFloat64 } from '../../src/data/io/arrow-columns.ts';

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

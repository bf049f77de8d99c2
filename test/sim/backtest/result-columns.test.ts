/**
 * The replay's result columns (result-columns.ts): rows written by index through the growths
 * read back as written, every column cut to the rows written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensureRow, sizedColumns, trimColumns } from '../../../src/sim/backtest/result-columns.ts';

describe('result columns', () => {
  it('keep every row written, whatever the initial room', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(300), (capacity, rows) => {
        const c = sizedColumns({ n: [] as number[], s: [] as string[] }, capacity);
        for (let i = 0; i < rows; i++) {
          if (i >= c.n.length) ensureRow(c, i);
          expect(c.n.length).toBeGreaterThan(i);
          expect(c.s.length).toBe(c.n.length);
          c.n[i] = i * 0.5;
          c.s[i] = `row ${i}`;
        }
        trimColumns(c, rows);
        expect(c.n).toEqual(Array.from({ length: rows }, (_, i) => i * 0.5));
        expect(c.s).toEqual(Array.from({ length: rows }, (_, i) => `row ${i}`));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The replay's result columns (result-columns.ts): rows written by index through any sequence of
 * growths (doubling, or to a capacity asked for) read back as written, every column cut to the
 * rows written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensureRow, sizedColumns, trimColumns } from '../../../src/sim/backtest/result-columns.ts';

describe('result columns', () => {
  it('keep every row written, whatever the growth asked for', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.array(fc.nat(300), { maxLength: 120 }), (initial, capacities) => {
        const c = sizedColumns({ n: [] as number[], s: [] as string[] }, initial);
        capacities.forEach((capacity, i) => {
          if (i >= c.n.length) ensureRow(c, i, capacity);
          expect(c.n.length).toBeGreaterThan(i);
          expect(c.s.length).toBe(c.n.length);
          c.n[i] = i * 0.5;
          c.s[i] = `row ${i}`;
        });
        trimColumns(c, capacities.length);
        expect(c.n).toEqual(capacities.map((_, i) => i * 0.5));
        expect(c.s).toEqual(capacities.map((_, i) => `row ${i}`));
      }),
      { numRuns: 200 },
    );
  });
});

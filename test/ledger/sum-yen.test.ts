/**
 * Property test of sumYen (an array or Float64Array read by index, any other iterable by its iterator) against
 * the loop it replaced: on random lists of amounts (safe integers of both signs, sums past 2^53,
 * non-integers, NaN, non-numbers), given as an array, a typed array, a set or a generator, both
 * return the same sum or throw errors of the same class, code, message and context.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addYen, assertYen, sumYen } from '../../src/ledger/yen.ts';

/** The reference: sumYen as it was. */
function referenceSumYen(amounts: Iterable<number>): number {
  let s = 0;
  for (const a of amounts) s = addYen(s, assertYen(a, 'amountYen'));
  return s;
}

function outcome(f: () => number): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    return e instanceof Error ? { class: e.constructor, message: e.message, fields: { ...e } } : { thrown: e };
  }
}

const amountArb = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 52, -(2 ** 52), 0, -0) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(1.5, Number.NaN, Infinity, 2 ** 53, '3', null, undefined, 10n) },
);

describe('sumYen', () => {
  it('sums arrays and other iterables as before, with the same errors', () => {
    fc.assert(
      fc.property(fc.array(amountArb, { maxLength: 12 }), (list) => {
        const amounts = list as number[];
        const expected = outcome(() => referenceSumYen(amounts));
        expect(outcome(() => sumYen(amounts))).toEqual(expected);
        function* gen(): Generator<number> {
          yield* amounts;
        }
        expect(outcome(() => sumYen(gen()))).toEqual(expected);
        // A Float64Array is read by index too: the same sums and errors for any numbers (NaN, 1.5, 2^53).
        if (amounts.every((a) => typeof a === 'number')) {
          expect(outcome(() => sumYen(new Float64Array(amounts)))).toEqual(outcome(() => referenceSumYen(new Float64Array(amounts))));
        }
        if (amounts.every((a) => typeof a === 'number' && Number.isSafeInteger(a))) {
          expect(outcome(() => sumYen(new Set(amounts)))).toEqual(outcome(() => referenceSumYen(new Set(amounts))));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps -0 and the order of the checks (a bad amount after an overflow: the overflow)', () => {
    expect(Object.is(sumYen([-0]), referenceSumYen([-0]))).toBe(true);
    expect(outcome(() => sumYen([2 ** 53 - 1, 1, 1.5]))).toEqual(outcome(() => referenceSumYen([2 ** 53 - 1, 1, 1.5])));
    expect(outcome(() => sumYen([1.5, 2 ** 53 - 1, 1]))).toEqual(outcome(() => referenceSumYen([1.5, 2 ** 53 - 1, 1])));
    expect(sumYen([])).toBe(0);
  });
});

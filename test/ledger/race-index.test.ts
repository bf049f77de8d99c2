/**
 * Tests of RaceIndex.pool: the race's facts computed once serve every pool, and each pool is what
 * the reference winningCombinations (test/data/rules/winning-combinations-reference.ts, the
 * implementation before the facts were shared) gives, asked in any order and again; when the
 * facts or a pool throw, every ask throws an equal error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BET_TYPES, type BetType } from '../../src/themis/tickets.ts';
import { JRA_TERMS } from '../../src/data/rules/place-terms.ts';
import { RaceIndex } from '../../src/ledger/race-index.ts';
import type { RaceResult } from '../../src/ledger/settle.ts';
import { winningCombinations as reference } from '../data/rules/winning-combinations-reference.ts';
import { raceArb } from '../data/rules/random-races.ts';
import { plainField } from './fixtures.ts';
import { describeError, outcome, type Outcome } from '../reference-outcome.ts';

describe('RaceIndex.pool', () => {
  it('gives each pool as the reference does, in any order of asks and again, or throws an equal error on each ask', () => {
    let thrown = 0;
    fc.assert(
      fc.property(raceArb, fc.array(fc.constantFrom(...BET_TYPES), { minLength: 1, maxLength: 20 }), ({ runners, terms, opts }, asks) => {
        const race: RaceResult = opts.fieldSizeAtSales === undefined ? { runners, payouts: [] } : { runners, payouts: [], fieldSizeAtSales: opts.fieldSizeAtSales };
        const index = new RaceIndex(race, terms);
        const kept = new Map<BetType, unknown>();
        for (const bt of asks) {
          const expected = outcome(() => reference(runners, bt, terms, opts));
          const got = outcome(() => index.pool(bt));
          if (expected.ok) {
            expect(got.ok, bt).toBe(true);
            if (!got.ok) continue;
            expect(got.value.wc, bt).toStrictEqual(expected.value);
            expect(JSON.stringify(got.value.wc), bt).toBe(JSON.stringify(expected.value));
            expect([...got.value.winners], bt).toEqual(expected.value.combinations);
            if (kept.has(bt)) expect(got.value, `${bt} kept`).toBe(kept.get(bt));
            kept.set(bt, got.value);
          } else {
            thrown++;
            expect(got.ok, bt).toBe(false);
            if (!got.ok) expect(describeError(got.error), bt).toStrictEqual(describeError(expected.error));
          }
        }
      }),
      { numRuns: 1_500 },
    );
    expect(thrown).toBeGreaterThan(100);
  });

  it('shares one facts value between the pools of a race (same counts and refunded runners)', () => {
    const rs = plainField('R', 10);
    rs[4] = { ...rs[4], status: 'scratched', finishPos: null };
    const index = new RaceIndex({ runners: rs, payouts: [] }, JRA_TERMS);
    const win = index.pool('win').wc;
    const trio = index.pool('trio').wc;
    expect(trio.counts).toBe(win.counts);
    expect(trio.refundedRunners).toBe(win.refundedRunners);
    expect(win.refundedRunners).toEqual([5]);
  });

  it('throws the error of the rows for every pool, on each ask', () => {
    const rs = [...plainField('R', 5), ...plainField('R', 1)];
    const index = new RaceIndex({ runners: rs, payouts: [] }, JRA_TERMS);
    for (const bt of [...BET_TYPES, ...BET_TYPES]) {
      expect(() => index.pool(bt), bt).toThrow(
        expect.objectContaining({ name: 'RulesError', code: 'LEDGER_BAD_RACE', field: 'runner', value: 1, message: 'winningCombinations: race R: runner 1 appears twice' }),
      );
    }
  });
});

/**
 * Property test of winningCombinations (the facts of a race computed once, each pool read off
 * them) against the implementation it replaced (winning-combinations-reference.ts, verbatim):
 * on random races (random-races.ts) and all eight bet types, both give deep-equal results with
 * the same key and combination order, or both throw errors of the same class, code, message
 * and context. Also: winningCombinationsOf on one raceFacts for every pool gives the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BET_TYPES, type BetType } from '../../../src/themis/tickets.ts';
import { JRA_TERMS } from '../../../src/data/rules/place-terms.ts';
import { raceFacts, winningCombinations, winningCombinationsOf } from '../../../src/data/rules/winning-combinations.ts';
import type { RunnerRow } from '../../../src/data/rows.ts';
import { winningCombinations as reference } from './winning-combinations-reference.ts';
import { raceArb } from './random-races.ts';
import { describeError, outcome, type Outcome } from '../../reference-outcome.ts';

function expectSame<T>(actual: Outcome<T>, expected: Outcome<T>, label: string): void {
  if (expected.ok) {
    expect(actual, label).toStrictEqual(expected);
    expect(JSON.stringify(actual), label).toBe(JSON.stringify(expected)); // same key order too
  } else {
    expect(actual.ok, label).toBe(false);
    if (!actual.ok) expect(describeError(actual.error), label).toStrictEqual(describeError(expected.error));
  }
}

describe('winningCombinations against the reference implementation', () => {
  it('gives the same pools, or throws the same error, on random races for every bet type', () => {
    const seen = { sold: 0, tied: 0, refunded: 0, notSold: 0, errors: new Map<string, number>() };
    fc.assert(
      fc.property(raceArb, ({ runners, terms, opts }) => {
        const facts = outcome(() => raceFacts(runners, opts));
        for (const bt of BET_TYPES) {
          const expected = outcome(() => reference(runners, bt, terms, opts));
          expectSame(outcome(() => winningCombinations(runners, bt, terms, opts)), expected, bt);
          // One facts value for every pool of the race: the same again.
          expectSame(
            facts.ok ? outcome(() => winningCombinationsOf(facts.value, bt, terms)) : (facts as Outcome<never>),
            expected,
            `${bt} from shared facts`,
          );
          if (expected.ok) {
            const { pool, combinations } = expected.value;
            if (pool === 'sold') seen.sold++;
            if (combinations.length > 1 && bt !== 'place' && bt !== 'wide') seen.tied++;
            if (pool === 'refunded') seen.refunded++;
            if (pool === 'not-sold') seen.notSold++;
          } else {
            const e = expected.error as { code?: string; field?: string };
            const key = `${e.code ?? 'other'}:${e.field ?? ''}`;
            seen.errors.set(key, (seen.errors.get(key) ?? 0) + 1);
          }
        }
      }),
      { numRuns: 4_000 },
    );
    if (process.env.WC_STATS) console.log(seen);
    // The generator reaches paid pools with dead heats, refunds, pools not sold and every error.
    expect(seen.sold).toBeGreaterThan(5_000);
    expect(seen.tied).toBeGreaterThan(500);
    expect(seen.refunded).toBeGreaterThan(100);
    expect(seen.notSold).toBeGreaterThan(100);
    for (const key of ['LEDGER_BAD_RACE:', 'LEDGER_BAD_RACE:raceId', 'LEDGER_BAD_RACE:runner', 'LEDGER_BAD_RACE:finishPos', 'LEDGER_BAD_RACE:bracket', 'THEMIS_BAD_TICKET_ID:combination']) {
      expect(seen.errors.get(key) ?? 0, key).toBeGreaterThan(0);
    }
  });

  const row = (runner: number, finishPos: number | null, bracket: number | null, status: RunnerRow['status'] = 'ran'): RunnerRow => ({
    raceId: 'R',
    runner,
    bracket,
    status,
    finishPos,
    winOddsFinal: null,
    popularity: null,
  });

  it('throws the bracket error for bracket quinella only, for the first leading runner without a bracket', () => {
    // 1st: 4 and 2 in a dead heat (2 has no bracket), 3rd: 1 (no bracket); 9 declared, brackets shared.
    const rs = [row(1, 3, null), row(2, 1, null), row(4, 1, 3), ...[3, 5, 6, 7, 8, 9].map((r) => row(r, r + 1, r === 3 ? 2 : Math.ceil(r / 2)))];
    for (const bt of BET_TYPES) {
      expectSame(outcome(() => winningCombinations(rs, bt, JRA_TERMS)), outcome(() => reference(rs, bt, JRA_TERMS)), bt);
    }
    expect(() => winningCombinations(rs, 'bracket_quinella', JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_RACE', field: 'bracket', value: null }));
    expect(() => winningCombinations(rs, 'bracket_quinella', JRA_TERMS)).toThrow('runner 2 has no bracket number');
    expect(winningCombinations(rs, 'trifecta', JRA_TERMS).combinations).toEqual(['2>4>1', '4>2>1']);
  });

  it('lists tied combinations by the positions of their legs, then by saddle number', () => {
    // 1st: 5; 2nd: 9, 2 and 7 in a dead heat; 5th: 1.
    const rs = [row(5, 1, 1), row(9, 2, 2), row(2, 2, 3), row(7, 2, 4), row(1, 5, 5), row(3, 6, 6), row(4, 7, 7), row(6, 8, 8)];
    const got = (bt: BetType): string[] => winningCombinations(rs, bt, JRA_TERMS).combinations;
    expect(got('exacta')).toEqual(['5>2', '5>7', '5>9']);
    expect(got('trifecta')).toEqual(['5>2>7', '5>2>9', '5>7>2', '5>7>9', '5>9>2', '5>9>7']);
    expect(got('trio')).toEqual(['2-5-7', '2-5-9', '5-7-9']);
    expect(got('wide')).toEqual(['2-5', '5-7', '5-9', '2-7', '2-9', '7-9']);
    expect(got('place')).toEqual(['5', '2', '7', '9']);
    for (const bt of BET_TYPES) expect(got(bt), bt).toEqual(reference(rs, bt, JRA_TERMS).combinations);
  });

  it('throws the parse error of the first winning combination naming a saddle number outside 1-99', () => {
    const rs = [row(100, 1, 1), row(2, 2, 2), row(3, 3, 3), row(4, 4, 4), row(5, 5, 5)];
    for (const bt of BET_TYPES) {
      expectSame(outcome(() => winningCombinations(rs, bt, JRA_TERMS)), outcome(() => reference(rs, bt, JRA_TERMS)), bt);
    }
    expect(() => winningCombinations(rs, 'win', JRA_TERMS)).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_TICKET_ID' }));
  });
});

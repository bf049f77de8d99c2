/**
 * Tests of winningCombinations: every bet type on a plain result, dead heats at 1st, 2nd and 3rd
 * (the counts of betting-math.md section 5), scratches and exclusions, too few starters or
 * finishers, void races, bracket quinella with emptied brackets, and the finishing order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HKJC_TERMS, JRA_TERMS } from '../../src/ledger/index.ts';
import { winningCombinations } from '../../src/ledger/index.ts';
import { BET_TYPES, type BetType } from '../../src/themis/tickets.ts';
import { plainField, runners } from './fixtures.ts';

const wc = (rs: Parameters<typeof winningCombinations>[0], bt: BetType, terms = JRA_TERMS) =>
  winningCombinations(rs, bt, terms).combinations;

describe('winningCombinations(runners, betType, JRA_TERMS) on a plain result', () => {
  const field = runners('R', [
    [1, 4, 1],
    [2, 1, 1],
    [3, 5, 2],
    [4, 3, 2],
    [5, 2, 3],
    [6, 6, 3],
    [7, 7, 4],
    [8, 8, 4],
    [9, 9, 5],
  ]);
  it.each([
    ['win', ['2']],
    ['place', ['2', '5', '4']],
    ['bracket_quinella', ['1-3']],
    ['quinella', ['2-5']],
    ['wide', ['2-5', '2-4', '4-5']],
    ['exacta', ['2>5']],
    ['trio', ['2-4-5']],
    ['trifecta', ['2>5>4']],
  ] as [BetType, string[]][])('%s -> %j', (bt, expected) => {
    const r = winningCombinations(field, bt, JRA_TERMS);
    expect(r.pool).toBe('sold');
    expect(r.combinations).toEqual(expected);
    expect(r.refundedRunners).toEqual([]);
  });
});

describe('winningCombinations with dead heats (betting-math.md section 5)', () => {
  // 10 runners: 3 and 7 dead-heat for 1st, then 1 (3rd), 9 (4th) ...
  const first = runners('D1', [
    [3, 1],
    [7, 1],
    [1, 3],
    [9, 4],
    [2, 5],
    [4, 6],
    [5, 7],
    [6, 8],
    [8, 9],
    [10, 10],
  ]);
  it('tie for 1st: both win, exacta both ways, one quinella', () => {
    expect(wc(first, 'win')).toEqual(['3', '7']);
    expect(wc(first, 'exacta')).toEqual(['3>7', '7>3']);
    expect(wc(first, 'quinella')).toEqual(['3-7']);
    expect(wc(first, 'trio')).toEqual(['1-3-7']);
    expect(wc(first, 'trifecta')).toEqual(['3>7>1', '7>3>1']);
    expect(wc(first, 'place')).toEqual(['3', '7', '1']);
    expect(wc(first, 'wide')).toEqual(['3-7', '1-3', '1-7']);
  });
  // 5 wins; 2 and 8 dead-heat for 2nd; 4 is 4th
  const second = runners('D2', [
    [5, 1],
    [2, 2],
    [8, 2],
    [4, 4],
    [1, 5],
    [3, 6],
    [6, 7],
    [7, 8],
  ]);
  it('tie for 2nd: winner + either (exacta, quinella, trifecta two each, trio one)', () => {
    expect(wc(second, 'win')).toEqual(['5']);
    expect(wc(second, 'exacta')).toEqual(['5>2', '5>8']);
    expect(wc(second, 'quinella')).toEqual(['2-5', '5-8']);
    expect(wc(second, 'trifecta')).toEqual(['5>2>8', '5>8>2']);
    expect(wc(second, 'trio')).toEqual(['2-5-8']);
    expect(wc(second, 'place')).toEqual(['5', '2', '8']);
    expect(wc(second, 'wide')).toEqual(['2-5', '5-8', '2-8']);
  });
  it('3-way tie for 3rd: 5 place / 7 wide / 3 trio / 3 trifecta winners', () => {
    const third = runners('D3', [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 3],
      [5, 3],
      [6, 6],
      [7, 7],
      [8, 8],
    ]);
    expect(wc(third, 'place')).toHaveLength(5);
    expect(wc(third, 'place')).toEqual(['1', '2', '3', '4', '5']);
    expect(wc(third, 'wide')).toHaveLength(7);
    expect(wc(third, 'wide')).toEqual(['1-2', '1-3', '1-4', '1-5', '2-3', '2-4', '2-5']);
    expect(wc(third, 'trio')).toEqual(['1-2-3', '1-2-4', '1-2-5']);
    expect(wc(third, 'trifecta')).toEqual(['1>2>3', '1>2>4', '1>2>5']);
    expect(wc(third, 'exacta')).toEqual(['1>2']);
  });
  it('2-way tie for 3rd: place has 4 winners', () => {
    const rs = runners('D4', [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 3],
      [5, 5],
      [6, 6],
      [7, 7],
      [8, 8],
    ]);
    expect(wc(rs, 'place')).toEqual(['1', '2', '3', '4']);
    expect(wc(rs, 'wide')).toHaveLength(5);
  });
  it('tie for 2nd in a 7-runner field (2 places): winner and both tied are placed', () => {
    const rs = runners('D5', [
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 4],
      [5, 5],
      [6, 6],
      [7, 7],
    ]);
    expect(wc(rs, 'place')).toEqual(['1', '2', '3']);
  });
  it('bracket quinella with a tie for 2nd maps both orders to brackets', () => {
    const rs = runners('D6', [
      [1, 1, 1],
      [2, 2, 1],
      [3, 2, 2],
      [4, 4, 2],
      [5, 5, 3],
      [6, 6, 4],
      [7, 7, 5],
      [8, 8, 6],
      [9, 9, 7],
    ]);
    expect(wc(rs, 'bracket_quinella')).toEqual(['1-1', '1-2']);
  });
});

describe('winningCombinations with scratches and exclusions', () => {
  const rs = runners('S1', [
    [1, 2],
    [2, 'S'],
    [3, 1],
    [4, 'X'],
    [5, 3],
    [6, 'DNF'],
    [7, 4],
    [8, 'DQ'],
    [9, 5],
  ]);
  it('refunds scratched and excluded runners; dnf and disqualified are losers', () => {
    const r = winningCombinations(rs, 'trifecta', JRA_TERMS);
    expect(r.combinations).toEqual(['3>1>5']);
    expect(r.refundedRunners).toEqual([2, 4]);
  });
  it('JRA keeps the place terms of the start of sales (9 declared: 3 places though 7 started)', () => {
    const r = winningCombinations(rs, 'place', JRA_TERMS);
    expect(r.counts).toEqual({ atSales: 9, starters: 7 });
    expect(r.combinations).toEqual(['3', '1', '5']);
  });
  it('HKJC applies the starters: 7 declared, 6 starters -> place pays 2, wide refunded', () => {
    const hk = runners('S2', [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 6],
      [7, 'S'],
    ]);
    expect(wc(hk, 'place', HKJC_TERMS)).toEqual(['1', '2']);
    const w = winningCombinations(hk, 'wide', HKJC_TERMS);
    expect(w.pool).toBe('refunded');
    expect(w.refundReason).toBe('insufficient-starters');
    expect(w.combinations).toEqual([]);
    expect(winningCombinations(hk, 'trio', HKJC_TERMS).pool).toBe('sold');
  });
  it('HKJC trio is refunded with 4 starters, trifecta paid', () => {
    const hk = runners('S3', [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 'S'],
    ]);
    expect(winningCombinations(hk, 'trio', HKJC_TERMS).pool).toBe('refunded');
    expect(wc(hk, 'trifecta', HKJC_TERMS)).toEqual(['1>2>3']);
    expect(wc(hk, 'place', HKJC_TERMS)).toEqual(['1', '2']);
    expect(winningCombinations(hk, 'bracket_quinella', HKJC_TERMS).pool).toBe('not-sold');
  });
  it('fieldSizeAtSales counts runners missing from the rows', () => {
    const r = winningCombinations(plainField('F', 7), 'place', JRA_TERMS, { fieldSizeAtSales: 8 });
    expect(r.combinations).toEqual(['1', '2', '3']);
  });
});

describe('winningCombinations with too few starters (JRA availability by field size)', () => {
  it.each([
    [4, 'place', 'not-sold'],
    [5, 'place', 'sold'],
    [3, 'wide', 'not-sold'],
    [4, 'wide', 'sold'],
    [3, 'trio', 'not-sold'],
    [3, 'trifecta', 'not-sold'],
    [4, 'trifecta', 'sold'],
    [2, 'quinella', 'not-sold'],
    [3, 'exacta', 'sold'],
    [2, 'win', 'sold'],
    [8, 'bracket_quinella', 'not-sold'],
  ] as [number, BetType, string][])('%i declared, %s -> %s', (n, bt, pool) => {
    expect(winningCombinations(plainField('F', n), bt, JRA_TERMS).pool).toBe(pool);
  });
  it('place pays 2 with 5-7 declared, 3 with 8 or more', () => {
    expect(wc(plainField('F', 7), 'place')).toEqual(['1', '2']);
    expect(wc(plainField('F', 8), 'place')).toEqual(['1', '2', '3']);
  });
  it('wide with 4 runners pays any 2 of the top 3', () => {
    expect(wc(plainField('F', 4), 'wide')).toEqual(['1-2', '1-3', '2-3']);
  });
  it('a pool needing more finishers than there are is refunded', () => {
    const rs = runners('F2', [
      [1, 1],
      [2, 2],
      [3, 'DNF'],
      [4, 'DNF'],
      [5, 'DNF'],
      [6, 'DNF'],
      [7, 'DNF'],
      [8, 'DNF'],
    ]);
    const r = winningCombinations(rs, 'trifecta', JRA_TERMS);
    expect(r.pool).toBe('refunded');
    expect(r.refundReason).toBe('insufficient-finishers');
    expect(wc(rs, 'place')).toEqual(['1', '2']);
    expect(wc(rs, 'quinella')).toEqual(['1-2']);
  });
});

describe('winningCombinations on a void race', () => {
  it('refunds every runner of every pool when nobody finished', () => {
    const rs = runners('V', [
      [1, 'DNF'],
      [2, 'DNF'],
      [3, 'S'],
      [4, 'DNF'],
      [5, 'DNF'],
    ]);
    for (const bt of BET_TYPES.filter((b) => b !== 'place' && b !== 'bracket_quinella')) {
      const r = winningCombinations(rs, bt, JRA_TERMS);
      expect(r.pool).toBe('refunded');
      expect(r.refundReason).toBe('void-race');
      expect(r.refundedRunners).toEqual([1, 2, 3, 4, 5]);
    }
    // pools never sold for 5 declared stay 'not-sold'
    expect(winningCombinations(rs, 'bracket_quinella', JRA_TERMS).pool).toBe('not-sold');
    expect(winningCombinations([...rs, ...runners('V', [[6, 'DNF'], [7, 'DNF'], [8, 'DNF']])], 'place', JRA_TERMS).pool).toBe('refunded');
  });
});

describe('winningCombinations(runners, "bracket_quinella") refunds', () => {
  // 10 runners in brackets: 1:[1], 2:[2], 3:[3], 4:[4], 5:[5], 6:[6,7], 7:[8,9], 8:[10]
  const base: [number, number][] = [
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 5],
    [6, 6],
    [7, 6],
    [8, 7],
    [9, 7],
    [10, 8],
  ];
  it('an emptied bracket refunds all its combinations; one left of two refunds the same-bracket pair', () => {
    const rs = runners(
      'B',
      base.map(([n, b]) => [n, n === 6 || n === 7 || n === 8 ? 'S' : n, b] as [number, number | 'S', number]),
    );
    const r = winningCombinations(rs, 'bracket_quinella', JRA_TERMS);
    expect(r.refundedBrackets).toEqual([6]);
    expect(r.refundedBracketPairs).toEqual(['7-7']);
    expect(r.combinations).toEqual(['1-2']);
  });
  it('is not sold when every bracket holds one runner', () => {
    const rs = runners('B2', [
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
      [4, 4, 4],
      [5, 5, 5],
    ]);
    expect(winningCombinations(rs, 'bracket_quinella', JRA_TERMS).pool).toBe('not-sold');
  });
  it('throws LEDGER_BAD_RACE when a placed runner has no bracket', () => {
    const rs = runners('B3', [[1, 1, 1], [2, 2], ...Array.from({ length: 8 }, (_, i): [number, number, number] => [i + 3, i + 3, 1 + (i % 8)])]);
    expect(() => winningCombinations(rs, 'bracket_quinella', JRA_TERMS)).toThrow(
      expect.objectContaining({ code: 'LEDGER_BAD_RACE', raceId: 'B3' }),
    );
  });
});

describe('winningCombinations input checks', () => {
  it('throws LEDGER_BAD_RACE for no runners, mixed races, repeated numbers, a finisher without position', () => {
    expect(() => winningCombinations([], 'win', JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_RACE' }));
    expect(() => winningCombinations([...plainField('A', 3), ...plainField('B', 3)], 'win', JRA_TERMS)).toThrow(
      expect.objectContaining({ code: 'LEDGER_BAD_RACE' }),
    );
    expect(() => winningCombinations([...plainField('A', 3), ...plainField('A', 1)], 'win', JRA_TERMS)).toThrow(
      expect.objectContaining({ code: 'LEDGER_BAD_RACE' }),
    );
    const bad = plainField('A', 3);
    bad[1] = { ...bad[1], finishPos: null };
    expect(() => winningCombinations(bad, 'win', JRA_TERMS)).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_RACE', field: 'finishPos' }));
  });
});

describe('winningCombinations against every consistent finishing order (fast-check oracle)', () => {
  /** All orders of the finishers that keep the official positions (ties permuted). */
  function linearOrders(finishers: { runner: number; pos: number }[]): number[][] {
    const groups = new Map<number, number[]>();
    for (const f of finishers) groups.set(f.pos, [...(groups.get(f.pos) ?? []), f.runner]);
    const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    let out: number[][] = [[]];
    for (const pos of [...groups.keys()].sort((a, b) => a - b)) out = out.flatMap((o) => perms(groups.get(pos)!).map((p) => [...o, ...p]));
    return out;
  }
  const sortedNum = (xs: number[]) => [...xs].sort((a, b) => a - b);

  it('every bet type is the union over the orders (JRA terms, 8 declared: 3 places)', () => {
    const field = fc
      .array(fc.constantFrom('tie', 'next', 'S', 'DNF'), { minLength: 3, maxLength: 7 })
      .map((kinds) => {
        let pos = 0;
        let rank = 0;
        return kinds.map((k, i): [number, number | 'S' | 'DNF'] => {
          if (k === 'S' || k === 'DNF') return [i + 1, k];
          rank++;
          if (k === 'next' || pos === 0) pos = rank;
          return [i + 1, pos];
        });
      });
    fc.assert(
      fc.property(field, fc.nat(), (specs, shift) => {
        // renumber the runners so ties are not always in saddle order
        const n = specs.length;
        const rs = runners('P', specs.map(([r, p]) => [((r + shift) % n) + 1, p]));
        const fin = rs.filter((r) => r.status === 'ran').map((r) => ({ runner: r.runner, pos: r.finishPos as number }));
        const orders = linearOrders(fin);
        const union = (f: (o: number[]) => string[]) => [...new Set(orders.flatMap(f))].sort();
        const expected: Record<string, string[]> = {
          win: union((o) => [String(o[0])]),
          place: union((o) => o.slice(0, 3).map(String)),
          quinella: fin.length >= 2 ? union((o) => [sortedNum(o.slice(0, 2)).join('-')]) : [],
          wide: fin.length >= 2 ? union((o) => { const t = o.slice(0, 3); return t.flatMap((a, i) => t.slice(i + 1).map((b) => sortedNum([a, b]).join('-'))); }) : [],
          exacta: fin.length >= 2 ? union((o) => [o.slice(0, 2).join('>')]) : [],
          trio: fin.length >= 3 ? union((o) => [sortedNum(o.slice(0, 3)).join('-')]) : [],
          trifecta: fin.length >= 3 ? union((o) => [o.slice(0, 3).join('>')]) : [],
        };
        for (const [bt, want] of Object.entries(expected)) {
          const got = winningCombinations(rs, bt as BetType, JRA_TERMS, { fieldSizeAtSales: 8 });
          if (fin.length === 0) {
            expect(got.pool).toBe('refunded');
            continue;
          }
          expect([...got.combinations].sort(), bt).toEqual(want);
          expect(got.refundedRunners).toEqual(sortedNum(rs.filter((r) => r.status === 'scratched').map((r) => r.runner)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { availableBetTypes, placesPaid, winningCombinations, type Finisher } from '../../../src/data/synthetic/index.ts';

const brackets: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4, 9: 5 };
const result = (...pos: [number, number][]): Finisher[] => pos.map(([runner, finishPos]) => ({ runner, finishPos, bracket: brackets[runner] }));

describe('winningCombinations(finishers, placeCount)', () => {
  it('one winner per ordered pool without ties', () => {
    const w = winningCombinations(result([3, 1], [7, 2], [1, 3], [9, 4]), 3);
    expect(w).toEqual({
      win: ['3'],
      place: ['3', '7', '1'],
      bracket_quinella: ['2-4'],
      quinella: ['3-7'],
      wide: ['3-7', '1-3', '1-7'],
      exacta: ['3>7'],
      trio: ['1-3-7'],
      trifecta: ['3>7>1'],
    });
    expect(winningCombinations(result([3, 1], [7, 2], [1, 3]), 2).place).toEqual(['3', '7']);
  });

  it('dead heat for 1st: both win, both exactas and trifectas, one quinella and trio', () => {
    const w = winningCombinations(result([3, 1], [7, 1], [1, 3], [9, 4]), 3);
    expect(w.win.sort()).toEqual(['3', '7']);
    expect(w.exacta.sort()).toEqual(['3>7', '7>3']);
    expect(w.quinella).toEqual(['3-7']);
    expect(w.trifecta.sort()).toEqual(['3>7>1', '7>3>1']);
    expect(w.trio).toEqual(['1-3-7']);
    expect(w.place.length).toBe(3);
    expect(w.wide.length).toBe(3);
  });

  it('dead heat for 2nd: two exactas, quinellas and trifectas, one trio', () => {
    const w = winningCombinations(result([3, 1], [7, 2], [1, 2], [9, 4]), 3);
    expect(w.win).toEqual(['3']);
    expect(w.exacta.sort()).toEqual(['3>1', '3>7']);
    expect(w.quinella.sort()).toEqual(['1-3', '3-7']);
    expect(w.trifecta.sort()).toEqual(['3>1>7', '3>7>1']);
    expect(w.trio).toEqual(['1-3-7']);
  });

  it('dead heat for 3rd: 4 place, 5 wide, 2 trio, 2 trifecta winners; three-way: 5 / 7 / 3 / 3', () => {
    const w = winningCombinations(result([3, 1], [7, 2], [1, 3], [9, 3], [5, 5]), 3);
    expect(w.place.length).toBe(4);
    expect(w.wide.length).toBe(5);
    expect(w.trio.length).toBe(2);
    expect(w.trifecta.sort()).toEqual(['3>7>1', '3>7>9']);
    const w3 = winningCombinations(result([3, 1], [7, 2], [1, 3], [9, 3], [5, 3], [2, 6]), 3);
    expect([w3.place.length, w3.wide.length, w3.trio.length, w3.trifecta.length]).toEqual([5, 7, 3, 3]);
  });
});

describe('availableBetTypes(fieldSize) and placesPaid(fieldSize)', () => {
  it('follows betting-math 5', () => {
    expect(availableBetTypes(8)).toEqual(['win', 'place', 'quinella', 'wide', 'exacta', 'trio', 'trifecta']);
    expect(availableBetTypes(9)).toContain('bracket_quinella');
    expect(availableBetTypes(4)).toEqual(['win', 'quinella', 'wide', 'exacta', 'trio', 'trifecta']);
    expect(availableBetTypes(3)).toEqual(['win', 'quinella', 'exacta']);
    expect([4, 5, 7, 8, 18].map(placesPaid)).toEqual([0, 2, 2, 3, 3]);
  });
});

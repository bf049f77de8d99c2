import { describe, expect, it } from 'vitest';
import { marketProbabilities, overround, StrategyError } from '../../src/strategies/index.ts';

describe('marketProbabilities(odds, R)', () => {
  it('betting-math 7.1: odds [2.0, 2.3, 5.0, 8.0], R = .8 -> .396894, .345125, .158758, .099223', () => {
    const q = marketProbabilities([2.0, 2.3, 5.0, 8.0], 0.8);
    [0.396894, 0.345125, 0.158758, 0.099223].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 6));
    expect(q.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it('does not depend on R (it cancels) and fills `out`', () => {
    const out = new Float64Array(4);
    const q = marketProbabilities([2.0, 2.3, 5.0, 8.0], 0.5, out);
    expect(q).toBe(out);
    expect(q[0]).toBeCloseTo(0.396894, 6);
  });
  it('overround(odds) = Σ 1/o', () => {
    expect(overround([2.0, 2.3, 5.0, 8.0])).toBeCloseTo(1.259783, 6);
  });
  it('refuses an empty field, odds below 1 or NaN, and R outside (0, 1]', () => {
    expect(() => marketProbabilities([], 0.8)).toThrow(StrategyError);
    expect(() => marketProbabilities([2, 0.9], 0.8)).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_PROBABILITIES', field: 'odds[1]' }));
    expect(() => marketProbabilities([2, Number.NaN], 0.8)).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_PROBABILITIES' }));
    expect(() => marketProbabilities([2, 3], 1.2)).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_PARAMETER' }));
  });
});

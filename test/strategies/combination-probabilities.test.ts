/**
 * combinationProbabilities: every bet type's tickets share out the outcomes' probability as the
 * type's winning combinations do (one winning ticket per outcome, three for place and wide).
 */
import { describe, expect, it } from 'vitest';
import { combinationProbabilities, harvilleDistribution } from '../../src/strategies/index.ts';

const field = new Map([[1, 0.4], [2, 0.25], [3, 0.2], [4, 0.1], [5, 0.05]]);
const bracketOf = (r: number): number => Math.min(4, r);

function typeSum(probs: Map<string, number>, type: string): number {
  let s = 0;
  for (const [id, q] of probs) if (id.startsWith(`${type}:`)) s += q;
  return s;
}

describe('combinationProbabilities', () => {
  const probs = combinationProbabilities(harvilleDistribution(field), bracketOf);
  it('sums to 1 per single-winner type and to 3 for place and wide', () => {
    for (const type of ['win', 'bracket_quinella', 'quinella', 'exacta', 'trio', 'trifecta']) expect(typeSum(probs, type)).toBeCloseTo(1, 12);
    expect(typeSum(probs, 'place')).toBeCloseTo(3, 12);
    expect(typeSum(probs, 'wide')).toBeCloseTo(3, 12);
  });
  it('gives the win probabilities back and Harville exacta and quinella values', () => {
    expect(probs.get('win:1')).toBeCloseTo(0.4, 12);
    const exacta12 = 0.4 * (0.25 / 0.6);
    const exacta21 = 0.25 * (0.4 / 0.75);
    expect(probs.get('exacta:1>2')).toBeCloseTo(exacta12, 12);
    expect(probs.get('quinella:1-2')).toBeCloseTo(exacta12 + exacta21, 12);
  });
  it('puts runners 4 and 5 in one bracket (bracket_quinella 4-4 for a 4-5 finish)', () => {
    expect(probs.get('bracket_quinella:4-4')).toBeGreaterThan(0);
    expect(probs.has('bracket_quinella:4-5')).toBe(false);
  });
});

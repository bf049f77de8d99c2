/**
 * The winning combinations of a pool implied by the official placings, dead heats included:
 * every ordering of tied runners is a possible finishing order, and each one's leading runners
 * form a winning combination (a tie for 1st: both horses win; exacta A>B and B>A; quinella
 * A-B once). Used to check the dividends files against the results and to find pools whose
 * dividend rows are incomplete. Layer: data; pure.
 */
import { formatCombination, type BetType } from '../../themis/tickets.ts';

/** Bet types whose winners follow from the placings alone (place terms need the field size). */
export type PlacingPool = 'win' | 'quinella' | 'exacta' | 'trio' | 'trifecta';

const LEGS: Readonly<Record<PlacingPool, number>> = { win: 1, quinella: 2, exacta: 2, trio: 3, trifecta: 3 };

/**
 * Canonical winning combinations of a pool given the finishers' positions (ties share a
 * position). Cost: the number of orderings of the tied groups that reach the paying positions.
 * @param finishers runners that finished, with their official positions (any order).
 * @returns the set of canonical combination texts (empty when too few finished).
 * @example winningCombinations('exacta', [{ runner: 3, finishPos: 1 }, { runner: 8, finishPos: 1 }, { runner: 5, finishPos: 3 }])
 * // Set { '3>8', '8>3' }
 */
export function winningCombinations(
  betType: PlacingPool,
  finishers: readonly { runner: number; finishPos: number }[],
): Set<string> {
  const legs = LEGS[betType];
  const sorted = [...finishers].sort((a, b) => a.finishPos - b.finishPos);
  const groups: number[][] = [];
  let lastPos = Number.NaN;
  for (const f of sorted) {
    if (f.finishPos === lastPos) groups[groups.length - 1].push(f.runner);
    else groups.push([f.runner]);
    lastPos = f.finishPos;
  }
  const out = new Set<string>();
  const bt: BetType = betType;
  const extend = (seq: number[], gi: number, remaining: number[]): void => {
    if (seq.length === legs) {
      out.add(formatCombination(bt, seq));
      return;
    }
    let pool = remaining;
    let g = gi;
    if (pool.length === 0) {
      if (g >= groups.length) return;
      pool = groups[g];
      g++;
    }
    for (const r of pool) extend([...seq, r], g, pool.filter((x) => x !== r));
  };
  extend([], 0, []);
  return out;
}

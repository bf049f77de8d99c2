/**
 * The winning combinations of a pool implied by the official placings, dead heats included, as
 * the HKJC importer checks its dividends files against the results and finds pools whose
 * dividend rows are incomplete. A thin adapter over src/data/rules (placingCombinations), which
 * holds the dead-heat rules. Layer: data; pure.
 */
import { placingCombinations } from '../rules/winning-combinations.ts';

/** Bet types whose winners follow from the placings alone (place terms need the field size). */
export type PlacingPool = 'win' | 'quinella' | 'exacta' | 'trio' | 'trifecta';

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
  return new Set(placingCombinations(betType, finishers));
}

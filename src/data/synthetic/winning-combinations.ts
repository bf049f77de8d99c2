/**
 * The generator's view of the race rules: the winning combinations of every bet type from an
 * official result, the orders consistent with its ties, and the pools and places of a declared
 * field under JRA terms. A thin adapter over src/data/rules (placingCombinations,
 * finishingPrefixes, poolAvailability, placesPaid), which holds the dead-heat rules
 * (betting-math.md 5). Layer: data; pure.
 * Units: runner (saddle) numbers; bracket numbers for bracket_quinella.
 */
import { BET_TYPES, type BetType } from '../../themis/tickets.ts';
import { JRA_TERMS, placesPaid as placesPaidByTerms, poolAvailability, type FieldCounts } from '../rules/place-terms.ts';
import { finishingPrefixes, placingCombinations } from '../rules/winning-combinations.ts';

/** A finisher: saddle number, official position and bracket. */
export interface Finisher {
  runner: number;
  finishPos: number;
  bracket: number | null;
}

/**
 * Strict orderings of the top of the result consistent with its ties: the runners placed 1st
 * to 3rd (ties included), every permutation inside each tie group.
 * @example consistentOrders([{ runner: 3, finishPos: 1, bracket: 2 }, { runner: 5, finishPos: 1, bracket: 3 }, { runner: 1, finishPos: 3, bracket: 1 }]) // [[3, 5, 1], [5, 3, 1]]
 */
export function consistentOrders(finishers: readonly Finisher[]): number[][] {
  const top = finishers.filter((f) => f.finishPos <= 3).sort((a, b) => a.finishPos - b.finishPos || a.runner - b.runner);
  return finishingPrefixes(top, top.length);
}

/**
 * Winning combinations (canonical combination text) of each bet type, given the finishers and
 * the number of paid places for place bets (3 with 8 or more declared runners, 2 with 5-7), in
 * the order the tie-consistent finishing orders generate them. Bet types the result cannot
 * settle (too few finishers; wide needs three) get an empty list; availability by field size
 * is the caller's decision.
 * @example
 * winningCombinations([{ runner: 3, finishPos: 1, bracket: 2 }, { runner: 7, finishPos: 2, bracket: 4 }, { runner: 1, finishPos: 3, bracket: 1 }], 3).trifecta
 * // ['3>7>1']
 */
export function winningCombinations(finishers: readonly Finisher[], placeCount: number): Record<BetType, string[]> {
  const bracketOf = new Map<number, number | null>(finishers.map((f) => [f.runner, f.bracket]));
  const opts = { bracketOf: (r: number): number | null => bracketOf.get(r) ?? null };
  const of = (b: BetType): string[] => {
    if (b === 'place') return placingCombinations(b, finishers, { ...opts, depth: placeCount });
    if (b === 'wide') return finishers.length < 3 ? [] : placingCombinations(b, finishers, { ...opts, depth: 3 });
    return placingCombinations(b, finishers, opts);
  };
  return Object.fromEntries(BET_TYPES.map((b) => [b, of(b)])) as Record<BetType, string[]>;
}

/** Counts of a field declared and started in full. */
function fullField(fieldSize: number): FieldCounts {
  return { atSales: fieldSize, starters: fieldSize };
}

/**
 * Bet types sold for a declared field under JRA terms (betting-math.md 5): win >= 2 runners;
 * place >= 5; quinella and exacta >= 3; wide, trio, trifecta >= 4; bracket quinella from 9
 * runners (when JRA bracket rules put two runners in a bracket).
 * @example availableBetTypes(8) // all but bracket_quinella
 */
export function availableBetTypes(fieldSize: number): BetType[] {
  return BET_TYPES.filter((b) => poolAvailability(JRA_TERMS, b, fullField(fieldSize)) !== 'not-sold');
}

/**
 * Places paid by place bets under JRA terms: 3 with 8 or more declared runners, 2 with 5-7, 0 below.
 * @example placesPaid(7) // 2
 */
export function placesPaid(fieldSize: number): number {
  return placesPaidByTerms(JRA_TERMS, fullField(fieldSize));
}

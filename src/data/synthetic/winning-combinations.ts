/**
 * The winning combinations of every bet type from an official result, dead heats included
 * (betting-math.md 5): every ordering of the tied runners consistent with the result counts,
 * so a tie for 1st makes both runners win and both exactas A>B and B>A win; a tie for 3rd
 * adds place, wide, trio and trifecta winners. Layer: data; pure.
 * Units: runner (saddle) numbers; bracket numbers for bracket_quinella.
 */
import { BET_TYPES, formatCombination, type BetType } from '../../themis/tickets.ts';

/** A finisher: saddle number, official position and bracket. */
export interface Finisher {
  runner: number;
  finishPos: number;
  bracket: number | null;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/**
 * Strict orderings of the top of the result consistent with its ties: the runners placed 1st
 * to 3rd (ties included), every permutation inside each tie group.
 * @example consistentOrders([{ runner: 3, finishPos: 1, bracket: 2 }, { runner: 5, finishPos: 1, bracket: 3 }, { runner: 1, finishPos: 3, bracket: 1 }]) // [[3, 5, 1], [5, 3, 1]]
 */
export function consistentOrders(finishers: readonly Finisher[]): number[][] {
  const top = [...finishers].filter((f) => f.finishPos <= 3).sort((a, b) => a.finishPos - b.finishPos || a.runner - b.runner);
  const groups: number[][] = [];
  for (const f of top) {
    const last = groups[groups.length - 1];
    const lastPos = last === undefined ? -1 : (top.find((t) => t.runner === last[0]) as Finisher).finishPos;
    if (last !== undefined && lastPos === f.finishPos) last.push(f.runner);
    else groups.push([f.runner]);
  }
  let orders: number[][] = [[]];
  for (const g of groups) {
    const next: number[][] = [];
    for (const o of orders) for (const perm of permutations(g)) next.push([...o, ...perm]);
    orders = next;
  }
  return orders;
}

/**
 * Winning combinations (canonical combination text) of each bet type, given the finishers and
 * the number of paid places for place bets (3 with 8 or more declared runners, 2 with 5-7).
 * Bet types the result cannot settle (too few finishers) get an empty list; availability by
 * field size is the caller's decision.
 * @example
 * winningCombinations([{ runner: 3, finishPos: 1, bracket: 2 }, { runner: 7, finishPos: 2, bracket: 4 }, { runner: 1, finishPos: 3, bracket: 1 }], 3).trifecta
 * // ['3>7>1']
 */
export function winningCombinations(finishers: readonly Finisher[], placeCount: number): Record<BetType, string[]> {
  const bracketOf = new Map<number, number | null>(finishers.map((f) => [f.runner, f.bracket]));
  const sets = Object.fromEntries(BET_TYPES.map((b) => [b, new Set<string>()])) as Record<BetType, Set<string>>;
  const add = (b: BetType, nums: number[]) => sets[b].add(formatCombination(b, nums));
  for (const o of consistentOrders(finishers)) {
    if (o.length >= 1) add('win', [o[0]]);
    for (let k = 0; k < Math.min(placeCount, o.length); k++) add('place', [o[k]]);
    if (o.length >= 2) {
      add('quinella', [o[0], o[1]]);
      add('exacta', [o[0], o[1]]);
      const b0 = bracketOf.get(o[0]);
      const b1 = bracketOf.get(o[1]);
      if (b0 != null && b1 != null) add('bracket_quinella', [b0, b1]);
    }
    if (o.length >= 3) {
      add('wide', [o[0], o[1]]);
      add('wide', [o[0], o[2]]);
      add('wide', [o[1], o[2]]);
      add('trio', [o[0], o[1], o[2]]);
      add('trifecta', [o[0], o[1], o[2]]);
    }
  }
  return Object.fromEntries(BET_TYPES.map((b) => [b, [...sets[b]]])) as Record<BetType, string[]>;
}

/**
 * Bet types sold for a declared field (betting-math.md 5): win >= 2 runners; place >= 5;
 * quinella and exacta >= 3; wide, trio, trifecta >= 4; bracket quinella when some bracket
 * holds two or more runners (9 or more runners under JRA bracket rules).
 * @example availableBetTypes(8) // all but bracket_quinella
 */
export function availableBetTypes(fieldSize: number): BetType[] {
  return BET_TYPES.filter((b) => {
    switch (b) {
      case 'win':
        return fieldSize >= 2;
      case 'place':
        return fieldSize >= 5;
      case 'bracket_quinella':
        return fieldSize >= 9;
      case 'quinella':
      case 'exacta':
        return fieldSize >= 3;
      default:
        return fieldSize >= 4;
    }
  });
}

/**
 * Places paid by place bets: 3 with 8 or more declared runners, 2 with 5-7, 0 below.
 * @example placesPaid(7) // 2
 */
export function placesPaid(fieldSize: number): number {
  return fieldSize >= 8 ? 3 : fieldSize >= 5 ? 2 : 0;
}

/**
 * Parser of one row of the netkeiba payouts table (`raw_race_return.csv`): bet type name, then
 * the winning combinations, payouts and popularity ranks, each cell holding several values
 * separated by spaces (`5 - 10 1 - 10 1 - 5` / `210 290 340` / `1 2 4`), `-` inside unordered
 * and `→` inside ordered combinations, thousands commas in multi-value payout cells.
 * Layer: data; pure. Units: payouts in yen per 100 yen staked (as in the source).
 */
import { parseCombination, formatCombination, type BetType } from '../../themis/tickets.ts';

/** The netkeiba (JRA) bet type names. */
export const NETKEIBA_BET_TYPES: Readonly<Record<string, BetType>> = {
  単勝: 'win',
  複勝: 'place',
  枠連: 'bracket_quinella',
  馬連: 'quinella',
  ワイド: 'wide',
  馬単: 'exacta',
  三連複: 'trio',
  三連単: 'trifecta',
};

/** One winning combination of a payout row. */
export interface NetkeibaPayoutEntry {
  combination: string; // canonical (tickets.ts)
  numbers: number[];
  payoutPer100: number;
  popularity: number;
}

/** A parsed payout row, or the cell at fault and why. */
export type PayoutCellsResult =
  | { ok: true; betType: BetType; entries: NetkeibaPayoutEntry[] }
  | { ok: false; cell: 'betType' | 'combination' | 'payout' | 'popularity'; reason: string };

const YEN_RE = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;
const RANK_RE = /^[1-9]\d*$/;

/**
 * Splits a combination cell into canonical-ready tokens: `5 - 10 1 - 10` -> ['5-10', '1-10'],
 * `10 → 5 → 1` -> ['10>5>1'], `10 5 1` -> ['10', '5', '1'].
 * @example splitCombinationCell('5 - 10 1 - 10 1 - 5') // ['5-10', '1-10', '1-5']
 */
export function splitCombinationCell(cell: string): string[] {
  const t = cell.replace(/\s*-\s*/g, '-').replace(/\s*→\s*/g, '>').trim();
  return t === '' ? [] : t.split(/\s+/);
}

/**
 * Parses a yen amount of a payout cell: `2470`, `2,080` (commas must group thousands).
 * @returns undefined when the text is not such an amount.
 * @example parseYen('2,080') // 2080
 */
export function parseYen(text: string): number | undefined {
  if (!YEN_RE.test(text)) return undefined;
  const n = Number(text.replaceAll(',', ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Parses the cells of one payout row.
 * @param betName column `0`, e.g. `ワイド`.
 * @param combinations column `1`; payouts column `2`; popularity column `3`.
 * @example parseNetkeibaPayoutCells('ワイド', '5 - 10 1 - 10 1 - 5', '210 290 340', '1 2 4')
 * // { ok: true, betType: 'wide', entries: [{ combination: '5-10', numbers: [5, 10], payoutPer100: 210, popularity: 1 }, ...] }
 */
export function parseNetkeibaPayoutCells(
  betName: string,
  combinations: string,
  payouts: string,
  popularity: string,
): PayoutCellsResult {
  const betType = NETKEIBA_BET_TYPES[betName];
  if (betType === undefined) return { ok: false, cell: 'betType', reason: 'unknown bet type name' };
  const combos = splitCombinationCell(combinations);
  if (combos.length === 0) return { ok: false, cell: 'combination', reason: 'no winning combination' };
  const yen = payouts.trim().split(/\s+/);
  const ranks = popularity.trim().split(/\s+/);
  if (yen.length !== combos.length) {
    return { ok: false, cell: 'payout', reason: `${yen.length} payout(s) for ${combos.length} combination(s)` };
  }
  if (ranks.length !== combos.length) {
    return { ok: false, cell: 'popularity', reason: `${ranks.length} popularity rank(s) for ${combos.length} combination(s)` };
  }
  const entries: NetkeibaPayoutEntry[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < combos.length; k++) {
    let numbers: number[];
    try {
      numbers = parseCombination(betType, combos[k]);
    } catch {
      return { ok: false, cell: 'combination', reason: `'${combos[k]}' is not a ${betType} combination` };
    }
    const combination = formatCombination(betType, numbers);
    if (seen.has(combination)) return { ok: false, cell: 'combination', reason: `combination ${combination} listed twice` };
    seen.add(combination);
    const amount = parseYen(yen[k]);
    if (amount === undefined || amount < 100) {
      return { ok: false, cell: 'payout', reason: `'${yen[k]}' is not a payout in yen per 100 (>= 100, commas grouping thousands)` };
    }
    if (!RANK_RE.test(ranks[k])) return { ok: false, cell: 'popularity', reason: `'${ranks[k]}' is not a popularity rank` };
    entries.push({ combination, numbers, payoutPer100: amount, popularity: Number(ranks[k]) });
  }
  return { ok: true, betType, entries };
}

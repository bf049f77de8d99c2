/**
 * Winning combinations of a race for one bet type, from the runners table: dead heats, scratches
 * and exclusions (refunded), too few starters or finishers, and the place terms of the
 * jurisdiction. Layer: data (imports data rows and the ticket-id format of themis only; the
 * ledger re-exports it, the synthetic generator and the HKJC importer call it); pure.
 *
 * Dead heats follow betting-math.md section 5: a tie is read as every order of the tied runners,
 * and a combination wins when some such order makes it win. Concretely the function lists every
 * "finishing prefix" (r1, r2, r3): r1 one of the runners with the best position, r2 one of the
 * best among the rest, and so on. Then
 * - win: every r1 (ties for 1st: both win); exacta / trifecta: every prefix of 2 / 3 (tie for 1st:
 *   A>B and B>A; tie for 2nd: winner then either);
 * - quinella / trio: the sets of those prefixes (a tie for 1st still gives one quinella);
 * - place with P places: every runner in some prefix of length P (a tie for 3rd pays all tied:
 *   4+ place winners); wide: every pair inside some prefix of length 3 (3-way tie for 3rd:
 *   5 place, 7 wide, 3 trio, 3 trifecta winners);
 * - bracket quinella: the bracket pairs of the quinella prefixes.
 * Scratched and excluded runners are refunded (never winners); dnf and disqualified runners
 * are losers. A race without a finisher is void: everything is refunded. A pool needing more
 * finishers than there are (e.g. trifecta with 2 finishers) is refunded as a whole: the rule
 * chosen here, as no winning combination can be formed.
 * Combinations are canonical (formatCombination) and listed in finishing order: by the positions
 * of their legs, then by saddle number (the order in which HKJC lists dividends).
 *
 * The facts every pool of a race reads (checks of the rows, counts, refunded runners, finishers
 * sorted into tie groups) are computed once by raceFacts (race-facts.ts); winningCombinationsOf
 * applies a pool's terms to them and reads its combinations off the tie groups
 * (finishing-combinations.ts), which gives what the prefixes above give, in the same order.
 * placingCombinations and finishingPrefixes list the prefixes themselves (the synthetic generator
 * and the HKJC importer use them, and so do races whose saddle numbers are not ticket numbers).
 */
import type { RunnerRow } from '../rows.ts';
import { formatCombination, LEGS, parseCombination, type BetType } from '../../themis/tickets.ts';
import { RulesError } from './errors.ts';
import { combinationsFromFinishers } from './finishing-combinations.ts';
import { isWithdrawn, placesPaid, poolAvailability, type FieldCounts, type PlaceTerms, type PoolAvailability } from './place-terms.ts';
import { raceFacts, type RaceFacts, type WinningOptions } from './race-facts.ts';

export { raceFacts, type RaceFacts, type WinningOptions } from './race-facts.ts';

/** Why a whole pool is refunded. */
export type RefundReason = 'void-race' | 'insufficient-starters' | 'insufficient-finishers';

/** The outcome of one pool of a race. */
export interface WinningCombinations {
  readonly raceId: string;
  readonly betType: BetType;
  /** 'paid': combinations win; 'refunded': every ticket is refunded; 'not-sold': no pool. */
  readonly pool: PoolAvailability;
  readonly refundReason: RefundReason | null;
  /** Winning combinations, canonical, in finishing order (empty unless pool is 'sold'). */
  readonly combinations: string[];
  /** Scratched and excluded runners, ascending: every ticket naming one is refunded. */
  readonly refundedRunners: number[];
  /** Bracket quinella: brackets emptied by withdrawals (all their combinations refunded). */
  readonly refundedBrackets: number[];
  /** Bracket quinella: same-bracket pairs ('3-3') refunded because one runner is left of two or more. */
  readonly refundedBracketPairs: string[];
  /** The field counts the terms were applied to. */
  readonly counts: FieldCounts;
}

/**
 * Derives the winning combinations of one pool of one race.
 *
 * Cost: O(n log n) plus the number of finishing prefixes (at most n^3 with a dead heat of the
 * whole field, a handful normally). For several pools of one race, compute raceFacts once and
 * call winningCombinationsOf for each.
 * @param runners - every runner row of one race (scratched ones included)
 * @param betType - the pool
 * @param terms - jurisdiction terms (JRA_TERMS, HKJC_TERMS)
 * @param opts - the declared field size when the rows lack some scratched runners
 * @returns the pool's status, winners in finishing order, and what is refunded
 * @throws RulesError LEDGER_BAD_RACE when the rows are empty, mix races, repeat a saddle
 *   number, give a finisher no position, or (bracket quinella) give a placed runner no bracket
 * @example
 * // 1st: 3; 2nd: 7 and 1 in a dead heat
 * winningCombinations(runners, 'exacta', JRA_TERMS).combinations // ['3>1', '3>7']
 */
export function winningCombinations(
  runners: readonly RunnerRow[],
  betType: BetType,
  terms: PlaceTerms,
  opts: WinningOptions = {},
): WinningCombinations {
  return winningCombinationsOf(raceFacts(runners, opts), betType, terms);
}

/**
 * The winning combinations of one pool from the facts of its race (raceFacts): the result of
 * winningCombinations on the rows the facts were computed from. The result shares the facts'
 * `counts` and `refundedRunners` (and, for a void race, the list of all runners), so results of
 * one race's pools share them too; they are not to be changed.
 *
 * Cost: the number of finishing prefixes of the pool (a handful normally).
 * @param facts - raceFacts(runners, opts) of the race
 * @param betType - the pool
 * @param terms - jurisdiction terms
 * @throws RulesError LEDGER_BAD_RACE (bracket quinella) when a placed runner has no bracket;
 *   ThemisError THEMIS_BAD_TICKET_ID when a winning combination names a saddle number outside 1-99
 * @example winningCombinationsOf(raceFacts(runners), 'trio', JRA_TERMS).combinations // ['1-3-7']
 */
export function winningCombinationsOf(facts: RaceFacts, betType: BetType, terms: PlaceTerms): WinningCombinations {
  const { raceId, counts, runners } = facts;
  const bracketRefunds = betType === 'bracket_quinella' ? bracketRefundsOf(runners) : null;
  const refundedBrackets = bracketRefunds === null ? [] : bracketRefunds.brackets;
  const refundedBracketPairs = bracketRefunds === null ? [] : bracketRefunds.pairs;
  const result = (pool: PoolAvailability, refundReason: RefundReason | null, combinations: string[], refundedRunners = facts.refundedRunners): WinningCombinations => ({
    raceId,
    betType,
    refundedRunners,
    refundedBrackets,
    refundedBracketPairs,
    counts,
    pool,
    refundReason,
    combinations,
  });
  const pool = poolAvailability(terms, betType, counts, runners);
  if (pool === 'not-sold') return result(pool, null, []);
  if (facts.allRunners !== null) return result('refunded', 'void-race', [], facts.allRunners);
  if (pool !== 'sold') return result(pool, pool === 'refunded' ? 'insufficient-starters' : null, []);
  const places = betType === 'place' ? placesPaid(terms, counts) : 0;
  const depth = betType === 'place' ? places : betType === 'wide' ? terms.widePlaces : LEGS[betType];
  const needed = betType === 'place' ? 1 : LEGS[betType];
  if (facts.sorted.length < needed) return result('refunded', 'insufficient-finishers', []);
  const combinations = facts.ticketNumbers ? combinationsFromFinishers(facts, betType, depth) : combinationsByParsing(facts, betType, depth);
  return result(pool, null, combinations);
}

/**
 * The derivation through finishing prefixes, texts parsed back and sorted: kept for races with a
 * finisher whose saddle number is not a ticket number (outside 1-99), so that such a race throws
 * the same THEMIS_BAD_TICKET_ID, for the same combination, as it always did.
 */
function combinationsByParsing(facts: RaceFacts, betType: BetType, depth: number): string[] {
  const { raceId, runners } = facts;
  const finishers: Placing[] = runners
    .filter((r) => r.status === 'ran')
    .map((r) => ({ runner: r.runner, finishPos: r.finishPos as number }));
  if (betType === 'bracket_quinella') {
    const bracketOf = new Map(runners.map((r) => [r.runner, r.bracket]));
    const bracket = (r: number): number => {
      const b = bracketOf.get(r);
      if (b === null || b === undefined) {
        throw new RulesError('LEDGER_BAD_RACE', `winningCombinations: race ${raceId}: runner ${r} has no bracket number`, {
          raceId,
          field: 'bracket',
          value: b ?? null,
        });
      }
      return b;
    };
    return placingCombinations(betType, finishers, { depth, bracketOf: bracket });
  }
  const pos = new Map(finishers.map((r) => [r.runner, r.finishPos]));
  const combos = placingCombinations(betType, finishers, { depth }).map((c) => parseCombination(betType, c));
  return inFinishingOrder(betType, combos, pos);
}

/** A finisher for {@link placingCombinations}: saddle number and official position (ties share one). */
export interface Placing {
  readonly runner: number;
  readonly finishPos: number;
}

/** Options of {@link placingCombinations}. */
export interface PlacingOptions {
  /**
   * How many leading finishers a combination is drawn from: the places paid for place, the
   * wide places for wide; the number of legs by default.
   */
  readonly depth?: number;
  /** Bracket quinella: the bracket of a runner (null: the pair is skipped). */
  readonly bracketOf?: (runner: number) => number | null;
}

/**
 * The combinations of one pool implied by the placings alone, dead heats included, with no
 * terms applied (availability and refunds are the caller's). Every order of the tied runners
 * is read as a possible finish; the combinations are deduplicated and listed in the order those
 * finishes are generated (lexicographic by position, then saddle number), not re-sorted.
 * Fewer finishers than the pool's legs (one for place) give no combination.
 *
 * Cost: the number of finishing prefixes (a handful normally).
 * @param betType - the pool
 * @param finishers - runners that finished, with their positions (any order)
 * @param opts - depth for place and wide; bracket lookup for bracket quinella
 * @returns canonical combination texts
 * @example
 * placingCombinations('exacta', [{ runner: 3, finishPos: 1 }, { runner: 8, finishPos: 1 }, { runner: 5, finishPos: 3 }])
 * // ['3>8', '8>3']
 */
export function placingCombinations(betType: BetType, finishers: readonly Placing[], opts: PlacingOptions = {}): string[] {
  const legs = betType === 'place' ? 1 : LEGS[betType];
  if (finishers.length < legs) return [];
  const sorted = [...finishers].sort((a, b) => a.finishPos - b.finishPos || a.runner - b.runner);
  const depth = opts.depth ?? legs;
  const prefixes = finishingPrefixes(sorted, Math.min(depth, sorted.length));
  const out = new Set<string>();
  for (const p of prefixes) {
    switch (betType) {
      case 'place':
        for (const r of p) out.add(formatCombination(betType, [r]));
        break;
      case 'wide':
        for (const pair of pairsOf(p)) out.add(formatCombination(betType, pair));
        break;
      case 'bracket_quinella': {
        const bracketOf = opts.bracketOf ?? ((): null => null);
        const b0 = bracketOf(p[0]);
        const b1 = bracketOf(p[1]);
        if (b0 !== null && b1 !== null) out.add(formatCombination(betType, [b0, b1]));
        break;
      }
      default:
        out.add(formatCombination(betType, p.slice(0, legs)));
    }
  }
  return [...out];
}

/**
 * Every order of the first `depth` finishers consistent with the official positions (ties
 * permuted), each as saddle numbers, in lexicographic order (the lower saddle number first
 * among ties).
 * @param sorted - finishers sorted by position, then saddle number
 * @example finishingPrefixes([{ runner: 3, finishPos: 1 }, { runner: 5, finishPos: 1 }, { runner: 1, finishPos: 3 }], 3) // [[3, 5, 1], [5, 3, 1]]
 */
export function finishingPrefixes(sorted: readonly Placing[], depth: number): number[][] {
  const out: number[][] = [];
  const used = new Set<number>();
  const prefix: number[] = [];
  const step = (): void => {
    if (prefix.length === depth) {
      out.push([...prefix]);
      return;
    }
    let best = Infinity;
    for (const r of sorted) if (!used.has(r.runner) && r.finishPos < best) best = r.finishPos;
    for (const r of sorted) {
      if (used.has(r.runner) || r.finishPos !== best) continue;
      used.add(r.runner);
      prefix.push(r.runner);
      step();
      prefix.pop();
      used.delete(r.runner);
    }
  };
  step();
  return out;
}

function pairsOf(p: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) out.push([p[i], p[j]]);
  return out;
}

/** Dedupes combinations (canonical text) and sorts them by leg positions, then saddle numbers. */
function inFinishingOrder(betType: BetType, combos: number[][], pos: ReadonlyMap<number, number>): string[] {
  const byText = new Map<string, number[]>();
  for (const c of combos) {
    const text = formatCombination(betType, c);
    if (byText.has(text)) continue;
    const legs = betType === 'exacta' || betType === 'trifecta' ? c : [...c].sort((a, b) => (pos.get(a) as number) - (pos.get(b) as number) || a - b);
    byText.set(text, legs);
  }
  const key = (legs: number[]): number[] => [...legs.map((r) => pos.get(r) as number), ...legs];
  return [...byText.entries()]
    .sort(([, a], [, b]) => compareArrays(key(a), key(b)))
    .map(([text]) => text);
}

function compareArrays(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Bracket quinella refunds (betting-math.md section 5): a bracket emptied by withdrawals has all
 * its combinations refunded; a bracket of two or more declared runners left with one has only
 * its same-bracket pair refunded.
 */
function bracketRefundsOf(runners: readonly RunnerRow[]): { brackets: number[]; pairs: string[] } {
  const declared = new Map<number, number>();
  const remaining = new Map<number, number>();
  for (const r of runners) {
    if (r.bracket === null) continue;
    declared.set(r.bracket, (declared.get(r.bracket) ?? 0) + 1);
    if (!isWithdrawn(r)) remaining.set(r.bracket, (remaining.get(r.bracket) ?? 0) + 1);
  }
  const brackets: number[] = [];
  const pairs: string[] = [];
  for (const [b, n] of [...declared.entries()].sort((x, y) => x[0] - y[0])) {
    const left = remaining.get(b) ?? 0;
    if (left === 0) brackets.push(b);
    else if (n >= 2 && left === 1) pairs.push(`${b}-${b}`);
  }
  return { brackets, pairs };
}

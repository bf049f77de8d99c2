/**
 * The reference for the winning-combinations property tests: src/data/rules/winning-combinations.ts
 * as it was before the facts of a race were computed once for all its pools (one call per pool
 * redoing the checks, the counts, the sort of the finishers and the finishing prefixes), kept
 * verbatim below this comment (only the import paths changed).
 */
import type { RunnerRow } from '../../../src/data/rows.ts';
import { formatCombination, LEGS, parseCombination, type BetType } from '../../../src/themis/tickets.ts';
import { RulesError } from '../../../src/data/rules/errors.ts';
import {
  fieldCounts,
  isWithdrawn,
  placesPaid,
  poolAvailability,
  type FieldCounts,
  type PlaceTerms,
  type PoolAvailability,
} from '../../../src/data/rules/place-terms.ts';

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

export interface WinningOptions {
  /** Runners declared at the start of sales (RaceRow.fieldSize), if larger than the rows given. */
  readonly fieldSizeAtSales?: number;
}

/**
 * Derives the winning combinations of one pool of one race.
 *
 * Cost: O(n log n) plus the number of finishing prefixes (at most n^3 with a dead heat of the
 * whole field, a handful normally).
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
  const raceId = checkRace(runners);
  const counts = fieldCounts(runners, opts.fieldSizeAtSales);
  const refundedRunners = runners.filter(isWithdrawn).map((r) => r.runner).sort((a, b) => a - b);
  const bracketRefunds = betType === 'bracket_quinella' ? bracketRefundsOf(runners) : { brackets: [], pairs: [] };
  const base = {
    raceId,
    betType,
    refundedRunners,
    refundedBrackets: bracketRefunds.brackets,
    refundedBracketPairs: bracketRefunds.pairs,
    counts,
  };
  const finishers: Placing[] = runners
    .filter((r) => r.status === 'ran')
    .map((r) => ({ runner: r.runner, finishPos: r.finishPos as number }));
  const pool = poolAvailability(terms, betType, counts, runners);
  if (pool === 'not-sold') return { ...base, pool, refundReason: null, combinations: [] };
  if (finishers.length === 0) {
    return { ...base, pool: 'refunded', refundReason: 'void-race', combinations: [], refundedRunners: runners.map((r) => r.runner).sort((a, b) => a - b) };
  }
  if (pool !== 'sold') {
    return { ...base, pool, refundReason: pool === 'refunded' ? 'insufficient-starters' : null, combinations: [] };
  }
  const places = betType === 'place' ? placesPaid(terms, counts) : 0;
  const depth = betType === 'place' ? places : betType === 'wide' ? terms.widePlaces : LEGS[betType];
  const needed = betType === 'place' ? 1 : LEGS[betType];
  if (finishers.length < needed) {
    return { ...base, pool: 'refunded', refundReason: 'insufficient-finishers', combinations: [] };
  }
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
    return { ...base, pool, refundReason: null, combinations: placingCombinations(betType, finishers, { depth, bracketOf: bracket }) };
  }
  const pos = new Map(finishers.map((r) => [r.runner, r.finishPos]));
  const combos = placingCombinations(betType, finishers, { depth }).map((c) => parseCombination(betType, c));
  return { ...base, pool, refundReason: null, combinations: inFinishingOrder(betType, combos, pos) };
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

/** Checks the rows form one race and returns its id. */
function checkRace(runners: readonly RunnerRow[]): string {
  if (runners.length === 0) {
    throw new RulesError('LEDGER_BAD_RACE', 'winningCombinations: no runners given');
  }
  const raceId = runners[0].raceId;
  const seen = new Set<number>();
  for (const r of runners) {
    if (r.raceId !== raceId) {
      throw new RulesError('LEDGER_BAD_RACE', `winningCombinations: runners of races ${raceId} and ${r.raceId} mixed`, {
        raceId,
        field: 'raceId',
        value: r.raceId,
      });
    }
    if (seen.has(r.runner)) {
      throw new RulesError('LEDGER_BAD_RACE', `winningCombinations: race ${raceId}: runner ${r.runner} appears twice`, {
        raceId,
        field: 'runner',
        value: r.runner,
      });
    }
    seen.add(r.runner);
    if (r.status === 'ran' && !(Number.isInteger(r.finishPos) && (r.finishPos as number) >= 1)) {
      throw new RulesError(
        'LEDGER_BAD_RACE',
        `winningCombinations: race ${raceId}: runner ${r.runner} ran but has finishPos ${String(r.finishPos)}`,
        { raceId, field: 'finishPos', value: r.finishPos },
      );
    }
  }
  return raceId;
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

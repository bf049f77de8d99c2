/**
 * The winning combinations of one sold pool read off a race's finishers sorted by position with
 * their tie groups (race-facts.ts), without listing finishing prefixes as texts, parsing them
 * back or sorting the finishers again. Layer: data (imports the ticket-id format of themis
 * only); pure.
 *
 * Slot t of a finish (0-based) is held by a runner of the tie group covering index t of the
 * sorted finishers, so a finishing prefix of length d fills slots 0..d-1, each from its group;
 * a set of runners lies inside some prefix of length d when no group gives more of them than
 * the group has slots below d. The results are those of the prefix-based rules of
 * winning-combinations.ts (betting-math.md section 5), in the same order: by the positions of
 * the legs, then by saddle number; bracket quinella in the order its prefixes come.
 */
import type { RunnerRow } from '../rows.ts';
import { formatCombination, type BetType } from '../../themis/tickets.ts';
import { RulesError } from './errors.ts';

/** The sorted finishers of a race and their tie groups (see RaceFacts). */
export interface SortedFinishers {
  readonly raceId: string;
  /** Rows of the runners that ran, by position then saddle number. */
  readonly sorted: readonly RunnerRow[];
  /** Index of the first runner of each one's tie group. */
  readonly groupStart: Int32Array;
  /** One past the index of the last runner of each one's tie group. */
  readonly groupEnd: Int32Array;
}

/**
 * Winning combinations of a sold pool, canonical, in finishing order.
 * The saddle numbers must be integers 1-99 (canonical texts without parsing), and the finishers
 * at least the pool's legs (one for place).
 * @param f - the race's sorted finishers
 * @param betType - the pool
 * @param depth - leading finishers a combination is drawn from: places paid for place, wide
 *   places for wide, ignored otherwise (the number of legs)
 * @throws RulesError LEDGER_BAD_RACE (bracket quinella) when a runner of a leading pair has no bracket
 * @example combinationsFromFinishers(f, 'exacta', 2) // ['3>1', '3>7'] with 3 first, 1 and 7 tied 2nd
 */
export function combinationsFromFinishers(f: SortedFinishers, betType: BetType, depth: number): string[] {
  const n = f.sorted.length;
  switch (betType) {
    case 'win':
      return leading(f, 1);
    case 'place':
      return leading(f, Math.min(depth, n));
    case 'bracket_quinella':
      return bracketPairs(f);
    case 'quinella':
      return unordered(f, 2, 2, '-');
    case 'wide':
      return unordered(f, 2, Math.min(depth, n), '-');
    case 'trio':
      return unordered(f, 3, 3, '-');
    case 'exacta':
      return ordered(f, 2);
    case 'trifecta':
      return ordered(f, 3);
  }
}

/** Every runner inside some prefix of length d (ahead of it fewer than d), in sorted order. */
function leading(f: SortedFinishers, d: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < f.sorted.length && f.groupStart[i] < d; i++) out.push(`${f.sorted[i].runner}`);
  return out;
}

/**
 * Sets of k runners inside some prefix of length d: as index tuples ascending (by position, then
 * saddle number), listed lexicographically, then put in finishing order.
 */
function unordered(f: SortedFinishers, k: 2 | 3, d: number, sep: string): string[] {
  const { groupStart, groupEnd } = f;
  let m = 0; // candidates: indices 0..m-1 (fewer than d ahead)
  while (m < f.sorted.length && groupStart[m] < d) m++;
  // Slots of index i's group below d.
  const room = (i: number): number => Math.min(groupEnd[i], d) - groupStart[i];
  const tuples: number[][] = [];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const ab = groupStart[a] === groupStart[b];
      if (ab && room(a) < 2) continue;
      if (k === 2) {
        tuples.push([a, b]);
        continue;
      }
      for (let c = b + 1; c < m; c++) {
        const inGroupC = (groupStart[c] === groupStart[a] ? 1 : 0) + (groupStart[c] === groupStart[b] ? 1 : 0);
        // c's group then holds inGroupC + 1 of the three (a and b counted once each).
        if (inGroupC > 0 && room(c) < inGroupC + 1) continue;
        tuples.push([a, b, c]);
      }
    }
  }
  return texts(f, inKeyOrder(f, tuples), sep, true);
}

/** The prefixes of length k (ordered combinations), lexicographic by index, then in finishing order. */
function ordered(f: SortedFinishers, k: 2 | 3): string[] {
  const { groupStart, groupEnd } = f;
  const tuples: number[][] = [];
  for (let a = groupStart[0]; a < groupEnd[0]; a++) {
    for (let b = groupStart[1]; b < groupEnd[1]; b++) {
      if (b === a) continue;
      if (k === 2) {
        tuples.push([a, b]);
        continue;
      }
      for (let c = groupStart[2]; c < groupEnd[2]; c++) if (c !== a && c !== b) tuples.push([a, b, c]);
    }
  }
  return texts(f, inKeyOrder(f, tuples), '>', false);
}

/**
 * Sorts index tuples by the positions of their legs, then by saddle numbers (the order of
 * inFinishingOrder in winning-combinations.ts); in place.
 */
function inKeyOrder(f: SortedFinishers, tuples: number[][]): number[][] {
  if (tuples.length < 2) return tuples;
  const s = f.sorted;
  tuples.sort((x, y) => {
    for (let t = 0; t < x.length; t++) {
      const d = (s[x[t]].finishPos as number) - (s[y[t]].finishPos as number);
      if (d !== 0) return d;
    }
    for (let t = 0; t < x.length; t++) {
      const d = s[x[t]].runner - s[y[t]].runner;
      if (d !== 0) return d;
    }
    return 0;
  });
  return tuples;
}

/** Canonical texts of index tuples: saddle numbers joined by sep, ascending when unordered. */
function texts(f: SortedFinishers, tuples: readonly number[][], sep: string, ascending: boolean): string[] {
  const s = f.sorted;
  const out: string[] = new Array<string>(tuples.length);
  for (let i = 0; i < tuples.length; i++) {
    const legs = tuples[i].map((j) => s[j].runner);
    if (ascending) legs.sort((a, b) => a - b);
    out[i] = legs.join(sep);
  }
  return out;
}

/**
 * Bracket quinella: the bracket pairs of the prefixes of length 2, deduplicated, in the order the
 * prefixes come (not re-sorted, as placingCombinations gives them).
 */
function bracketPairs(f: SortedFinishers): string[] {
  const { groupStart, groupEnd, sorted } = f;
  const out: string[] = [];
  for (let a = groupStart[0]; a < groupEnd[0]; a++) {
    for (let b = groupStart[1]; b < groupEnd[1]; b++) {
      if (b === a) continue;
      const text = formatCombination('bracket_quinella', [bracketOf(f, sorted[a]), bracketOf(f, sorted[b])]);
      if (!out.includes(text)) out.push(text);
    }
  }
  return out;
}

function bracketOf(f: SortedFinishers, r: RunnerRow): number {
  const b = r.bracket as number | null | undefined;
  if (b === null || b === undefined) {
    throw new RulesError('LEDGER_BAD_RACE', `winningCombinations: race ${f.raceId}: runner ${r.runner} has no bracket number`, {
      raceId: f.raceId,
      field: 'bracket',
      value: b ?? null,
    });
  }
  return b;
}

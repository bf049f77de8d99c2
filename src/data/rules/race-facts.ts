/**
 * The facts of a race that every pool's winning combinations read, computed once: the race id
 * after the checks of the rows, the field counts, the refunded runners, and the finishers sorted
 * by position then saddle number with the bounds of their tie groups. Layer: data (imports data
 * rows and the place terms only); pure. winning-combinations.ts derives each pool from them, and
 * the ledger's RaceIndex keeps them for the race's pools.
 */
import type { RunnerRow } from '../rows.ts';
import { RulesError } from './errors.ts';
import { fieldCounts, isWithdrawn, type FieldCounts } from './place-terms.ts';

/** Options of {@link raceFacts} (and of winningCombinations). */
export interface WinningOptions {
  /** Runners declared at the start of sales (RaceRow.fieldSize), if larger than the rows given. */
  readonly fieldSizeAtSales?: number;
}

/**
 * What the pools of one race share. The arrays are the race's: the pools derived from these facts
 * may hand out `refundedRunners` and `allRunners` themselves, so none of them is to be changed.
 */
export interface RaceFacts {
  /** The rows the facts were computed from. */
  readonly runners: readonly RunnerRow[];
  readonly raceId: string;
  readonly counts: FieldCounts;
  /** Scratched and excluded runners, ascending. */
  readonly refundedRunners: number[];
  /** Every runner, ascending, when no runner finished (a void race refunds them all); else null. */
  readonly allRunners: number[] | null;
  /** Rows of the runners that ran, by finishPos then saddle number (the sort of placingCombinations). */
  readonly sorted: readonly RunnerRow[];
  /** groupStart[i]: index in `sorted` of the first runner tied with sorted[i] (= runners ahead of it). */
  readonly groupStart: Int32Array;
  /** groupEnd[i]: one past the index in `sorted` of the last runner tied with sorted[i]. */
  readonly groupEnd: Int32Array;
  /** True when every finisher's saddle number is an integer 1-99 (so every combination parses). */
  readonly ticketNumbers: boolean;
}

/**
 * Checks one race's rows and computes the facts its pools share.
 *
 * Cost: O(n log n) for n runner rows (one sort of the finishers).
 * @param runners - every runner row of one race (scratched ones included)
 * @param opts - the declared field size when the rows lack some scratched runners
 * @throws RulesError LEDGER_BAD_RACE when the rows are empty, mix races, repeat a saddle
 *   number, or give a finisher no position (the errors of winningCombinations, same text)
 * @example raceFacts(runners).sorted.map((r) => r.runner) // [3, 7, 1, ...] in finishing order
 */
export function raceFacts(runners: readonly RunnerRow[], opts: WinningOptions = {}): RaceFacts {
  const raceId = checkRace(runners);
  const counts = fieldCounts(runners, opts.fieldSizeAtSales);
  const refundedRunners: number[] = [];
  const sorted: RunnerRow[] = [];
  for (const r of runners) {
    if (isWithdrawn(r)) refundedRunners.push(r.runner);
    else if (r.status === 'ran') sorted.push(r);
  }
  refundedRunners.sort(ascending);
  // The comparator of placingCombinations on the same rows in the same order: the same order,
  // whatever the saddle numbers are.
  sorted.sort((a, b) => (a.finishPos as number) - (b.finishPos as number) || a.runner - b.runner);
  const n = sorted.length;
  const groupStart = new Int32Array(n);
  const groupEnd = new Int32Array(n);
  let ticketNumbers = true;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j].finishPos === sorted[i].finishPos) j++;
    for (let k = i; k < j; k++) {
      groupStart[k] = i;
      groupEnd[k] = j;
      const s = sorted[k].runner;
      if (!(Number.isInteger(s) && s >= 1 && s <= 99)) ticketNumbers = false;
    }
    i = j;
  }
  const allRunners = n === 0 ? runners.map((r) => r.runner).sort(ascending) : null;
  return { runners, raceId, counts, refundedRunners, allRunners, sorted, groupStart, groupEnd, ticketNumbers };
}

function ascending(a: number, b: number): number {
  return a - b;
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

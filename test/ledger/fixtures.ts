/**
 * Hand-made race fixtures for the ledger tests: a compact way to write runner and payout rows.
 */
import type { PayoutRow, RunnerRow } from '../../src/data/rows.ts';
import type { BetType } from '../../src/themis/tickets.ts';

/** A runner: [saddle number, finishing position or status code, bracket?]. */
export type RunnerSpec = [number, number | 'S' | 'X' | 'DNF' | 'DQ', number?];

/**
 * Runner rows of one race. Codes: S scratched, X excluded, DNF did not finish, DQ disqualified.
 * @example runners('R1', [[1, 1], [2, 2], [3, 'S']])
 */
export function runners(raceId: string, specs: readonly RunnerSpec[]): RunnerRow[] {
  return specs.map(([runner, p, bracket]) => ({
    raceId,
    runner,
    bracket: bracket ?? null,
    status: typeof p === 'number' ? 'ran' : p === 'S' ? 'scratched' : p === 'X' ? 'excluded' : p === 'DNF' ? 'dnf' : 'disqualified',
    finishPos: typeof p === 'number' ? p : null,
    winOddsFinal: null,
    popularity: null,
  }));
}

/** A field of `n` runners finishing in saddle-number order (1 first), no ties. */
export function plainField(raceId: string, n: number): RunnerRow[] {
  return runners(
    raceId,
    Array.from({ length: n }, (_, i): RunnerSpec => [i + 1, i + 1]),
  );
}

/** Payout rows of one race from { betType: { combination: payoutPer100 } }. */
export function payouts(raceId: string, table: Partial<Record<BetType, Record<string, number>>>): PayoutRow[] {
  const out: PayoutRow[] = [];
  for (const [betType, combos] of Object.entries(table) as [BetType, Record<string, number>][]) {
    for (const [combination, payoutPer100] of Object.entries(combos)) out.push({ raceId, betType, combination, payoutPer100 });
  }
  return out;
}

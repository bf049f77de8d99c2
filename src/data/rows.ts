/**
 * Row shapes of the dataset tables, as importers and the generator produce them before they are
 * written to Arrow (see schema.ts for the typed Arrow columns). Layer: data; pure types.
 * Units: money in integer minor-free units of the dataset's currency (yen for JRA, HK$ for HKJC)
 * per 100 units staked; odds decimal (payout per 1 unit staked, stake included).
 */
import type { BetType } from '../themis/tickets.ts';

/** One race. `raceId` is unique in a dataset; `postTime` is local time `YYYY-MM-DDTHH:MM` or null. */
export interface RaceRow {
  raceId: string;
  date: string; // YYYY-MM-DD
  postTime: string | null;
  venue: string;
  raceNo: number;
  surface: string | null; // 'turf' | 'dirt' | 'awt' | 'jump' | null
  distanceM: number | null;
  fieldSize: number; // runners declared at the start of sales (scratches included)
  source: string;
}

/**
 * Status of a runner: `ran` finished (finishPos set); `scratched` withdrawn before saddling and
 * `excluded` withdrawn after saddling (both refunded); `dnf` started but did not finish (a losing
 * runner, no refund); `disqualified` started and lost its placing (no refund).
 */
export type RunnerStatus = 'ran' | 'scratched' | 'excluded' | 'dnf' | 'disqualified';

export const RUNNER_STATUSES: readonly RunnerStatus[] = ['ran', 'scratched', 'excluded', 'dnf', 'disqualified'];

/** One runner of a race. `finishPos` is the official position (ties share it; demotions applied). */
export interface RunnerRow {
  raceId: string;
  runner: number; // saddle number
  bracket: number | null; // JRA bracket (枠番) 1-8
  status: RunnerStatus;
  finishPos: number | null;
  winOddsFinal: number | null;
  popularity: number | null;
}

/** One winning combination of a pool with its payout per 100 units staked. */
export interface PayoutRow {
  raceId: string;
  betType: BetType;
  combination: string; // canonical text, e.g. '3', '3-7', '3>7>1'
  payoutPer100: number; // integer, currency units per 100 staked
}

/** Odds of one combination seen at a time before the post (`at` is local `YYYY-MM-DDTHH:MM:SS`). */
export interface OddsSnapshotRow {
  raceId: string;
  betType: BetType;
  combination: string;
  at: string;
  odds: number;
}

/** A model's win probability for a runner (one table per model; a race's p sum to 1). */
export interface PredictionRow {
  raceId: string;
  runner: number;
  p: number;
}

/** The hidden true win probability of a runner (synthetic datasets only). */
export interface TruthRow {
  raceId: string;
  runner: number;
  pTrue: number;
}

/** Everything an importer or the generator hands to the dataset writer. */
export interface DatasetRows {
  races: RaceRow[];
  runners: RunnerRow[];
  payouts: PayoutRow[];
  oddsSnapshots?: OddsSnapshotRow[];
  predictions?: Record<string, PredictionRow[]>; // model name -> rows
  truth?: TruthRow[];
}

/**
 * The odds and results feed the live runner reads: race cards with predictions, odds
 * snapshots and official results. Layer: live (adapter interface; types only).
 * Units: decimal odds (payout per 1 yen staked, stake included); local Japan times
 * `YYYY-MM-DDTHH:MM[:SS]`. Documented in docs/live-adapters.md.
 */
import type { RaceResult } from '../../ledger/index.ts';

/** One race of the day as the runner sees it before deciding. */
export interface RaceCard {
  readonly raceId: string;
  readonly date: string;
  /** Local post time `YYYY-MM-DDTHH:MM`. */
  readonly postTime: string;
  /** Runners declared (saddle numbers). */
  readonly runners: readonly number[];
  /** Model win probability per saddle number (withdrawn runners absent); sums to 1. */
  readonly winProbabilities: ReadonlyMap<number, number>;
}

/** The odds of a race seen at one time. */
export interface OddsSnapshot {
  /** Local time the odds were published, `YYYY-MM-DDTHH:MM:SS`. */
  readonly at: string;
  /** Decimal odds per ticket id (`win:3`). */
  readonly odds: ReadonlyMap<string, number>;
}

/**
 * A feed of entries, odds and results. Every call may be slow or fail: the runner wraps each
 * with a timeout and a fallback. Implementations must not return data from the future of the
 * clock they were given (a replay shows what was known at the clock's time).
 */
export interface RaceFeed {
  /** The race cards (with predictions) of a local date, by post time. */
  entries(date: string): Promise<RaceCard[]>;
  /** The latest odds snapshot of a race published by now, or null when none is. */
  odds(raceId: string): Promise<OddsSnapshot | null>;
  /** The official result (runners and payouts) once it is published, else null. */
  result(raceId: string): Promise<RaceResult | null>;
}

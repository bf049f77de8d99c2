/**
 * The backtest replay's option and result shapes: the options of runBacktest and the parallel
 * result columns (bets, rejections, races) it returns. Layer: sim. Units: integer currency units
 * (yen; HK$ for HKJC data), decimal odds. Types only; re-exported by run-backtest.ts.
 */
import type { StageOnePool } from './stage-one-pool.ts';
import type { LedgerEntry } from '../../ledger/index.ts';
import type { CandidateLog } from './candidate-table.ts';
import type { OddsSource } from './decision-market.ts';
import type { WalkForwardSpec } from './schedule.ts';
import type { BacktestSummary } from './summary.ts';

/** Options of a replay. */
export interface BacktestOptions {
  /** Starting bankroll, integer yen > 0; default 1,000,000. */
  readonly bankrollYen?: number;
  /** First and last race dates replayed (inclusive), `YYYY-MM-DD`. */
  readonly from?: string;
  readonly to?: string;
  /** Refit the blend on a rolling window before each test window. */
  readonly walkForward?: WalkForwardSpec | null;
  /**
   * `synthetic-public`: odds of exotic combinations made from the public's distribution
   * (syntheticExoticColumns), for speed measurement only. Default `none`: exotic bet types need
   * odds snapshots of their combinations in the dataset.
   */
  readonly exoticOdds?: 'none' | 'synthetic-public';
  /**
   * Threads for the decisions on the synthetic public offer (default 1): with N >= 2, N - 1
   * worker threads compute the bankroll-independent stage of the races' decisions ahead of the
   * replay, and the replay thread computes races ahead too while it would wait; the outputs are
   * byte-identical whatever the count. Other replays ignore it (it is still checked).
   */
  readonly threads?: number;
  /**
   * Worker threads of the caller's for that stage, used instead of `threads` (kept open and
   * warm for the caller's next replay; see StageOnePool).
   */
  readonly stageOnePool?: StageOnePool;
  /** Keep every rejected candidate (default true); the benchmark may turn it off. */
  readonly keepRejections?: boolean;
  /** Code version recorded in the summary. */
  readonly codeVersion?: string;
  /** Progress callback (races done, races to replay). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Race status codes of the races table. */
export type RaceStatus = 'bet' | 'no_bet' | 'halted' | 'no_candidates' | 'pool_not_recorded' | 'no_prediction' | 'unsettleable';

/** Every ticket bought (parallel columns). */
export interface BetColumns {
  raceId: string[];
  date: string[];
  ticketId: string[];
  betType: string[];
  p: number[];
  odds: number[];
  oddsSource: OddsSource[];
  fraction: number[];
  stakeYen: number[];
  result: string[];
  returnYen: number[];
}

/** Every candidate not bought, with its reason code. */
export interface RejectionColumns {
  raceId: string[];
  ticketId: string[];
  reason: string[];
}

/** One row per race replayed. */
export interface RaceColumns {
  raceId: string[];
  date: string[];
  status: RaceStatus[];
  oddsSource: (OddsSource | null)[];
  candidates: number[];
  tickets: number[];
  stakeYen: number[];
  returnYen: number[];
  bankrollYen: number[];
  detail: (string | null)[];
}

/** The result of a replay. */
export interface BacktestResult {
  readonly summary: BacktestSummary;
  readonly bets: BetColumns;
  readonly rejections: RejectionColumns;
  readonly races: RaceColumns;
  readonly ledger: readonly LedgerEntry[];
  /** Every win candidate of every race priced, with its real settlement (candidate-table.ts). */
  readonly candidates: CandidateLog;
  /**
   * Where stage 1 of the decisions on the synthetic public offer ran (not in the output files,
   * which do not depend on it): worker threads used (0 without), races whose stage 1 a worker
   * computed, and races whose stage 1 the replay thread computed (ahead while waiting for a
   * worker, before the workers had loaded, or without workers).
   */
  readonly stageOne: { readonly workers: number; readonly inWorkers: number; readonly inReplayThread: number };
}

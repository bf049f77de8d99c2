/**
 * The backtest: replaying a dataset through a strategy, with its schedule, fits, summary and
 * output files. The one door other layers import. Layer: sim. Explicit named re-exports, grouped.
 */

// Replay
export { runBacktest } from './run-backtest.ts';
export { StageOnePool } from './stage-one-pool.ts';
export type { BacktestOptions, BacktestResult, BetColumns, RejectionColumns, RaceColumns, RaceStatus } from './run-backtest.ts';

// Schedule and walk-forward
export { backtestSchedule, parseWalkForward, dayNumber, dateOfDay } from './schedule.ts';
export type { ScheduleWindow, WalkForwardSpec } from './schedule.ts';
export { fitWindow } from './fit-blend.ts';
export type { WindowFit } from './fit-blend.ts';

// Decision-time market
export { decisionMarket, decisionOdds, decisionTime, winShares } from './decision-market.ts';
export type { DecisionMarket, DecisionOdds, OddsSource } from './decision-market.ts';
export { syntheticExoticOffer } from './synthetic-exotic-odds.ts';
export type { PublicOffer } from './synthetic-exotic-odds.ts';

// Summary and files
export { summarizeBacktest, formatBacktestSummary, datasetHash } from './summary.ts';
export type { BacktestSummary, TicketFigures, MonthFigures, DrawdownEvent, SummaryInput } from './summary.ts';
export { backtestFiles, writeBacktestFolder } from './backtest-files.ts';
export { createCandidateLog, candidateTableBytes, CANDIDATES_FILE } from './candidate-table.ts';
export type { CandidateLog, CandidateColumns, CandidateResult } from './candidate-table.ts';
export { backtestRunId } from './run-id.ts';

// Reading a run folder back (the bootstrap source and the backtest report)
export { readRunJson, readRunTable, runColumn } from './run-folder.ts';
export type { RunFileProblem, RunFileFail } from './run-folder.ts';

/**
 * The public entry point of keiba-themis: each layer's public door re-exported whole, in layer
 * order. Re-exports only; no logic lives here. Where two layers export the same name, the name
 * is resolved explicitly below: the first layer keeps the plain name and the later one's
 * export takes a prefix (the ledger's `Bet` is `LedgerBet`; Themis's `Bet` is `Bet`).
 */

// Themis: the blind purchase-decision engine (pure; imports nothing from the project)
export * from './themis/index.ts';
// Data: datasets, importers, rules of winning combinations, pari-mutuel payouts
export * from './data/index.ts';
// The synthetic JRA generator
export * from './data/synthetic/index.ts';
// Ledger: settlement, the integer-yen ledger, drawdown state
export * from './ledger/index.ts';
// Strategies: probability sources, finish-order distributions, calibration
export * from './strategies/index.ts';
// Simulation: Monte Carlo sweeps and the backtester
export * from './sim/index.ts';
export * from './sim/backtest/index.ts';
// Live: the runner, its store and audit log, and promote
export * from './live/index.ts';
export * from './live/promote/index.ts';
// Report: charts, HTML reports, P&L and tax
export * from './report/index.ts';

// Names two layers export: the first layer keeps the plain name, the later one takes a prefix.
export { placesPaid, winningCombinations } from './data/index.ts';
export { placesPaid as syntheticPlacesPaid, winningCombinations as syntheticWinningCombinations } from './data/synthetic/index.ts';
export type { Bet } from './themis/index.ts';
export type { Bet as LedgerBet } from './ledger/index.ts';
export { writeFileAtomic, type FanSeries } from './sim/index.ts';
export { writeFileAtomic as reportWriteFileAtomic, type FanSeries as ReportFanSeries } from './report/index.ts';

/**
 * Public names of the strategies layer: everything other layers may import from it.
 * Layer: strategies. One export a line, grouped by file.
 */

// Finish-order distributions
export { harvilleDistribution } from './finish-order.ts';
export { discountedHarvilleDistribution } from './finish-order.ts';
export { harvilleTopThree } from './finish-order.ts';
export { WIN_PROBS_SUM_TOLERANCE } from './finish-order.ts';
export { combinationProbabilities } from './combination-probabilities.ts';

// Strategy files
export { parseStrategy } from './strategy.ts';
export { safeParseStrategy } from './strategy.ts';
export { parseStrategyJson } from './strategy.ts';
export { strategyHash } from './strategy.ts';
export { BASELINE_RULES } from './strategy.ts';
export type { Strategy, StrategyResult, ProbabilitySource, PredictionsSource, MarketSource, BlendSource, BaselineSource, BaselineRule, OddsChoice, StrategyDrawdown } from './strategy.ts';

// Probabilities
export { marketProbabilities } from './market-probabilities.ts';
export { overround } from './market-probabilities.ts';
export { combineProbabilities } from './conditional-logit.ts';
export { fitConditionalLogit } from './conditional-logit.ts';
export type { LogitCoefficients, LogitTrainingSet, LogitFit } from './conditional-logit.ts';

export { sourceProbabilities } from './source-probabilities.ts';
export { renormalisedModel } from './source-probabilities.ts';
export { BLEND_MODEL_FLOOR } from './source-probabilities.ts';

// Calibration
export { createCalibration } from './calibration.ts';
export { calibrationMetrics } from './calibration.ts';
export { BENTER_BINS } from './calibration.ts';
export type { CalibrationAccumulator, CalibrationSummary, ReliabilityBin } from './calibration.ts';

// Decisions
export { raceInputFor, raceColumnsFor, raceColumnsWith } from './race-input.ts';
export type { WinMarket, ExoticOffer, ExoticColumns, ExoticWriter, WritableTicketColumns } from './race-input.ts';
export { baselineDecision } from './baselines.ts';
export type { BaselineDecision, BaselineReason } from './baselines.ts';

// Errors
export { StrategyError } from './errors.ts';
export type { StrategyErrorCode } from './errors.ts';

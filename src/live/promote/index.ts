/**
 * The public door of promote (gates, policy, canary, history): explicit named re-exports, one
 * a line, grouped. Layer: live (promote); imports themis, strategies, data and the live files
 * it shares (promoted record, clock, store file names); never sim.
 */

// errors
export type { PromoteErrorCode } from './promote-error.ts';
export { PromoteError, isPromoteError } from './promote-error.ts';

// policy
export type { PromotionPolicy, CanaryPlan } from './promotion-policy.ts';
export { DEFAULT_POLICY, parsePolicy } from './promotion-policy.ts';

// evidence
export type { SweepRow, SweepEvidence, BacktestEvidence, PerRaceReturns, EvidenceSet } from './read-evidence.ts';
export { readEvidence, readEvidenceDir, readPerRaceReturns } from './read-evidence.ts';
export type { RoiInterval } from './bootstrap-roi.ts';
export { bootstrapRoi } from './bootstrap-roi.ts';
export type { CandidateConfig } from './candidate-config.ts';
export { candidateConfig, readCandidateConfig } from './candidate-config.ts';

// gates
export type { GateName, GateResult, GateInput } from './gates.ts';
export { GATE_NAMES, evaluateGates, failedGates, formatGate, sweepRowOf } from './gates.ts';
export type { ParameterChange } from './parameter-steps.ts';
export { parameterChanges } from './parameter-steps.ts';
export type { RaceDay, FreezeWindow } from './race-calendar.ts';
export { raceDays, freezeWindowAt, readCalendar } from './race-calendar.ts';

// canary
export type { CanaryRole, CanaryObservation, CanaryDecision } from './canary.ts';
export { canaryRole, decideCanary } from './canary.ts';

// history
export type { PromotionKind, EvidenceRef, PromotionDraft, PromotionRecord, AcceptedConfig, RunningCanary, PromotionState } from './promotion-history.ts';
export { PROMOTION_FILES, PROMOTION_GENESIS, promotionHash, readPromotionHistory, promotionState, appendPromotionRecord, promotedRecordOf, syncPromoted, promotedPath, withPromotionLock } from './promotion-history.ts';

// commands
export type { Actor, PromoteOptions, PromoteResult, PromotionStatus } from './promote-config.ts';
export { promoteConfig, rollbackPromotion, observeCanary, promotionStatus, readPromotionState } from './promote-config.ts';

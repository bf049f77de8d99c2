/**
 * Themis, the blind purchase-decision engine: the one door other layers import.
 * Layer: themis (imports nothing from the project). Explicit named re-exports, grouped.
 */

// Decision stages
export { allocate, capFractions, subsetHits } from './allocate.ts';
export { size, unitStakeYen, UNIT_YEN } from './size.ts';
export { decide, safeDecide, type DecideResult } from './decide.ts';
export { allocateColumns, decideColumns, sizeColumns, type CandidateAllocation, type ColumnarAllocation, type ColumnarDecision } from './decide-columns.ts';
export { checkColumns, ticketKey, ticketKeyId, type TicketColumns, type ColumnarRaceInput, type CheckedColumns } from './ticket-columns.ts';

// Kernels and growth
export { kellyExclusive } from './kelly-exclusive.ts';
export { growthExclusive, growthJoint } from './growth.ts';

// Configuration
export {
  parseConfig,
  safeParseConfig,
  configHash,
  canonicalJson,
  DEFAULT_CONFIG,
  JRA_PAYOUT_RATES,
  type ThemisConfig,
  type FinishOrderConfig,
  type ConfigResult,
} from './config.ts';

// Data types
export type {
  Allocation,
  AllocationMethod,
  AccountState,
  Bet,
  Decision,
  FinishOrderDistribution,
  PoolSizes,
  RaceContext,
  RaceInput,
  Rejection,
  TicketInput,
} from './race-input.ts';
export { REJECT_REASONS, isRejectReason, rejectReasonOf, type RejectReason, type CapReason } from './reasons.ts';

// Validation
export {
  checkRace,
  checkBankroll,
  checkAccount,
  checkDistribution,
  EXCLUSIVE_BET_TYPES,
  PROB_SUM_TOLERANCE,
  type CheckedRace,
} from './validate.ts';

// Ticket ids
export {
  BET_TYPES,
  LEGS,
  ORDERED,
  betTypeOfId,
  isBetType,
  formatCombination,
  ticketId,
  parseCombination,
  parseTicketId,
  type BetType,
  type Ticket,
} from './tickets.ts';

// Errors
export { ThemisError, type ThemisErrorCode } from './errors.ts';

/**
 * The public door of the ledger layer (settlement, bankroll accounting, drawdown, payout
 * checks): explicit named re-exports, one a line, grouped. Layer: ledger.
 */

// errors
export type { LedgerErrorCode, LedgerErrorContext } from './errors.ts';
export { LedgerError, isLedgerError } from './errors.ts';

// integer money
export { STAKE_UNIT_YEN, assertYen, assertStakeYen, addYen, sumYen, payoutYen } from './yen.ts';

// jurisdiction terms (defined in the data layer's race rules)
export type { FieldBasis, PoolRule, PlaceStep, PlaceTerms, FieldCounts, PoolAvailability } from '../data/index.ts';
export { JRA_TERMS, HKJC_TERMS, TERMS_BY_NAME, termsByName, fieldCounts, isWithdrawn, placesPaid, poolAvailability, validateTerms } from '../data/index.ts';

// winning combinations (defined in the data layer's race rules)
export type { RefundReason, WinningCombinations, WinningOptions } from '../data/index.ts';
export { winningCombinations } from '../data/index.ts';

// settlement
export type { RaceResult, SettlementKind, Settlement, Bet, SettledBet, SettledRace } from './settle.ts';
export { settleTicket, settleRace } from './settle.ts';
export { settleWinColumns, WIN_KIND } from './settle-win.ts';
export { settleKeyColumns } from './settle-keys.ts';

// ledger
export type { EntryKind, LedgerEntry, NewEntry, LedgerSnapshot } from './ledger.ts';
export { ENTRY_KINDS, Ledger } from './ledger.ts';
export { RaceLedger } from './race-ledger.ts';

// drawdown
export type { DrawdownLevels, DrawdownStateName, DrawdownState, DrawdownTracker } from './drawdown.ts';
export { DEFAULT_DRAWDOWN_LEVELS, EMPTY_DRAWDOWN_TRACKER, drawdownState, checkLevels, trackEntry, trackEntries, trackedState } from './drawdown.ts';

// payout checks
export type { PayoutAnomalyCode, PoolVerdict, PoolCheck, BetTypeSummary, CheckPayoutsReport, CheckPayoutsInput } from './check-payouts.ts';
export { checkPayouts, formatCheckPayouts } from './check-payouts.ts';

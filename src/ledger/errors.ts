/**
 * Errors of the ledger layer (settlement, bankroll accounting, payout checks). Layer: ledger
 * (imports data types only). Every error carries a literal `code` (the CLI maps coded errors to
 * exit status 2) and, where they apply, the race, ticket, combination, field and value at fault;
 * the message names them. Money code never guesses: an input it cannot settle exactly throws.
 */

/** Literal codes of ledger errors. */
export type LedgerErrorCode =
  | 'LEDGER_BAD_AMOUNT' // an amount is not a safe integer of the right sign
  | 'LEDGER_BAD_STAKE' // a stake is not a positive multiple of 100
  | 'LEDGER_BAD_TICKET' // a ticket id does not parse or names no runner of the race
  | 'LEDGER_DUPLICATE_TICKET' // the same ticket twice in one race (merge the stakes first)
  | 'LEDGER_INSUFFICIENT_BANKROLL' // a stake or withdrawal above the current bankroll
  | 'LEDGER_OVERFLOW' // a sum left the range of exact integers (2^53)
  | 'LEDGER_BAD_ENTRY' // a ledger entry breaks the ledger's rules (sequence, kind, sign, order)
  | 'LEDGER_BAD_SNAPSHOT' // a snapshot whose entries do not sum to its bankroll
  | 'LEDGER_BAD_RACE' // runners of several races, none, or inconsistent finishing data
  | 'LEDGER_POOL_NOT_SOLD' // a ticket on a pool the terms say was not sold
  | 'LEDGER_MISSING_PAYOUT' // a winning combination without a recorded payout
  | 'LEDGER_UNEXPECTED_PAYOUT' // a recorded payout for a combination the result does not make win
  | 'LEDGER_CONFLICTING_PAYOUTS' // two different recorded payouts for one combination
  | 'LEDGER_BAD_LEVELS' // drawdown levels out of order or out of (0, 1]
  | 'LEDGER_BAD_TERMS'; // place terms that are not usable

/** Where a ledger error happened; every field is optional. */
export interface LedgerErrorContext {
  raceId?: string;
  ticketId?: string;
  combination?: string;
  field?: string;
  value?: unknown;
}

/**
 * An input the ledger cannot account for exactly.
 * @example
 * new LedgerError('LEDGER_MISSING_PAYOUT', 'settleTicket: no recorded payout', { raceId: 'R1', combination: '3' }).raceId
 * // 'R1'
 */
export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly raceId: string | undefined;
  readonly ticketId: string | undefined;
  readonly combination: string | undefined;
  readonly field: string | undefined;
  readonly value: unknown;
  constructor(code: LedgerErrorCode, message: string, context: LedgerErrorContext = {}) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.raceId = context.raceId;
    this.ticketId = context.ticketId;
    this.combination = context.combination;
    this.field = context.field;
    this.value = context.value;
  }
}

/** True when `e` is a LedgerError (optionally of the given code). */
export function isLedgerError(e: unknown, code?: LedgerErrorCode): e is LedgerError {
  return e instanceof LedgerError && (code === undefined || e.code === code);
}

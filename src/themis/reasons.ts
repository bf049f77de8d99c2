/**
 * Reason codes of Themis: why a ticket was not bought, or why a bought ticket was cut down.
 * Layer: themis (imports nothing from the project). Pure data.
 */

/**
 * Every reason a ticket can be rejected for, in the order the stages apply them:
 * - `invalid_input`: the race, bankroll, account or config was unusable (nothing is bought);
 * - `bet_type_excluded`: the ticket's bet type is not in `config.betTypes`;
 * - `below_threshold`: `p * odds` does not exceed `config.evThreshold` (not a candidate);
 * - `bankroll_stop`: the bankroll is under `config.minBankrollYen` (or under one 100-yen unit);
 * - `cap_per_ticket`: the per-ticket cap (or the own-pool-impact cap) cut the stake to 0 yen;
 * - `cap_per_race`: a per-race cap (fraction or yen) cut the stake to 0 yen;
 * - `cap_per_day`: the per-day yen cap cut the stake to 0 yen;
 * - `point_limit`: fewer tickets (points) were left today than tickets to buy; the smallest stakes are dropped;
 * - `below_unit`: the stake floors to 0 in 100-yen units (including a zero joint-Kelly fraction).
 */
export const REJECT_REASONS = [
  'invalid_input',
  'bet_type_excluded',
  'below_threshold',
  'bankroll_stop',
  'cap_per_ticket',
  'cap_per_race',
  'cap_per_day',
  'point_limit',
  'below_unit',
] as const;

/** Why a ticket was not bought. */
export type RejectReason = (typeof REJECT_REASONS)[number];

/** The caps that can cut a bought ticket's stake (informational `capped` field of a bet). */
export const CAP_REASONS = ['cap_per_ticket', 'cap_per_race', 'cap_per_day'] as const;

/** A cap that cut a bought ticket's stake. */
export type CapReason = (typeof CAP_REASONS)[number];

/** Code of each reject reason in the columnar forms: 1 + its index in REJECT_REASONS (0: none). */
export const REJECT_CODE: ReadonlyMap<RejectReason, number> = new Map(REJECT_REASONS.map((r, i) => [r, i + 1]));

/** Code of each cap reason in the columnar forms: 1 + its index in CAP_REASONS (0: none). */
export const CAP_CODE: ReadonlyMap<CapReason, number> = new Map(CAP_REASONS.map((r, i) => [r, i + 1]));

/**
 * The reject reason of a code (REJECT_CODE; null for 0, bought or a candidate).
 * @example rejectReasonOf(3) // 'below_threshold'
 */
export function rejectReasonOf(code: number): RejectReason | null {
  return code === 0 ? null : REJECT_REASONS[code - 1];
}

/**
 * The cap reason of a code (CAP_CODE; null for 0, no cap).
 * @example capReasonOf(2) // 'cap_per_race'
 */
export function capReasonOf(code: number): CapReason | null {
  return code === 0 ? null : CAP_REASONS[code - 1];
}

/**
 * True when `s` is one of the reject reasons.
 * @throws nothing
 * @example isRejectReason('point_limit') // true
 */
export function isRejectReason(s: string): s is RejectReason {
  return (REJECT_REASONS as readonly string[]).includes(s);
}

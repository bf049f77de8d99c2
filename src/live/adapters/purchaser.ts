/**
 * The purchaser interface: buys tickets on an account under an idempotency key, looks a key
 * up, reports balances. Layer: live (adapter interface). Units: integer yen, decimal odds.
 * Documented in docs/live-adapters.md.
 *
 * Contract: `purchase` with a key already bought returns the first acknowledgement and buys
 * nothing more. A `PurchaseRejectedError` means the venue refused and nothing was bought; any
 * other error or a timeout leaves the outcome unknown, and the runner calls `lookup` before it
 * buys again.
 */

/** One ticket to buy. */
export interface PurchaseRequest {
  /** Idempotency key: race, ticket, config hash and decision id. */
  readonly key: string;
  readonly account: string;
  readonly raceId: string;
  readonly ticketId: string;
  /** Positive multiple of 100 yen. */
  readonly stakeYen: number;
  /** Odds the decision saw (informational: pari-mutuel tickets settle on the final payouts). */
  readonly odds: number;
}

/** The venue's acknowledgement of a bought ticket. */
export interface PurchaseAck {
  readonly key: string;
  readonly account: string;
  readonly raceId: string;
  readonly ticketId: string;
  readonly stakeYen: number;
  /** The venue's reference of the purchase. */
  readonly purchaseRef: string;
}

/** Why a venue refused a purchase (nothing was bought). */
export type RejectionReason = 'insufficient_balance' | 'point_limit' | 'sales_closed' | 'account_locked' | 'bad_request';

/**
 * A definitive refusal: nothing was bought. `accountLevel` refusals make the runner fail over
 * to the next account.
 * @example new PurchaseRejectedError('insufficient_balance', 'balance 0').accountLevel // true
 */
export class PurchaseRejectedError extends Error {
  readonly code = 'PURCHASE_REJECTED';
  readonly reason: RejectionReason;
  constructor(reason: RejectionReason, message: string) {
    super(message);
    this.name = 'PurchaseRejectedError';
    this.reason = reason;
  }
  /** True when another account may succeed. */
  get accountLevel(): boolean {
    return this.reason === 'insufficient_balance' || this.reason === 'point_limit' || this.reason === 'account_locked';
  }
}

/** A venue (or a paper one). */
export interface Purchaser {
  /** Buys a ticket (idempotent on `req.key`). @throws PurchaseRejectedError when refused; anything else: outcome unknown */
  purchase(req: PurchaseRequest): Promise<PurchaseAck>;
  /** The acknowledgement of a key bought on any account, or null when the venue has no purchase under it. */
  lookup(key: string): Promise<PurchaseAck | null>;
  /** Balance of an account in yen (what it can still stake). */
  balanceYen(account: string): Promise<number>;
}

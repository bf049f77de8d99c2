/**
 * Types and file names of the live store: the state folder's files, the row shapes the store returns
 * and takes, and the writer a transaction body gets. Layer: live (store); pure (types only).
 * Units: integer yen; times ISO (UTC).
 */
import type { LedgerEntry, NewEntry, SettlementKind } from '../../ledger/index.ts';
import type { AuditKind, AuditRecord } from '../audit/audit-record.ts';

/** File names inside a state folder. */
export const STATE_FILES = {
  database: 'live.sqlite',
  audit: 'audit.jsonl',
  alerts: 'alerts.jsonl',
  promoted: 'promoted.json',
  paperVenue: 'paper-venue.sqlite',
} as const;

/** Status of an order. `pending`: key stored, purchase under way; `unconfirmed`: outcome unknown. */
export type OrderStatus = 'pending' | 'bought' | 'failed' | 'unconfirmed';

/** An order (one ticket of a decision) as stored. */
export interface OrderRow {
  readonly key: string;
  readonly decisionId: string;
  readonly raceId: string;
  readonly ticketId: string;
  readonly date: string;
  readonly postTime: string;
  readonly stakeYen: number;
  readonly odds: number;
  readonly account: string;
  readonly status: OrderStatus;
  readonly attempts: number;
  readonly reason: string | null;
  readonly purchaseRef: string | null;
  readonly ledgerSeq: number | null;
}

/** A new order, stored with its decision before any purchase call. */
export interface NewOrder {
  readonly key: string;
  readonly ticketId: string;
  readonly stakeYen: number;
  readonly odds: number;
  readonly account: string;
}

/** A decision to store: its inputs go to the audit log, its orders to the orders table. */
export interface DecisionToStore {
  readonly decisionId: string;
  readonly raceId: string;
  readonly date: string;
  readonly postTime: string;
  readonly configHash: string;
  readonly bankrollYen: number;
  readonly oddsAt: string | null;
  readonly stale: boolean;
  readonly orders: readonly NewOrder[];
  /** Everything else the audit record carries (probabilities, odds, account state, rejections). */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A stored decision (or skip) of a race. */
export interface DecisionRow {
  readonly raceId: string;
  readonly decisionId: string;
  readonly date: string;
  readonly postTime: string;
  readonly configHash: string;
  readonly outcome: 'decided' | 'skipped';
  readonly reason: string | null;
}

/** One settled ticket. */
export interface SettledOrder {
  readonly key: string;
  readonly ticketId: string;
  readonly stakeYen: number;
  readonly kind: SettlementKind;
  readonly payoutYen: number;
  readonly ledgerSeq: number;
}

/** The purchase acknowledgement fields the store keeps. */
export interface StoredAck {
  readonly account: string;
  readonly purchaseRef: string;
}

/** Halt state from the operator's and the runner's controls. */
export interface HaltState {
  readonly halted: boolean;
  readonly reason: string | null;
  readonly source: string | null;
  readonly since: string | null;
}

/** Stake and tickets of a day per account (bought, pending and unconfirmed orders). */
export interface AccountDay {
  readonly account: string;
  readonly stakeYen: number;
  readonly points: number;
}

/** A stored alert. */
export interface AlertRow {
  /** Stable id of the alert within the book. */
  readonly id: number;
  readonly at: string;
  readonly level: string;
  readonly code: string;
  readonly message: string;
}

/** The acknowledgement of an alert. */
export interface AlertAck {
  readonly alertId: number;
  readonly at: string;
  /** Who acknowledged it: 'operator' (CLI) or 'dashboard:<who>'. */
  readonly actor: string;
  /** Where from: 'cli' or 'dashboard'. */
  readonly source: string;
  readonly reason: string;
}

/** What the runner knew of a day when it started it: the race card, the limits, the balances. */
export interface DayPlan {
  /** Local date YYYY-MM-DD. */
  readonly date: string;
  /** Races of the day by post time (local `YYYY-MM-DDTHH:MM`). */
  readonly races: readonly { readonly raceId: string; readonly postTime: string }[];
  /** Accounts and their daily ticket limits. */
  readonly accounts: readonly { readonly id: string; readonly pointLimitPerDay: number }[];
  /** Balances at the deposit check, yen (accounts whose balance was not available are absent). */
  readonly balancesYen: Readonly<Record<string, number>>;
  /** The day's largest possible stake, yen. */
  readonly maxStakeYen: number;
  /** Drawdown levels of the run (ratios). */
  readonly drawdown: { readonly warn: number; readonly halt: number };
  /** The runner decides this many seconds before each post. */
  readonly decisionSecondsBeforePost: number;
}

/** What a transaction body may do: audit, read and append the ledger. */
export interface StoreWriter {
  /** Appends an audit record (chained to the last one) and returns it. */
  audit(kind: AuditKind, data: Record<string, unknown>): AuditRecord;
  /** Appends a ledger entry after checking every ledger rule against the stored rows. */
  ledger(entry: Omit<NewEntry, 'at'>): LedgerEntry;
  /** The bankroll: the sum of the ledger rows, read now. */
  bankrollYen(): number;
}

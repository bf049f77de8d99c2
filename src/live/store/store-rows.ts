/**
 * Row mapping of the live store: the raw `orders` row as SQLite returns it and its mapping to
 * {@link OrderRow}. Layer: live (store); pure. Units: integer yen; times ISO (UTC).
 */
import type { OrderRow, OrderStatus } from './store-types.ts';

export interface RawOrder {
  key: string;
  decision_id: string;
  race_id: string;
  ticket_id: string;
  date: string;
  post_time: string;
  stake_yen: number;
  odds: number;
  account: string;
  status: OrderStatus;
  attempts: number;
  reason: string | null;
  purchase_ref: string | null;
  ledger_seq: number | null;
}

export function toOrder(r: RawOrder): OrderRow {
  return {
    key: r.key,
    decisionId: r.decision_id,
    raceId: r.race_id,
    ticketId: r.ticket_id,
    date: r.date,
    postTime: r.post_time,
    stakeYen: r.stake_yen,
    odds: r.odds,
    account: r.account,
    status: r.status,
    attempts: r.attempts,
    reason: r.reason,
    purchaseRef: r.purchase_ref,
    ledgerSeq: r.ledger_seq,
  };
}

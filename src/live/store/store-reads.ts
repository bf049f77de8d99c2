/**
 * Reads of the live store: the base class of {@link LiveStore} holding the database handle and
 * every query that changes nothing (ledger, decisions, orders, audit, controls, alerts, day plans,
 * change marks), plus the meta table. Layer: live (store); not pure (SQLite).
 * Units: integer yen; times ISO (UTC), epoch ms where named so.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { trackEntries, type DrawdownTracker, type LedgerEntry, type SettlementKind } from '../../ledger/index.ts';
import type { AuditRecord } from '../audit/audit-record.ts';
import { isoOf } from '../clock.ts';
import { toOrder, type RawOrder } from './store-rows.ts';
import { STATE_FILES, type AccountDay, type AlertAck, type AlertRow, type DayPlan, type DecisionRow, type HaltState, type OrderRow, type SettledOrder } from './store-types.ts';

/** The database handle and the reads of a book; {@link LiveStore} adds the state changes. */
export class LiveStoreReads {
  readonly dir: string;
  readonly auditPath: string;
  readonly alertsPath: string;
  protected readonly db: Database.Database;

  constructor(dir: string, db: Database.Database) {
    this.dir = dir;
    this.db = db;
    this.auditPath = join(dir, STATE_FILES.audit);
    this.alertsPath = join(dir, STATE_FILES.alerts);
  }

  // ---- reads ----

  meta(key: string): string | undefined {
    const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value;
  }

  /** Notes the peak at which the drawdown warning was last raised (warn once per peak). */
  setWarned(peakYen: number): void {
    this.setMeta('warned_peak', String(peakYen));
  }

  protected setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The bankroll in yen: the sum of the ledger rows. */
  bankrollYen(): number {
    const r = this.db.prepare('SELECT COALESCE(SUM(amount_yen), 0) AS s FROM ledger').get() as { s: number };
    return r.s;
  }

  /** Every ledger row, in sequence. */
  ledgerEntries(): LedgerEntry[] {
    const rows = this.db.prepare('SELECT seq, kind, amount_yen, race_id, ticket_id, at FROM ledger ORDER BY seq').all() as {
      seq: number;
      kind: LedgerEntry['kind'];
      amount_yen: number;
      race_id: string | null;
      ticket_id: string | null;
      at: string;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      amountYen: r.amount_yen,
      raceId: r.race_id,
      ...(r.ticket_id === null ? {} : { ticketId: r.ticket_id }),
      at: r.at,
    }));
  }

  /** Peak and bankroll after every ledger row (the drawdown rule of src/ledger/drawdown.ts). */
  tracker(): DrawdownTracker {
    return trackEntries(this.ledgerEntries());
  }

  /** The decision (or skip) of a race, if any. */
  decisionOf(raceId: string): DecisionRow | undefined {
    const r = this.db.prepare('SELECT race_id, decision_id, date, post_time, config_hash, outcome, reason FROM decisions WHERE race_id = ?').get(raceId) as
      | { race_id: string; decision_id: string; date: string; post_time: string; config_hash: string; outcome: 'decided' | 'skipped'; reason: string | null }
      | undefined;
    if (r === undefined) return undefined;
    return { raceId: r.race_id, decisionId: r.decision_id, date: r.date, postTime: r.post_time, configHash: r.config_hash, outcome: r.outcome, reason: r.reason };
  }

  /** Orders of a race, in key order. */
  ordersOf(raceId: string): OrderRow[] {
    return (this.db.prepare('SELECT * FROM orders WHERE race_id = ? ORDER BY key').all(raceId) as RawOrder[]).map(toOrder);
  }

  /** One order by its idempotency key. */
  order(key: string): OrderRow | undefined {
    const r = this.db.prepare('SELECT * FROM orders WHERE key = ?').get(key) as RawOrder | undefined;
    return r === undefined ? undefined : toOrder(r);
  }

  /** Every order, by race and key. */
  allOrders(): OrderRow[] {
    return (this.db.prepare('SELECT * FROM orders ORDER BY race_id, key').all() as RawOrder[]).map(toOrder);
  }

  /** Orders whose outcome is not known yet (pending or unconfirmed), by post time and key. */
  ordersInFlight(): OrderRow[] {
    return (this.db.prepare("SELECT * FROM orders WHERE status IN ('pending', 'unconfirmed') ORDER BY post_time, key").all() as RawOrder[]).map(toOrder);
  }

  /** Bought orders not settled yet, by post time and key. */
  unsettledOrders(): OrderRow[] {
    return (
      this.db
        .prepare("SELECT o.* FROM orders o LEFT JOIN settlements s ON s.key = o.key WHERE o.status = 'bought' AND s.key IS NULL ORDER BY o.post_time, o.key")
        .all() as RawOrder[]
    ).map(toOrder);
  }

  /** Stake and points of a day per account, counting bought, pending and unconfirmed orders. */
  accountDay(date: string): AccountDay[] {
    const rows = this.db
      .prepare("SELECT account, SUM(stake_yen) AS s, COUNT(*) AS n FROM orders WHERE date = ? AND status IN ('bought', 'pending', 'unconfirmed') GROUP BY account ORDER BY account")
      .all(date) as { account: string; s: number; n: number }[];
    return rows.map((r) => ({ account: r.account, stakeYen: r.s, points: r.n }));
  }

  /** Settlements of every ticket, by ledger sequence. */
  settlements(): SettledOrder[] {
    const rows = this.db
      .prepare('SELECT s.key, s.ticket_id, o.stake_yen, s.kind, s.payout_yen, s.ledger_seq FROM settlements s JOIN orders o ON o.key = s.key ORDER BY s.ledger_seq')
      .all() as { key: string; ticket_id: string; stake_yen: number; kind: SettlementKind; payout_yen: number; ledger_seq: number }[];
    return rows.map((r) => ({ key: r.key, ticketId: r.ticket_id, stakeYen: r.stake_yen, kind: r.kind, payoutYen: r.payout_yen, ledgerSeq: r.ledger_seq }));
  }

  /** The audit records of the database, in sequence. */
  auditRecords(): AuditRecord[] {
    return (this.db.prepare('SELECT line FROM audit ORDER BY seq').all() as { line: string }[]).map((r) => JSON.parse(r.line) as AuditRecord);
  }

  /** Time of the latest audit record within [fromMs, toMs), epoch ms, or undefined when none is. */
  latestAuditAtMsWithin(fromMs: number, toMs: number): number | undefined {
    const r = this.db.prepare('SELECT MAX(at) AS at FROM audit WHERE at >= ? AND at < ?').get(isoOf(fromMs), isoOf(toMs)) as { at: string | null };
    return r.at === null ? undefined : Date.parse(r.at);
  }

  /** Time of the last audit record, epoch ms, or undefined for an empty book. */
  lastAuditAtMs(): number | undefined {
    const r = this.db.prepare('SELECT at FROM audit ORDER BY seq DESC LIMIT 1').get() as { at: string } | undefined;
    return r === undefined ? undefined : Date.parse(r.at);
  }

  /** Whether purchases are halted, and by whom (the last halt or resume control wins). */
  haltState(): HaltState {
    const r = this.db.prepare("SELECT kind, reason, source, at FROM controls WHERE kind IN ('halt', 'resume') ORDER BY id DESC LIMIT 1").get() as
      | { kind: string; reason: string; source: string; at: string }
      | undefined;
    if (r === undefined || r.kind === 'resume') return { halted: false, reason: null, source: null, since: null };
    return { halted: true, reason: r.reason, source: r.source, since: r.at };
  }

  /** Skip requests not used yet: for a named race, or (race null) for the next race decided. */
  pendingSkips(): { id: number; raceId: string | null; reason: string }[] {
    return (this.db.prepare("SELECT id, race_id, reason FROM controls WHERE kind = 'skip' AND consumed = 0 ORDER BY id").all() as {
      id: number;
      race_id: string | null;
      reason: string;
    }[]).map((r) => ({ id: r.id, raceId: r.race_id, reason: r.reason }));
  }

  /** The last alert recorded, if any. */
  lastAlert(): AlertRow | undefined {
    return this.db.prepare('SELECT id, at, level, code, message FROM alerts ORDER BY id DESC LIMIT 1').get() as AlertRow | undefined;
  }

  /** Every alert recorded, oldest first. */
  alerts(): AlertRow[] {
    return this.db.prepare('SELECT id, at, level, code, message FROM alerts ORDER BY id').all() as AlertRow[];
  }

  /** One alert by its id. */
  alert(id: number): AlertRow | undefined {
    return this.db.prepare('SELECT id, at, level, code, message FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
  }

  /** Acknowledgements of alerts by alert id (empty for a book written before they existed). */
  alertAcks(): Map<number, AlertAck> {
    if (!this.hasTable('alert_acks')) return new Map();
    const rows = this.db.prepare('SELECT alert_id, at, actor, source, reason FROM alert_acks ORDER BY alert_id').all() as { alert_id: number; at: string; actor: string; source: string; reason: string }[];
    return new Map(rows.map((r) => [r.alert_id, { alertId: r.alert_id, at: r.at, actor: r.actor, source: r.source, reason: r.reason }]));
  }

  /** The plan of a day, or of the last day planned (no date), if any. */
  dayPlan(date?: string): DayPlan | undefined {
    if (!this.hasTable('day_plans')) return undefined;
    const r = (date === undefined
      ? this.db.prepare('SELECT plan FROM day_plans ORDER BY date DESC LIMIT 1').get()
      : this.db.prepare('SELECT plan FROM day_plans WHERE date = ?').get(date)) as { plan: string } | undefined;
    return r === undefined ? undefined : (JSON.parse(r.plan) as DayPlan);
  }

  /** Time of the last alert, epoch ms, or undefined when there is none. */
  lastAlertAtMs(): number | undefined {
    const r = this.db.prepare('SELECT at FROM alerts ORDER BY id DESC LIMIT 1').get() as { at: string } | undefined;
    return r === undefined ? undefined : Date.parse(r.at);
  }

  /** The last audit record of each kind asked for (seq and time), for liveness views. */
  lastAuditOf(kinds: readonly string[]): Map<string, { seq: number; at: string; data: Record<string, unknown> }> {
    const out = new Map<string, { seq: number; at: string; data: Record<string, unknown> }>();
    const q = this.db.prepare('SELECT seq, at, line FROM audit WHERE kind = ? ORDER BY seq DESC LIMIT 1');
    for (const k of kinds) {
      const r = q.get(k) as { seq: number; at: string; line: string } | undefined;
      if (r !== undefined) out.set(k, { seq: r.seq, at: r.at, data: (JSON.parse(r.line) as AuditRecord).data as Record<string, unknown> });
    }
    return out;
  }

  /** Number of audit records and the last sequence (0 for an empty book). */
  auditHead(): { count: number; seq: number } {
    const r = this.db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS s FROM audit').get() as { n: number; s: number };
    return { count: r.n, seq: r.s };
  }

  /** SQLite's data_version: changes when another connection commits (a cheap change marker). */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Decisions (and skips) of a local day, by post time. */
  decisionsOn(date: string): DecisionRow[] {
    const rows = this.db.prepare('SELECT race_id, decision_id, date, post_time, config_hash, outcome, reason FROM decisions WHERE date = ? ORDER BY post_time, race_id').all(date) as {
      race_id: string;
      decision_id: string;
      date: string;
      post_time: string;
      config_hash: string;
      outcome: 'decided' | 'skipped';
      reason: string | null;
    }[];
    return rows.map((r) => ({ raceId: r.race_id, decisionId: r.decision_id, date: r.date, postTime: r.post_time, configHash: r.config_hash, outcome: r.outcome, reason: r.reason }));
  }

  /**
   * Cheap change marks of the book, one number or text per part: a reader compares two of them
   * to learn what changed (the dashboard's update events).
   */
  changeMarks(): { audit: number; alerts: number; acks: number; plans: string; controls: number; orders: string } {
    const one = <T>(sql: string): T => (this.db.prepare(sql).get() as { v: T }).v;
    return {
      audit: one<number>('SELECT COALESCE(MAX(seq), 0) AS v FROM audit'),
      alerts: one<number>('SELECT COALESCE(MAX(id), 0) AS v FROM alerts'),
      acks: this.hasTable('alert_acks') ? one<number>('SELECT COUNT(*) AS v FROM alert_acks') : 0,
      plans: this.hasTable('day_plans') ? one<string>("SELECT COALESCE(MAX(at), '') AS v FROM day_plans") : '',
      controls: one<number>('SELECT COALESCE(MAX(id), 0) AS v FROM controls'),
      orders: one<string>("SELECT COALESCE(MAX(updated_at), '') || ':' || COUNT(*) AS v FROM orders"),
    };
  }

  protected hasTable(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }
}

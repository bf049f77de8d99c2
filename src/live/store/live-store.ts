/**
 * The state of one live book: SQLite database (WAL) and the hash-chained audit log, in one
 * `--state` folder. Layer: live (store); not pure (SQLite, files). Units: integer yen; times ISO (UTC).
 *
 * Every state change is one `BEGIN IMMEDIATE` transaction that also appends its audit record(s)
 * to the `audit` table, chained to the last one; after the commit the new records are appended
 * to `audit.jsonl` and fsynced (under the database's write lock, so two processes append in
 * sequence) before the caller goes on. A crash between commit and append loses nothing: the
 * next open or write appends what the file lacks. The bankroll is always the sum of the ledger
 * rows read inside the transaction (never a cached copy), and every ledger row passes the
 * ledger's rules (`Ledger.fromEntries(...).append`), so two processes settling two races at the
 * same time stay exact.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { JRA_TERMS, Ledger, settleRace, trackEntries, type DrawdownTracker, type LedgerEntry, type NewEntry, type RaceResult, type SettlementKind } from '../../ledger/index.ts';
import { appendAuditRecords, lastAuditSeq } from '../audit/audit-file.ts';
import { makeAuditRecord, type AuditKind, type AuditRecord } from '../audit/audit-record.ts';
import { isoOf } from '../clock.ts';
import { LiveError } from '../errors.ts';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';

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

interface RawOrder {
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

function toOrder(r: RawOrder): OrderRow {
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

/** What a transaction body may do: audit, read and append the ledger. */
export interface StoreWriter {
  /** Appends an audit record (chained to the last one) and returns it. */
  audit(kind: AuditKind, data: Record<string, unknown>): AuditRecord;
  /** Appends a ledger entry after checking every ledger rule against the stored rows. */
  ledger(entry: Omit<NewEntry, 'at'>): LedgerEntry;
  /** The bankroll: the sum of the ledger rows, read now. */
  bankrollYen(): number;
}

/**
 * Opens (creating it when needed) the state folder of a book.
 * With `readonly`, opens an existing book for reading only (no schema change, no append).
 * @throws LiveError LIVE_STORE when the folder or the database cannot be used,
 *   AUDIT_CHAIN_BROKEN when the audit file holds records the database does not
 * @example const store = openStore('state'); store.bankrollYen(); store.close();
 */
export function openStore(dir: string, options: { readonly?: boolean } = {}): LiveStore {
  if (options.readonly === true) {
    const file = join(dir, STATE_FILES.database);
    if (!existsSync(file)) throw new LiveError('LIVE_STORE', `openStore: ${dir} holds no live book (${STATE_FILES.database} is missing)`, { field: 'dir', value: dir });
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 30000');
      return new LiveStore(dir, db);
    } catch (e) {
      throw new LiveError('LIVE_STORE', `openStore: cannot open the database in ${dir} (${(e as Error).message})`, { field: 'dir', value: dir });
    }
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new LiveError('LIVE_STORE', `openStore: cannot create the state folder ${dir} (${(e as Error).message})`, { field: 'dir', value: dir });
  }
  let db: Database.Database;
  try {
    db = new Database(join(dir, STATE_FILES.database));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 30000');
    db.exec(SCHEMA_SQL);
  } catch (e) {
    throw new LiveError('LIVE_STORE', `openStore: cannot open the database in ${dir} (${(e as Error).message})`, { field: 'dir', value: dir });
  }
  const store = new LiveStore(dir, db);
  store.init();
  return store;
}

/** The state of one book (see the header). Build it with {@link openStore}. */
export class LiveStore {
  readonly dir: string;
  readonly auditPath: string;
  readonly alertsPath: string;
  private readonly db: Database.Database;

  constructor(dir: string, db: Database.Database) {
    this.dir = dir;
    this.db = db;
    this.auditPath = join(dir, STATE_FILES.audit);
    this.alertsPath = join(dir, STATE_FILES.alerts);
  }

  /** Sets the schema version and appends audit records the file lacks (after a crash). */
  init(): void {
    this.db.transaction(() => {
      const v = this.meta('schema_version');
      if (v === undefined) this.setMeta('schema_version', String(SCHEMA_VERSION));
      else if (Number(v) !== SCHEMA_VERSION) throw new LiveError('LIVE_STORE', `openStore: schema version ${v}, this runner knows ${SCHEMA_VERSION}`);
    }).immediate();
    this.flushAudit();
  }

  close(): void {
    this.db.close();
  }

  /**
   * Runs `fn` in one BEGIN IMMEDIATE transaction, then appends and fsyncs its audit records.
   * @param atMs - the time of the change (the clock's now), for the audit records and ledger rows
   * @throws whatever `fn` throws (the transaction is rolled back), LiveError AUDIT_CHAIN_BROKEN
   */
  write<T>(atMs: number, fn: (w: StoreWriter) => T): T {
    const at = isoOf(atMs);
    const writer: StoreWriter = {
      audit: (kind, data) => this.appendAuditRow(at, kind, data),
      ledger: (entry) => this.appendLedgerRow({ ...entry, at }),
      bankrollYen: () => this.bankrollYen(),
    };
    const out = this.db.transaction(() => fn(writer)).immediate();
    this.flushAudit();
    return out;
  }

  /** Appends to the audit file every record of the database it lacks, fsynced, under the write lock. */
  flushAudit(): void {
    this.db.transaction(() => {
      const fileSeq = lastAuditSeq(this.auditPath);
      const dbSeq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM audit').get() as { s: number }).s;
      if (fileSeq > dbSeq) {
        throw new LiveError('AUDIT_CHAIN_BROKEN', `the audit file ends at record ${fileSeq} but the database at ${dbSeq}: refusing to append (run keiba live audit verify)`);
      }
      if (fileSeq === dbSeq) return;
      const rows = this.db.prepare('SELECT line FROM audit WHERE seq > ? ORDER BY seq').all(fileSeq) as { line: string }[];
      appendAuditRecords(this.auditPath, rows.map((r) => JSON.parse(r.line) as AuditRecord));
    }).immediate();
  }

  private appendAuditRow(at: string, kind: AuditKind, data: Record<string, unknown>): AuditRecord {
    const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const rec = makeAuditRecord(last, at, kind, data);
    this.db
      .prepare('INSERT INTO audit (seq, at, kind, hash, line) VALUES (?, ?, ?, ?, ?)')
      .run(rec.seq, rec.at, rec.kind, rec.hash, JSON.stringify({ seq: rec.seq, at: rec.at, kind: rec.kind, data: rec.data, prev: rec.prev, hash: rec.hash }));
    return rec;
  }

  private appendLedgerRow(entry: NewEntry): LedgerEntry {
    const l = Ledger.fromEntries(this.ledgerEntries());
    const e = l.append(entry);
    this.db
      .prepare('INSERT INTO ledger (seq, kind, amount_yen, race_id, ticket_id, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.seq, e.kind, e.amountYen, e.raceId, e.ticketId ?? null, e.at ?? '');
    return e;
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

  private setMeta(key: string, value: string): void {
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

  private hasTable(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }

  // ---- state changes (one transaction each) ----

  /**
   * Acknowledges an alert: the acknowledgement and its audit record (who, why, from where) in
   * one transaction.
   * @throws LiveError LIVE_UNKNOWN_ALERT for an id the book does not hold, LIVE_ALERT_ACKED when already acknowledged
   */
  ackAlert(atMs: number, alertId: number, by: { actor: string; source: string; reason: string }): AuditRecord {
    return this.write(atMs, (w) => {
      const a = this.alert(alertId);
      if (a === undefined) throw new LiveError('LIVE_UNKNOWN_ALERT', `alert ${alertId} does not exist in this book`, { field: 'alertId', value: alertId });
      const done = this.db.prepare('SELECT actor, at FROM alert_acks WHERE alert_id = ?').get(alertId) as { actor: string; at: string } | undefined;
      if (done !== undefined) throw new LiveError('LIVE_ALERT_ACKED', `alert ${alertId} was already acknowledged by ${done.actor} at ${done.at}`, { field: 'alertId', value: alertId });
      this.db.prepare('INSERT INTO alert_acks (alert_id, at, actor, source, reason) VALUES (?, ?, ?, ?, ?)').run(alertId, isoOf(atMs), by.actor, by.source, by.reason);
      return w.audit('alert_ack', { alertId, code: a.code, level: a.level, reason: by.reason, source: by.source, actor: by.actor });
    });
  }

  /** Records the plan of a day when the runner starts it (not money state: no audit record; a later run of the day replaces it). */
  recordDayPlan(atMs: number, plan: DayPlan): void {
    this.db.prepare('INSERT INTO day_plans (date, at, plan) VALUES (?, ?, ?) ON CONFLICT(date) DO UPDATE SET at = excluded.at, plan = excluded.plan').run(plan.date, isoOf(atMs), JSON.stringify(plan));
  }

  /** Records an alert (not money state: no audit record). */
  recordAlert(atMs: number, level: string, code: string, message: string): void {
    this.db.prepare('INSERT INTO alerts (at, level, code, message) VALUES (?, ?, ?, ?)').run(isoOf(atMs), level, code, message);
  }

  /**
   * Opens the book the first time: records the config hash and the first deposit.
   * Later calls change nothing and return false.
   * @throws LedgerError for a deposit that is not a positive integer
   */
  openBook(atMs: number, info: { configHash: string; paper: boolean; depositYen: number }): boolean {
    return this.write(atMs, (w) => {
      if (this.meta('opened_at') !== undefined) return false;
      this.setMeta('opened_at', isoOf(atMs));
      this.setMeta('first_config_hash', info.configHash);
      w.audit('book_opened', { configHash: info.configHash, paper: info.paper });
      if (info.depositYen > 0) {
        const e = w.ledger({ kind: 'deposit', amountYen: info.depositYen, raceId: null });
        w.audit('deposit', { amountYen: info.depositYen, ledgerSeq: e.seq, bankrollYen: w.bankrollYen() });
      }
      return true;
    });
  }

  /** Adds money to the bankroll (a ledger deposit, audited). @throws LedgerError unless amountYen > 0 */
  deposit(atMs: number, amountYen: number): LedgerEntry {
    return this.write(atMs, (w) => {
      const e = w.ledger({ kind: 'deposit', amountYen, raceId: null });
      w.audit('deposit', { amountYen, ledgerSeq: e.seq, bankrollYen: w.bankrollYen() });
      return e;
    });
  }

  /** Takes money out of the bankroll (a ledger withdrawal, audited). @throws LedgerError above the bankroll */
  withdraw(atMs: number, amountYen: number): LedgerEntry {
    return this.write(atMs, (w) => {
      const e = w.ledger({ kind: 'withdrawal', amountYen: -amountYen, raceId: null });
      w.audit('deposit', { amountYen: -amountYen, ledgerSeq: e.seq, bankrollYen: w.bankrollYen() });
      return e;
    });
  }

  /** Appends an audit record on its own (run started, deposit check, ...). */
  audit(atMs: number, kind: AuditKind, data: Record<string, unknown>): AuditRecord {
    return this.write(atMs, (w) => w.audit(kind, data));
  }

  /**
   * Stores a decision with its orders (status pending, idempotency keys) and its audit record,
   * before any purchase call. A race is decided once per book.
   * @throws LiveError LIVE_BAD_STATE when the race already has a decision
   */
  recordDecision(atMs: number, d: DecisionToStore): AuditRecord {
    return this.write(atMs, (w) => {
      if (this.decisionOf(d.raceId) !== undefined) throw new LiveError('LIVE_BAD_STATE', `recordDecision: race ${d.raceId} already has a decision`, { field: 'raceId', value: d.raceId });
      const at = isoOf(atMs);
      this.db
        .prepare('INSERT INTO decisions (race_id, decision_id, date, post_time, config_hash, outcome, reason, bankroll_yen, odds_at, stale, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)')
        .run(d.raceId, d.decisionId, d.date, d.postTime, d.configHash, 'decided', d.bankrollYen, d.oddsAt, d.stale ? 1 : 0, at);
      const ins = this.db.prepare(
        "INSERT INTO orders (key, decision_id, race_id, ticket_id, date, post_time, stake_yen, odds, account, status, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
      );
      for (const o of d.orders) ins.run(o.key, d.decisionId, d.raceId, o.ticketId, d.date, d.postTime, o.stakeYen, o.odds, o.account, at, at);
      return w.audit('decision', {
        decisionId: d.decisionId,
        raceId: d.raceId,
        postTime: d.postTime,
        configHash: d.configHash,
        bankrollYen: d.bankrollYen,
        oddsAt: d.oddsAt,
        stale: d.stale,
        ...d.inputs,
        orders: d.orders.map((o) => ({ key: o.key, ticketId: o.ticketId, stakeYen: o.stakeYen, odds: o.odds, account: o.account })),
      });
    });
  }

  /** Records that a race is not decided, and why (audited). Returns false when it already has a decision. */
  recordSkip(
    atMs: number,
    s: { raceId: string; decisionId: string; date: string; postTime: string; configHash: string; reason: string; detail?: Record<string, unknown>; skipRequestId?: number },
  ): boolean {
    return this.write(atMs, (w) => {
      if (this.decisionOf(s.raceId) !== undefined) return false;
      if (s.skipRequestId !== undefined) this.db.prepare('UPDATE controls SET consumed = 1 WHERE id = ?').run(s.skipRequestId);
      this.db
        .prepare("INSERT INTO decisions (race_id, decision_id, date, post_time, config_hash, outcome, reason, stale, at) VALUES (?, ?, ?, ?, ?, 'skipped', ?, 0, ?)")
        .run(s.raceId, s.decisionId, s.date, s.postTime, s.configHash, s.reason, isoOf(atMs));
      w.audit('race_skipped', { raceId: s.raceId, decisionId: s.decisionId, reason: s.reason, ...(s.detail ?? {}) });
      return true;
    });
  }

  /**
   * Notes a retry on an order (account and attempt count; not audited: the key was stored
   * before the first call, and on restart every order in flight is looked up before anything).
   */
  recordAttempt(atMs: number, key: string, account: string, attempts: number): void {
    this.db.prepare('UPDATE orders SET account = ?, attempts = ?, updated_at = ? WHERE key = ?').run(account, attempts, isoOf(atMs), key);
  }

  /**
   * Records a confirmed purchase: the order becomes bought and its stake enters the ledger, in
   * one transaction with its audit record. A second call for the same key changes nothing.
   * @returns the ledger entry of the stake, or undefined when the order was already bought
   * @throws LiveError LIVE_BAD_STATE for an unknown key or a failed order; LedgerError when the
   *   stake breaks a ledger rule (above the bankroll)
   */
  recordPurchase(atMs: number, key: string, ack: StoredAck, how: string, attempts?: number): LedgerEntry | undefined {
    return this.write(atMs, (w) => {
      const o = this.order(key);
      if (o === undefined) throw new LiveError('LIVE_BAD_STATE', `recordPurchase: no order with key ${key}`, { field: 'key', value: key });
      if (o.status === 'bought') return undefined;
      const e = w.ledger({ kind: 'stake', amountYen: -o.stakeYen, raceId: o.raceId, ticketId: o.ticketId });
      this.db
        .prepare("UPDATE orders SET status = 'bought', account = ?, purchase_ref = ?, ledger_seq = ?, attempts = MAX(attempts, ?), reason = NULL, updated_at = ? WHERE key = ?")
        .run(ack.account, ack.purchaseRef, e.seq, attempts ?? 0, isoOf(atMs), key);
      w.audit('purchase', {
        key,
        raceId: o.raceId,
        ticketId: o.ticketId,
        stakeYen: o.stakeYen,
        odds: o.odds,
        account: ack.account,
        purchaseRef: ack.purchaseRef,
        how,
        previousStatus: o.status,
        ledgerSeq: e.seq,
        bankrollYen: w.bankrollYen(),
      });
      return e;
    });
  }

  /** Records an order finally not bought (status failed, audited with its reason). No-op for a bought order. */
  recordPurchaseFailed(atMs: number, key: string, reason: string, attempts?: number): boolean {
    return this.write(atMs, (w) => {
      const o = this.order(key);
      if (o === undefined || o.status === 'bought' || o.status === 'failed') return false;
      const n = Math.max(o.attempts, attempts ?? 0);
      this.db.prepare("UPDATE orders SET status = 'failed', reason = ?, attempts = ?, updated_at = ? WHERE key = ?").run(reason, n, isoOf(atMs), key);
      w.audit('purchase_failed', { key, raceId: o.raceId, ticketId: o.ticketId, stakeYen: o.stakeYen, account: o.account, reason, attempts: n });
      return true;
    });
  }

  /** Records an order whose purchase could not be confirmed either way (status unconfirmed, audited). */
  recordUnconfirmed(atMs: number, key: string, reason: string): boolean {
    return this.write(atMs, (w) => {
      const o = this.order(key);
      if (o === undefined || o.status !== 'pending') return false;
      this.db.prepare("UPDATE orders SET status = 'unconfirmed', reason = ?, updated_at = ? WHERE key = ?").run(reason, isoOf(atMs), key);
      w.audit('purchase_unconfirmed', { key, raceId: o.raceId, ticketId: o.ticketId, stakeYen: o.stakeYen, account: o.account, reason });
      return true;
    });
  }

  /**
   * Settles the bought, unsettled tickets of a race on its official result (JRA terms): one
   * payout entry (0 for a loss) or refund entry per ticket, one transaction, one audit record.
   * Settling again settles only tickets bought since (none: returns an empty list).
   * @throws LedgerError when the result cannot settle a ticket exactly (missing payout, ...)
   */
  settleRace(atMs: number, raceId: string, result: RaceResult): SettledOrder[] {
    return this.write(atMs, (w) => {
      const open = this.unsettledOrders().filter((o) => o.raceId === raceId);
      if (open.length === 0) return [];
      const settled = settleRace(
        open.map((o) => ({ ticketId: o.ticketId, stakeYen: o.stakeYen })),
        result,
        JRA_TERMS,
      );
      const out: SettledOrder[] = [];
      const ins = this.db.prepare('INSERT INTO settlements (key, race_id, ticket_id, kind, payout_yen, ledger_seq, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      settled.bets.forEach((b, i) => {
        const o = open[i];
        const e = w.ledger({ kind: b.kind === 'refund' ? 'refund' : 'payout', amountYen: b.payoutYen, raceId, ticketId: o.ticketId });
        ins.run(o.key, raceId, o.ticketId, b.kind, b.payoutYen, e.seq, isoOf(atMs));
        out.push({ key: o.key, ticketId: o.ticketId, stakeYen: o.stakeYen, kind: b.kind, payoutYen: b.payoutYen, ledgerSeq: e.seq });
      });
      w.audit('settlement', {
        raceId,
        tickets: out.map((s) => ({ key: s.key, ticketId: s.ticketId, stakeYen: s.stakeYen, kind: s.kind, payoutYen: s.payoutYen, ledgerSeq: s.ledgerSeq })),
        stakeYen: settled.stakeYen,
        returnedYen: settled.refundYen + settled.winningsYen,
        bankrollYen: w.bankrollYen(),
      });
      return out;
    });
  }

  /**
   * Records an operator's or the runner's control (halt, resume, skip) with its audit record.
   * @param source - 'operator', 'dashboard:<who>', 'drawdown', 'bankroll_stop', ...
   * @param extra - more audit fields (who acted, from where)
   */
  recordControl(atMs: number, kind: 'halt' | 'resume' | 'skip', reason: string, source: string, raceId: string | null = null, extra: Record<string, unknown> = {}): AuditRecord {
    return this.write(atMs, (w) => {
      this.db.prepare('INSERT INTO controls (kind, race_id, reason, source, at) VALUES (?, ?, ?, ?, ?)').run(kind, raceId, reason, source, isoOf(atMs));
      return w.audit(kind, { reason, source, ...(raceId === null ? {} : { raceId }), ...extra });
    });
  }
}

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
import { JRA_TERMS, Ledger, settleRace, type LedgerEntry, type NewEntry, type RaceResult } from '../../ledger/index.ts';
import { appendAuditRecords, lastAuditSeq } from '../audit/audit-file.ts';
import { makeAuditRecord, type AuditKind, type AuditRecord } from '../audit/audit-record.ts';
import { isoOf } from '../clock.ts';
import { LiveError } from '../errors.ts';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';
import { LiveStoreReads } from './store-reads.ts';
import { STATE_FILES, type DayPlan, type DecisionToStore, type SettledOrder, type StoreWriter, type StoredAck } from './store-types.ts';

export { STATE_FILES } from './store-types.ts';
export type { AccountDay, AlertAck, AlertRow, DayPlan, DecisionRow, DecisionToStore, HaltState, NewOrder, OrderRow, OrderStatus, SettledOrder, StoreWriter, StoredAck } from './store-types.ts';

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
export class LiveStore extends LiveStoreReads {
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

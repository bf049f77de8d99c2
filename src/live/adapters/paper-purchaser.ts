/**
 * The paper venue: fills every ticket at the odds of the request, keeps per-account balances
 * and settles its own tickets on the official results (JRA terms), like a real venue would.
 * Idempotent on the key. Its book is a SQLite file of its own (`paper-venue.sqlite` in the state
 * folder), separate from the runner's store, so a runner killed after a purchase finds it by
 * lookup on restart. Layer: live (adapter); not pure (SQLite). Units: integer yen.
 */
import Database from 'better-sqlite3';
import { JRA_TERMS, settleTicket, type RaceResult } from '../../ledger/index.ts';
import { PurchaseRejectedError, type PurchaseAck, type PurchaseRequest, type Purchaser } from './purchaser.ts';

/** Options of {@link PaperPurchaser}. */
export interface PaperPurchaserOptions {
  /** Database file, or ':memory:' (default). */
  readonly path?: string;
  /** Accounts and their opening balances (used when the venue first sees an account). */
  readonly accounts: readonly { readonly id: string; readonly balanceYen: number }[];
  /** Official results, for crediting payouts (null until published). */
  readonly results?: { result(raceId: string): Promise<RaceResult | null> };
}

/**
 * A paper purchaser (see the header).
 * @example
 * const p = new PaperPurchaser({ accounts: [{ id: 'main', balanceYen: 100_000 }] });
 * await p.purchase({ key: 'k1', account: 'main', raceId: 'R1', ticketId: 'win:3', stakeYen: 300, odds: 4.2 }) // { purchaseRef: 'paper-1', ... }
 */
export class PaperPurchaser implements Purchaser {
  private readonly db: Database.Database;
  private readonly results: PaperPurchaserOptions['results'];
  /** Purchase calls that bought a ticket (tests count them). */
  purchases = 0;

  constructor(options: PaperPurchaserOptions) {
    this.db = new Database(options.path ?? ':memory:');
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process (not a power cut): enough for a paper venue.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 30000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, opening_yen INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS tickets (n INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, account TEXT NOT NULL, race_id TEXT NOT NULL,
        ticket_id TEXT NOT NULL, stake_yen INTEGER NOT NULL, odds REAL NOT NULL, credited_yen INTEGER);
    `);
    const ins = this.db.prepare('INSERT OR IGNORE INTO accounts (id, opening_yen) VALUES (?, ?)');
    for (const a of options.accounts) ins.run(a.id, a.balanceYen);
    this.results = options.results;
  }

  async purchase(req: PurchaseRequest): Promise<PurchaseAck> {
    return this.db.transaction((): PurchaseAck => {
      const existing = this.find(req.key);
      if (existing !== null) return existing;
      if (this.db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(req.account) === undefined) {
        throw new PurchaseRejectedError('account_locked', `paper venue: unknown account ${req.account}`);
      }
      if (!Number.isSafeInteger(req.stakeYen) || req.stakeYen <= 0 || req.stakeYen % 100 !== 0) {
        throw new PurchaseRejectedError('bad_request', `paper venue: stake ${req.stakeYen} is not a positive multiple of 100`);
      }
      const balance = this.balanceNow(req.account);
      if (balance < req.stakeYen) throw new PurchaseRejectedError('insufficient_balance', `paper venue: account ${req.account} holds ${balance} yen, stake ${req.stakeYen}`);
      this.db
        .prepare('INSERT INTO tickets (key, account, race_id, ticket_id, stake_yen, odds) VALUES (?, ?, ?, ?, ?, ?)')
        .run(req.key, req.account, req.raceId, req.ticketId, req.stakeYen, req.odds);
      this.purchases++;
      return this.find(req.key) as PurchaseAck;
    }).immediate();
  }

  async lookup(key: string): Promise<PurchaseAck | null> {
    return this.find(key);
  }

  async balanceYen(account: string): Promise<number> {
    await this.creditResults();
    return this.balanceNow(account);
  }

  /** Tickets bought under a key (0 or 1: tests check for duplicates). */
  countTickets(): { tickets: number; keys: number } {
    const r = this.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS k FROM tickets').get() as { n: number; k: number };
    return { tickets: r.n, keys: r.k };
  }

  close(): void {
    this.db.close();
  }

  private find(key: string): PurchaseAck | null {
    const r = this.db.prepare('SELECT n, key, account, race_id, ticket_id, stake_yen FROM tickets WHERE key = ?').get(key) as
      | { n: number; key: string; account: string; race_id: string; ticket_id: string; stake_yen: number }
      | undefined;
    if (r === undefined) return null;
    return { key: r.key, account: r.account, raceId: r.race_id, ticketId: r.ticket_id, stakeYen: r.stake_yen, purchaseRef: `paper-${r.n}` };
  }

  private balanceNow(account: string): number {
    const r = this.db
      .prepare('SELECT a.opening_yen - COALESCE((SELECT SUM(stake_yen) FROM tickets WHERE account = a.id), 0) + COALESCE((SELECT SUM(credited_yen) FROM tickets WHERE account = a.id), 0) AS b FROM accounts a WHERE a.id = ?')
      .get(account) as { b: number } | undefined;
    return r?.b ?? 0;
  }

  private async creditResults(): Promise<void> {
    if (this.results === undefined) return;
    const open = this.db.prepare('SELECT key, race_id, ticket_id, stake_yen FROM tickets WHERE credited_yen IS NULL').all() as {
      key: string;
      race_id: string;
      ticket_id: string;
      stake_yen: number;
    }[];
    for (const t of open) {
      const result = await this.results.result(t.race_id);
      if (result === null) continue;
      const s = settleTicket(t.ticket_id, t.stake_yen, result, JRA_TERMS);
      this.db.prepare('UPDATE tickets SET credited_yen = ? WHERE key = ? AND credited_yen IS NULL').run(s.payoutYen, t.key);
    }
  }
}

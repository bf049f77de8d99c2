/**
 * The SQLite schema of a live book (one database per `--state` folder). Layer: live (store); the
 * statements only (pure data). Money columns are integer yen; times are ISO text (UTC).
 * The bankroll is never stored: it is the sum of the ledger rows, read inside the transaction
 * that changes it.
 */

/**
 * Version of the schema, stored in `meta.schema_version`. Tables added later (alert_acks,
 * day_plans) are created by the next writable open of an existing book; readers treat a
 * missing one as empty, so the version stays 1.
 */
export const SCHEMA_VERSION = 1;

/** Statements creating every table (idempotent). */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  amount_yen INTEGER NOT NULL,
  race_id TEXT,
  ticket_id TEXT,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS decisions (
  race_id TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL,
  post_time TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('decided', 'skipped')),
  reason TEXT,
  bankroll_yen INTEGER,
  odds_at TEXT,
  stale INTEGER NOT NULL DEFAULT 0,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
  key TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL,
  race_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  date TEXT NOT NULL,
  post_time TEXT NOT NULL,
  stake_yen INTEGER NOT NULL CHECK (stake_yen > 0 AND stake_yen % 100 = 0),
  odds REAL NOT NULL,
  account TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'bought', 'failed', 'unconfirmed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  purchase_ref TEXT,
  ledger_seq INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (race_id, ticket_id)
);
CREATE INDEX IF NOT EXISTS orders_status ON orders (status);
CREATE INDEX IF NOT EXISTS orders_date ON orders (date);
CREATE TABLE IF NOT EXISTS settlements (
  key TEXT PRIMARY KEY,
  race_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('win', 'lose', 'refund')),
  payout_yen INTEGER NOT NULL,
  ledger_seq INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS controls (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('halt', 'resume', 'skip')),
  race_id TEXT,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  consumed INTEGER NOT NULL DEFAULT 0,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  hash TEXT NOT NULL,
  line TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_acks (
  alert_id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS day_plans (
  date TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  plan TEXT NOT NULL
);
`;

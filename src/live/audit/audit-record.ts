/**
 * The audit record and its hash chain. Layer: live (audit); pure.
 * A record is one JSON line `{"seq","at","kind","data","prev","hash"}`: `seq` counts from 1,
 * `at` is an ISO timestamp (UTC), `prev` is the previous record's hash (64 zeros for the first)
 * and `hash` = sha256 hex of `prev + "\n" + canonicalJson({ seq, at, kind, data })`, so changing
 * any byte of any record, or removing or reordering records, breaks the chain.
 * Money in `data` is integer yen; odds decimal.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../themis/index.ts';

/** Kinds of audit records. */
export type AuditKind =
  | 'book_opened' // first record of a book: config hash, paper or not
  | 'deposit' // money into the bankroll (ledger entry)
  | 'run_started' // a run of a day started (mode, clock, config hash)
  | 'reconciled' // an in-flight order resolved on start or by the results worker
  | 'decision' // a race decided: inputs (probabilities, odds, bankroll, config hash) and tickets
  | 'race_skipped' // a race not decided, and why
  | 'purchase' // a ticket bought (acknowledgement, account, ledger stake)
  | 'purchase_failed' // a ticket finally not bought, and why
  | 'purchase_unconfirmed' // a ticket whose purchase could not be confirmed either way (yet)
  | 'settlement' // a race settled (payouts and refunds, ledger entries)
  | 'halt' // purchases halted (operator, drawdown or bankroll stop)
  | 'resume' // purchases resumed by the operator
  | 'skip' // the operator asked to skip a race
  | 'drawdown_warn' // drawdown reached the warning level
  | 'deposit_check' // balances against the day's maximum stake
  | 'canary_takeover' // a running canary took over after its races within its drawdown limit
  | 'canary_abort' // a running canary was aborted: its drawdown exceeded the limit
  | 'alert_ack' // an operator acknowledged an alert (who, why, from where)
  | 'config_rollback' // an operator rolled the promoted config back (who, why, from where, to which hash)
  | 'run_finished'; // a run of a day finished (totals)

/** One audit record as written. */
export interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly kind: AuditKind;
  readonly data: Readonly<Record<string, unknown>>;
  readonly prev: string;
  readonly hash: string;
}

/** The `prev` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Hash of a record's content chained to the previous hash.
 * @example auditHash(GENESIS_HASH, { seq: 1, at: '2024-01-06T00:00:00.000Z', kind: 'run_started', data: {} }).length // 64
 */
export function auditHash(prev: string, r: Pick<AuditRecord, 'seq' | 'at' | 'kind' | 'data'>): string {
  return createHash('sha256')
    .update(`${prev}\n${canonicalJson({ seq: r.seq, at: r.at, kind: r.kind, data: r.data })}`)
    .digest('hex');
}

/**
 * Builds the next record of a chain.
 * @example makeAuditRecord(undefined, '2024-01-06T00:00:00.000Z', 'run_started', {}).seq // 1
 */
export function makeAuditRecord(last: Pick<AuditRecord, 'seq' | 'hash'> | undefined, at: string, kind: AuditKind, data: Record<string, unknown>): AuditRecord {
  const seq = last === undefined ? 1 : last.seq + 1;
  const prev = last === undefined ? GENESIS_HASH : last.hash;
  // JSON round trip: the data hashed is exactly the data a reader will parse back.
  const plain = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  return { seq, at, kind, data: plain, prev, hash: auditHash(prev, { seq, at, kind, data: plain }) };
}

/** The JSON line of a record (no newline), keys in a fixed order. @example formatAuditLine(r).startsWith('{"seq":') // true */
export function formatAuditLine(r: AuditRecord): string {
  return JSON.stringify({ seq: r.seq, at: r.at, kind: r.kind, data: r.data, prev: r.prev, hash: r.hash });
}

/** Outcome of checking one line against the chain so far. */
export type AuditLineCheck = { ok: true; record: AuditRecord } | { ok: false; problem: string };

/**
 * Checks one line: parses it, and checks its sequence number, its `prev` against the last
 * record's hash and its own hash.
 * @example checkAuditLine(formatAuditLine(r), undefined) // { ok: true, record: r } for a first record r
 */
export function checkAuditLine(line: string, last: Pick<AuditRecord, 'seq' | 'hash'> | undefined): AuditLineCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'not a JSON object' };
  const r = raw as Record<string, unknown>;
  if (typeof r.seq !== 'number' || typeof r.at !== 'string' || typeof r.kind !== 'string' || typeof r.prev !== 'string' || typeof r.hash !== 'string') {
    return { ok: false, problem: 'missing seq, at, kind, prev or hash' };
  }
  if (typeof r.data !== 'object' || r.data === null || Array.isArray(r.data)) return { ok: false, problem: 'data is not an object' };
  const wantSeq = last === undefined ? 1 : last.seq + 1;
  if (r.seq !== wantSeq) return { ok: false, problem: `seq ${r.seq}, expected ${wantSeq}` };
  const wantPrev = last === undefined ? GENESIS_HASH : last.hash;
  if (r.prev !== wantPrev) return { ok: false, problem: `prev does not match the previous record's hash` };
  const record: AuditRecord = { seq: r.seq, at: r.at, kind: r.kind as AuditKind, data: r.data as Record<string, unknown>, prev: r.prev, hash: r.hash };
  if (auditHash(record.prev, record) !== record.hash) return { ok: false, problem: 'hash does not match the record (the record was changed)' };
  return { ok: true, record };
}

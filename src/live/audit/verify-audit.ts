/**
 * `live audit verify`: checks the audit log's hash chain, its agreement with the database's copy
 * of the chain, and the agreement of the audit records with the state (every bought order has
 * one purchase record with its stake and ledger entry, every ledger row is audited once, the
 * ledger obeys its rules). Reports the first bad record. Layer: live (audit); reads files and the
 * database (read-only). Units: integer yen.
 */
import { Ledger } from '../../ledger/index.ts';
import { readAuditLines } from './audit-file.ts';
import { checkAuditLine, type AuditRecord } from './audit-record.ts';
import type { LiveStore } from '../store/live-store.ts';

/** One problem found. `lineNo` is the audit file's line (1-based), when the problem has one. */
export interface AuditProblem {
  readonly lineNo: number | null;
  readonly seq: number | null;
  readonly problem: string;
}

/** Result of {@link verifyAudit}. */
export interface AuditReport {
  readonly ok: boolean;
  readonly records: number;
  readonly databaseRecords: number;
  readonly bankrollYen: number;
  /** The first problem (the earliest line when the chain is broken). */
  readonly firstBad: AuditProblem | null;
  /** Every problem found (the chain check stops at its first). */
  readonly problems: readonly AuditProblem[];
}

/**
 * Verifies a book's audit log against its database.
 * @param store - a store opened read-only (openStore(dir, { readonly: true }))
 * @example verifyAudit(openStore('state', { readonly: true })).ok // true for an untouched book
 */
export function verifyAudit(store: LiveStore): AuditReport {
  const problems: AuditProblem[] = [];
  const lines = readAuditLines(store.auditPath);
  const fileRecords: AuditRecord[] = [];
  let last: AuditRecord | undefined;
  for (const { lineNo, text } of lines) {
    const c = checkAuditLine(text, last);
    if (!c.ok) {
      problems.push({ lineNo, seq: last === undefined ? 1 : last.seq + 1, problem: c.problem });
      break;
    }
    fileRecords.push(c.record);
    last = c.record;
  }
  const dbRecords = store.auditRecords();
  const chainOk = problems.length === 0;
  const n = Math.min(fileRecords.length, dbRecords.length);
  for (let i = 0; i < n; i++) {
    if (fileRecords[i].hash !== dbRecords[i].hash) {
      problems.push({ lineNo: i + 1, seq: i + 1, problem: "differs from the database's copy of the record" });
      break;
    }
  }
  if (chainOk && fileRecords.length < dbRecords.length) {
    problems.push({ lineNo: fileRecords.length + 1, seq: fileRecords.length + 1, problem: `the file lacks records ${fileRecords.length + 1}..${dbRecords.length} of the database (opening the book appends them)` });
  }
  if (chainOk && fileRecords.length > dbRecords.length) {
    problems.push({ lineNo: dbRecords.length + 1, seq: dbRecords.length + 1, problem: 'record not in the database' });
  }

  // State against the records (the database's copy: it is the one the state was written with).
  const lineOf = (seq: number): number | null => (seq <= fileRecords.length ? seq : null);
  const entries = store.ledgerEntries();
  let bankrollYen = 0;
  try {
    bankrollYen = Ledger.fromEntries(entries).bankrollYen();
  } catch (e) {
    problems.push({ lineNo: null, seq: null, problem: `the ledger breaks its rules: ${(e as Error).message}` });
  }
  const ledgerRefs = new Map<number, { seq: number; amountYen: number }>();
  const refer = (rec: AuditRecord, ledgerSeq: unknown, amountYen: number): void => {
    if (typeof ledgerSeq !== 'number') return;
    if (ledgerRefs.has(ledgerSeq)) problems.push({ lineNo: lineOf(rec.seq), seq: rec.seq, problem: `ledger row ${ledgerSeq} is audited twice` });
    ledgerRefs.set(ledgerSeq, { seq: rec.seq, amountYen });
  };
  const purchases = new Map<string, AuditRecord>();
  for (const rec of dbRecords) {
    const d = rec.data as Record<string, unknown>;
    if (rec.kind === 'deposit') refer(rec, d.ledgerSeq, d.amountYen as number);
    if (rec.kind === 'purchase') {
      const key = d.key as string;
      if (purchases.has(key)) problems.push({ lineNo: lineOf(rec.seq), seq: rec.seq, problem: `second purchase record of key ${key}` });
      purchases.set(key, rec);
      refer(rec, d.ledgerSeq, -(d.stakeYen as number));
    }
    if (rec.kind === 'settlement' && Array.isArray(d.tickets)) {
      for (const t of d.tickets as { ledgerSeq: number; payoutYen: number }[]) refer(rec, t.ledgerSeq, t.payoutYen);
    }
  }
  for (const e of entries) {
    const ref = ledgerRefs.get(e.seq);
    if (ref === undefined) problems.push({ lineNo: null, seq: null, problem: `ledger row ${e.seq} (${e.kind} ${e.amountYen}) has no audit record` });
    else if (ref.amountYen !== e.amountYen) problems.push({ lineNo: lineOf(ref.seq), seq: ref.seq, problem: `ledger row ${e.seq} holds ${e.amountYen} yen but its audit record says ${ref.amountYen}` });
  }
  for (const seq of ledgerRefs.keys()) if (!entries.some((e) => e.seq === seq)) problems.push({ lineNo: lineOf(ledgerRefs.get(seq)!.seq), seq: ledgerRefs.get(seq)!.seq, problem: `audited ledger row ${seq} is not in the ledger` });
  for (const o of store.allOrders()) {
    const rec = purchases.get(o.key);
    if (o.status === 'bought' && rec === undefined) problems.push({ lineNo: null, seq: null, problem: `order ${o.key} is bought but has no purchase record` });
    if (o.status !== 'bought' && rec !== undefined) problems.push({ lineNo: lineOf(rec.seq), seq: rec.seq, problem: `purchase record of ${o.key}, but the order is ${o.status}` });
    if (o.status === 'bought' && rec !== undefined && (rec.data.stakeYen !== o.stakeYen || rec.data.ledgerSeq !== o.ledgerSeq)) {
      problems.push({ lineNo: lineOf(rec.seq), seq: rec.seq, problem: `purchase record of ${o.key} disagrees with the order (stake or ledger row)` });
    }
  }
  const firstBad = problems.length === 0 ? null : [...problems].sort((a, b) => (a.lineNo ?? Infinity) - (b.lineNo ?? Infinity))[0];
  return { ok: problems.length === 0, records: fileRecords.length, databaseRecords: dbRecords.length, bankrollYen, firstBad, problems };
}

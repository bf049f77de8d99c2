import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendAuditRecords,
  checkAuditLine,
  formatAuditLine,
  GENESIS_HASH,
  makeAuditRecord,
  openStore,
  readAuditRecords,
  verifyAudit,
} from '../../src/live/index.ts';
import { tempDir } from './helpers.ts';

const T0 = Date.parse('2024-01-06T00:00:00Z');

/** A small book: a deposit, a decision with one order, its purchase. */
function smallBook(): string {
  const dir = join(tempDir(), 'state');
  const store = openStore(dir);
  store.openBook(T0, { configHash: 'a'.repeat(64), paper: true, depositYen: 100_000 });
  store.recordDecision(T0 + 1000, {
    decisionId: 'd-1',
    raceId: 'R1',
    date: '2024-01-06',
    postTime: '2024-01-06T10:00',
    configHash: 'a'.repeat(64),
    bankrollYen: 100_000,
    oddsAt: '2024-01-06T09:55:00',
    stale: false,
    orders: [{ key: 'R1|win:3|k|d-1', ticketId: 'win:3', stakeYen: 1_000, odds: 4.2, account: 'main' }],
    inputs: { tickets: [{ id: 'win:3', p: 0.3, odds: 4.2 }] },
  });
  store.recordPurchase(T0 + 2000, 'R1|win:3|k|d-1', { account: 'main', purchaseRef: 'paper-1' }, 'ack');
  store.close();
  return dir;
}

describe('audit records', () => {
  it('makeAuditRecord(last, at, kind, data) chains to the previous hash and checkAuditLine accepts it', () => {
    const a = makeAuditRecord(undefined, '2024-01-06T00:00:00.000Z', 'run_started', { date: '2024-01-06' });
    const b = makeAuditRecord(a, '2024-01-06T00:00:01.000Z', 'halt', { reason: 'x' });
    expect(a.prev).toBe(GENESIS_HASH);
    expect(b.prev).toBe(a.hash);
    expect(b.seq).toBe(2);
    expect(checkAuditLine(formatAuditLine(a), undefined)).toEqual({ ok: true, record: a });
    expect(checkAuditLine(formatAuditLine(b), a).ok).toBe(true);
  });

  it('checkAuditLine(line, last) names a changed value, a wrong seq and a broken link', () => {
    const a = makeAuditRecord(undefined, '2024-01-06T00:00:00.000Z', 'deposit', { amountYen: 100 });
    const b = makeAuditRecord(a, '2024-01-06T00:00:01.000Z', 'deposit', { amountYen: 200 });
    expect(checkAuditLine(formatAuditLine(a).replace('"amountYen":100', '"amountYen":900'), undefined)).toEqual({ ok: false, problem: expect.stringMatching(/hash does not match/) });
    expect(checkAuditLine(formatAuditLine(b), undefined)).toEqual({ ok: false, problem: 'seq 2, expected 1' });
    const c = makeAuditRecord({ seq: 1, hash: 'f'.repeat(64) }, b.at, 'deposit', {});
    expect(checkAuditLine(formatAuditLine(c), a)).toEqual({ ok: false, problem: expect.stringMatching(/prev/) });
    expect(checkAuditLine('{not json', undefined)).toEqual({ ok: false, problem: 'not JSON' });
  });

  it('appendAuditRecords(path, records) cuts a torn last line before appending', () => {
    const path = join(tempDir(), 'audit.jsonl');
    const a = makeAuditRecord(undefined, '2024-01-06T00:00:00.000Z', 'deposit', { amountYen: 1 });
    const b = makeAuditRecord(a, '2024-01-06T00:00:01.000Z', 'deposit', { amountYen: 2 });
    appendAuditRecords(path, [a]);
    appendFileSync(path, '{"seq":2,"at":"torn');
    appendAuditRecords(path, [b]);
    expect(readAuditRecords(path)).toEqual({ records: [a, b] });
  });
});

describe('verifyAudit(store)', () => {
  it('finds a book written through the store clean, with the bankroll of its ledger', () => {
    const dir = smallBook();
    const report = verifyAudit(openStore(dir, { readonly: true }));
    expect(report).toMatchObject({ ok: true, records: 4, databaseRecords: 4, bankrollYen: 99_000, firstBad: null });
  });

  it('reports a tampered line as the first bad record (its line number)', () => {
    const dir = smallBook();
    const path = join(dir, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[3]).toContain('"stakeYen":1000');
    lines[3] = lines[3].replace('"stakeYen":1000', '"stakeYen":100');
    writeFileSync(path, lines.join('\n'));
    const report = verifyAudit(openStore(dir, { readonly: true }));
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ lineNo: 4, seq: 4, problem: expect.stringMatching(/hash does not match/) });
  });

  it('reports a removed line and a database record missing from the file', () => {
    const dir = smallBook();
    const path = join(dir, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, [lines[0], ...lines.slice(2)].join('\n'));
    expect(verifyAudit(openStore(dir, { readonly: true })).firstBad).toMatchObject({ lineNo: 2, problem: 'seq 3, expected 2' });
    writeFileSync(path, `${lines.slice(0, 3).join('\n')}\n`);
    expect(verifyAudit(openStore(dir, { readonly: true })).firstBad).toMatchObject({ lineNo: 4, problem: expect.stringMatching(/lacks records 4\.\.4/) });
    // Opening the book appends what the file lacks.
    openStore(dir).close();
    expect(verifyAudit(openStore(dir, { readonly: true })).ok).toBe(true);
  });
});

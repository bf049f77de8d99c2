/**
 * Tests of the annual tax report: every purchase of the year (losing tickets included), integer
 * totals, the JST year boundary, building purchases from ledger entries, the CSV (written
 * atomically) and the HTML section.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.ts';
import { purchasesFromLedger, taxReport, taxReportCsv, taxReportSectionHtml, writeTaxReportCsv, writeTaxReportHtml, type Purchase } from '../../src/report/index.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keiba-tax-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Purchases around New Year, times in UTC as the live store writes them. */
const PURCHASES: Purchase[] = [
  { timestamp: '2024-06-01T06:40:00.000Z', raceId: 'R1', ticketId: 'win:3', stakeYen: 1_000, payoutYen: 4_500, refundYen: 0 },
  { timestamp: '2024-06-01T07:20:00.000Z', raceId: 'R2', ticketId: 'quinella:2-7', stakeYen: 2_000, payoutYen: 0, refundYen: 0 },
  { timestamp: '2024-12-28T05:00:00.000Z', raceId: 'R3', ticketId: 'place:5', stakeYen: 500, payoutYen: 0, refundYen: 500 },
  // 2024-12-31 23:59 JST: still 2024.
  { timestamp: '2024-12-31T14:59:00.000Z', raceId: 'R4', ticketId: 'win:1', stakeYen: 300, payoutYen: 0, refundYen: 0 },
  // 2025-01-01 00:30 JST: 2025, although it is still 2024 in UTC.
  { timestamp: '2024-12-31T15:30:00.000Z', raceId: 'R5', ticketId: 'win:8', stakeYen: 700, payoutYen: 2_100, refundYen: 0 },
  // 2023-12-31 23:50 JST, no zone: local time.
  { timestamp: '2023-12-31T23:50', raceId: 'R0', ticketId: 'win:4', stakeYen: 100, payoutYen: 0, refundYen: 0 },
];

describe('taxReport(purchases, year)', () => {
  it('lists every purchase of the JST year, losing tickets included, in time order', () => {
    const r = taxReport(PURCHASES, 2024);
    expect(r.rows.map((x) => x.raceId)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(r.rows.map((x) => x.result)).toEqual(['win', 'lose', 'refund', 'lose']);
    expect(r.rows[0].timeJst).toBe('2024-06-01 15:40:00');
    expect(r.rows[3].timeJst).toBe('2024-12-31 23:59:00');
    expect(taxReport(PURCHASES, 2025).rows.map((x) => x.raceId)).toEqual(['R5']);
    expect(taxReport(PURCHASES, 2023).rows.map((x) => x.raceId)).toEqual(['R0']);
    expect(r.timeZone).toContain('UTC+9');
  });

  it('sums the totals in integer yen', () => {
    const t = taxReport(PURCHASES, 2024).totals;
    expect(t).toEqual({
      tickets: 4,
      winningTickets: 1,
      losingTickets: 2,
      refundedTickets: 1,
      openTickets: 0,
      stakeYen: 3_800,
      payoutYen: 4_500,
      refundYen: 500,
      netYen: 1_200,
      winningStakeYen: 1_000,
      payoutLessWinningStakeYen: 3_500,
    });
    for (const v of Object.values(t)) expect(Number.isInteger(v)).toBe(true);
  });

  it('sums of the years equal the sum of every purchase', () => {
    const years = [2023, 2024, 2025].map((y) => taxReport(PURCHASES, y).totals);
    expect(years.reduce((a, t) => a + t.stakeYen, 0)).toBe(PURCHASES.reduce((a, p) => a + p.stakeYen, 0));
    expect(years.reduce((a, t) => a + t.tickets, 0)).toBe(PURCHASES.length);
  });

  it('counts an unsettled ticket as open', () => {
    const r = taxReport([{ ...PURCHASES[1], settled: false }], 2024);
    expect(r.rows[0].result).toBe('open');
    expect(r.totals.openTickets).toBe(1);
  });

  it('throws REPORT_BAD_INPUT for fractional yen, a zero stake, a bad time or a bad year', () => {
    expect(() => taxReport([{ ...PURCHASES[0], payoutYen: 10.5 }], 2024)).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
    expect(() => taxReport([{ ...PURCHASES[0], stakeYen: 0 }], 2024)).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
    expect(() => taxReport([{ ...PURCHASES[0], timestamp: 'yesterday' }], 2024)).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
    expect(() => taxReport(PURCHASES, 24.5)).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
  });
});

describe('purchasesFromLedger(entries)', () => {
  it('gives one purchase per stake with its payout or refund, losing and open tickets included', () => {
    const l = new Ledger();
    l.deposit(50_000, '2024-06-01T00:00:00.000Z');
    l.stake('R1', 'win:3', 1_000, '2024-06-01T06:40:00.000Z');
    l.stake('R1', 'win:5', 500, '2024-06-01T06:40:00.000Z');
    l.payout('R1', 'win:3', 4_500, '2024-06-01T06:55:00.000Z');
    l.payout('R1', 'win:5', 0, '2024-06-01T06:55:00.000Z');
    l.stake('R2', 'place:1', 200, '2024-06-01T07:20:00.000Z');
    l.refund('R2', 'place:1', 200, '2024-06-01T07:30:00.000Z');
    l.stake('R3', 'win:2', 300, '2024-06-01T08:00:00.000Z');
    const p = purchasesFromLedger(l.entries());
    expect(p).toEqual([
      { timestamp: '2024-06-01T06:40:00.000Z', raceId: 'R1', ticketId: 'win:3', stakeYen: 1_000, payoutYen: 4_500, refundYen: 0, settled: true },
      { timestamp: '2024-06-01T06:40:00.000Z', raceId: 'R1', ticketId: 'win:5', stakeYen: 500, payoutYen: 0, refundYen: 0, settled: true },
      { timestamp: '2024-06-01T07:20:00.000Z', raceId: 'R2', ticketId: 'place:1', stakeYen: 200, payoutYen: 0, refundYen: 200, settled: true },
      { timestamp: '2024-06-01T08:00:00.000Z', raceId: 'R3', ticketId: 'win:2', stakeYen: 300, payoutYen: 0, refundYen: 0, settled: false },
    ]);
    const t = taxReport(p, 2024).totals;
    expect(t.netYen).toBe(l.bankrollYen() - 50_000);
    expect(t).toMatchObject({ tickets: 4, winningTickets: 1, losingTickets: 1, refundedTickets: 1, openTickets: 1 });
  });

  it('throws REPORT_BAD_INPUT for a stake without a time', () => {
    const l = new Ledger();
    l.deposit(1_000);
    l.stake('R1', 'win:1', 100);
    expect(() => purchasesFromLedger(l.entries())).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
  });
});

describe('taxReportCsv(report) and writeTaxReportCsv(path, report)', () => {
  it('writes a header, every purchase and a total line, CRLF', () => {
    const csv = taxReportCsv(taxReport(PURCHASES, 2024));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('time_jst,timestamp,race_id,ticket_id,result,stake_yen,payout_yen,refund_yen,net_yen');
    expect(lines[1]).toBe('2024-06-01 15:40:00,2024-06-01T06:40:00.000Z,R1,win:3,win,1000,4500,0,3500');
    expect(lines[2]).toBe('2024-06-01 16:20:00,2024-06-01T07:20:00.000Z,R2,quinella:2-7,lose,2000,0,0,-2000');
    expect(lines[5]).toBe('total 2024,,,4 tickets,total,3800,4500,500,1200');
    expect(lines[6]).toBe('');
    expect(lines).toHaveLength(7);
  });

  it('quotes fields holding commas or quotes', () => {
    const csv = taxReportCsv(taxReport([{ ...PURCHASES[0], raceId: 'R,1 "main"' }], 2024));
    expect(csv.split('\r\n')[1]).toContain('"R,1 ""main"""');
  });

  it('writes the file atomically (no temporary file left)', () => {
    const path = join(work, 'tax-2024.csv');
    writeTaxReportCsv(path, taxReport(PURCHASES, 2024));
    expect(readFileSync(path, 'utf8')).toBe(taxReportCsv(taxReport(PURCHASES, 2024)));
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('taxReportSectionHtml(report) and writeTaxReportHtml(path, report)', () => {
  it('shows the totals and one row per purchase, escaped', () => {
    const html = taxReportSectionHtml(taxReport([...PURCHASES, { ...PURCHASES[1], raceId: '<R9>', timestamp: '2024-07-01T00:00:00Z' }], 2024));
    expect(html.startsWith('<section id="tax-2024">')).toBe(true);
    expect(html.match(/<tr class="/g)).toHaveLength(5);
    expect(html).toContain('¥3,500');
    expect(html).toContain('lost');
    expect(html).toContain('&lt;R9&gt;');
    expect(html).not.toContain('<R9>');
  });

  it('writes a self-contained page', () => {
    const path = join(work, 'tax-2024.html');
    writeTaxReportHtml(path, taxReport(PURCHASES, 2024));
    const html = readFileSync(path, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<h1>Tax report 2024</h1>');
    expect(html).not.toMatch(/<link\b|<script[^>]*\bsrc=|<img\b|https?:\/\//);
  });
});

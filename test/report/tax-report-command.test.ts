/**
 * End-to-end test of `keiba report tax --ledger STATE_DIR --year YYYY --out FILE`: a live book
 * written with the live store, the CLI run as a user would, the CSV and HTML it writes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/live/index.ts';
import { PROJECT_ROOT } from '../shared-data.ts';

const BIN = resolve(PROJECT_ROOT, 'bin/keiba.mjs');

function keiba(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
let state: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keiba-tax-cli-'));
  state = join(work, 'state');
  const store = openStore(state);
  try {
    const t0 = Date.parse('2024-12-28T05:00:00Z');
    store.write(t0, (w) => w.ledger({ kind: 'deposit', amountYen: 100_000, raceId: null }));
    store.write(t0 + 60_000, (w) => {
      w.ledger({ kind: 'stake', amountYen: -1_000, raceId: 'R1', ticketId: 'win:3' });
      w.ledger({ kind: 'stake', amountYen: -500, raceId: 'R1', ticketId: 'win:4' });
    });
    store.write(t0 + 600_000, (w) => {
      w.ledger({ kind: 'payout', amountYen: 4_200, raceId: 'R1', ticketId: 'win:3' });
      w.ledger({ kind: 'payout', amountYen: 0, raceId: 'R1', ticketId: 'win:4' });
    });
    // 2025-01-01 00:30 JST: counts in 2025.
    store.write(Date.parse('2024-12-31T15:30:00Z'), (w) => w.ledger({ kind: 'stake', amountYen: -700, raceId: 'R2', ticketId: 'win:1' }));
  } finally {
    store.close();
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('keiba report tax', () => {
  it('keiba report tax --ledger STATE --year 2024 --out FILE --html FILE writes every 2024 purchase and the totals', () => {
    const csv = join(work, 'tax-2024.csv');
    const html = join(work, 'tax-2024.html');
    const r = keiba(['report', 'tax', '--ledger', state, '--year', '2024', '--out', csv, '--html', html, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { year: number; totals: { tickets: number; losingTickets: number; stakeYen: number; payoutYen: number; netYen: number } };
    expect(out.year).toBe(2024);
    expect(out.totals).toMatchObject({ tickets: 2, losingTickets: 1, stakeYen: 1_500, payoutYen: 4_200, netYen: 2_700 });
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[1]).toBe('2024-12-28 14:01:00,2024-12-28T05:01:00.000Z,R1,win:3,win,1000,4200,0,3200');
    expect(lines[2]).toBe('2024-12-28 14:01:00,2024-12-28T05:01:00.000Z,R1,win:4,lose,500,0,0,-500');
    expect(lines[3]).toBe('total 2024,,,2 tickets,total,1500,4200,0,2700');
    expect(readFileSync(html, 'utf8')).toContain('<h1>Tax report 2024</h1>');
  });

  it('keiba report tax --year 2025 lists the ticket bought at 00:30 JST on New Year, not yet settled', () => {
    const csv = join(work, 'tax-2025.csv');
    const r = keiba(['report', 'tax', '--ledger', state, '--year', '2025', '--out', csv]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 tickets');
    expect(readFileSync(csv, 'utf8').split('\r\n')[1]).toBe('2025-01-01 00:30:00,2024-12-31T15:30:00.000Z,R2,win:1,open,700,0,0,-700');
  });

  it('keiba report tax on a folder without a live book exits 2 with LIVE_STORE and writes nothing', () => {
    const csv = join(work, 'none.csv');
    const r = keiba(['report', 'tax', '--ledger', join(work, 'nowhere'), '--year', '2024', '--out', csv]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('LIVE_STORE');
    expect(existsSync(csv)).toBe(false);
  });
});

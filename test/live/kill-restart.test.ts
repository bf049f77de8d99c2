import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, uniformFor, verifyAudit } from '../../src/live/index.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { tempDir, writeConfig } from './helpers.ts';

const run = promisify(execFile);
const bin = resolve(PROJECT_ROOT, 'bin/keiba.mjs');
const DATE = '2024-01-06';
const KILLS = 10;

let work: string;
let dataset: string;
let configPath: string;

function runArgs(state: string): string[] {
  return [bin, 'live', 'run', '--config', configPath, '--state', state, '--replay', dataset, '--date', DATE, '--clock', 'simulated', '--json'];
}

function auditLines(state: string): number {
  const path = join(state, 'audit.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

/** Starts a run and SIGKILLs it once the audit log holds `records` lines; resolves with whether it was killed. */
function runAndKill(state: string, records: number): Promise<boolean> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, runArgs(state), { cwd: PROJECT_ROOT, stdio: 'ignore' });
    const timer = setInterval(() => {
      if (auditLines(state) >= records) child.kill('SIGKILL');
    }, 5);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') done(true);
      else if (code === 0) done(false);
      else fail(new Error(`live run exited with ${String(code)}`));
    });
  });
}

/** What must not change across kills: decisions, orders and their outcome, the bankroll. */
function outcome(state: string) {
  const store = openStore(state, { readonly: true });
  try {
    const recs = store.auditRecords();
    const decisions = recs
      .filter((r) => r.kind === 'decision' || r.kind === 'race_skipped')
      .map((r) => `${r.data.raceId as string} ${r.kind} ${String(r.data.decisionId)} ${String(r.data.bankrollYen ?? '')}`)
      .sort();
    const orders = store.allOrders().map((o) => `${o.key} ${o.stakeYen} ${o.status} ${o.account}`);
    return { decisions, orders, bankrollYen: store.bankrollYen(), settled: store.settlements().length, records: recs.length, verify: verifyAudit(store) };
  } finally {
    store.close();
  }
}

function venueTickets(state: string): { tickets: number; keys: number } {
  const db = new Database(join(state, 'paper-venue.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) AS tickets, COUNT(DISTINCT key) AS keys FROM tickets').get() as { tickets: number; keys: number };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  work = tempDir();
  dataset = join(work, 'ds');
  await run(process.execPath, [bin, 'data', 'generate', '--years', '0.01', '--seed', '7', '--start-date', DATE, '--out', dataset], { cwd: PROJECT_ROOT });
  configPath = writeConfig(work, { themis: { betTypes: ['win'], maxFractionPerTicket: 0.01 }, bankrollYen: 1_000_000, accounts: [{ id: 'main', paperBalanceYen: 100_000_000 }] });
});

describe('keiba live run killed with SIGKILL and restarted', () => {
  it(`SIGKILL at ${KILLS} random points of a replayed day, restarting each time: same decisions, purchases and bankroll as one uninterrupted run; no lost audit record, no double purchase`, async () => {
    const reference = join(work, 'reference');
    await run(process.execPath, runArgs(reference), { cwd: PROJECT_ROOT });
    const ref = outcome(reference);
    expect(ref.verify.ok).toBe(true);
    expect(ref.orders.length).toBeGreaterThan(20);

    const state = join(work, 'killed');
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // A random point of the day: after a seeded number of audit records, spread over the day.
      const records = Math.floor((ref.records * (i + uniformFor('kill-restart', i))) / KILLS);
      if (await runAndKill(state, Math.max(1, records))) killed++;
      if (!existsSync(join(state, 'live.sqlite'))) continue;
      // Between kills the book is consistent: what the database holds, the audit log holds (after the append on open).
      const mid = outcome(state);
      expect(mid.verify.problems.filter((p) => !/lacks records/.test(p.problem))).toEqual([]);
      const venue = venueTickets(state);
      expect(venue.tickets).toBe(venue.keys);
    }
    await run(process.execPath, runArgs(state), { cwd: PROJECT_ROOT });
    const got = outcome(state);
    expect(killed).toBeGreaterThan(KILLS / 2);
    expect(got.verify).toMatchObject({ ok: true, bankrollYen: ref.bankrollYen });
    expect(got.decisions).toEqual(ref.decisions);
    expect(got.orders).toEqual(ref.orders);
    expect(got.bankrollYen).toBe(ref.bankrollYen);
    expect(got.settled).toBe(ref.settled);
    const bought = got.orders.filter((o) => o.includes(' bought ')).length;
    expect(venueTickets(state)).toEqual({ tickets: bought, keys: bought });
  }, 600_000);
});

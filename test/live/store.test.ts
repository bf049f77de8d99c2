import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/ledger/index.ts';
import { LiveError, openStore, verifyAudit, type LiveStore } from '../../src/live/index.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { scriptedResult, tempDir } from './helpers.ts';
import { twoProcessRace } from './fixtures/two-process-races.ts';

const run = promisify(execFile);
const T0 = Date.parse('2024-01-06T00:00:00Z');
const HASH = 'c'.repeat(64);

/** Decides and buys every runner of a scripted race for `stake` yen each. */
function buyRace(store: LiveStore, n: number, stake: number): void {
  const race = twoProcessRace(n);
  const orders = race.probs.map((_, i) => ({ key: `${race.raceId}|win:${i + 1}|c|d-${n}`, ticketId: `win:${i + 1}`, stakeYen: stake, odds: race.odds[i], account: 'main' }));
  store.recordDecision(T0 + n, { decisionId: `d-${n}`, raceId: race.raceId, date: '2024-01-06', postTime: race.postTime, configHash: HASH, bankrollYen: store.bankrollYen(), oddsAt: null, stale: false, orders, inputs: {} });
  for (const o of orders) store.recordPurchase(T0 + n, o.key, { account: 'main', purchaseRef: `ref-${o.key}` }, 'ack');
}

describe('LiveStore', () => {
  it('openBook(at, info) deposits once; the bankroll is the sum of the ledger rows', () => {
    const store = openStore(join(tempDir(), 'state'));
    expect(store.openBook(T0, { configHash: HASH, paper: true, depositYen: 500_000 })).toBe(true);
    expect(store.openBook(T0, { configHash: HASH, paper: true, depositYen: 500_000 })).toBe(false);
    expect(store.bankrollYen()).toBe(500_000);
    expect(store.ledgerEntries()).toEqual([{ seq: 1, kind: 'deposit', amountYen: 500_000, raceId: null, at: '2024-01-06T00:00:00.000Z' }]);
  });

  it('recordPurchase(at, key, ack) stakes once and settleRace(at, race, result) pays the winner, exactly', () => {
    const store = openStore(join(tempDir(), 'state'));
    store.openBook(T0, { configHash: HASH, paper: true, depositYen: 100_000 });
    buyRace(store, 1, 1_000); // runner 2 wins at 4.1
    expect(store.recordPurchase(T0, 'R01|win:1|c|d-1', { account: 'main', purchaseRef: 'x' }, 'ack')).toBeUndefined();
    expect(store.bankrollYen()).toBe(92_000);
    const settled = store.settleRace(T0 + 100, 'R01', scriptedResult(twoProcessRace(1)));
    expect(settled.filter((s) => s.kind === 'win')).toEqual([expect.objectContaining({ ticketId: 'win:2', payoutYen: 4_100 })]);
    expect(settled).toHaveLength(8);
    expect(store.settleRace(T0 + 200, 'R01', scriptedResult(twoProcessRace(1)))).toEqual([]);
    expect(store.bankrollYen()).toBe(96_100);
    expect(verifyAudit(store).ok).toBe(true);
  });

  it('recordDecision(at, d) refuses a second decision of a race; a stake above the bankroll is refused by the ledger and rolled back', () => {
    const store = openStore(join(tempDir(), 'state'));
    store.openBook(T0, { configHash: HASH, paper: true, depositYen: 1_000 });
    const d = { decisionId: 'd-x', raceId: 'RX', date: '2024-01-06', postTime: '2024-01-06T10:00', configHash: HASH, bankrollYen: 1_000, oddsAt: null, stale: false, inputs: {} };
    store.recordDecision(T0, { ...d, orders: [{ key: 'k1', ticketId: 'win:1', stakeYen: 2_000, odds: 3, account: 'main' }] });
    expect(() => store.recordDecision(T0, { ...d, decisionId: 'd-y', orders: [] })).toThrow(LiveError);
    expect(() => store.recordPurchase(T0, 'k1', { account: 'main', purchaseRef: 'r' }, 'ack')).toThrow(LedgerError);
    expect(store.order('k1')?.status).toBe('pending');
    expect(store.bankrollYen()).toBe(1_000);
    expect(verifyAudit(store).ok).toBe(true);
  });

  it('settleRace from two processes at the same time keeps the bankroll exact', async () => {
    const dir = join(tempDir(), 'state');
    const store = openStore(dir);
    store.openBook(T0, { configHash: HASH, paper: true, depositYen: 10_000_000 });
    const races = Array.from({ length: 16 }, (_, i) => i + 1);
    for (const n of races) buyRace(store, n, 1_000 * n);
    const staked = races.reduce((s, n) => s + 8 * 1_000 * n, 0);
    const won = races.reduce((s, n) => s + Math.round(twoProcessRace(n).odds[n % 8] * 100) * 10 * n, 0);
    store.close();
    const script = resolve(PROJECT_ROOT, 'test/live/fixtures/settle-races.ts');
    const odd = races.filter((n) => n % 2 === 1).map(String);
    const even = races.filter((n) => n % 2 === 0).map(String);
    // Each process settles its own races, then tries every race again (no-ops).
    await Promise.all([
      run(process.execPath, ['--import', 'tsx', script, dir, ...odd, ...even], { cwd: PROJECT_ROOT }),
      run(process.execPath, ['--import', 'tsx', script, dir, ...even, ...odd], { cwd: PROJECT_ROOT }),
    ]);
    const after = openStore(dir);
    expect(after.bankrollYen()).toBe(10_000_000 - staked + won);
    expect(after.settlements()).toHaveLength(16 * 8);
    expect(after.unsettledOrders()).toEqual([]);
    expect(verifyAudit(after)).toMatchObject({ ok: true, bankrollYen: 10_000_000 - staked + won });
  });
});

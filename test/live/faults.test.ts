import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FaultInjectingPurchaser,
  openStore,
  PaperPurchaser,
  PurchaseRejectedError,
  purchaseOrder,
  SimulatedClock,
  verifyAudit,
  Alerts,
  AccountBook,
  storeSink,
  type PurchaseAck,
  type PurchaseRequest,
  type Purchaser,
} from '../../src/live/index.ts';
import { liveConfig, replayDay, tempDir } from './helpers.ts';

const T0 = Date.parse('2024-01-06T00:00:00Z');
const DAYS = ['2024-01-06', '2024-01-07', '2024-01-08'];

describe('purchases under injected faults', () => {
  it('FaultInjectingPurchaser at 30 % over three replayed days: every decided ticket bought exactly once or reported failed', async () => {
    const dir = join(tempDir(), 'state');
    const store = openStore(dir);
    const raw = { themis: { betTypes: ['win'], maxFractionPerTicket: 0.01 }, bankrollYen: 1_000_000, accounts: [{ id: 'main', paperBalanceYen: 100_000_000 }] };
    const injected = { error: 0, timeout: 0, lost_ack: 0, slow: 0 };
    let lookups = 0;
    const venues: PaperPurchaser[] = [];
    for (const date of DAYS) {
      const { paper, purchaser } = await replayDay(store, raw, {
        date,
        venuePath: join(dir, 'venue.sqlite'),
        wrap: (p, clock) => new FaultInjectingPurchaser(p, clock, { seed: 'faults', failureRate: 0.3, slowMs: 10_000 }),
      });
      const f = (purchaser as FaultInjectingPurchaser).counts;
      for (const k of Object.keys(injected) as (keyof typeof injected)[]) injected[k] += f.faults[k];
      lookups += f.lookupCalls;
      venues.push(paper);
    }
    const orders = store.allOrders();
    const decisions = store.auditRecords().filter((r) => r.kind === 'decision');
    const decided = decisions.flatMap((d) => (d.data.orders as { key: string }[]).map((o) => o.key));
    expect(orders.map((o) => o.key).sort()).toEqual([...decided].sort());
    expect(orders.length).toBeGreaterThan(100);
    expect(orders.filter((o) => o.status === 'pending' || o.status === 'unconfirmed')).toEqual([]);
    // Each kind of fault happened, and lost acknowledgements were found by lookup, not bought again.
    for (const k of Object.keys(injected) as (keyof typeof injected)[]) expect(injected[k]).toBeGreaterThan(0);
    expect(lookups).toBeGreaterThan(0);
    const venue = venues[venues.length - 1];
    const sold = venue.countTickets();
    expect(sold.tickets).toBe(sold.keys);
    const bought = orders.filter((o) => o.status === 'bought');
    expect(sold.tickets).toBe(bought.length);
    const failed = orders.filter((o) => o.status === 'failed');
    const failedRecords = store.auditRecords().filter((r) => r.kind === 'purchase_failed');
    expect(failedRecords.map((r) => r.data.key).sort()).toEqual(failed.map((o) => o.key).sort());
    expect(store.alerts().filter((a) => a.code === 'purchase_failed')).toHaveLength(failed.length);
    for (const f of failed) expect(f.reason).toBeTruthy();
    expect(bought.length).toBeGreaterThan(0.9 * orders.length);
    const report = verifyAudit(store);
    expect(report.ok).toBe(true);
    expect(report.bankrollYen).toBe(store.bankrollYen());
    expect(store.unsettledOrders()).toEqual([]);
  }, 120_000);

  it('FaultInjectingPurchaser at 80 % on a replayed day, twice: identical audit logs; failed tickets reported with a reason and an alert, never sold', async () => {
    // Two calls per ticket at most, so some tickets surely fail.
    const raw = { themis: { betTypes: ['win'], maxFractionPerTicket: 0.01 }, bankrollYen: 1_000_000, maxPurchaseAttempts: 2, accounts: [{ id: 'main', paperBalanceYen: 100_000_000 }] };
    const logs: string[] = [];
    for (let k = 0; k < 2; k++) {
      const store = openStore(join(tempDir(), 'state'));
      const { paper, summary } = await replayDay(store, raw, { wrap: (p, clock) => new FaultInjectingPurchaser(p, clock, { seed: 'harsh', failureRate: 0.8, slowMs: 10_000 }) });
      const orders = store.allOrders();
      const failed = orders.filter((o) => o.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(summary.failed).toBe(failed.length);
      expect(orders.filter((o) => o.status === 'pending' || o.status === 'unconfirmed')).toEqual([]);
      expect(paper.countTickets()).toEqual({ tickets: summary.bought, keys: summary.bought });
      for (const f of failed) expect(await paper.lookup(f.key)).toBeNull();
      expect(store.alerts().filter((a) => a.code === 'purchase_failed')).toHaveLength(failed.length);
      expect(verifyAudit(store).ok).toBe(true);
      logs.push(readFileSync(store.auditPath, 'utf8'));
    }
    expect(logs[1]).toBe(logs[0]);
  }, 120_000);

  it('purchaseOrder(ctx, order, deadline) after a lost acknowledgement looks the key up and does not buy again', async () => {
    const store = openStore(join(tempDir(), 'state'));
    store.openBook(T0, { configHash: 'h', paper: true, depositYen: 100_000 });
    store.recordDecision(T0, { decisionId: 'd', raceId: 'R1', date: '2024-01-06', postTime: '2024-01-06T10:00', configHash: 'h', bankrollYen: 100_000, oddsAt: null, stale: false, inputs: {}, orders: [{ key: 'K', ticketId: 'win:1', stakeYen: 500, odds: 3, account: 'main' }] });
    const clock = new SimulatedClock(T0);
    const paper = new PaperPurchaser({ accounts: [{ id: 'main', balanceYen: 100_000 }] });
    const calls: string[] = [];
    // The first purchase goes through but its answer is lost; the venue then answers normally.
    const flaky: Purchaser = {
      purchase: async (req: PurchaseRequest): Promise<PurchaseAck> => {
        calls.push('purchase');
        const ack = await paper.purchase(req);
        if (calls.filter((c) => c === 'purchase').length === 1) return new Promise<PurchaseAck>(() => {});
        return ack;
      },
      lookup: async (key) => {
        calls.push('lookup');
        return paper.lookup(key);
      },
      balanceYen: (a) => paper.balanceYen(a),
    };
    const cfg = liveConfig({ themis: {} });
    const ctx = { store, purchaser: flaky, clock, alerts: new Alerts([storeSink(store, clock)], clock), accounts: new AccountBook(cfg.accounts, new Map(), new Map()), seed: 's', timeoutMs: 3000, maxAttempts: 5, backoff: { baseMs: 500, maxMs: 8000 } };
    const out = await purchaseOrder(ctx, store.order('K')!, T0 + 3600_000);
    expect(out).toBe('bought');
    expect(calls).toEqual(['purchase', 'lookup']);
    expect(paper.countTickets()).toEqual({ tickets: 1, keys: 1 });
    expect(store.order('K')).toMatchObject({ status: 'bought', attempts: 1 });
    expect(store.auditRecords().find((r) => r.kind === 'purchase')?.data).toMatchObject({ key: 'K', how: 'lookup' });
  });

  it('purchaseOrder fails over to the next account when the venue refuses one, and reports a ticket no account can take as failed', async () => {
    const store = openStore(join(tempDir(), 'state'));
    store.openBook(T0, { configHash: 'h', paper: true, depositYen: 100_000 });
    const orders = [
      { key: 'A', ticketId: 'win:1', stakeYen: 3_000, odds: 3, account: 'one' },
      { key: 'B', ticketId: 'win:2', stakeYen: 3_000, odds: 3, account: 'one' },
    ];
    store.recordDecision(T0, { decisionId: 'd', raceId: 'R1', date: '2024-01-06', postTime: '2024-01-06T10:00', configHash: 'h', bankrollYen: 100_000, oddsAt: null, stale: false, inputs: {}, orders });
    const clock = new SimulatedClock(T0);
    // Account 'one' holds 1,000 yen at the venue (our book does not know it), 'two' holds 4,000.
    const paper = new PaperPurchaser({ accounts: [{ id: 'one', balanceYen: 1_000 }, { id: 'two', balanceYen: 4_000 }] });
    const cfg = liveConfig({ themis: {}, accounts: [{ id: 'one' }, { id: 'two' }] });
    const alerts = new Alerts([storeSink(store, clock)], clock);
    const ctx = { store, purchaser: paper, clock, alerts, accounts: new AccountBook(cfg.accounts, new Map(), new Map()), seed: 's', timeoutMs: 3000, maxAttempts: 5, backoff: { baseMs: 500, maxMs: 8000 } };
    ctx.accounts.assign(3_000);
    ctx.accounts.assign(3_000);
    expect(await purchaseOrder(ctx, store.order('A')!, T0 + 3600_000)).toBe('bought');
    expect(store.order('A')).toMatchObject({ status: 'bought', account: 'two' });
    expect(await purchaseOrder(ctx, store.order('B')!, T0 + 3600_000)).toBe('failed');
    expect(store.order('B')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^no account can take it/) });
    expect(alerts.raised.map((a) => a.code)).toEqual(['account_refused', 'account_refused', 'purchase_failed']);
    await expect(paper.purchase({ key: 'Z', account: 'one', raceId: 'R1', ticketId: 'win:3', stakeYen: 5_000, odds: 2 })).rejects.toBeInstanceOf(PurchaseRejectedError);
    expect(verifyAudit(store).ok).toBe(true);
  });
});

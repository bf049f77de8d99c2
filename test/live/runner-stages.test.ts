import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Alerts, localTimeMs, openStore, PaperPurchaser, runDay, SimulatedClock, storeSink, verifyAudit, type RaceFeed, type Purchaser } from '../../src/live/index.ts';
import { DAY, liveConfig, ScriptedFeed, tempDir, type ScriptedRace } from './helpers.ts';

/** `n` races 30 minutes apart where the model likes runner 1 (p 0.3 at odds 5); `winner` wins. */
function races(n: number, winner = 2): ScriptedRace[] {
  return Array.from({ length: n }, (_, i) => {
    const minutes = 10 * 60 + 30 * i;
    const t = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { raceId: `S${i + 1}`, postTime: `${DAY}T${t}`, probs: [0.3, 0.3, 0.2, 0.2], odds: [5, 2.5, 4, 4], winner };
  });
}

async function day(raw: Record<string, unknown>, opts: { feed?: (clock: SimulatedClock, base: ScriptedFeed) => RaceFeed; balances?: { id: string; balanceYen: number }[]; purchaser?: (p: PaperPurchaser) => Purchaser; prepare?: (s: ReturnType<typeof openStore>, p: PaperPurchaser) => Promise<void> } = {}, list = races(3)) {
  const store = openStore(join(tempDir(), 'state'));
  const config = liveConfig(raw);
  const clock = new SimulatedClock(localTimeMs(`${DAY}T09:00`));
  const base = new ScriptedFeed(list, clock);
  const feed = opts.feed?.(clock, base) ?? base;
  const paper = new PaperPurchaser({ accounts: opts.balances ?? config.accounts.map((a) => ({ id: a.id, balanceYen: 10_000_000 })), results: base });
  await opts.prepare?.(store, paper);
  const alerts = new Alerts([storeSink(store, clock)], clock);
  const summary = await runDay({ store, config, feed, purchaser: opts.purchaser?.(paper) ?? paper, clock, alerts, date: DAY, paper: true });
  return { store, summary, alerts, paper, clock };
}

const SMALL = { betTypes: ['win'], maxFractionPerTicket: 0.02 };

describe('runDay stages and fallbacks', () => {
  it('deposit check: alerts when the balances cannot cover the day and audits the figures', async () => {
    const { store, alerts } = await day({ themis: SMALL, bankrollYen: 1_000_000 }, { balances: [{ id: 'main', balanceYen: 50_000 }] });
    const rec = store.auditRecords().find((r) => r.kind === 'deposit_check');
    expect(rec?.data).toMatchObject({ totalYen: 50_000, dayMaxStakeYen: 300_000, short: true });
    expect(alerts.raised.map((a) => a.code)).toContain('deposit_short');
  });

  it('per-account daily point limits and balances: tickets fail over to the next account; none left means failed with an alert', async () => {
    const r1 = await day({ themis: SMALL, bankrollYen: 1_000_000, accounts: [{ id: 'a', pointLimitPerDay: 2 }, { id: 'b', pointLimitPerDay: 1 }] }, {}, races(4));
    expect(r1.store.allOrders().map((o) => `${o.raceId}:${o.account}:${o.status}`)).toEqual(['S1:a:bought', 'S2:a:bought', 'S3:b:bought']);
    // With every point used, Themis itself rejects the fourth race's ticket (point_limit).
    const d4 = r1.store.auditRecords().find((r) => r.kind === 'decision' && r.data.raceId === 'S4');
    expect(d4?.data.rejected).toEqual([expect.objectContaining({ id: 'win:1', reason: 'point_limit' }), expect.anything(), expect.anything(), expect.anything()]);
    const r2 = await day(
      { themis: SMALL, bankrollYen: 1_000_000, accounts: [{ id: 'a', pointLimitPerDay: 1 }, { id: 'b', pointLimitPerDay: 9 }] },
      { balances: [{ id: 'a', balanceYen: 10_000_000 }, { id: 'b', balanceYen: 100 }] },
      races(2),
    );
    expect(r2.store.allOrders().map((o) => `${o.raceId}:${o.status}:${o.reason ?? ''}`)).toEqual(['S1:bought:', 'S2:failed:no account can take it (point limits or balances)']);
    expect(r2.alerts.raised.filter((a) => a.code === 'purchase_failed')).toHaveLength(1);
    expect(verifyAudit(r2.store).ok).toBe(true);
  });

  it('a feed whose odds never answer: each call times out, the race is skipped and the day goes on', async () => {
    const { summary, alerts, clock } = await day({ themis: SMALL, bankrollYen: 1_000_000 }, {
      feed: (_c, base) => ({ entries: (d) => base.entries(d), odds: () => new Promise(() => {}), result: (r) => base.result(r) }),
    });
    expect(summary.skipped).toEqual([
      { raceId: 'S1', reason: 'no odds' },
      { raceId: 'S2', reason: 'no odds' },
      { raceId: 'S3', reason: 'no odds' },
    ]);
    expect(alerts.raised.filter((a) => a.code === 'no_odds')).toHaveLength(3);
    expect(clock.now()).toBeLessThan(localTimeMs(`${DAY}T12:00`));
  });

  it('entries that never come: nothing is bought and an alert says why', async () => {
    const { summary, alerts } = await day({ themis: SMALL, bankrollYen: 1_000_000 }, {
      feed: (_c, base) => ({ entries: () => Promise.reject(new Error('feed down')), odds: (r) => base.odds(r), result: (r) => base.result(r) }),
    });
    expect(summary).toMatchObject({ races: 0, bought: 0 });
    expect(alerts.raised.map((a) => a.code)).toEqual(['entries_unavailable']);
  });

  it('reconciles an order in flight from an earlier run against the venue before anything new', async () => {
    const key = 'S1|win:1|x|d-old';
    const { store } = await day({ themis: SMALL, bankrollYen: 1_000_000 }, {
      prepare: async (s, p) => {
        s.openBook(localTimeMs(`${DAY}T08:00`), { configHash: 'x', paper: true, depositYen: 1_000_000 });
        s.recordDecision(localTimeMs(`${DAY}T08:01`), { decisionId: 'd-old', raceId: 'S1', date: DAY, postTime: `${DAY}T10:00`, configHash: 'x', bankrollYen: 1_000_000, oddsAt: null, stale: false, inputs: {}, orders: [{ key, ticketId: 'win:1', stakeYen: 20_000, odds: 5, account: 'main' }] });
        // The venue sold it; the runner was killed before it recorded the purchase.
        await p.purchase({ key, account: 'main', raceId: 'S1', ticketId: 'win:1', stakeYen: 20_000, odds: 5 });
      },
    });
    expect(store.order(key)).toMatchObject({ status: 'bought' });
    const purchase = store.auditRecords().find((r) => r.kind === 'purchase' && r.data.key === key);
    expect(purchase?.data.how).toBe('reconcile');
    expect(store.auditRecords().findIndex((r) => r.kind === 'purchase')).toBeLessThan(store.auditRecords().findIndex((r) => r.kind === 'deposit_check'));
    expect(verifyAudit(store).ok).toBe(true);
  });
});

/**
 * The dashboard's views on hand-made books: race stages (waiting, deciding, purchased,
 * settled, skipped, no bet), the runner's liveness (running, stale, quiet until the next
 * decision), the change marks of the update events; and a skip asked on the dashboard that
 * the runner then honours on a replayed day.
 */
import { describe, expect, it } from 'vitest';
import { startDashboard } from '../../../src/live/dashboard/index.ts';
import { changedViews, racesView, runnerLiveness, statusView, versionOf, type PromotionRead } from '../../../src/live/dashboard/views.ts';
import { openStore, type LiveStore } from '../../../src/live/index.ts';
import { DAY, replayDay, scriptedResult, syntheticRows, tempDir } from '../helpers.ts';

const T0 = Date.parse('2030-05-01T00:00:00Z');
const HASH = 'c'.repeat(64);
const NO_PROMOTION: PromotionRead = { ok: false, message: 'none' };

function plan(store: LiveStore, date: string, races: { raceId: string; postTime: string }[]): void {
  store.recordDayPlan(T0, { date, races, accounts: [{ id: 'main', pointLimitPerDay: 3 }], balancesYen: { main: 200_000 }, maxStakeYen: 50_000, drawdown: { warn: 0.15, halt: 0.3 }, decisionSecondsBeforePost: 180 });
}

function decide(store: LiveStore, raceId: string, postTime: string, tickets: number): string[] {
  const keys = Array.from({ length: tickets }, (_, i) => `${raceId}|win:${i + 1}|${HASH.slice(0, 16)}|d-${raceId}`);
  store.recordDecision(T0, {
    decisionId: `d-${raceId}`,
    raceId,
    date: '2030-05-01',
    postTime,
    configHash: HASH,
    bankrollYen: store.bankrollYen(),
    oddsAt: null,
    stale: false,
    orders: keys.map((key, i) => ({ key, ticketId: `win:${i + 1}`, stakeYen: 1000, odds: 3, account: 'main' })),
    inputs: {},
  });
  return keys;
}

describe('dashboard views', () => {
  it('gives each race its stage from the store, limits and balances from the day plan', () => {
    const store = openStore(tempDir('keiba-dash-views-'));
    store.openBook(T0, { configHash: HASH, paper: true, depositYen: 200_000 });
    plan(store, '2030-05-01', [
      { raceId: 'A1', postTime: '2030-05-01T10:00' },
      { raceId: 'A2', postTime: '2030-05-01T10:30' },
      { raceId: 'A3', postTime: '2030-05-01T11:00' },
      { raceId: 'A4', postTime: '2030-05-01T11:30' },
      { raceId: 'A5', postTime: '2030-05-01T12:00' },
      { raceId: 'A6', postTime: '2030-05-01T12:30' },
    ]);
    const [k1] = decide(store, 'A1', '2030-05-01T10:00', 1);
    store.recordPurchase(T0, k1, { account: 'main', purchaseRef: 'r1' }, 'ack');
    store.settleRace(T0, 'A1', scriptedResult({ raceId: 'A1', postTime: '2030-05-01T10:00', probs: [0.5, 0.3, 0.2], odds: [3, 4, 6], winner: 1 }));
    const [k2] = decide(store, 'A2', '2030-05-01T10:30', 1);
    store.recordPurchase(T0, k2, { account: 'main', purchaseRef: 'r2' }, 'ack');
    decide(store, 'A3', '2030-05-01T11:00', 1);
    decide(store, 'A4', '2030-05-01T11:30', 0);
    store.recordSkip(T0, { raceId: 'A5', decisionId: 'd-A5', date: '2030-05-01', postTime: '2030-05-01T12:00', configHash: HASH, reason: 'stale odds' });
    const r = racesView(store);
    expect(r.races.map((x) => [x.raceId, x.stage])).toEqual([
      ['A1', 'settled'],
      ['A2', 'purchased'],
      ['A3', 'deciding'],
      ['A4', 'no_bet'],
      ['A5', 'skipped'],
      ['A6', 'waiting'],
    ]);
    expect(r.races[0]).toMatchObject({ tickets: 1, stakeYen: 1000, returnedYen: 3000 });
    expect(r.races[4].reason).toBe('stale odds');
    expect(r.next).toEqual(['A6']);
    const s = statusView(store, NO_PROMOTION, T0, 120);
    expect(s.levels).toEqual({ warn: 0.15, halt: 0.3 });
    expect(s.today.maxStakeYen).toBe(50_000);
    expect(s.today.accounts).toEqual([{ account: 'main', stakeYen: 3000, points: 3, pointLimit: 3, balanceYen: 200_000 }]);
    expect(s.ordersInFlight).toBe(1);
    expect(s.promoted.error).toBe('none');
    store.close();
  });

  it('says whether the runner runs: open run and recent activity; stale after --stale-after unless the next decision is still ahead', () => {
    const store = openStore(tempDir('keiba-dash-live-'));
    expect(runnerLiveness(store, T0, 120)).toMatchObject({ running: false, stale: true, lastActivityAt: null, staleSeconds: null });
    store.openBook(T0, { configHash: HASH, paper: true, depositYen: 100_000 });
    expect(runnerLiveness(store, T0 + 10_000, 120)).toMatchObject({ running: false, stale: false, staleSeconds: 10 });
    store.audit(T0, 'run_started', { date: '2030-05-01' });
    expect(runnerLiveness(store, T0 + 60_000, 120)).toMatchObject({ running: true, stale: false, lastRunDate: '2030-05-01' });
    expect(runnerLiveness(store, T0 + 600_000, 120)).toMatchObject({ running: false, stale: true, staleSeconds: 600 });
    // A race posted at 10:00 JST (01:00 UTC) is decided at 00:57 UTC: quiet until then is expected.
    plan(store, '2030-05-01', [{ raceId: 'B1', postTime: '2030-05-01T10:00' }]);
    expect(runnerLiveness(store, T0 + 600_000, 120)).toMatchObject({ running: true, stale: false });
    expect(runnerLiveness(store, T0 + 3_600_000, 120)).toMatchObject({ running: false, stale: true });
    store.audit(T0 + 3_600_000, 'run_finished', { date: '2030-05-01' });
    expect(runnerLiveness(store, T0 + 7_200_000, 120)).toMatchObject({ running: false, stale: false });
    store.close();
  });

  it('change marks name the views to refetch', () => {
    const store = openStore(tempDir('keiba-dash-marks-'));
    store.openBook(T0, { configHash: HASH, paper: true, depositYen: 100_000 });
    const a = { ...store.changeMarks(), promotion: '' };
    store.recordAlert(T0, 'warn', 'x', 'y');
    const b = { ...store.changeMarks(), promotion: '' };
    expect(changedViews(a, b)).toEqual(['alerts', 'status']);
    store.recordControl(T0, 'halt', 'r', 'operator');
    const c = { ...store.changeMarks(), promotion: '' };
    expect(changedViews(b, c)).toEqual(['status', 'races', 'orders', 'charts']);
    expect(changedViews(c, { ...c, promotion: '1:2' })).toEqual(['status']);
    expect(versionOf(a)).not.toBe(versionOf(b));
    expect(changedViews(c, c)).toEqual([]);
    store.close();
  });

  it('a skip asked on the dashboard is honoured by the runner on the next replayed day', async () => {
    const dir = tempDir('keiba-dash-skip-');
    const store = openStore(dir);
    store.openBook(Date.parse('2024-01-05T00:00:00Z'), { configHash: HASH, paper: true, depositYen: 1_000_000 });
    const first = syntheticRows()
      .races.filter((r) => r.date === DAY)
      .sort((x, y) => ((x.postTime as string) < (y.postTime as string) ? -1 : 1))[1];
    const token = 'skip-test-token-0123456789';
    const d = await startDashboard({ stateDir: dir, port: 0, token, page: { html: '', js: '', css: '' }, log: () => {} });
    try {
      const res = await fetch(`${d.origin}/api/skip`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ raceId: first.raceId, reason: 'jockey change', who: 'fay', confirm: true }),
      });
      expect(res.status).toBe(200);
    } finally {
      await d.close();
    }
    const { summary } = await replayDay(store, { themis: { betTypes: ['win'] }, bankrollYen: 1_000_000 });
    expect(summary.skipped).toEqual(expect.arrayContaining([{ raceId: first.raceId, reason: 'operator skip: jockey change' }]));
    expect(store.pendingSkips()).toEqual([]);
    store.close();
  }, 60_000);
});

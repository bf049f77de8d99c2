import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Alerts, localTimeMs, openStore, PaperPurchaser, readPromoted, runDay, SimulatedClock, storeSink, verifyAudit, writePromoted, type AuditRecord } from '../../src/live/index.ts';
import { readPromotionHistory } from '../../src/live/promote/index.ts';
import { configHash, parseConfig } from '../../src/themis/index.ts';
import { DAY, liveConfig, replayDay, ScriptedFeed, syntheticRows, tempDir, type ScriptedRace } from './helpers.ts';

const WIN_ONLY = { themis: { betTypes: ['win'] }, bankrollYen: 1_000_000 };

/** Ten races 30 minutes apart; the model likes runner 1 at 5.0 but runner 2 always wins. */
function losingRaces(n = 10, extra: Partial<ScriptedRace> = {}): ScriptedRace[] {
  return Array.from({ length: n }, (_, i) => {
    const minutes = 10 * 60 + 30 * i;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return { raceId: `L${String(i + 1).padStart(2, '0')}`, postTime: `${DAY}T${hh}:${mm}`, probs: [0.3, 0.3, 0.2, 0.2], odds: [5, 2.5, 4, 4], winner: 2, ...extra };
  });
}

async function runScripted(races: ScriptedRace[], raw: Record<string, unknown>, prepare?: (store: ReturnType<typeof openStore>) => void) {
  const store = openStore(join(tempDir(), 'state'));
  prepare?.(store);
  const config = liveConfig(raw);
  const clock = new SimulatedClock(localTimeMs(`${DAY}T09:00`));
  const feed = new ScriptedFeed(races, clock);
  const paper = new PaperPurchaser({ accounts: [{ id: 'main', balanceYen: 10_000_000 }], results: feed });
  const alerts = new Alerts([storeSink(store, clock)], clock);
  const summary = await runDay({ store, config, feed, purchaser: paper, clock, alerts, date: DAY, paper: true });
  return { store, summary, alerts };
}

describe('runDay (replayed day, simulated clock)', () => {
  let a: ReturnType<typeof openStore>;
  let ra: Awaited<ReturnType<typeof replayDay>>;
  beforeAll(async () => {
    a = openStore(join(tempDir(), 'state'));
    ra = await replayDay(a, WIN_ONLY);
  });

  it('runDay twice on the same day gives the same audit log byte for byte: decisions, purchases, bankroll', async () => {
    const b = openStore(join(tempDir(), 'state'));
    const rb = await replayDay(b, WIN_ONLY);
    expect(ra.summary.races).toBe(36);
    expect(ra.summary.decided).toBeGreaterThan(10);
    expect(ra.summary.bought).toBeGreaterThan(20);
    expect(ra.summary.bought).toBe(ra.summary.tickets);
    const { purchaseLatencyMs: _x, ...sa } = ra.summary;
    const { purchaseLatencyMs: _y, ...sb } = rb.summary;
    expect(sa).toEqual(sb);
    expect(readFileSync(a.auditPath, 'utf8')).toBe(readFileSync(b.auditPath, 'utf8'));
    expect(a.bankrollYen()).toBe(ra.summary.bankrollEndYen);
    expect(verifyAudit(a).ok).toBe(true);
    // Every bought ticket is settled, and the venue sold each key once.
    expect(a.unsettledOrders()).toEqual([]);
    expect(ra.paper.countTickets()).toEqual({ tickets: ra.summary.bought, keys: ra.summary.bought });
  });

  it('audits every decision with its inputs: probabilities, odds, bankroll and config hash', () => {
    const store = a;
    const summary = ra.summary;
    const decisions = store.auditRecords().filter((r) => r.kind === 'decision');
    expect(decisions).toHaveLength(summary.decided);
    const d = decisions[0].data as Record<string, unknown>;
    expect(d).toMatchObject({ configHash: liveConfig(WIN_ONLY).configHash, bankrollYen: expect.any(Number), oddsAt: expect.any(String), stale: false });
    expect((d.tickets as { p: number; odds: number }[]).every((t) => t.p > 0 && t.odds >= 1)).toBe(true);
    const purchases = store.auditRecords().filter((r) => r.kind === 'purchase');
    expect(purchases).toHaveLength(summary.bought);
  });

  it('a late result delays only its own settlement, never the next race purchase', async () => {
    const rows = syntheticRows();
    const first = rows.races.filter((r) => r.date === DAY).sort((x, y) => ((x.postTime as string) < (y.postTime as string) ? -1 : 1));
    const normal = a;
    const boughtRaces = [...new Set(normal.allOrders().map((o) => o.raceId))];
    const late = first.find((r) => boughtRaces.includes(r.raceId)) as (typeof first)[number];
    const store = openStore(join(tempDir(), 'state'));
    await replayDay(store, WIN_ONLY, { resultDelayByRace: new Map([[late.raceId, 180]]) });
    const recs = store.auditRecords();
    const settleOf = (rs: AuditRecord[], raceId: string) => rs.find((r) => r.kind === 'settlement' && r.data.raceId === raceId);
    const lateSettle = settleOf(recs, late.raceId) as AuditRecord;
    expect(Date.parse(lateSettle.at)).toBeGreaterThanOrEqual(localTimeMs(late.postTime as string) + 180 * 60_000);
    // Purchases of the races after it happen at their own decision time, as without the late result.
    const purchaseTimes = (rs: AuditRecord[]) => rs.filter((r) => r.kind === 'purchase' && r.data.raceId !== late.raceId).map((r) => `${r.data.key as string}@${r.at}`);
    const latePurchases = purchaseTimes(recs);
    expect(latePurchases.length).toBeGreaterThan(0);
    for (const p of latePurchases) {
      const [key, at] = p.split('@');
      const raceId = key.split('|')[0];
      const post = first.find((r) => r.raceId === raceId)?.postTime as string;
      expect(Date.parse(at)).toBeLessThan(localTimeMs(post));
    }
    expect(store.unsettledOrders()).toEqual([]);
  });

  it('ten losses in a row: the stake shrinks every race', async () => {
    const { store, summary } = await runScripted(losingRaces(), { themis: { betTypes: ['win'], maxFractionPerTicket: 0.02 }, bankrollYen: 1_000_000 });
    const stakes = store.allOrders().map((o) => o.stakeYen);
    expect(summary.bought).toBe(10);
    expect(stakes).toHaveLength(10);
    for (let i = 1; i < stakes.length; i++) expect(stakes[i]).toBeLessThan(stakes[i - 1]);
    expect(store.bankrollYen()).toBe(1_000_000 - stakes.reduce((s, x) => s + x, 0));
  });

  it('bankroll at zero: nothing is bought and a halt is recorded', async () => {
    const { store, summary, alerts } = await runScripted(losingRaces(3), { themis: { betTypes: ['win'] }, bankrollYen: 50_000 }, (s) => {
      s.openBook(localTimeMs(`${DAY}T08:00`), { configHash: 'x', paper: true, depositYen: 50_000 });
      s.withdraw(localTimeMs(`${DAY}T08:01`), 50_000);
    });
    expect(summary.bought).toBe(0);
    expect(store.allOrders()).toEqual([]);
    expect(store.haltState()).toMatchObject({ halted: true, source: 'bankroll_stop' });
    expect(store.auditRecords().filter((r) => r.kind === 'halt')).toHaveLength(1);
    expect(summary.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/bankroll_stop/), expect.stringMatching(/halted/), expect.stringMatching(/halted/)]);
    expect(alerts.raised.map((a) => a.code)).toContain('bankroll_stop');
  });

  it('halts purchases at a 30 % drawdown, with an alert', async () => {
    const { store, summary, alerts } = await runScripted(losingRaces(10), { themis: { betTypes: ['win'], safetyFactor: 1, maxFractionPerTicket: 0.1, maxFractionPerRace: 0.1 }, bankrollYen: 1_000_000 });
    expect(summary.bought).toBe(4);
    expect(store.haltState()).toMatchObject({ halted: true, source: 'drawdown' });
    expect(alerts.raised.map((a) => a.code)).toEqual(expect.arrayContaining(['drawdown_warn', 'drawdown_halt']));
    expect(store.tracker().bankrollYen / store.tracker().peakYen).toBeLessThanOrEqual(0.7);
  });

  it('a drawdown halt rolls the promoted config back to the previous accepted one', async () => {
    const raw = { themis: { betTypes: ['win'], safetyFactor: 1, maxFractionPerTicket: 0.1, maxFractionPerRace: 0.1 }, bankrollYen: 1_000_000 };
    const previous = parseConfig({ betTypes: ['win'], safetyFactor: 0.2 });
    const current = parseConfig(raw.themis);
    const { store, alerts } = await runScripted(losingRaces(10), raw, (s) => {
      writePromoted(s.dir, {
        formatVersion: 1,
        configHash: configHash(current),
        config: current,
        since: '2024-01-02T00:00:00.000Z',
        previous: [{ configHash: configHash(previous), config: previous, since: '2024-01-01T00:00:00.000Z' }],
      });
    });
    expect(store.haltState()).toMatchObject({ halted: true, source: 'drawdown' });
    expect(readPromoted(store.dir)?.configHash).toBe(configHash(previous));
    expect(readPromotionHistory(store.dir).at(-1)).toMatchObject({ kind: 'rollback', by: 'drawdown-halt', configHash: configHash(previous) });
    expect(alerts.raised.filter((a) => a.code === 'drawdown_rollback')).toHaveLength(1);
  });

  it('a drawdown halt in a book that never promoted anything changes no promotion', async () => {
    const { store, alerts } = await runScripted(losingRaces(10), { themis: { betTypes: ['win'], safetyFactor: 1, maxFractionPerTicket: 0.1, maxFractionPerRace: 0.1 }, bankrollYen: 1_000_000 });
    expect(store.haltState()).toMatchObject({ halted: true, source: 'drawdown' });
    expect(readPromoted(store.dir)).toBeUndefined();
    expect(alerts.raised.map((a) => a.code)).not.toContain('drawdown_rollback');
  });

  it('skips a race whose odds are older than the limit, and flags stale odds it still decides on', async () => {
    const races = losingRaces(2);
    const old = [{ ...races[0], oddsMinutesBefore: 30 }, { ...races[1], oddsMinutesBefore: 9 }];
    const { store, summary } = await runScripted(old, { themis: { betTypes: ['win'], maxFractionPerTicket: 0.02 }, bankrollYen: 1_000_000 });
    expect(summary.skipped).toEqual([{ raceId: 'L01', reason: 'odds too old' }]);
    const d = store.auditRecords().find((r) => r.kind === 'decision') as AuditRecord;
    expect(d.data).toMatchObject({ raceId: 'L02', stale: true, oddsAgeSeconds: 360 });
  });

  it('honours an operator skip and halt recorded before the race', async () => {
    const { store, summary } = await runScripted(losingRaces(3), { themis: { betTypes: ['win'], maxFractionPerTicket: 0.02 }, bankrollYen: 1_000_000 }, (s) => {
      s.recordControl(localTimeMs(`${DAY}T08:00`), 'skip', 'jockey change', 'operator', 'L02');
    });
    expect(summary.skipped).toEqual([{ raceId: 'L02', reason: 'operator skip: jockey change' }]);
    expect(store.pendingSkips()).toEqual([]);
    expect(summary.bought).toBe(2);
  });
});

/**
 * The live runner with a running canary: every k-th race of the canary period is decided by
 * the canary's config (across days), its own drawdown is reported to promote after each
 * settled canary race, and a takeover or an abort changes which config decides later races.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Alerts, canaryDrawdown, localTimeMs, openStore, PaperPurchaser, readPromoted, runDay, SimulatedClock, storeSink, verifyAudit, type AuditRecord, type LiveStore } from '../../src/live/index.ts';
import { appendPromotionRecord, promotionState, readPromotionHistory, syncPromoted, type CanaryPlan } from '../../src/live/promote/index.ts';
import { configHash, parseConfig } from '../../src/themis/index.ts';
import { DAY, liveConfig, ScriptedFeed, tempDir, type ScriptedRace } from './helpers.ts';

const LIVE = { betTypes: ['win'], maxFractionPerTicket: 0.02 };
const CANARY = { betTypes: ['win'], safetyFactor: 1, maxFractionPerTicket: 0.1, maxFractionPerRace: 0.1 };
const HASH_LIVE = configHash(parseConfig(LIVE));
const HASH_CANARY = configHash(parseConfig(CANARY));

/** `n` races 30 minutes apart on `date`; the model likes runner 1 at 5.0; `winner` wins. */
function races(n: number, winner: number, date = DAY, prefix = 'R'): ScriptedRace[] {
  return Array.from({ length: n }, (_, i) => {
    const minutes = 10 * 60 + 30 * i;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return { raceId: `${prefix}${String(i + 1).padStart(2, '0')}`, postTime: `${date}T${hh}:${mm}`, probs: [0.3, 0.3, 0.2, 0.2], odds: [5, 2.5, 4, 4], winner };
  });
}

/** A book whose promotion history has LIVE adopted and CANARY promoted as a canary under `plan`. */
function canaryBook(plan: CanaryPlan): LiveStore {
  const store = openStore(join(tempDir(), 'state'));
  const dir = store.dir;
  const adopt = appendPromotionRecord(dir, promotionState([]), { kind: 'adopt', at: '2024-01-01T00:00:00.000Z', by: 'ops', reason: null, configHash: HASH_LIVE, config: parseConfig(LIVE), fromConfigHash: null });
  const promote = appendPromotionRecord(dir, promotionState([adopt]), {
    kind: 'promote',
    at: '2024-01-02T00:00:00.000Z',
    by: 'ops',
    reason: null,
    configHash: HASH_CANARY,
    config: parseConfig(CANARY),
    fromConfigHash: HASH_LIVE,
    canary: plan,
  });
  syncPromoted(dir, promotionState([adopt, promote]), [adopt, promote]);
  return store;
}

/** Runs the scripted races of `date` on `store` with the LIVE config (paper). */
async function runOn(store: LiveStore, scripted: ScriptedRace[], date = DAY) {
  const config = liveConfig({ themis: LIVE, bankrollYen: 1_000_000 });
  const clock = new SimulatedClock(localTimeMs(`${date}T09:00`));
  const feed = new ScriptedFeed(scripted, clock);
  const paper = new PaperPurchaser({ accounts: [{ id: 'main', balanceYen: 10_000_000 }], results: feed });
  const alerts = new Alerts([storeSink(store, clock)], clock);
  const summary = await runDay({ store, config, feed, purchaser: paper, clock, alerts, date, paper: true });
  return { summary, alerts };
}

const decisions = (store: LiveStore): AuditRecord[] => store.auditRecords().filter((r) => r.kind === 'decision');
const deciderOf = (store: LiveStore): Record<string, string> => Object.fromEntries(decisions(store).map((r) => [r.data.raceId as string, r.data.configHash as string]));

describe('runDay with a running canary', () => {
  it('a canary with everyKthRace 2 decides exactly the even races of its period, across days, named in the audit records', async () => {
    const store = canaryBook({ everyKthRace: 2, races: 100, maxDrawdown: 1 });
    const { summary } = await runOn(store, races(3, 1));
    expect(summary.decided).toBe(3);
    await runOn(store, races(3, 1, '2024-01-07', 'S'), '2024-01-07');
    const by = deciderOf(store);
    expect(by).toEqual({ R01: HASH_LIVE, R02: HASH_CANARY, R03: HASH_LIVE, S01: HASH_CANARY, S02: HASH_LIVE, S03: HASH_CANARY });
    const tags = decisions(store).map((r) => r.data.canary as { ordinal: number; role: string; configHash: string; startBankrollYen: number });
    expect(tags.map((t) => [t.ordinal, t.role])).toEqual([[1, 'incumbent'], [2, 'canary'], [3, 'incumbent'], [4, 'canary'], [5, 'incumbent'], [6, 'canary']]);
    expect(new Set(tags.map((t) => t.startBankrollYen))).toEqual(new Set([1_000_000]));
    // Orders carry the hash of the config that decided them.
    for (const o of store.allOrders()) expect(o.key.split('|')[2]).toBe(by[o.raceId].slice(0, 16));
    expect(readPromotionHistory(store.dir).map((r) => r.kind)).toEqual(['adopt', 'promote']);
    expect(verifyAudit(store).ok).toBe(true);
  });

  it('takes over after its races within the drawdown: promoted.json names the canary, later races are decided by it', async () => {
    const store = canaryBook({ everyKthRace: 2, races: 2, maxDrawdown: 0.1 });
    const { alerts } = await runOn(store, races(7, 1));
    expect(deciderOf(store)).toEqual({ R01: HASH_LIVE, R02: HASH_CANARY, R03: HASH_LIVE, R04: HASH_CANARY, R05: HASH_CANARY, R06: HASH_CANARY, R07: HASH_CANARY });
    expect(readPromoted(store.dir)?.configHash).toBe(HASH_CANARY);
    const last = readPromotionHistory(store.dir).at(-1);
    expect(last).toMatchObject({ kind: 'canary_takeover', by: 'live-runner', configHash: HASH_CANARY, observation: { racesObserved: 2, maxDrawdown: 0 } });
    expect(alerts.raised.filter((a) => a.code === 'canary_takeover').map((a) => a.level)).toEqual(['info']);
    expect(store.auditRecords().filter((r) => r.kind === 'canary_takeover')).toEqual([expect.objectContaining({ data: expect.objectContaining({ configHash: HASH_CANARY, fromConfigHash: HASH_LIVE, racesObserved: 2 }) })]);
    // After the takeover the decisions carry no canary tag.
    expect(decisions(store).filter((r) => r.data.canary === undefined).map((r) => r.data.raceId)).toEqual(['R05', 'R06', 'R07']);
  });

  it('aborts when its drawdown exceeds the limit: later races are decided by the live config', async () => {
    const store = canaryBook({ everyKthRace: 2, races: 10, maxDrawdown: 0.05 });
    const { alerts } = await runOn(store, races(6, 2));
    expect(deciderOf(store)).toEqual({ R01: HASH_LIVE, R02: HASH_CANARY, R03: HASH_LIVE, R04: HASH_LIVE, R05: HASH_LIVE, R06: HASH_LIVE });
    const last = readPromotionHistory(store.dir).at(-1);
    expect(last).toMatchObject({ kind: 'canary_abort', configHash: HASH_CANARY, observation: { racesObserved: 1 } });
    const stake = store.allOrders().filter((o) => o.raceId === 'R02').reduce((s, o) => s + o.stakeYen, 0);
    expect(last?.observation?.maxDrawdown).toBeCloseTo(stake / 1_000_000, 9);
    expect(readPromoted(store.dir)?.configHash).toBe(HASH_LIVE);
    expect(alerts.raised.filter((a) => a.code === 'canary_abort').map((a) => a.level)).toEqual(['warn']);
    expect(store.auditRecords().filter((r) => r.kind === 'canary_abort')).toHaveLength(1);
  });

  it('a book without a promotion history decides every race with the live config and no canary tag', async () => {
    const store = openStore(join(tempDir(), 'state'));
    await runOn(store, races(3, 2));
    expect(Object.values(deciderOf(store))).toEqual([HASH_LIVE, HASH_LIVE, HASH_LIVE]);
    expect(decisions(store).every((r) => r.data.canary === undefined)).toBe(true);
  });

  it('canaryDrawdown: peak to trough of the cumulative P&L from the start bankroll', () => {
    expect(canaryDrawdown(1_000_000, [])).toBe(0);
    expect(canaryDrawdown(1_000_000, [-100_000, 50_000, -200_000])).toBeCloseTo(0.25, 12);
    expect(canaryDrawdown(1_000_000, [200_000, -300_000])).toBeCloseTo(0.25, 12);
    expect(canaryDrawdown(100, [-500])).toBe(1);
  });
});

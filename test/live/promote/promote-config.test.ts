import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRunAllowed, readPromoted, writePromoted } from '../../../src/live/index.ts';
import {
  isPromoteError,
  localTimeMs,
  observeCanary,
  parsePolicy,
  promoteConfig,
  PROMOTION_FILES,
  promotionStatus,
  raceDays,
  readPromotionHistory,
  readPromotionState,
  rollbackPromotion,
  withPromotionLock,
  type PromoteOptions,
} from './promote-api.ts';
import { cfg, tempDir, writeBacktest, writeSweep } from './fixtures.ts';

const POLICY = parsePolicy({ minRaces: 100, requireCalendar: false });
const CANARY = parsePolicy({ minRaces: 100, requireCalendar: false, canary: { everyKthRace: 4, races: 12, maxDrawdown: 0.1 } });
const A = cfg({ safetyFactor: 0.25, betTypes: ['win'] });
const B = cfg({ safetyFactor: 0.2, betTypes: ['win'] });
const C = cfg({ safetyFactor: 0.15, betTypes: ['win'] });
const T0 = Date.parse('2024-03-01T00:00:00Z');

/** Evidence folders for each config. */
function evidence(work: string, c: { hash: string }, name: string): string[] {
  return [writeBacktest(join(work, `bt-${name}`), { hash: c.hash }), writeSweep(join(work, `sw-${name}`), [{ hash: A.hash }, { hash: B.hash }, { hash: C.hash }])];
}

function opts(state: string, work: string, c: { config: PromoteOptions['config']; hash: string }, name: string, over: Partial<PromoteOptions> = {}): PromoteOptions {
  return { stateDir: state, config: c.config, configHash: c.hash, evidenceDirs: evidence(work, c, name), policy: POLICY, calendar: null, by: 'ops', nowMs: Date.now(), reason: `promote ${name}`, ...over };
}

function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('promoteConfig(options)', () => {
  it('promoteConfig records the promotion (config, hash, evidence hashes, gates, who, when, reason) and writes promoted.json for the runner', () => {
    const work = tempDir();
    const state = join(work, 'state');
    const r = promoteConfig(opts(state, work, A, 'a'));
    expect(r).toMatchObject({ accepted: true, failed: [], status: 'live' });
    const [rec] = readPromotionHistory(state);
    expect(rec).toMatchObject({ seq: 1, kind: 'promote', by: 'ops', reason: 'promote a', configHash: A.hash, config: A.config, fromConfigHash: null, forced: false, canary: null });
    expect(rec.evidence?.map((e) => e.kind)).toEqual(['backtest', 'sweep']);
    expect(rec.evidence?.every((e) => /^[0-9a-f]{64}$/.test(e.summarySha256) && /^[0-9a-f]{64}$/.test(e.datasetHash))).toBe(true);
    expect(rec.gates?.every((g) => g.passed)).toBe(true);
    expect(readPromoted(state)).toMatchObject({ formatVersion: 1, configHash: A.hash, config: A.config, since: rec.at, previous: [] });
    expect(checkRunAllowed(state, false, A.hash)).toMatch(/is the promoted config/);
  });

  it('promoteConfig refused changes nothing: no state folder is created, and an existing state stays byte for byte', () => {
    const work = tempDir();
    const state = join(work, 'state');
    const refused = promoteConfig(opts(state, work, A, 'a', { policy: parsePolicy({ minRaces: 10_000, requireCalendar: false }) }));
    expect(refused.accepted).toBe(false);
    expect(refused.failed.map((g) => g.gate)).toEqual(['races']);
    expect(existsSync(state)).toBe(false);
    promoteConfig(opts(state, work, A, 'a'));
    const before = snapshot(state);
    const D = cfg({ safetyFactor: 0.25, evThreshold: 1.3, betTypes: ['win'] });
    const r = promoteConfig({ ...opts(state, work, D, 'd'), evidenceDirs: [writeBacktest(join(work, 'bt-d'), { hash: D.hash }), writeSweep(join(work, 'sw-d'), [{ hash: D.hash }])] });
    expect(r.failed.map((g) => [g.gate, g.parameter])).toEqual([['step', 'evThreshold']]);
    expect(snapshot(state)).toEqual(before);
  });

  it('promoteConfig refuses inside a freeze window; --force needs a reason and is recorded', () => {
    const work = tempDir();
    const state = join(work, 'state');
    const calendar = raceDays(['2024-01-06T10:05', '2024-01-06T16:25']);
    const nowMs = localTimeMs('2024-01-06T09:00');
    const policy = parsePolicy({ minRaces: 100, maxEvidenceAgeDays: 100_000 });
    const refused = promoteConfig(opts(state, work, A, 'a', { calendar, nowMs, policy }));
    expect(refused.failed.map((g) => g.gate)).toEqual(['freeze']);
    expect(() => promoteConfig(opts(state, work, A, 'a', { calendar, nowMs, policy, force: true, reason: ' ' }))).toThrow(/--force needs --reason/);
    const forced = promoteConfig(opts(state, work, A, 'a', { calendar, nowMs, policy, force: true, reason: 'fix a wrong cap before the first race' }));
    expect(forced.accepted).toBe(true);
    const [rec] = readPromotionHistory(state);
    expect(rec).toMatchObject({ forced: true, reason: 'fix a wrong cap before the first race', at: '2024-01-06T00:00:00.000Z' });
    expect(rec.gates?.find((g) => g.gate === 'freeze')).toMatchObject({ overridden: true });
  });

  it('promoteConfig adopts a promoted.json written before there was a history, and steps from it', () => {
    const work = tempDir();
    const fresh = join(work, 'fresh');
    mkdirSync(fresh);
    writePromoted(fresh, { formatVersion: 1, configHash: C.hash, config: C.config, since: '2024-01-01T00:00:00.000Z' });
    expect(promotionStatus(fresh)).toMatchObject({ current: null, unrecordedPromoted: C.hash, records: 0 });
    const E = cfg({ safetyFactor: 0.3, betTypes: ['win'] });
    const refused = promoteConfig({ ...opts(fresh, work, E, 'e'), evidenceDirs: [writeBacktest(join(work, 'bt-e'), { hash: E.hash }), writeSweep(join(work, 'sw-e'), [{ hash: E.hash }])] });
    expect(refused.failed.map((g) => [g.parameter, g.measured])).toEqual([['safetyFactor', 'safetyFactor moves 0.15 -> 0.3 (by 0.15)']]);
    expect(readPromotionHistory(fresh)).toEqual([]);
    expect(promoteConfig(opts(fresh, work, B, 'b')).accepted).toBe(true);
    expect(readPromotionHistory(fresh).map((r) => [r.kind, r.configHash])).toEqual([
      ['adopt', C.hash],
      ['promote', B.hash],
    ]);
    expect(readPromoted(fresh)?.previous?.map((p) => p.configHash)).toEqual([C.hash]);
  });
});

describe('rollbackPromotion(stateDir, actor)', () => {
  it('rollbackPromotion restores the previous accepted config, and the runner accepts it and refuses the other', () => {
    const work = tempDir();
    const state = join(work, 'state');
    promoteConfig(opts(state, work, A, 'a', { nowMs: T0 }));
    promoteConfig(opts(state, work, B, 'b', { nowMs: T0 + 1000 }));
    expect(readPromoted(state)).toMatchObject({ configHash: B.hash, previous: [{ configHash: A.hash }] });
    expect(() => checkRunAllowed(state, false, A.hash)).toThrow(/not the promoted config/);
    const r = rollbackPromotion(state, { by: 'live-runner', nowMs: T0 + 2000, reason: 'drawdown halt at 31%' });
    expect(r).toMatchObject({ seq: 3, kind: 'rollback', configHash: A.hash, fromConfigHash: B.hash, abortedCanary: false, reason: 'drawdown halt at 31%', by: 'live-runner' });
    expect(readPromoted(state)).toMatchObject({ configHash: A.hash, since: new Date(T0 + 2000).toISOString(), previous: [] });
    expect(checkRunAllowed(state, false, A.hash)).toMatch(/is the promoted config/);
    expect(() => checkRunAllowed(state, false, B.hash)).toThrow(/not the promoted config/);
    expect(promotionStatus(state)).toMatchObject({ current: { configHash: A.hash, seq: 3 }, previous: [], records: 3, promotedInSync: true });
  });

  it('rollbackPromotion refuses when there is no earlier accepted config, changing nothing', () => {
    const work = tempDir();
    const state = join(work, 'state');
    expect(() => rollbackPromotion(state, { by: 'ops', nowMs: T0, reason: 'x' })).toThrow(/nothing was promoted/);
    promoteConfig(opts(state, work, A, 'a'));
    const before = snapshot(state);
    let caught: unknown;
    try {
      rollbackPromotion(state, { by: 'ops', nowMs: T0, reason: 'x' });
    } catch (e) {
      caught = e;
    }
    expect(isPromoteError(caught, 'PROMOTE_NOTHING_TO_ROLL_BACK')).toBe(true);
    expect(snapshot(state)).toEqual(before);
  });
});

describe('observeCanary(stateDir, observation, actor)', () => {
  function withCanary(): { state: string; work: string } {
    const work = tempDir();
    const state = join(work, 'state');
    promoteConfig(opts(state, work, A, 'a', { policy: CANARY }));
    const r = promoteConfig(opts(state, work, B, 'b', { policy: CANARY }));
    expect(r).toMatchObject({ accepted: true, status: 'canary' });
    return { state, work };
  }

  it('a promotion under a canary plan leaves the previous config live and runs the new one on every k-th race', () => {
    const { state, work } = withCanary();
    const s = readPromotionState(state);
    expect(s.current?.configHash).toBe(A.hash);
    expect(s.canary).toMatchObject({ configHash: B.hash, plan: { everyKthRace: 4, races: 12, maxDrawdown: 0.1 } });
    expect(readPromoted(state)?.configHash).toBe(A.hash);
    // No second promotion while the canary runs.
    expect(promoteConfig(opts(state, work, C, 'c', { policy: CANARY })).failed.map((g) => g.gate)).toEqual(['canary']);
  });

  it('observeCanary continues, then takes over: the canary becomes the promoted config', () => {
    const { state } = withCanary();
    expect(observeCanary(state, { racesObserved: 5, maxDrawdown: 0.04 }, { by: 'live-runner', nowMs: T0 })).toEqual({ decision: expect.objectContaining({ action: 'continue' }) });
    expect(readPromotionHistory(state)).toHaveLength(2);
    const t = observeCanary(state, { racesObserved: 12, maxDrawdown: 0.06 }, { by: 'live-runner', nowMs: T0 + 1 });
    expect(t.decision.action).toBe('takeover');
    expect(t.record).toMatchObject({ kind: 'canary_takeover', configHash: B.hash, fromConfigHash: A.hash, observation: { racesObserved: 12, maxDrawdown: 0.06 } });
    expect(readPromoted(state)).toMatchObject({ configHash: B.hash, previous: [{ configHash: A.hash }] });
    expect(readPromotionState(state).canary).toBeUndefined();
    expect(() => observeCanary(state, { racesObserved: 1, maxDrawdown: 0 }, { by: 'x', nowMs: T0 })).toThrow(/no canary is running/);
  });

  it('observeCanary aborts on a drawdown over the limit: the previous config stays promoted', () => {
    const { state } = withCanary();
    const before = readFileSync(join(state, 'promoted.json'), 'utf8');
    const a = observeCanary(state, { racesObserved: 3, maxDrawdown: 0.15 }, { by: 'live-runner', nowMs: T0 });
    expect(a.decision).toEqual({ action: 'abort', reason: 'canary drawdown 15.0% exceeded the limit 10.0% after 3 races' });
    expect(a.record).toMatchObject({ kind: 'canary_abort', configHash: B.hash });
    expect(readPromoted(state)).toMatchObject({ configHash: A.hash, previous: [] });
    expect(JSON.parse(readFileSync(join(state, 'promoted.json'), 'utf8')).configHash).toBe(JSON.parse(before).configHash);
    expect(readPromotionState(state)).toMatchObject({ canary: undefined, current: { configHash: A.hash } });
  });

  it('rollbackPromotion during a canary aborts the canary and keeps the live config', () => {
    const { state } = withCanary();
    const r = rollbackPromotion(state, { by: 'ops', nowMs: T0, reason: 'halt' });
    expect(r).toMatchObject({ kind: 'rollback', abortedCanary: true, configHash: A.hash, fromConfigHash: B.hash });
    expect(readPromotionState(state)).toMatchObject({ canary: undefined, current: { configHash: A.hash } });
  });
});

describe('readPromotionHistory(stateDir)', () => {
  function twoRecords(): string {
    const work = tempDir();
    const state = join(work, 'state');
    promoteConfig(opts(state, work, A, 'a'));
    promoteConfig(opts(state, work, B, 'b'));
    return state;
  }

  it('readPromotionHistory chains each record to the previous one', () => {
    const [a, b] = readPromotionHistory(twoRecords());
    expect(a.prevHash).toBe('0'.repeat(64));
    expect(b.prevHash).toBe(a.hash);
    expect(b.seq).toBe(2);
  });

  it('readPromotionHistory throws PROMOTE_HISTORY_BROKEN for an edited record, and nothing more is appended', () => {
    const state = twoRecords();
    const file = join(state, PROMOTION_FILES.history);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"by":"ops"', '"by":"eve"'));
    expect(() => readPromotionHistory(state)).toThrow(/line 1: its hash does not match its content/);
    const work = tempDir();
    expect(() => promoteConfig(opts(state, work, B, 'b'))).toThrow(expect.objectContaining({ code: 'PROMOTE_HISTORY_BROKEN' }));
  });

  it('readPromotionHistory throws for a removed record (broken chain)', () => {
    const state = twoRecords();
    const file = join(state, PROMOTION_FILES.history);
    writeFileSync(file, `${readFileSync(file, 'utf8').split('\n')[1]}\n`);
    expect(() => readPromotionHistory(state)).toThrow(/line 1: sequence 2, expected 1/);
  });

  it('readPromotionHistory ignores a torn last line, and the next append cuts it', () => {
    const state = twoRecords();
    const file = join(state, PROMOTION_FILES.history);
    appendFileSync(file, '{"seq":3,"kind":"prom');
    expect(readPromotionHistory(state)).toHaveLength(2);
    rollbackPromotion(state, { by: 'ops', nowMs: T0, reason: 'x' });
    expect(readPromotionHistory(state).map((r) => r.kind)).toEqual(['promote', 'promote', 'rollback']);
  });

  it('withPromotionLock refuses a second holder with PROMOTE_BUSY', () => {
    const state = twoRecords();
    withPromotionLock(state, () => {
      expect(() => rollbackPromotion(state, { by: 'ops', nowMs: T0, reason: 'x' })).toThrow(expect.objectContaining({ code: 'PROMOTE_BUSY' }));
    });
    expect(existsSync(join(state, PROMOTION_FILES.lock))).toBe(false);
  });
});

describe('rollbackPromotion(stateDir, actor) on a promoted.json written without history', () => {
  it('rollbackPromotion adopts the earlier configs of promoted.json and returns to the newest of them', () => {
    const work = tempDir();
    const state = join(work, 'state');
    mkdirSync(state);
    writePromoted(state, {
      formatVersion: 1,
      configHash: A.hash,
      config: A.config,
      since: '2024-01-03T00:00:00.000Z',
      previous: [
        { configHash: B.hash, config: B.config, since: '2024-01-02T00:00:00.000Z' },
        { configHash: C.hash, config: C.config, since: '2024-01-01T00:00:00.000Z' },
      ],
    });
    const r = rollbackPromotion(state, { by: 'live-runner', nowMs: T0, reason: 'drawdown halt' });
    expect(r).toMatchObject({ seq: 4, kind: 'rollback', configHash: B.hash, fromConfigHash: A.hash });
    expect(readPromotionHistory(state).map((x) => [x.kind, x.configHash])).toEqual([
      ['adopt', C.hash],
      ['adopt', B.hash],
      ['adopt', A.hash],
      ['rollback', B.hash],
    ]);
    expect(readPromoted(state)).toMatchObject({ configHash: B.hash, previous: [{ configHash: C.hash }] });
  });
});

describe('promotionState(records)', () => {
  it('re-promoting the live config on new evidence keeps one rollback target, and promoted.json points at the new evidence', () => {
    const work = tempDir();
    const state = join(work, 'state');
    promoteConfig(opts(state, work, A, 'a', { nowMs: T0 }));
    promoteConfig(opts(state, work, B, 'b', { nowMs: T0 + 1 }));
    promoteConfig(opts(state, work, B, 'b2', { nowMs: T0 + 2 }));
    const s = readPromotionState(state);
    expect(s.accepted.map((a) => [a.configHash, a.seq, a.since])).toEqual([
      [A.hash, 1, new Date(T0).toISOString()],
      [B.hash, 3, new Date(T0 + 1).toISOString()],
    ]);
    expect(readPromoted(state)?.evidence).toMatch(/^promotions\.jsonl record 3 \(promote\): backtest .*bt-b2/);
    expect(rollbackPromotion(state, { by: 'ops', nowMs: T0 + 3, reason: 'x' }).configHash).toBe(A.hash);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGates, failedGates, localTimeMs, parsePolicy, raceDays, readEvidence, type GateInput, type GateResult } from './promote-api.ts';
import { cfg, tempDir, writeBacktest, writeSweep } from './fixtures.ts';

const LENIENT = parsePolicy({ minRaces: 100, requireCalendar: false });
const A = cfg({ safetyFactor: 0.25, betTypes: ['win'] });
const NOW = Date.parse('2024-03-01T00:00:00Z');

function input(over: Partial<GateInput> & { dirs?: string[] } = {}): GateInput {
  const work = tempDir();
  const dirs = over.dirs ?? [writeBacktest(join(work, 'bt'), { hash: A.hash }), writeSweep(join(work, 'sw'), [{ hash: A.hash }])];
  return { configHash: A.hash, config: A.config, evidence: readEvidence(dirs), policy: LENIENT, current: undefined, canary: undefined, nowMs: Date.now(), calendar: null, force: null, ...over };
}

function failed(x: GateInput): GateResult[] {
  return failedGates(evaluateGates(x));
}

describe('evaluateGates(input)', () => {
  it('evaluateGates passes every gate on good evidence of this config', () => {
    const gates = evaluateGates(input());
    expect(failedGates(gates)).toEqual([]);
    expect(gates.map((g) => g.gate)).toEqual(['evidence', 'backtest-config', 'sweep-config', 'dataset-hash', 'races', 'roi', 'ruin', 'safety-factor', 'evidence-age', 'step', 'canary', 'freeze']);
  });

  it('evaluateGates refuses missing evidence: no sweep, no backtest, a folder without summary.json', () => {
    const work = tempDir();
    const bt = writeBacktest(join(work, 'bt'), { hash: A.hash });
    const sw = writeSweep(join(work, 'sw'), [{ hash: A.hash }]);
    expect(failed(input({ dirs: [bt] })).map((g) => [g.gate, g.measured])).toEqual([['evidence', 'no sweep summary']]);
    expect(failed(input({ dirs: [sw] }))[0]).toMatchObject({ gate: 'evidence', measured: 'no backtest summary' });
    const f = failed(input({ dirs: [bt, sw, join(work, 'empty')] }));
    expect(f).toHaveLength(1);
    expect(f[0].measured).toBe(`${join(work, 'empty')}: no summary.json`);
    expect(f[0].limit).toBe('one backtest run and one sweep, each a folder with summary.json');
  });

  it('evaluateGates refuses evidence of another config hash (backtest and sweep), naming both hashes', () => {
    const work = tempDir();
    const other = cfg({ safetyFactor: 0.2 }).hash;
    const f = failed(input({ dirs: [writeBacktest(join(work, 'bt'), { hash: other }), writeSweep(join(work, 'sw'), [{ hash: other }])] }));
    expect(f.map((g) => g.gate)).toEqual(['backtest-config', 'sweep-config']);
    expect(f[0].measured).toContain(other.slice(0, 12));
    expect(f[0].limit).toBe(`config ${A.hash.slice(0, 12)}`);
    expect(f[1].measured).toBe(`sweep ${join(work, 'sw')} has no row of config ${A.hash.slice(0, 12)} among its 1 configs`);
  });

  it('evaluateGates refuses a dataset hash that is not recorded', () => {
    const work = tempDir();
    const f = failed(input({ dirs: [writeBacktest(join(work, 'bt'), { hash: A.hash, datasetHash: '' }), writeSweep(join(work, 'sw'), [{ hash: A.hash }])] }));
    expect(f.map((g) => [g.gate, g.measured])).toEqual([['dataset-hash', "not recorded: backtest datasetHash ''"]]);
  });

  it('evaluateGates refuses too few races, with the count and the limit', () => {
    const work = tempDir();
    const f = failed(input({ dirs: [writeBacktest(join(work, 'bt'), { hash: A.hash, races: 60 }), writeSweep(join(work, 'sw'), [{ hash: A.hash }])] }));
    expect(f.map((g) => g.gate)).toEqual(['races']);
    expect(f[0]).toMatchObject({ measured: '60 races bet out-of-sample (160 seen)', limit: 'at least 100 races bet out-of-sample' });
  });

  it('evaluateGates refuses in-sample test windows (fitted on their own races)', () => {
    const work = tempDir();
    const windows = [{ testFrom: '2024-01-06', testTo: '2024-12-28', trainFrom: '2024-01-06', races: 700 }];
    const f = failed(input({ dirs: [writeBacktest(join(work, 'bt'), { hash: A.hash, windows }), writeSweep(join(work, 'sw'), [{ hash: A.hash }])] }));
    expect(f.map((g) => [g.gate, g.measured])).toEqual([['races', 'test windows from 2024-01-06 are fitted on their own races (in-sample)']]);
  });

  it('evaluateGates refuses a bootstrap lower bound of ROI at or below the floor', () => {
    const work = tempDir();
    const f = failed(input({ dirs: [writeBacktest(join(work, 'bt'), { hash: A.hash, roi: 1.02, spread: 0.9 }), writeSweep(join(work, 'sw'), [{ hash: A.hash }])] }));
    expect(f.map((g) => g.gate)).toEqual(['roi']);
    expect(f[0].measured).toMatch(/^ROI 1\.0200, interval \[0\.\d+, 1\.\d+\] over 600 races \(2000 resamples, races\.arrow\)$/);
    expect(f[0].limit).toBe('lower bound of the 95% bootstrap interval of ROI above 1');
  });

  it('evaluateGates refuses evidence that lacks per-race returns', () => {
    const work = tempDir();
    const f = failed(input({ dirs: [writeBacktest(join(work, 'bt'), { hash: A.hash, perRace: false }), writeSweep(join(work, 'sw'), [{ hash: A.hash }])] }));
    expect(f.map((g) => [g.gate, g.measured])).toEqual([['roi', `evidence lacks per-race returns (${join(work, 'bt')} has no races.arrow or bets.arrow)`]]);
  });

  it('evaluateGates bootstraps from bets.arrow (summed by race) when races.arrow is absent', () => {
    const work = tempDir();
    const g = evaluateGates(input({ dirs: [writeBacktest(join(work, 'bt'), { hash: A.hash, perRace: 'bets' }), writeSweep(join(work, 'sw'), [{ hash: A.hash }])] }));
    expect(g.find((x) => x.gate === 'roi')).toMatchObject({ passed: true, measured: expect.stringContaining('over 600 races (2000 resamples, bets.arrow)') });
  });

  it('evaluateGates refuses a ruin probability above the bound (upper Wilson bound by default, the estimate on request)', () => {
    const work = tempDir();
    const dirs = [writeBacktest(join(work, 'bt'), { hash: A.hash }), writeSweep(join(work, 'sw'), [{ hash: A.hash, ruinCount: 14, n: 2000 }])];
    const f = failed(input({ dirs }));
    expect(f.map((g) => g.gate)).toEqual(['ruin']);
    expect(f[0].measured).toMatch(/^ruin probability upper Wilson bound 1\.1\d% \(14 of 2000 paths ruined\)$/);
    expect(f[0].limit).toBe('at most 1.00%');
    expect(failed(input({ dirs, policy: parsePolicy({ minRaces: 100, requireCalendar: false, ruinBound: 'point' }) }))).toEqual([]);
  });

  it('evaluateGates refuses a safety factor above the ceiling', () => {
    const B = cfg({ safetyFactor: 0.5 });
    const work = tempDir();
    const f = failed(input({ configHash: B.hash, config: B.config, dirs: [writeBacktest(join(work, 'bt'), { hash: B.hash }), writeSweep(join(work, 'sw'), [{ hash: B.hash }])] }));
    expect(f.map((g) => [g.gate, g.measured, g.limit])).toEqual([['safety-factor', 'safety factor 0.5', 'at most 0.3']]);
  });

  it('evaluateGates refuses evidence older than the limit (a sweep dated by its created field)', () => {
    const work = tempDir();
    const dirs = [writeBacktest(join(work, 'bt'), { hash: A.hash }), writeSweep(join(work, 'sw'), [{ hash: A.hash }], '2024-01-01T00:00:00Z')];
    const f = failed(input({ dirs, nowMs: NOW }));
    expect(f.map((g) => g.gate)).toContain('evidence-age');
    expect(f.find((g) => g.gate === 'evidence-age')?.limit).toBe('at most 30 days');
  });

  it('evaluateGates refuses a step too big, naming the parameter, its move and the limit', () => {
    const B = cfg({ safetyFactor: 0.1, evThreshold: 1.2, betTypes: ['win'] });
    const f = failed(input({ current: { configHash: B.hash, config: B.config } }));
    expect(f.map((g) => [g.gate, g.parameter, g.measured, g.limit])).toEqual([
      ['step', 'evThreshold', 'evThreshold moves 1.2 -> 1.05 (by 0.15)', 'at most 0.05 per promotion'],
      ['step', 'safetyFactor', 'safetyFactor moves 0.1 -> 0.25 (by 0.15)', 'at most 0.1 per promotion'],
    ]);
  });

  it('evaluateGates lets parameters move within their steps and refuses unlisted changes unless allowed', () => {
    const B = cfg({ safetyFactor: 0.2, evThreshold: 1.1, betTypes: ['win'] });
    expect(failed(input({ current: { configHash: B.hash, config: B.config } }))).toEqual([]);
    const C = cfg({ safetyFactor: 0.25, betTypes: ['win', 'place'], minBankrollYen: 20_000 });
    const f = failed(input({ current: { configHash: C.hash, config: C.config } }));
    expect(f.map((g) => [g.parameter, g.limit])).toEqual([
      ['betTypes', 'no change (no step configured for it)'],
      ['minBankrollYen', 'no change (no step configured for it)'],
    ]);
    expect(failed(input({ current: { configHash: C.hash, config: C.config }, policy: parsePolicy({ minRaces: 100, requireCalendar: false, allowUnlistedChanges: true }) }))).toEqual([]);
  });

  it('evaluateGates refuses while a canary runs', () => {
    expect(failed(input({ canary: { configHash: 'e'.repeat(64) } })).map((g) => [g.gate, g.measured])).toEqual([['canary', `canary ${'e'.repeat(12)} is still running`]]);
  });

  it('evaluateGates refuses inside the freeze window of a race day; --force with a reason overrides it, marked', () => {
    const days = raceDays(['2024-01-06T10:05', '2024-01-06T16:25', '2024-01-07T10:05']);
    const policy = parsePolicy({ minRaces: 100 });
    const at = (t: string): GateInput => input({ policy, calendar: days, nowMs: localTimeMs(t) });
    // 12 h before the first post (default 720 min) until 60 min after the last.
    expect(failed(at('2024-01-05T21:59'))).toEqual([]);
    const f = failed(at('2024-01-05T22:05'));
    expect(f.map((g) => g.gate)).toEqual(['freeze']);
    expect(f[0].measured).toContain('is in the freeze window of 2024-01-06');
    expect(f[0].limit).toBe("no promotion from 720 min before a race day's first post to 60 min after its last");
    expect(failed(at('2024-01-06T17:20')).map((g) => g.gate)).toEqual(['freeze']);
    expect(failed(at('2024-01-06T17:30'))).toEqual([]);
    const forced = evaluateGates({ ...at('2024-01-06T12:00'), force: { reason: 'hotfix' } });
    expect(failedGates(forced)).toEqual([]);
    expect(forced.find((g) => g.gate === 'freeze')).toMatchObject({ passed: false, overridden: true, measured: expect.stringContaining('overridden by --force: hotfix') });
  });

  it('evaluateGates refuses without a calendar when the policy requires one (the default)', () => {
    const f = failed(input({ policy: parsePolicy({ minRaces: 100 }) }));
    expect(f.map((g) => [g.gate, g.measured])).toEqual([['freeze', 'no race-day calendar given (--calendar DATASET)']]);
  });
});

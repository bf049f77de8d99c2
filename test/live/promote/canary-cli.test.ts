import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cfg, tempDir, writeBacktest, writeSweep } from './fixtures.ts';
import { cliInProcess } from '../../cli-in-process.ts';

const A = { safetyFactor: 0.25, betTypes: ['win'] };
const B = { safetyFactor: 0.2, betTypes: ['win'] };

const cli = cliInProcess;

/** A state with A live and B promoted as a canary (every 3rd race for 6 races, 10% drawdown). */
async function canaryState(): Promise<{ state: string; hashA: string; hashB: string }> {
  const work = tempDir();
  const state = join(work, 'state');
  const policy = join(work, 'policy.json');
  writeFileSync(policy, JSON.stringify({ minRaces: 100, requireCalendar: false, canary: { everyKthRace: 3, races: 6, maxDrawdown: 0.1 } }));
  const hashA = cfg(A).hash;
  const hashB = cfg(B).hash;
  const sw = writeSweep(join(work, 'sw'), [{ hash: hashA }, { hash: hashB }]);
  for (const [name, raw, hash] of [['a', A, hashA], ['b', B, hashB]] as const) {
    const file = join(work, `${name}.json`);
    writeFileSync(file, JSON.stringify(raw));
    const r = await cli(['promote', file, '--evidence', writeBacktest(join(work, `bt-${name}`), { hash }), sw, '--state', state, '--policy', policy, '--by', 'ops']);
    expect(r.status).toBe(0);
    if (name === 'b') expect(r.out).toMatch(/^promoted config [0-9a-f]{12} as a canary: one race in 3 for 6 races, aborted above 10\.0% drawdown/);
  }
  return { state, hashA, hashB };
}

const promotedHash = (state: string): string => (JSON.parse(readFileSync(join(state, 'promoted.json'), 'utf8')) as { configHash: string }).configHash;

describe('keiba promote canary', () => {
  it('keiba promote canary --races --drawdown continues, then takes over: the canary becomes the promoted config', async () => {
    const { state, hashA, hashB } = await canaryState();
    expect(promotedHash(state)).toBe(hashA);
    expect((await cli(['promote', 'canary', '--state', state])).out).toBe(`canary ${hashB} since ${JSON.parse((await cli(['promote', 'status', '--state', state, '--json'])).out).canary.since}: one race in 3 for 6 races, aborted above 10.0% drawdown\n`);
    const c1 = await cli(['promote', 'canary', '--state', state, '--races', '2', '--drawdown', '0.03']);
    expect(c1).toMatchObject({ status: 0, out: 'continue: canary decided 2 of 6 races, drawdown 3.0% within the limit 10.0%\n' });
    const c2 = await cli(['promote', 'canary', '--state', state, '--races', '6', '--drawdown', '0.05']);
    expect(c2.out).toBe('takeover: canary decided 6 races (needed 6) with drawdown 5.0% within the limit 10.0% (record 3; promoted.json updated)\n');
    expect(promotedHash(state)).toBe(hashB);
    expect((await cli(['promote', 'canary', '--state', state])).out).toBe('no canary is running\n');
  });

  it('keiba promote canary aborts on a drawdown over the limit: the previous config stays promoted', async () => {
    const { state, hashA } = await canaryState();
    const c = await cli(['promote', 'canary', '--state', state, '--races', '1', '--drawdown', '0.12']);
    expect(c.out).toBe('abort: canary drawdown 12.0% exceeded the limit 10.0% after 1 races (record 3; promoted.json updated)\n');
    expect(promotedHash(state)).toBe(hashA);
    const st = JSON.parse((await cli(['promote', 'status', '--state', state, '--json'])).out) as Record<string, unknown>;
    expect(st).toMatchObject({ current: { configHash: hashA }, canary: null, last: { kind: 'canary_abort' }, promotedInSync: true });
  });

  it('keiba promote canary --races without --drawdown is bad usage (exit 2)', async () => {
    const { state } = await canaryState();
    const r = await cli(['promote', 'canary', '--state', state, '--races', '3']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/PROMOTE_BAD_OPTION: --races and --drawdown go together/);
  });
});

/**
 * End to end: a generated dataset, real backtests and sweeps, then `keiba promote` refusing and
 * accepting, a replayed live day of the promoted config, a rollback, and the runner picking up
 * the restored config.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../shared-data.ts';
import { tempDir } from './fixtures.ts';
import { localTimeMs, parsePolicy, promoteConfig, readCalendar, readCandidateConfig } from './promote-api.ts';
import { cliInProcess } from '../../cli-in-process.ts';

const exec = promisify(execFile);
const bin = resolve(PROJECT_ROOT, 'bin/keiba.mjs');
const DATE = '2024-01-06';
const THEMIS = { safetyFactor: 0.25, evThreshold: 1.05, maxFractionPerTicket: 0.05, maxFractionPerRace: 0.1 };

/** Runs bin/keiba.mjs in a child process; resolves with the exit status and output. */
async function spawnCli(args: string[]): Promise<{ status: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { cwd: PROJECT_ROOT, maxBuffer: 1 << 24 });
    return { status: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof x.code === 'number' ? x.code : -1, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}

const cli = cliInProcess;

let work: string;
let ds: string;
let state: string;
const strat: Record<'a' | 'b' | 'x', string> = { a: '', b: '', x: '' };
const bt: Record<'a' | 'b' | 'x', string> = { a: '', b: '', x: '' };
let sweep: string;
let strictRuin: string;
let policy: string;
let liveA: string;

function ok(r: { status: number; out: string; err: string }): void {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.out}\n${r.err}`);
}

beforeAll(async () => {
  work = tempDir();
  ds = join(work, 'ds');
  state = join(work, 'state');
  ok(await spawnCli(['data', 'generate', '--years', '0.1', '--seed', '3', '--out', ds]));
  const base = JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples/strategies/model-win.json'), 'utf8')) as Record<string, unknown>;
  const variants = { a: THEMIS, b: { ...THEMIS, safetyFactor: 0.2 }, x: { ...THEMIS, evThreshold: 1.15 } };
  for (const k of ['a', 'b', 'x'] as const) {
    strat[k] = join(work, `strategy-${k}.json`);
    writeFileSync(strat[k], JSON.stringify({ ...base, name: `model-win-${k}`, themis: variants[k] }));
    bt[k] = join(work, `bt-${k}`);
  }
  const grid = join(work, 'grid.json');
  writeFileSync(grid, JSON.stringify({ base: { betTypes: ['win'], maxFractionPerTicket: 0.05, maxFractionPerRace: 0.1 }, grid: { safetyFactor: [0.2, 0.25], evThreshold: [1.05, 1.15] } }));
  sweep = join(work, 'sweep');
  const runs = await Promise.all([
    ...(['a', 'b', 'x'] as const).map((k) => spawnCli(['sim', 'backtest', '--data', ds, '--strategy', strat[k], '--out', bt[k], '--no-report'])),
    // A favourable binary game: no path is ruined (the ruin gate passes).
    spawnCli(['sim', 'sweep', '--source', 'binary:0.3:4:500', '--paths', '200', '--sweep-file', grid, '--threads', '1', '--out', sweep]),
  ]);
  runs.forEach(ok);
  policy = join(work, 'policy.json');
  // Synthetic data is small: fewer races and a lower ROI floor than the strict defaults.
  writeFileSync(policy, JSON.stringify({ minRaces: 20, roiFloor: 0.05, maxRuin: 0.02 }));
  strictRuin = join(work, 'policy-strict-ruin.json');
  writeFileSync(strictRuin, JSON.stringify({ minRaces: 20, roiFloor: 0.05, maxRuin: 0.01 }));
  liveA = join(work, 'live-a.json');
  writeFileSync(liveA, JSON.stringify({ themis: { ...THEMIS, betTypes: ['win'] }, bankrollYen: 1_000_000 }));
}, 240_000);

describe('keiba promote (CLI, end to end)', () => {
  it('keiba promote CONFIG --evidence ... with the strict default policy refuses (exit 1), naming each gate, its value and limit; nothing is created', async () => {
    const r = await spawnCli(['promote', strat.a, '--evidence', bt.a, sweep, '--state', state]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/^refused: config [0-9a-f]{12} was not promoted \(nothing changed\)/);
    expect(r.err).toMatch(/CHECK_FAILED: promotion of config [0-9a-f]{12} refused by \d gate\(s\)/);
    const races = /races: (\d+) races bet out-of-sample \(384 seen\) \(limit: at least 500 races bet out-of-sample\)/.exec(r.err);
    expect(Number(races?.[1])).toBeGreaterThan(0);
    expect(r.out).toMatch(/(pass|FAIL) +roi: ROI \d\.\d{4}, interval \[[\d.]+, [\d.]+\] over \d+ races .*\(limit: lower bound of the 95% bootstrap interval of ROI above 1\)/);
    expect(r.err).toMatch(/ruin: ruin probability upper Wilson bound 1\.88% \(0 of 200 paths ruined\) \(limit: at most 1\.00%\)/);
    expect(r.err).toMatch(/freeze: no race-day calendar given/);
    expect(existsSync(state)).toBe(false);
  });

  it('keiba promote refuses evidence of another config hash, and a ruin bound above the limit', async () => {
    const other = await cli(['promote', strat.a, '--evidence', bt.b, sweep, '--state', state, '--policy', policy, '--calendar', ds]);
    expect(other.status).toBe(1);
    expect(other.err).toMatch(/backtest-config: backtest .*bt-b is of config [0-9a-f]{12} \(limit: config [0-9a-f]{12}\)/);
    const ruin = await cli(['promote', strat.a, '--evidence', bt.a, sweep, '--state', state, '--policy', strictRuin, '--calendar', ds]);
    expect(ruin.status).toBe(1);
    // 0 of 200 paths ruined cannot show a ruin probability under 1%: the upper Wilson bound is 1.88%.
    expect(ruin.err).toMatch(/refused by 1 gate\(s\): ruin: ruin probability upper Wilson bound 1\.88% \(0 of 200 paths ruined\) \(limit: at most 1\.00%\)/);
    expect(existsSync(state)).toBe(false);
  });

  it('keiba promote accepts on passing evidence (exit 0), then a replayed live day runs the promoted config', async () => {
    const r = await spawnCli(['promote', strat.a, '--evidence', bt.a, sweep, '--state', state, '--policy', policy, '--calendar', ds, '--by', 'ops', '--reason', 'first config']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^promoted config ([0-9a-f]{12}): live now/);
    expect(r.out).toMatch(/record 1 appended to .*promotions\.jsonl; promoted\.json updated/);
    const promoted = JSON.parse(readFileSync(join(state, 'promoted.json'), 'utf8')) as { configHash: string };
    const status = await cli(['promote', 'status', '--state', state, '--json']);
    expect(JSON.parse(status.out)).toMatchObject({ current: { configHash: promoted.configHash, seq: 1 }, canary: null, previous: [], records: 1, promotedInSync: true });
    const day = await spawnCli(['live', 'run', '--config', liveA, '--state', state, '--replay', ds, '--date', DATE, '--clock', 'simulated']);
    expect(day.status).toBe(0);
    expect(day.out).toMatch(/paper mode: any valid config may run \(this config is the promoted one\)/);
    expect(day.out).toMatch(/2024-01-06: \d+ races, \d+ decided/);
    // A real-money run of it passes the promotion check (and stops later, for lack of credentials).
    const real = await cli(['live', 'run', '--config', liveA, '--state', state, '--replay', ds, '--date', DATE, '--no-paper']);
    expect(real.status).toBe(2);
    expect(real.err).not.toMatch(/LIVE_NOT_PROMOTED/);
    expect(real.err).toMatch(/LIVE_NO_CREDENTIALS/);
  }, 120_000);

  it('keiba promote refuses a step too big, naming the parameter', async () => {
    const r = await cli(['promote', strat.x, '--evidence', bt.x, sweep, '--state', state, '--policy', policy, '--calendar', ds]);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/refused by 1 gate\(s\): step: evThreshold moves 1\.05 -> 1\.15 \(by 0\.1\) \(limit: at most 0\.05 per promotion\)/);
  });

  it('keiba promote rollback restores the previous config, and the runner picks it up', async () => {
    expect((await cli(['promote', strat.b, '--evidence', bt.b, sweep, '--state', state, '--policy', policy, '--calendar', ds, '--by', 'ops'])).status).toBe(0);
    const refusedA = await cli(['live', 'run', '--config', liveA, '--state', state, '--replay', ds, '--date', DATE, '--no-paper']);
    expect(refusedA.status).toBe(2);
    expect(refusedA.err).toMatch(/LIVE_NOT_PROMOTED: config [0-9a-f]{12} is not the promoted config/);
    const rb = await spawnCli(['promote', 'rollback', '--state', state, '--reason', 'drawdown drill', '--by', 'ops']);
    expect(rb.status).toBe(0);
    expect(rb.out).toMatch(/^rolled back [0-9a-f]{12} -> [0-9a-f]{12} \(record 3\); promoted\.json updated/);
    const real = await cli(['live', 'run', '--config', liveA, '--state', state, '--replay', ds, '--date', DATE, '--no-paper']);
    expect(real.err).not.toMatch(/LIVE_NOT_PROMOTED/);
    expect(real.err).toMatch(/LIVE_NO_CREDENTIALS/);
    const history = await cli(['promote', 'history', '--state', state]);
    expect(history.status).toBe(0);
    expect(history.out.trim().split('\n').map((l) => l.replace(/^#(\d) \S+ (\S+): (\w+).*$/, '$1 $2 $3'))).toEqual(['1 ops promote', '2 ops promote', '3 ops rollback']);
    const again = await cli(['promote', 'rollback', '--state', state, '--reason', 'again']);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/PROMOTE_NOTHING_TO_ROLL_BACK: config [0-9a-f]{12} is the first accepted config/);
  }, 60_000);

  it('promoteConfig with the dataset as calendar refuses inside the freeze window of its first race day, and --force records why', async () => {
    const calendar = await readCalendar(ds);
    expect(calendar[0].date).toBe(DATE);
    const c = readCandidateConfig(strat.a);
    const o = { stateDir: join(work, 'state-freeze'), config: c.config, configHash: c.configHash, evidenceDirs: [bt.a, sweep], policy: parsePolicy(JSON.parse(readFileSync(policy, 'utf8'))), calendar, by: 'ops', nowMs: localTimeMs(`${DATE}T09:30`) };
    const r = promoteConfig(o);
    expect(r.failed.map((g) => g.gate)).toEqual(['freeze']);
    expect(r.failed[0].measured).toMatch(/^2024-01-06T00:30:00\.000Z is in the freeze window of 2024-01-06/);
    expect(existsSync(o.stateDir)).toBe(false);
    const forced = promoteConfig({ ...o, force: true, reason: 'drill' });
    expect(forced).toMatchObject({ accepted: true, record: { forced: true, reason: 'drill' } });
  });

  it('keiba promote --help lists the default command and the subcommands', async () => {
    const r = await spawnCli(['promote', '--help']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/keiba promote CONFIG --evidence BACKTEST_DIR SWEEP_DIR --state DIR/);
    expect(r.out).toMatch(/keiba promote status/);
    expect(r.out).toMatch(/keiba promote rollback/);
    expect(r.out).toMatch(/\[default\]/);
  });
});

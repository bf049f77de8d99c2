/**
 * End to end: `keiba sim backtest` on a synthetic dataset, then `keiba sim sweep --source
 * backtest:RUN --bootstrap day --paths 2000` (through bin/keiba.mjs), and the refusals of bad
 * bootstrap inputs (exit status 2, a coded message, nothing written).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../src/sim/index.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { cliInProcess as cli } from '../cli-in-process.ts';
import { syntheticDataset, tempDir } from './backtest/fixtures.ts';

const exec = promisify(execFile);
const bin = resolve(PROJECT_ROOT, 'bin/keiba.mjs');

describe('keiba sim sweep --source backtest:RUN', () => {
  let runDir: string;
  let runRaces: number;
  beforeAll(async () => {
    const { dir: data } = await syntheticDataset(0.5, 'bootstrap-cli');
    runDir = join(tempDir(), 'run');
    const r = await cli(['sim', 'backtest', '--data', data, '--strategy', resolve(PROJECT_ROOT, 'examples/strategies/model-win.json'), '--out', runDir, '--no-report', '--json']);
    expect(r.status).toBe(0);
    runRaces = tableFromIPC(readFileSync(join(runDir, 'races.arrow'))).numRows;
  }, 180_000);

  it('resamples the run by day on 2 threads and records the run and the bootstrap in summary.json', async () => {
    const out = join(tempDir(), 'sweep');
    const { stdout } = await exec(process.execPath, [bin, 'sim', 'sweep', '--source', `backtest:${runDir}`, '--bootstrap', 'day', '--paths', '2000', '--threads', '2', '--out', out, '--no-report']);
    expect(stdout).toMatch(/50 configs x 2000 paths x \d+ races \(backtest backtest:/);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SweepSummary;
    const runSummary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { strategyHash: string; configHash: string; racesSeen: number };
    expect(s.source.kind).toBe('backtest');
    expect(s.source.bootstrap).toMatchObject({ unit: 'day', strategyHash: runSummary.strategyHash, configHash: runSummary.configHash, unsettleableRaces: 0 });
    // every race the run priced is resampled; paths are as long as the run by default
    expect(s.source.bootstrap!.runRaces).toBeGreaterThan(100);
    expect(s.source.bootstrap!.runRaces).toBeLessThanOrEqual(runRaces);
    expect(s.source.races).toBe(s.source.bootstrap!.runRaces);
    expect(s.inputs.paths).toBe(2000);
    expect(s.configs).toHaveLength(50);
    expect(s.configs.some((c) => c.ruin.count > 0 || c.drawdown20.count > 0)).toBe(true); // money moved
    expect(tableFromIPC(readFileSync(join(out, 'sweep.arrow'))).numRows).toBe(50);
  }, 120_000);

  it('--races sets the path length; the report is written for a backtest source', async () => {
    const out = join(tempDir(), 'sweep');
    const r = await cli(['sim', 'sweep', '--source', `backtest:${runDir}`, '--races', '500', '--paths', '200', '--threads', '1', '--safety', '0.25,0.5', '--ev', '1.05', '--out', out]);
    expect(r.err.replace(/.*\r/g, '')).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SweepSummary;
    expect(s.source.bootstrap).toMatchObject({ unit: 'race', races: 500 });
    expect(s.fan.checkpoints[s.fan.checkpoints.length - 1]).toBe(500);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 120_000);

  it('refuses bad input with exit status 2, a coded message naming the file or field, and writes nothing', async () => {
    const out = join(tempDir(), 'never');
    const cases: [string[], RegExp][] = [
      [['--source', `backtest:${runDir}`, '--bootstrap', 'week'], /SIM_BAD_OPTION.*bootstrap.*unknown bootstrap unit 'week'/],
      [['--source', `backtest:${tempDir()}`], /SIM_BAD_SOURCE.*summary\.json.*is not a backtest run/],
      [['--source', `backtest:${runDir}`, '--races', '0'], /SIM_BAD_OPTION.*races/],
      [['--source', 'binary:0.4:3:10', '--bootstrap', 'day'], /SIM_BAD_OPTION.*--bootstrap applies to a backtest:RUN_DIR source only/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['sim', 'sweep', ...args, '--paths', '10', '--threads', '1', '--out', out]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../src/sim/index.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { writeMc1Fixture } from './fixtures.ts';
import { cliInProcess } from '../cli-in-process.ts';

const run = promisify(execFile);
const bin = resolve(PROJECT_ROOT, 'bin/keiba.mjs');
const pool = writeMc1Fixture(40, 'cli');

const cli = cliInProcess;

describe('keiba sim sweep', () => {
  it('runs a small sweep through bin/keiba.mjs on 2 threads and writes summary.json and sweep.arrow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keiba-cli-'));
    const out = join(dir, 'res');
    const { stdout } = await run(process.execPath, [bin, 'sim', 'sweep', '--source', `mc1:${pool}`, '--paths', '200', '--threads', '2', '--max-ruin', '0.05', '--out', out]);
    expect(stdout).toMatch(/50 configs x 200 paths x 40 races/);
    expect(stdout).toMatch(/Recommended|No configuration qualifies/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SweepSummary;
    expect(summary.configs).toHaveLength(50);
    expect(summary.inputs.paths).toBe(200);
    expect(summary.fan.checkpoints).toHaveLength(40);
    const table = tableFromIPC(readFileSync(join(out, 'sweep.arrow')));
    expect(table.numRows).toBe(50);
    expect(table.getChild('ruin')).not.toBeNull();
  }, 60_000);

  it('--shard k/n then keiba sim merge gives the bytes of one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keiba-cli-'));
    const common = ['sim', 'sweep', '--source', `mc1:${pool}`, '--paths', '60', '--threads', '1', '--safety', '0.25,0.5', '--ev', '1.05'];
    expect((await cli([...common, '--out', join(dir, 'one')])).status).toBe(0);
    for (const k of [0, 1, 2]) expect((await cli([...common, '--shard', `${k}/3`, '--out', join(dir, 'shards')])).status).toBe(0);
    expect(readdirSync(join(dir, 'shards'))).toHaveLength(3);
    const merged = await cli(['sim', 'merge', join(dir, 'shards'), '--out', join(dir, 'merged')]);
    expect(merged.status).toBe(0);
    expect(readFileSync(join(dir, 'merged', 'summary.json'))).toEqual(readFileSync(join(dir, 'one', 'summary.json')));
    expect(readFileSync(join(dir, 'merged', 'sweep.arrow'))).toEqual(readFileSync(join(dir, 'one', 'sweep.arrow')));
  }, 60_000);

  it('with no --source generates the bundled dataset on first use, then sweeps it; a second run reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keiba-cli-'));
    const cwd = process.cwd();
    process.chdir(dir); // the bundled dataset's path is relative to the working folder
    try {
      const first = await cli(['sim', 'sweep', '--paths', '20', '--threads', '1', '--safety', '0.2,0.5', '--ev', '1.1', '--out', 'one', '--no-report']);
      expect(first.status).toBe(0);
      expect(first.err).toMatch(/generating it \(keiba data generate --years 1 --seed 1 --out datasets\/synthetic-jra-1y\)/);
      expect(existsSync(join(dir, 'datasets', 'synthetic-jra-1y', 'dataset.json'))).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'one', 'summary.json'), 'utf8')).source.spec).toMatch(/synthetic-jra-1y/);
      const second = await cli(['sim', 'sweep', '--paths', '20', '--threads', '1', '--safety', '0.2,0.5', '--ev', '1.1', '--out', 'two', '--no-report']);
      expect(second.status).toBe(0);
      expect(second.err).not.toMatch(/generating/);
      expect(readFileSync(join(dir, 'two', 'summary.json'))).toEqual(readFileSync(join(dir, 'one', 'summary.json')));
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);

  describe('refuses bad input with exit status 2 and writes nothing', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'keiba-cli-')), 'bad.csv');
    writeFileSync(bad, 'race_id,runner,p_true,p_model,odds\nA,1,0.5,0.5,2\nA,2,0.3,0.5,2\n');
    const cases: [string, string[], RegExp][] = [
      ['an empty grid', ['--safety', ''], /SIM_BAD_GRID/],
      ['a safety factor outside (0, 1]', ['--safety', '0.5,1.5'], /SIM_BAD_GRID.*1\.5/],
      ['an unknown source', ['--source', 'csv:x'], /SIM_BAD_SOURCE.*unknown source/],
      ['a pool whose probabilities do not sum to 1', ['--source', `mc1:${bad}`], /SIM_BAD_POOL.*bad\.csv:2: race A: field p_true: probabilities sum to 0\.8/],
      ['a missing default dataset (with how to generate it)', ['--source', 'dataset:datasets/synthetic-jra-1y'], /keiba data generate --years 1 --seed 1 --out datasets\/synthetic-jra-1y/],
      ['a config the kernel cannot size', ['--sweep-file', 'SWEEPFILE'], /SIM_UNSUPPORTED_CONFIG.*maxStakePerRaceYen/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'keiba-cli-'));
        const sweepFile = join(dir, 'sweep.json');
        writeFileSync(sweepFile, JSON.stringify({ base: { maxStakePerRaceYen: 5000 }, grid: {} }));
        const out = join(dir, 'out');
        const source = args.includes('--source') ? [] : ['--source', `mc1:${pool}`];
        const full = ['sim', 'sweep', ...source, '--paths', '10', '--threads', '1', '--out', out, ...args.map((a) => (a === 'SWEEPFILE' ? sweepFile : a))];
        const cwd = process.cwd();
        process.chdir(dir); // the default dataset path is relative: make sure it is absent
        try {
          const r = await cli(full);
          expect(r.status).toBe(2);
          expect(r.err).toMatch(message);
        } finally {
          process.chdir(cwd);
        }
        expect(existsSync(out)).toBe(false);
      });
    }
  });
});

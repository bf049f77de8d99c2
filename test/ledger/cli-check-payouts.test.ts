/**
 * End-to-end test of `keiba data check-payouts DIR`: exit 0 with the summary when every pool
 * agrees, exit 1 naming the race that disagrees, `--json`, `--terms`, exit 2 on a missing folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../../src/data/index.ts';
import type { DatasetRows, RaceRow } from '../../src/data/rows.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { payouts, plainField, runners } from './fixtures.ts';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ledger-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function keiba(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/keiba.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const raceRow = (raceId: string, raceNo: number, fieldSize: number): RaceRow => ({
  raceId,
  date: '2024-01-06',
  postTime: null,
  venue: 'Nakayama',
  raceNo,
  surface: 'turf',
  distanceM: 1600,
  fieldSize,
  source: 'test',
});

function dataset(winOfSecondRace: string): DatasetRows {
  return {
    races: [raceRow('2024010601', 1, 8), raceRow('2024010602', 2, 8)],
    runners: [
      ...plainField('2024010601', 8),
      ...runners('2024010602', [[1, 3], [2, 1], [3, 1], [4, 'S'], [5, 5], [6, 6], [7, 7], [8, 8]]),
    ],
    payouts: [
      ...payouts('2024010601', { win: { '1': 250 }, place: { '1': 120, '2': 150, '3': 200 }, quinella: { '1-2': 900 } }),
      ...payouts('2024010602', { win: Object.fromEntries(winOfSecondRace.split(' ').map((c) => [c, 180])), quinella: { '2-3': 700 } }),
    ],
  };
}

describe('keiba data check-payouts DIR', () => {
  it('exits 0 and prints the summary per bet type when every pool agrees', async () => {
    const dir = join(root, 'good');
    await writeDataset(dir, dataset('2 3'), { source: 'test', currency: 'JPY', payoutUnit: 'per 100 JPY' });
    const r = keiba('data', 'check-payouts', dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('terms JRA: 5 pools of 2 races checked');
    expect(r.stdout).toMatch(/win\s+2\s+2\s+0\s+0\n/);
    expect(r.stdout).toContain('OK: every pool agrees or is a named anomaly');
    const j = keiba('data', 'check-payouts', dir, '--json', '--terms', 'hkjc');
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ terms: 'HKJC', ok: true, pools: 5, findings: [] });
  });

  it('exits 1 and names the race and bet type that disagree', async () => {
    const dir = join(root, 'bad');
    await writeDataset(dir, dataset('2'), { source: 'test', currency: 'JPY', payoutUnit: 'per 100 JPY' });
    const r = keiba('data', 'check-payouts', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('DISAGREE 2024010602 win: derived 2 3; recorded 2; not recorded: 3');
    expect(r.stderr).toContain('CHECK_FAILED');
  });

  it('exits 2 on a folder that is not a dataset', () => {
    const r = keiba('data', 'check-payouts', join(root, 'nope'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('DATA_MISSING_FILE');
  });
});

/**
 * Payouts-only races (no runner rows, field_size 0 = unknown, as netkeiba-payouts imports them):
 * `validateDataset` counts them instead of reporting "race has no runners" or payout runners
 * missing from the race, and `keiba data validate` notes them and exits 0. With the shared JRA
 * payouts data, the real import validates clean.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, validateDataset, writeDataset } from '../../src/data/index.ts';
import { importNetkeibaPayouts } from '../../src/data/importers/netkeiba-payouts.ts';
import type { DatasetRows, RaceRow } from '../../src/data/rows.ts';
import { PROJECT_ROOT, sharedPath } from '../shared-data.ts';
import { META, sampleRows, tempDir } from './helpers.ts';

let root = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());

const payoutsOnlyRace = (raceId: string, raceNo: number): RaceRow => ({
  raceId,
  date: '2024-01-06',
  postTime: null,
  venue: 'Nakayama',
  raceNo,
  surface: 'turf',
  distanceM: 1600,
  fieldSize: 0,
  source: 'netkeiba-payouts',
});

/** Two payouts-only races. */
function payoutsOnlyRows(): DatasetRows {
  return {
    races: [payoutsOnlyRace('2024010601', 1), payoutsOnlyRace('2024010602', 2)],
    runners: [],
    payouts: [
      { raceId: '2024010601', betType: 'win', combination: '3', payoutPer100: 250 },
      { raceId: '2024010601', betType: 'bracket_quinella', combination: '2-5', payoutPer100: 900 },
      { raceId: '2024010601', betType: 'trifecta', combination: '3>7>1', payoutPer100: 12340 },
      { raceId: '2024010602', betType: 'win', combination: '5', payoutPer100: 180 },
    ],
  };
}

describe('validateDataset(ds) on payouts-only races', () => {
  it('accepts races with no runner rows and field_size 0, and counts them', async () => {
    const dir = join(root, 'payouts-only');
    await writeDataset(dir, payoutsOnlyRows(), META);
    const r = validateDataset(await readDataset(dir));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.payoutsOnlyRaces).toBe(2);
  });

  it('still reports a race with no runner rows whose field size is known', async () => {
    const rows = payoutsOnlyRows();
    rows.races[1] = { ...rows.races[1], fieldSize: 8 };
    const dir = join(root, 'known-field');
    await writeDataset(dir, rows, META);
    const r = validateDataset(await readDataset(dir));
    expect(r.ok).toBe(false);
    expect(r.payoutsOnlyRaces).toBe(1);
    expect(r.problems.map((p) => [p.race, p.message])).toEqual([
      ['2024010602', 'race has no runners'],
      ['2024010602', 'win 5: runner 5 is not in the race'],
    ]);
  });

  it('counts no payouts-only race in a dataset with runners', async () => {
    const dir = join(root, 'sample');
    await writeDataset(dir, sampleRows(), META);
    expect(validateDataset(await readDataset(dir)).payoutsOnlyRaces).toBe(0);
  });

  it('keiba data validate: exit 0 with a note (text) and the count (--json)', async () => {
    const dir = join(root, 'payouts-only-cli');
    await writeDataset(dir, payoutsOnlyRows(), META);
    const keiba = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/keiba.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const t = keiba('data', 'validate', dir);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('note: 2 payouts-only races (no runner rows, field_size 0): payouts not checked against runners');
    expect(t.stdout).toContain('ok: no problems found');
    const j = keiba('data', 'validate', dir, '--json');
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, problems: [], payoutsOnlyRaces: 2 });
  });
});

const jra = sharedPath('datasets/jra-yamadorinaruho/common/data/raw_csv');

describe.skipIf(!jra)('the real netkeiba-payouts import (JRA 2024-01 .. 2025-01)', () => {
  it('validates clean: every race payouts-only, no problems', async () => {
    const imported = await importNetkeibaPayouts(jra!, { skipBadRows: false });
    const dir = join(root, 'jra-payouts');
    await writeDataset(dir, imported.rows, imported.meta);
    const r = validateDataset(await readDataset(dir));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.payoutsOnlyRaces).toBe(imported.rows.races.length);
    expect(r.payoutsOnlyRaces).toBeGreaterThan(3000);
  }, 120_000);
});

/**
 * checkPayouts on payouts-only races (no runner rows, field size 0 = unknown, as
 * netkeiba-payouts imports them): skipped and counted as not checkable, in the report, its text
 * and `keiba data check-payouts --json`; races with runners beside them are still checked. With
 * the shared JRA payouts data, the real import passes with every race payouts-only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, writeDataset } from '../../src/data/index.ts';
import { importNetkeibaPayouts } from '../../src/data/importers/netkeiba-payouts.ts';
import type { DatasetRows, RaceRow } from '../../src/data/rows.ts';
import { checkPayouts, formatCheckPayouts, JRA_TERMS } from '../../src/ledger/index.ts';
import { PROJECT_ROOT, sharedPath } from '../shared-data.ts';
import { payouts, plainField } from './fixtures.ts';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ledger-payouts-only-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

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

/** One race with runners (agreeing payouts) and two payouts-only races. */
function rows(): DatasetRows {
  return {
    races: [raceRow('2024010601', 1, 8), raceRow('2024010602', 2, 0), raceRow('2024010603', 3, 0)],
    runners: plainField('2024010601', 8),
    payouts: [
      ...payouts('2024010601', { win: { '1': 250 }, quinella: { '1-2': 900 } }),
      ...payouts('2024010602', { win: { '3': 250 }, trifecta: { '3>7>1': 12340 } }),
      ...payouts('2024010603', { win: { '5': 180 } }),
    ],
  };
}

describe('checkPayouts(data, terms) with payouts-only races', () => {
  it('skips them and counts them as not checkable', () => {
    const r = checkPayouts(rows(), JRA_TERMS);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect([r.races, r.pools, r.payoutsOnlyRaces, r.payoutsOnlyPools]).toEqual([1, 2, 2, 3]);
    expect(formatCheckPayouts(r).split('\n').slice(0, 2)).toEqual([
      'terms JRA: 2 pools of 1 races checked',
      'payouts only, not checkable: 3 pools of 2 races (no runner rows, field size 0)',
    ]);
  });

  it('still fails a race without runner rows whose field size is known', () => {
    const data = rows();
    data.races[2] = { ...data.races[2], fieldSize: 8 };
    const r = checkPayouts(data, JRA_TERMS);
    expect(r.ok).toBe(false);
    expect(r.payoutsOnlyRaces).toBe(1);
    expect(r.findings.map((f) => [f.raceId, f.reason])).toEqual([['2024010603', 'payouts recorded for a race without runners']]);
  });

  it('keiba data check-payouts: exit 0, the count in the text and in --json', async () => {
    const dir = join(root, 'mixed');
    await writeDataset(dir, rows(), { source: 'test', currency: 'JPY', payoutUnit: 'per 100 JPY' });
    const keiba = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/keiba.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const t = keiba('data', 'check-payouts', dir);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('payouts only, not checkable: 3 pools of 2 races');
    const j = keiba('data', 'check-payouts', dir, '--json');
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, races: 1, pools: 2, payoutsOnlyRaces: 2, payoutsOnlyPools: 3, findings: [] });
  });
});

const jra = sharedPath('datasets/jra-yamadorinaruho/common/data/raw_csv');

describe.skipIf(!jra)('checkPayouts on the real netkeiba-payouts import (JRA 2024-01 .. 2025-01)', () => {
  it('passes: every race payouts-only, nothing checked, nothing disagrees', async () => {
    const imported = await importNetkeibaPayouts(jra!, { skipBadRows: false });
    const dir = join(root, 'jra-payouts');
    await writeDataset(dir, imported.rows, imported.meta);
    const r = checkPayouts((await readDataset(dir)).toRows(), JRA_TERMS);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.pools).toBe(0);
    expect(r.payoutsOnlyRaces).toBe(imported.rows.races.length);
  }, 120_000);
});

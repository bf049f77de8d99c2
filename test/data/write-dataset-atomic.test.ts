import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError, readDataset, writeDataset, type DatasetRows } from '../../src/data/index.ts';
import { CREATED, META, sampleRows, tempDir } from './helpers.ts';

let root = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());

async function leftovers(): Promise<string[]> {
  return (await readdir(root)).filter((f) => f.includes('.tmp-') || f.includes('.old-'));
}

async function errorOf(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('writeDataset(dir, rows, meta, options) is all or nothing', () => {
  it('a failing write mid-way leaves no target and no temporary folder', async () => {
    const dir = join(root, 'crash-new');
    const e = await errorOf(
      writeDataset(dir, sampleRows(), META, {
        beforeWriteFile: (rel) => {
          if (rel === 'payouts.arrow') throw new Error('disk full (injected)');
        },
      }),
    );
    expect(e.code).toBe('DATA_WRITE_FAILED');
    expect(e.message).toContain('disk full');
    expect(await readdir(root)).not.toContain('crash-new');
    expect(await leftovers()).toEqual([]);
  });

  it('a failing write during overwrite leaves the old dataset as it was', async () => {
    const dir = join(root, 'crash-old');
    await writeDataset(dir, sampleRows(), META, { created: CREATED });
    const before = await readFile(join(dir, 'dataset.json'), 'utf8');
    const rows = sampleRows();
    rows.races[0].venue = 'Kyoto';
    await errorOf(
      writeDataset(dir, rows, META, {
        overwrite: true,
        beforeWriteFile: (rel) => {
          if (rel === 'dataset.json') throw new Error('crash before the manifest (injected)');
        },
      }),
    );
    expect(await readFile(join(dir, 'dataset.json'), 'utf8')).toBe(before);
    expect((await readDataset(dir)).races.venue).toEqual(['Tokyo', 'Tokyo']);
    expect(await leftovers()).toEqual([]);
  });

  it('a row failing the checks late (last table) writes nothing', async () => {
    const dir = join(root, 'bad-late');
    const rows: DatasetRows = sampleRows();
    rows.truth![2] = { raceId: '2024010202', runner: 9, pTrue: 0.2 };
    const e = await errorOf(writeDataset(dir, rows, META));
    expect(e.code).toBe('DATA_INTEGRITY');
    expect(e.message).toMatch(/table truth row 2: field runner = 9: runner not among the runners of race 2024010202/);
    expect(await readdir(root)).not.toContain('bad-late');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses an existing non-empty folder without overwrite, leaving it untouched', async () => {
    const dir = join(root, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const e = await errorOf(writeDataset(dir, sampleRows(), META));
    expect(e.code).toBe('DATA_OUT_EXISTS');
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect(await leftovers()).toEqual([]);
  });

  it('fills an existing empty folder', async () => {
    const dir = join(root, 'empty');
    await mkdir(dir);
    await writeDataset(dir, sampleRows(), META);
    expect((await readDataset(dir)).runners.length).toBe(8);
  });

  it('replaces a dataset with overwrite', async () => {
    const dir = join(root, 'replace');
    await writeDataset(dir, sampleRows(), META);
    const rows = sampleRows();
    rows.races[1].venue = 'Kyoto';
    await writeDataset(dir, rows, META, { overwrite: true });
    expect((await readDataset(dir)).races.venue).toEqual(['Kyoto', 'Tokyo']);
    expect(await leftovers()).toEqual([]);
  });
});

describe('writeDataset(dir, rows, meta) refuses bad rows, naming table, row and field', () => {
  const cases: [string, (r: DatasetRows) => void, RegExp][] = [
    ['a non-canonical combination', (r) => (r.payouts[3].combination = '2-1'), /table payouts row 3: field combination = '2-1': not canonical for quinella \(write '1-2'\)/],
    ['an unknown bet type', (r) => ((r.payouts[0] as { betType: string }).betType = 'show'), /table payouts row 0: field betType = 'show'/],
    ['a runner of an unknown race', (r) => (r.runners[0].raceId = 'X'), /table runners row 0: field raceId = 'X': race_id not in races/],
    ['a duplicated runner', (r) => (r.runners[1].runner = 1), /table runners row 1: field runner = 1: duplicate runner in race 2024010201/],
    ['an impossible date', (r) => (r.races[0].date = '2024-02-30'), /table races row 0: field date = '2024-02-30'/],
    ['a text runner number', (r) => ((r.runners[2] as unknown as { runner: string }).runner = '3'), /table runners row 2: field runner = '3': expected an integer/],
    ['a NaN probability', (r) => (r.predictions!['model-a'][0].p = Number.NaN), /table predictions\/model-a row 0: field p/],
    ['a fractional payout', (r) => (r.payouts[0].payoutPer100 = 180.5), /table payouts row 0: field payoutPer100 = 180.5: expected an integer/],
    ['a duplicated race id', (r) => (r.races[1].raceId = r.races[0].raceId), /table races row 1: field raceId = '2024010202': duplicate race_id/],
  ];
  for (const [what, spoil, message] of cases) {
    it(what, async () => {
      const rows = sampleRows();
      spoil(rows);
      const e = await errorOf(writeDataset(join(root, 'never'), rows, META));
      expect(e.message).toMatch(message);
      expect(await readdir(root)).not.toContain('never');
    });
  }
});

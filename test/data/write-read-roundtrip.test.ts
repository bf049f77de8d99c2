import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, sortDatasetRows, writeDataset, STATUS_CODE } from '../../src/data/index.ts';
import { CREATED, META, datasetRowsArb, sampleRows, tempDir } from './helpers.ts';

let root = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe('writeDataset(dir, rows, meta) then readDataset(dir).toRows()', () => {
  it('gives back the rows in canonical order, losslessly (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(datasetRowsArb, async (rows) => {
        const dir = join(root, `prop-${n++}`);
        await writeDataset(dir, rows, META, { created: CREATED });
        const back = (await readDataset(dir)).toRows();
        expect(back).toEqual(sortDatasetRows(rows));
      }),
      { numRuns: 25 },
    );
  });

  it('writes races sorted by (date, post_time, race_id) and runners by (race, runner)', async () => {
    const dir = join(root, 'sample');
    const m = await writeDataset(dir, sampleRows(), META, { created: CREATED });
    const ds = await readDataset(dir);
    expect(ds.races.raceId).toEqual(['2024010201', '2024010202']);
    expect(Array.from(ds.runners.raceOffsets)).toEqual([0, 4, 8]);
    expect(Array.from(ds.runners.raceIndex)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(ds.runners.runner)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(ds.runners.status[5]).toBe(STATUS_CODE.scratched);
    expect(ds.runners.finishPos[5]).toBe(0);
    expect(Number.isNaN(ds.runners.winOdds[5])).toBe(true);
    expect(Array.from(ds.payouts.raceOffsets)).toEqual([0, 7, 10]);
    // payouts in JRA bet type order, then numerically
    expect(ds.payouts.combination.slice(0, 7)).toEqual(['2', '1', '2', '1-2', '1-2', '2>1', '2>1>3']);
    const p = ds.predictions('model-a');
    expect(Array.from(p.subarray(0, 4))).toEqual([0.3, 0.4, 0.2, 0.1]);
    expect(Array.from(p.subarray(4)).every(Number.isNaN)).toBe(true);
    expect(Array.from(ds.truth()!.subarray(4))).toEqual([0.5, Number.NaN, 0.3, 0.2]);
    expect(m.dateRange).toEqual({ from: '2024-01-02', to: '2024-01-02' });
    expect(m.tables.runners.rows).toBe(8);
    expect(Object.keys(m.predictions)).toEqual(['model-a']);
    expect(() => ds.predictions('nope')).toThrow(/model-a/);
  });

  it('is byte-reproducible with a fixed created timestamp', async () => {
    const a = join(root, 'rep-a');
    const b = join(root, 'rep-b');
    await writeDataset(a, sampleRows(), META, { created: CREATED });
    await writeDataset(b, sampleRows(), META, { created: CREATED });
    for (const f of ['dataset.json', 'races.arrow', 'runners.arrow', 'payouts.arrow', 'predictions/model-a.arrow']) {
      expect(Buffer.compare(await readFile(join(a, f)), await readFile(join(b, f)))).toBe(0);
    }
    const manifest = JSON.parse(await readFile(join(a, 'dataset.json'), 'utf8'));
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.created).toBe(CREATED);
    expect(Object.keys(manifest.tables)).toEqual(['races', 'runners', 'payouts', 'odds_snapshots', 'truth']);
  });

  it('leaves no temporary files beside or inside the dataset', async () => {
    const dir = join(root, 'clean');
    await writeDataset(dir, sampleRows(), { ...META, description: 'demo' }, { created: CREATED, extraFiles: { 'import-report.json': '{}\n' } });
    expect((await readdir(root)).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([
      'dataset.json',
      'import-report.json',
      'odds_snapshots.arrow',
      'payouts.arrow',
      'predictions',
      'races.arrow',
      'runners.arrow',
      'truth.arrow',
    ]);
  });
});

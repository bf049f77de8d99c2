import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetInfo, readDataset, writeDataset } from '../../src/data/index.ts';
import { CREATED, META, sampleRows, tempDir } from './helpers.ts';

let root = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe('datasetInfo(ds)', () => {
  it('summarises counts, dates, venues, field sizes, overrounds, scratches and dead heats', async () => {
    const dir = join(root, 'info');
    await writeDataset(dir, sampleRows(), META, { created: CREATED });
    const info = datasetInfo(await readDataset(dir));
    expect(info).toMatchObject({
      source: 'test',
      description: null,
      created: CREATED,
      currency: 'JPY',
      counts: { races: 2, runners: 8, payouts: 10, oddsSnapshots: 2, truth: 3, predictions: { 'model-a': 4 } },
      dateRange: { from: '2024-01-02', to: '2024-01-02' },
      venues: [{ venue: 'Tokyo', races: 2 }],
      fieldSizes: { min: 4, median: 4, max: 4 },
      runnersPerRace: { min: 4, median: 4, max: 4 },
      missingTables: [],
      scratches: 1,
      deadHeats: 1,
      payoutRaces: { win: 2, place: 1, bracket_quinella: 1, quinella: 1, exacta: 2, trifecta: 1 },
    });
    // race 1: 1/3.2 + 1/1.8 + 1/6.5 + 1/12; race 2 (scratch skipped): 1/2.2 + 1/4 + 1/5
    const r1 = 1 / 3.2 + 1 / 1.8 + 1 / 6.5 + 1 / 12;
    const r2 = 1 / 2.2 + 1 / 4 + 1 / 5;
    expect(info.overround.winFinalOdds!.races).toBe(2);
    expect(info.overround.winFinalOdds!.median).toBeCloseTo((r1 + r2) / 2, 6);
    expect(info.overround.lastSnapshot.win).toEqual({ races: 1, median: +(1 / 1.9).toFixed(6) });
  });

  it('lists missing optional tables', async () => {
    const dir = join(root, 'bare');
    const rows = sampleRows();
    delete rows.oddsSnapshots;
    delete rows.predictions;
    delete rows.truth;
    await writeDataset(dir, rows, META);
    const info = datasetInfo(await readDataset(dir));
    expect(info.missingTables).toEqual(['odds_snapshots', 'predictions', 'truth']);
    expect(info.counts.oddsSnapshots).toBeNull();
    expect(info.overround.lastSnapshot).toEqual({});
  });
});

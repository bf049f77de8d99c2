import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, validateDataset, writeDataset, type DatasetRows } from '../../src/data/index.ts';
import { META, sampleRows, tempDir } from './helpers.ts';

let root = '';
let cleanup: () => Promise<void> = async () => {};
let n = 0;
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());

async function validate(spoil: (r: DatasetRows) => void = () => {}) {
  const rows = sampleRows();
  spoil(rows);
  const dir = join(root, `v-${n++}`);
  await writeDataset(dir, rows, META);
  return validateDataset(await readDataset(dir));
}

describe('validateDataset(ds)', () => {
  it('finds nothing wrong in a sound dataset (dead heat and scratch included)', async () => {
    const r = await validate();
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checked).toEqual({ races: 2, runners: 8, payouts: 10, oddsSnapshots: 2, models: ['model-a'], truth: true });
  });

  it('reports probabilities that do not sum to 1, naming table, race and field', async () => {
    const r = await validate((rows) => (rows.predictions!['model-a'][0].p = 0.31));
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ check: 'probabilities', table: 'predictions/model-a', race: '2024010201', field: 'p' });
    expect(r.problems[0].message).toMatch(/sum to 1\.01/);
  });

  it('accepts a sum within 1e-6 and reports a probability outside [0, 1]', async () => {
    expect((await validate((rows) => (rows.predictions!['model-a'][0].p = 0.3 + 5e-7))).ok).toBe(true);
    const r = await validate((rows) => {
      rows.truth![0].pTrue = 1.2;
      rows.truth![1].pTrue = -0.5;
    });
    expect(r.problems.map((p) => [p.table, p.field])).toEqual([
      ['truth', 'p_true'],
      ['truth', 'p_true'],
    ]);
  });

  it('reports win odds below 1 and odds snapshots below 1', async () => {
    const r = await validate((rows) => {
      rows.runners[0].winOddsFinal = 0.9;
      rows.oddsSnapshots![0].odds = 0.5;
    });
    expect(r.problems.map((p) => [p.check, p.table, p.field, p.row])).toEqual([
      ['odds', 'runners', 'win_odds_final', 0],
      ['odds', 'odds_snapshots', 'odds', 0],
    ]);
  });

  it('reports inconsistent finishing positions', async () => {
    const r = await validate((rows) => {
      rows.runners[3].finishPos = 6; // 1,2,3,6
      rows.runners[5].finishPos = 4; // scratched with a position
      rows.runners[6].finishPos = null; // ran without one
    });
    const msgs = r.problems.map((p) => `${p.race} ${p.field}: ${p.message}`);
    expect(msgs).toEqual([
      '2024010201 finish_pos: finish positions 1,2,3,6 are not 1..4 with ties',
      '2024010202 finish_pos: runner 2 is scratched but has finish position 4',
      '2024010202 finish_pos: runner 3 ran but has no finish position',
    ]);
  });

  it('reports payouts that are not positive or name runners or brackets not in the race', async () => {
    const r = await validate((rows) => {
      rows.payouts[0].payoutPer100 = 0;
      rows.payouts[4].combination = '2>9';
      rows.payouts[6].combination = '1-7';
    });
    expect(r.problems.map((p) => p.message)).toEqual([
      'win 2: payout 0 is not a positive integer',
      'bracket_quinella 1-7: bracket 7 has no runner',
      'exacta 2>9: runner 9 is not in the race',
    ]);
    expect(r.problems.every((p) => p.table === 'payouts' && p.race === '2024010201')).toBe(true);
  });

  it('reports a race without runners and a field size below the runners listed', async () => {
    const r = await validate((rows) => {
      rows.races.push({ ...rows.races[0], raceId: 'empty', raceNo: 9 });
      rows.races[1].fieldSize = 3;
    });
    expect(r.problems.map((p) => `${p.race} ${p.field}`)).toEqual(['2024010201 field_size', 'empty race_id']);
  });
});

/**
 * Tests of importNetkeibaRunners: the real 216-race sample (counts of races, rows, dead heats and
 * finish codes, the overround median), hand-checked races (dead heat, scratch, demotion), and
 * malformed fixtures giving DataErrors that name file, line and field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/data/errors.ts';
import { importNetkeibaRunners } from '../../../src/data/importers/netkeiba-runners.ts';
import type { ImportResult } from '../../../src/data/importers/types.ts';
import { checkDatasetRows } from '../../../src/data/io/check-rows.ts';
import { sharedPath } from '../../shared-data.ts';

const file = sharedPath('datasets/jra-nasjp-netkeiba/data/race_result.csv');

describe.skipIf(!file)('importNetkeibaRunners(race_result.csv, options) on the real sample', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = await importNetkeibaRunners(file!, { skipBadRows: false });
  });

  it('imports 216 races and 3,030 runner rows, no payouts', () => {
    expect(result.rows.races).toHaveLength(216);
    expect(result.rows.runners).toHaveLength(3030);
    expect(result.rows.payouts).toEqual([]);
    expect(result.report).toMatchObject({ races: 216, runners: 3030, refused: [], duplicatesDropped: 0 });
    expect(result.meta).toMatchObject({ source: 'netkeiba-runners', currency: 'JPY' });
    expect(() => checkDatasetRows(result.rows)).not.toThrow();
    const sizes = result.rows.races.map((r) => r.fieldSize);
    expect([Math.min(...sizes), Math.max(...sizes)]).toEqual([6, 18]);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3030);
  });

  it('counts 1 dead heat, 10 dnf, 7 excluded, 5 scratched, 1 demoted', () => {
    const status = (s: string): number => result.rows.runners.filter((r) => r.status === s).length;
    expect(result.report.deadHeats).toBe(1);
    expect(status('dnf')).toBe(10);
    expect(status('excluded')).toBe(7);
    expect(status('scratched')).toBe(5);
    expect(result.report.scratches).toBe(5);
    expect(result.report.notes).toContain('1 demoted runners (N(降) -> finishPos N, status ran): 202207011105 runner 5 (3(降))');
    const noOdds = result.rows.runners.filter((r) => r.winOddsFinal === null);
    expect(noOdds).toHaveLength(12);
    expect(noOdds.every((r) => r.status === 'scratched' || r.status === 'excluded')).toBe(true);
  });

  it('overround (sum of 1/odds over runners with odds) has median 1.264', () => {
    const sums = new Map<string, number>();
    for (const r of result.rows.runners) if (r.winOddsFinal !== null) sums.set(r.raceId, (sums.get(r.raceId) ?? 0) + 1 / r.winOddsFinal);
    const v = [...sums.values()].sort((a, b) => a - b);
    const median = (v[107] + v[108]) / 2;
    expect(median).toBeCloseTo(1.264, 3);
    expect(v[0]).toBeGreaterThan(1.25);
    expect(v[v.length - 1]).toBeLessThan(1.3);
  });

  it('races: venue from the code, date a year placeholder, no post time, surface or distance', () => {
    const venues = new Set(result.rows.races.map((r) => r.venue));
    expect([...venues].sort()).toEqual(['Chukyo', 'Hanshin', 'Kokura', 'Tokyo']);
    expect(result.rows.races[0]).toEqual({
      raceId: '202205010301',
      date: '2022-01-01',
      postTime: null,
      venue: 'Tokyo',
      raceNo: 1,
      surface: null,
      distanceM: null,
      fieldSize: 16,
      source: 'netkeiba-runners',
    });
    expect(result.report.notes[0]).toMatch(/placeholder/);
  });

  it('hand-checked dead heat for 1st: 202209010110', () => {
    expect(result.rows.runners.filter((r) => r.raceId === '202209010110').map((r) => [r.runner, r.bracket, r.status, r.finishPos, r.winOddsFinal, r.popularity])).toEqual([
      [1, 1, 'ran', 1, 11.4, 4],
      [2, 2, 'ran', 1, 2.2, 2],
      [3, 3, 'ran', 4, 8.3, 3],
      [4, 4, 'ran', 5, 47.3, 6],
      [5, 5, 'ran', 3, 2.1, 1],
      [6, 6, 'ran', 6, 77.5, 7],
      [7, 7, 'ran', 7, 12.8, 5],
      [8, 8, 'ran', 8, 84.7, 8],
    ]);
  });

  it('hand-checked scratch: 202207011104 runner 5 (取)', () => {
    const rows = result.rows.runners.filter((r) => r.raceId === '202207011104');
    expect(rows).toHaveLength(15);
    expect(result.rows.races.find((r) => r.raceId === '202207011104')?.fieldSize).toBe(15);
    expect(rows.find((r) => r.runner === 5)).toEqual({ raceId: '202207011104', runner: 5, bracket: 3, status: 'scratched', finishPos: null, winOddsFinal: null, popularity: null });
    expect(rows.find((r) => r.runner === 7)).toEqual({ raceId: '202207011104', runner: 7, bracket: 4, status: 'ran', finishPos: 1, winOddsFinal: 29.4, popularity: 7 });
  });

  it('hand-checked demotion: 202207011105 runner 5 placed 3rd, status ran', () => {
    expect(result.rows.runners.find((r) => r.raceId === '202207011105' && r.runner === 5)).toEqual({
      raceId: '202207011105', runner: 5, bracket: 4, status: 'ran', finishPos: 3, winOddsFinal: 3.4, popularity: 2,
    });
  });
});

const HEADER = '着順,枠番,馬番,馬名,性齢,斤量,騎手,タイム,着差,単勝,人気,馬体重,調教師,race_id,horse_id,jockey_id,trainer_id,owner_id';
const ROWS = [
  '1,3,6,ヴィブラフォン,牝3,54.0,横山武史,1:26.2,,2.4,1.0,448(+14),[東] 高木登,202205010301,2019105096,01170,01088,790005',
  '2,6,12,オーロラアーク,牝3,54.0,武士沢友,1:26.4,1.1/4,5.2,3.0,418(-4),[東] 石栗龍彦,202205010301,2019102186,01029,01043,849033',
  '中,6,11,ランパデール,牝3,54.0,丸山元気,,,15.5,6.0,422(+8),[東] 和田雄二,202205010301,2019105223,01127,01143,226800',
  '取,8,15,ビッグロジールーフ,牝3,54.0,柴田大知,,,---,,432(+4),[東] 田中剛,202205010301,2019104803,01009,01119,318031',
];

describe('importNetkeibaRunners(fixture, options) on malformed files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keiba-nkr-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const fixture = (lines: string[]): string => {
    const p = join(dir, `race_result_${n++}.csv`);
    writeFileSync(p, lines.join('\n') + '\n');
    return p;
  };
  const error = async (path: string): Promise<DataError> => {
    try {
      await importNetkeibaRunners(path, { skipBadRows: false });
    } catch (e) {
      if (e instanceof DataError) return e;
      throw e;
    }
    throw new Error('expected a DataError');
  };

  it('imports the valid fixture', async () => {
    const { rows, report } = await importNetkeibaRunners(fixture([HEADER, ...ROWS]), { skipBadRows: false });
    expect(rows.runners.map((r) => [r.runner, r.status, r.finishPos, r.winOddsFinal, r.popularity])).toEqual([
      [6, 'ran', 1, 2.4, 1],
      [11, 'dnf', null, 15.5, 6],
      [12, 'ran', 2, 5.2, 3],
      [15, 'scratched', null, null, null],
    ]);
    expect(rows.races[0].fieldSize).toBe(4);
    expect(report.scratches).toBe(1);
  });

  it('a bad finish code -> DATA_BAD_ROW naming 着順; skipBadRows lists it', async () => {
    const p = fixture([HEADER, ROWS[0], ROWS[1].replace(/^2,/, '2(再),'), ROWS[2]]);
    const e = await error(p);
    expect(e).toMatchObject({ code: 'DATA_BAD_ROW', line: 3, field: '着順', value: '2(再)' });
    expect(e.file).toMatch(/^race_result_\d+\.csv$/);
    const { rows, report } = await importNetkeibaRunners(p, { skipBadRows: true });
    expect(report.refused.map((r) => [r.line, r.field, r.value])).toEqual([[3, '着順', '2(再)']]);
    expect(rows.runners).toHaveLength(2);
  });

  it('text in a number column -> DATA_BAD_ROW naming 単勝 / 人気 / 馬番', async () => {
    expect(await error(fixture([HEADER, ROWS[0].replace(',2.4,', ',2.4x,')]))).toMatchObject({ line: 2, field: '単勝', value: '2.4x' });
    expect(await error(fixture([HEADER, ROWS[0].replace(',1.0,', ',1.5,')]))).toMatchObject({ line: 2, field: '人気', value: '1.5' });
    expect(await error(fixture([HEADER, ROWS[0].replace(/^1,3,6,/, '1,3,x,')]))).toMatchObject({ line: 2, field: '馬番', value: 'x' });
  });

  it('a truncated file -> DATA_BAD_ROW naming the first missing column', async () => {
    const e = await error(fixture([HEADER, ROWS[0], ROWS[1].slice(0, 30)]));
    expect(e).toMatchObject({ code: 'DATA_BAD_ROW', line: 3 });
    expect(typeof e.field).toBe('string');
  });

  it('a missing column -> DATA_SCHEMA naming it', async () => {
    const drop = (l: string): string => l.split(',').filter((_, i) => i !== 9).join(',');
    expect(await error(fixture([drop(HEADER), ...ROWS.map(drop)]))).toMatchObject({ code: 'DATA_SCHEMA', line: 1, field: '単勝' });
  });

  it('a saddle number twice in a race -> DATA_INTEGRITY', async () => {
    expect(await error(fixture([HEADER, ROWS[0], ROWS[0].replace(/^1,/, '3,')]))).toMatchObject({ code: 'DATA_INTEGRITY', line: 3, field: '馬番' });
  });
});

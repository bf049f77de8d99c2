/**
 * Tests of importNetkeibaPayouts: the real netkeiba race info + payouts (counts checked against
 * a plain scan of the raw TSV), two hand-checked races (one with a dead heat for 1st), and small
 * malformed fixtures (bad list literal, text in a payout, truncated file, missing column, a
 * payout row of an unknown race) giving DataErrors that name file, line and field.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/data/errors.ts';
import { importNetkeibaPayouts } from '../../../src/data/importers/netkeiba-payouts.ts';
import type { ImportResult } from '../../../src/data/importers/types.ts';
import { checkDatasetRows } from '../../../src/data/io/check-rows.ts';
import { sharedPath } from '../../shared-data.ts';

const root = sharedPath('datasets/jra-yamadorinaruho/common/data/raw_csv');

describe.skipIf(!root)('importNetkeibaPayouts(raw_csv, options) on the real files', () => {
  let result: ImportResult;
  let rawRows: string[][];
  beforeAll(async () => {
    result = await importNetkeibaPayouts(root!, { skipBadRows: false });
    rawRows = readFileSync(join(root!, 'raw_race_return.csv'), 'utf8').split('\n').slice(1).filter((l) => l !== '').map((l) => l.split('\t'));
  });

  it('imports 3,694 races, 29,334 payout rows split into 44,104 combinations, no runners', () => {
    expect(result.rows.races).toHaveLength(3694);
    expect(rawRows).toHaveLength(29334);
    const rawCombinations = rawRows.reduce((s, r) => s + r[4].trim().split(/\s+/).length, 0);
    expect(result.rows.payouts).toHaveLength(rawCombinations);
    expect(rawCombinations).toBe(44104);
    expect(result.report.notes[0]).toBe('29334 payout rows split into 44104 winning combinations (cells hold several combinations separated by spaces)');
    expect(result.rows.runners).toEqual([]);
    expect(result.report).toMatchObject({ races: 3694, runners: 0, refused: [], duplicatesDropped: 0 });
    expect(result.meta).toMatchObject({ source: 'netkeiba-payouts', currency: 'JPY', payoutUnit: 'per 100 JPY' });
    expect(() => checkDatasetRows(result.rows)).not.toThrow();
  });

  it('counts per pool: 7 races with two win winners, place 2 in 100 / 4 in 9, no bracket quinella in 218', () => {
    const count = new Map<string, number>();
    for (const p of result.rows.payouts) count.set(`${p.raceId} ${p.betType}`, (count.get(`${p.raceId} ${p.betType}`) ?? 0) + 1);
    const races = (betType: string, n: number): number => result.rows.races.filter((r) => (count.get(`${r.raceId} ${betType}`) ?? 0) === n).length;
    expect(races('win', 2)).toBe(7);
    expect(races('place', 2)).toBe(100);
    expect(races('place', 3)).toBe(3694 - 100 - 9);
    expect(races('place', 4)).toBe(9);
    expect(races('bracket_quinella', 0)).toBe(218);
    for (const bt of ['win', 'place', 'quinella', 'wide', 'exacta', 'trio', 'trifecta']) expect(races(bt, 0)).toBe(0);
  });

  it('races: venues, dates, post times and surfaces as the source says', () => {
    const byVenue: Record<string, number> = {};
    for (const r of result.rows.races) byVenue[r.venue] = (byVenue[r.venue] ?? 0) + 1;
    expect(byVenue).toEqual({ Kyoto: 719, Nakayama: 600, Tokyo: 528, Chukyo: 456, Niigata: 335, Kokura: 312, Fukushima: 240, Hanshin: 192, Sapporo: 168, Hakodate: 144 });
    const dates = result.rows.races.map((r) => r.date).sort();
    expect([dates[0], dates[dates.length - 1]]).toEqual(['2024-01-06', '2025-01-26']);
    expect(new Set(dates).size).toBe(115);
    expect(dates.filter((d) => d.startsWith('2024')).length).toBe(3454);
    const times = result.rows.races.map((r) => r.postTime!.slice(11)).sort();
    expect([times[0], times[times.length - 1]]).toEqual(['09:30', '18:25']);
    const odd = result.rows.races.filter((r) => r.postTime!.slice(0, 10) !== r.date || r.fieldSize !== 0 || r.raceId.slice(0, 4) !== r.date.slice(0, 4));
    expect(odd).toEqual([]);
    const jump = result.rows.races.filter((r) => r.surface === 'jump');
    expect(jump.length).toBe(74 + 30 + 29 + 2 + 1);
    expect(result.report.notes).toContain('30 jump races have their course text split over two info1 items (joined)');
  });

  it('the win winners are the first legs of the exacta and trifecta combinations in every race', () => {
    const legs = new Map<string, Record<string, Set<string>>>();
    for (const p of result.rows.payouts) {
      const m = legs.get(p.raceId) ?? { win: new Set(), exacta: new Set(), trifecta: new Set() };
      if (p.betType === 'win') m.win.add(p.combination);
      if (p.betType === 'exacta' || p.betType === 'trifecta') m[p.betType].add(p.combination.split('>')[0]);
      legs.set(p.raceId, m);
    }
    const same = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
    const odd = [...legs].filter(([, m]) => !same(m.exacta, m.win) || !same(m.trifecta, m.win)).map(([id]) => id);
    expect(legs.size).toBe(3694);
    expect(odd).toEqual([]);
  });

  it('hand-checked race 202408060405 (2歳新馬, Kyoto, 2024-11-10 12:20)', () => {
    const id = '202408060405';
    expect(result.rows.races.find((r) => r.raceId === id)).toEqual({
      raceId: id,
      date: '2024-11-10',
      postTime: '2024-11-10T12:20',
      venue: 'Kyoto',
      raceNo: 5,
      surface: 'turf',
      distanceM: 2000,
      fieldSize: 0,
      source: 'netkeiba-payouts',
    });
    expect(result.rows.payouts.filter((p) => p.raceId === id).map((p) => [p.betType, p.combination, p.payoutPer100])).toEqual([
      ['win', '10', 230],
      ['place', '1', 140],
      ['place', '5', 130],
      ['place', '10', 120],
      ['bracket_quinella', '5-8', 470],
      ['quinella', '5-10', 460],
      ['wide', '1-5', 340],
      ['wide', '1-10', 290],
      ['wide', '5-10', 210],
      ['exacta', '10>5', 760],
      ['trio', '1-5-10', 760],
      ['trifecta', '10>5>1', 2470],
    ]);
  });

  it('hand-checked dead heat for 1st: 202510010111 (two win, exacta and trifecta winners)', () => {
    const id = '202510010111';
    expect(result.rows.races.find((r) => r.raceId === id)).toMatchObject({ date: '2025-01-25', postTime: '2025-01-25T15:25', venue: 'Kokura', raceNo: 11 });
    expect(result.rows.payouts.filter((p) => p.raceId === id).map((p) => [p.betType, p.combination, p.payoutPer100])).toEqual([
      ['win', '3', 680],
      ['win', '7', 410],
      ['place', '3', 390],
      ['place', '7', 300],
      ['place', '14', 380],
      ['bracket_quinella', '2-4', 5240],
      ['quinella', '3-7', 4810],
      ['wide', '3-7', 1450],
      ['wide', '3-14', 2180],
      ['wide', '7-14', 1670],
      ['exacta', '3>7', 5960],
      ['exacta', '7>3', 5000],
      ['trio', '3-7-14', 16680],
      ['trifecta', '3>7>14', 61330],
      ['trifecta', '7>3>14', 48330],
    ]);
  });
});

const INFO_HEADER = 'race_id\ttitle\tinfo1\tinfo2';
const INFO_ROW = "202408060405\t2歳新馬\t['芝右2000m', '天候:晴', '芝:良', '発走:12:20']\t['2024年11月10日', '6回京都4日目', '2歳新馬', '混', '指', '馬齢']";
const RETURN_LINES = [
  '\trace_id\t0\t1\t2\t3',
  '0\t202408060405\t単勝\t10\t230\t1',
  '1\t202408060405\t複勝\t10 5 1\t120 130 140\t1 2 3',
  '2\t202408060405\t枠連\t5 - 8\t470\t1',
  '3\t202408060405\t馬連\t5 - 10\t460\t1',
  '0\t202408060405\tワイド\t5 - 10 1 - 10 1 - 5\t210 290 340\t1 2 4',
  '1\t202408060405\t馬単\t10 → 5\t760\t1',
  '2\t202408060405\t三連複\t1 - 5 - 10\t760\t1',
  '3\t202408060405\t三連単\t10 → 5 → 1\t2,470\t2',
];

describe('importNetkeibaPayouts(fixture folder, options) on malformed files', () => {
  const base = mkdtempSync(join(tmpdir(), 'keiba-nkp-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let n = 0;
  const fixture = (info: string[], ret: string[]): string => {
    const dir = join(base, `case-${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'raw_race_info.csv'), info.join('\n') + '\n');
    writeFileSync(join(dir, 'raw_race_return.csv'), ret.join('\n') + '\n');
    return dir;
  };
  const error = async (dir: string): Promise<DataError> => {
    try {
      await importNetkeibaPayouts(dir, { skipBadRows: false });
    } catch (e) {
      if (e instanceof DataError) return e;
      throw e;
    }
    throw new Error('expected a DataError');
  };

  it('imports the valid fixture', async () => {
    const { rows, report } = await importNetkeibaPayouts(fixture([INFO_HEADER, INFO_ROW], RETURN_LINES), { skipBadRows: false });
    expect(rows.races).toHaveLength(1);
    expect(rows.payouts).toHaveLength(12);
    expect(report.refused).toEqual([]);
  });

  it('a list literal that is not a list of strings -> DATA_BAD_ROW naming info1', async () => {
    const dir = fixture([INFO_HEADER, INFO_ROW.replace("['芝右2000m',", "[os.system('x'),")], RETURN_LINES);
    expect(await error(dir)).toMatchObject({ code: 'DATA_BAD_ROW', file: 'raw_race_info.csv', line: 2, field: 'info1' });
    const { rows, report } = await importNetkeibaPayouts(dir, { skipBadRows: true });
    expect(report.refused.map((r) => [r.file, r.line, r.field])).toEqual([
      ['raw_race_info.csv', 2, 'info1'],
      ...RETURN_LINES.slice(1).map((_, i) => ['raw_race_return.csv', i + 2, 'race_id']),
    ]);
    expect(rows.races).toEqual([]);
  });

  it('text in a payout cell -> DATA_BAD_ROW naming column 2', async () => {
    const ret = [...RETURN_LINES];
    ret[4] = '3\t202408060405\t馬連\t5 - 10\t4六0\t1';
    const dir = fixture([INFO_HEADER, INFO_ROW], ret);
    const e = await error(dir);
    expect(e).toMatchObject({ code: 'DATA_BAD_ROW', file: 'raw_race_return.csv', line: 5, field: '2', value: '4六0' });
    const { rows, report } = await importNetkeibaPayouts(dir, { skipBadRows: true });
    expect(report.refused.map((r) => [r.line, r.field])).toEqual([[5, '2']]);
    expect(rows.payouts.some((p) => p.betType === 'quinella')).toBe(false);
  });

  it('a truncated file (last row cut) -> DATA_BAD_ROW naming the first missing column', async () => {
    const ret = [...RETURN_LINES];
    ret[8] = '3\t202408060405\t三連単\t10 → 5';
    expect(await error(fixture([INFO_HEADER, INFO_ROW], ret))).toMatchObject({ code: 'DATA_BAD_ROW', file: 'raw_race_return.csv', line: 9, field: '2' });
  });

  it('a missing column -> DATA_SCHEMA naming it', async () => {
    expect(await error(fixture(['race_id\ttitle\tinfo1', INFO_ROW], RETURN_LINES))).toMatchObject({ code: 'DATA_SCHEMA', file: 'raw_race_info.csv', line: 1, field: 'info2' });
  });

  it('a payout row of an unknown race, a meeting that disagrees with the id -> DATA_INTEGRITY', async () => {
    const ret = [...RETURN_LINES, '0\t202408060406\t単勝\t3\t500\t2'];
    expect(await error(fixture([INFO_HEADER, INFO_ROW], ret))).toMatchObject({ code: 'DATA_INTEGRITY', file: 'raw_race_return.csv', line: 10, field: 'race_id' });
    const info = INFO_ROW.replace('6回京都4日目', '6回阪神4日目');
    expect(await error(fixture([INFO_HEADER, info], RETURN_LINES))).toMatchObject({ code: 'DATA_INTEGRITY', file: 'raw_race_info.csv', line: 2, field: 'info2' });
  });

  it('a missing file -> DATA_MISSING_FILE', async () => {
    await expect(importNetkeibaPayouts(join(base, 'nope'), { skipBadRows: false })).rejects.toMatchObject({ code: 'DATA_MISSING_FILE' });
  });
});

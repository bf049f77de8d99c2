/**
 * Tests of importHkjc on small fixture folders written to a temp dir: a valid meeting (BOM,
 * duplicate row, scratch, dead heat), then malformed files: a bad placing code, text in a number
 * column, a truncated file, a missing column, bad dividend text, an unknown pool. Each gives a
 * DataError naming file, line and field; with skipBadRows the row is listed in report.refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/data/errors.ts';
import { importHkjc } from '../../../src/data/importers/hkjc.ts';

const RESULTS_HEADER =
  'date,venue,race_no,race_meeting_no,race_name,race_class,distance_m,rating_range,going,course,prize_hkd,race_finish_time,sectional_times_header,place,horse_no,horse_name,jockey,trainer,actual_wt_lbs,declared_wt_lbs,draw,lbw,running_position,finish_time,win_odds';
const DIVIDENDS_HEADER = 'date,venue,race_no,pool,combination,dividend_hkd';

function result(place: string, horseNo: string, odds: string, raceNo = 1): string {
  const ran = odds !== '---';
  return [
    '2016-01-01', '沙田', String(raceNo), '291', '黃嶺讓賽', '第五班', '1400', '40-15', '好地', '"草地 - ""B+2"" 賽道"', '600000',
    '(13.79) (35.93) (59.42) (1:23.30)', '13.79 22.14 23.49 23.88', place, horseNo, `馬${horseNo} (S${horseNo}00)`, '郭能', '方嘉柏',
    '123', ran ? '990' : '---', '3', ran ? '-' : '---', ran ? '4 3 3 1' : '---', ran ? '1:23.30' : '---', odds,
  ].join(',');
}

const GOOD_RESULTS = [
  RESULTS_HEADER,
  result('1 平頭馬', '2', '3.5'),
  result('1 平頭馬', '4', '8.1'),
  result('3', '1', '12'),
  result('3', '1', '12'), // exact duplicate
  result('4', '5', '2.4'),
  result('WV', '3', '---'),
  result('WX', '', '---'),
];
const GOOD_DIVIDENDS = [
  DIVIDENDS_HEADER,
  '2016-01-01,沙田,1,獨贏,2,17.50',
  '2016-01-01,沙田,1,位置,2,11.00',
  '2016-01-01,沙田,1,連贏,"2,4","1,234.50"',
  '2016-01-01,沙田,1,位置Q,"2,4",302.00',
  '2016-01-01,沙田,1,3揀1（組合獨贏）,A1,未能勝出',
  '2016-01-01,沙田,1,單T,"1,2,4",610.00',
  '2016-01-01,沙田,1,四重彩,"2,4,1,5","386,757.60/$1.0"',
  '2016-01-01,沙田,1,第一口孖寶,12/2,177.00',
  '2016-01-01,沙田,1,騎師王 1,郭能,詳情',
];

const base = mkdtempSync(join(tmpdir(), 'keiba-hkjc-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

/** Writes a meeting folder (year folder 2016) and returns its root. */
function fixture(results: string, dividends: string = GOOD_DIVIDENDS.join('\n') + '\n'): string {
  const root = join(base, `case-${n++}`);
  mkdirSync(join(root, '2016'), { recursive: true });
  writeFileSync(join(root, '2016', 'results_2016-01-01.csv'), `\ufeff${results}`);
  writeFileSync(join(root, '2016', 'dividends_2016-01-01.csv'), `\ufeff${dividends}`);
  return root;
}

function withLine(lines: string[], index: number, line: string): string {
  const copy = [...lines];
  copy[index] = line;
  return copy.join('\n') + '\n';
}

async function importError(root: string): Promise<DataError> {
  try {
    await importHkjc(root, { skipBadRows: false });
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

const RESULTS_FILE = '2016/results_2016-01-01.csv';
const DIVIDENDS_FILE = '2016/dividends_2016-01-01.csv';

describe('importHkjc(fixture folder, options)', () => {
  it('imports a valid meeting: BOM, duplicate dropped, dead heat, scratches, pools', async () => {
    const { rows, report, meta } = await importHkjc(fixture(GOOD_RESULTS.join('\n') + '\n'), { skipBadRows: false });
    expect(rows.races).toEqual([
      { raceId: 'HK-2016-01-01-ST-01', date: '2016-01-01', postTime: null, venue: 'Sha Tin', raceNo: 1, surface: 'turf', distanceM: 1400, fieldSize: 5, source: 'hkjc' },
    ]);
    expect(rows.runners.map((r) => [r.runner, r.status, r.finishPos, r.winOddsFinal])).toEqual([
      [1, 'ran', 3, 12],
      [2, 'ran', 1, 3.5],
      [3, 'scratched', null, null],
      [4, 'ran', 1, 8.1],
      [5, 'ran', 4, 2.4],
    ]);
    // win (dead heat, one of two listed) dropped; quinella 2-4 and trio complete; place / wide dropped
    expect(rows.payouts).toEqual([
      { raceId: 'HK-2016-01-01-ST-01', betType: 'quinella', combination: '2-4', payoutPer100: 12345 },
      { raceId: 'HK-2016-01-01-ST-01', betType: 'trio', combination: '1-2-4', payoutPer100: 6100 },
    ]);
    expect(report).toMatchObject({ files: 2, races: 1, runners: 5, scratches: 1, deadHeats: 1, duplicatesDropped: 1, refused: [] });
    expect(report.notes.join('\n')).toContain('1 withdrawn runners are listed without a saddle number');
    expect(report.notes.join('\n')).toContain('HK-2016-01-01-ST-01 win');
    expect(meta.currency).toBe('HKD');
  });

  it('a bad placing code -> DATA_BAD_ROW naming file, line and field; skipBadRows lists it', async () => {
    const root = fixture(withLine(GOOD_RESULTS, 5, result('XX', '5', '2.4')));
    expect(await importError(root)).toMatchObject({ code: 'DATA_BAD_ROW', file: RESULTS_FILE, line: 6, field: 'place', value: 'XX' });
    const { rows, report } = await importHkjc(root, { skipBadRows: true });
    expect(report.refused).toEqual([{ file: RESULTS_FILE, line: 6, field: 'place', value: 'XX', reason: expect.stringContaining('unknown placing code') }]);
    expect(rows.runners.map((r) => r.runner)).toEqual([1, 2, 3, 4]);
  });

  it('text in a number column -> DATA_BAD_ROW naming win_odds', async () => {
    const root = fixture(withLine(GOOD_RESULTS, 1, result('1 平頭馬', '2', 'abc')));
    const e = await importError(root);
    expect(e).toMatchObject({ code: 'DATA_BAD_ROW', file: RESULTS_FILE, line: 2, field: 'win_odds', value: 'abc' });
    expect(e.message).toContain(`${RESULTS_FILE}:2: field win_odds = 'abc'`);
    const { report } = await importHkjc(root, { skipBadRows: true });
    expect(report.refused.map((r) => [r.line, r.field])).toEqual([[2, 'win_odds']]);
  });

  it('text in the saddle number column -> DATA_BAD_ROW naming horse_no', async () => {
    const root = fixture(withLine(GOOD_RESULTS, 5, result('4', 'x5', '2.4')));
    expect(await importError(root)).toMatchObject({ code: 'DATA_BAD_ROW', file: RESULTS_FILE, line: 6, field: 'horse_no' });
  });

  it('a truncated file (last row cut) -> DATA_BAD_ROW naming the first missing column', async () => {
    const text = GOOD_RESULTS.join('\n');
    const root = fixture(text.slice(0, text.lastIndexOf('\n') + 40));
    const e = await importError(root);
    expect(e).toMatchObject({ code: 'DATA_BAD_ROW', file: RESULTS_FILE, line: 8 });
    expect(e.field).toMatch(/^[a-z_]+$/);
    const { report } = await importHkjc(root, { skipBadRows: true });
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0]).toMatchObject({ file: RESULTS_FILE, line: 8 });
  });

  it('a file cut inside a quoted cell -> DATA_CSV naming the line, even with skipBadRows', async () => {
    const text = GOOD_RESULTS.join('\n');
    const cut = text.slice(0, text.lastIndexOf('草地'));
    const root = fixture(cut);
    expect(await importError(root)).toMatchObject({ code: 'DATA_CSV', file: RESULTS_FILE, line: 8 });
    await expect(importHkjc(root, { skipBadRows: true })).rejects.toMatchObject({ code: 'DATA_CSV' });
  });

  it('a missing column -> DATA_SCHEMA naming it (line 1), even with skipBadRows', async () => {
    const lines = GOOD_RESULTS.map((l) => l.slice(0, l.lastIndexOf(',')));
    const root = fixture(lines.join('\n') + '\n');
    expect(await importError(root)).toMatchObject({ code: 'DATA_SCHEMA', file: RESULTS_FILE, line: 1, field: 'win_odds' });
    await expect(importHkjc(root, { skipBadRows: true })).rejects.toMatchObject({ code: 'DATA_SCHEMA' });
  });

  it('bad dividend text and an unknown pool -> DATA_BAD_ROW naming dividend_hkd / pool', async () => {
    const good = GOOD_RESULTS.join('\n') + '\n';
    let root = fixture(good, withLine(GOOD_DIVIDENDS, 3, '2016-01-01,沙田,1,連贏,"2,4",1.234.50'));
    expect(await importError(root)).toMatchObject({ code: 'DATA_BAD_ROW', file: DIVIDENDS_FILE, line: 4, field: 'dividend_hkd', value: '1.234.50' });
    root = fixture(good, withLine(GOOD_DIVIDENDS, 3, '2016-01-01,沙田,1,新彩池,"2,4",10.00'));
    expect(await importError(root)).toMatchObject({ code: 'DATA_BAD_ROW', file: DIVIDENDS_FILE, line: 4, field: 'pool', value: '新彩池' });
    root = fixture(good, withLine(GOOD_DIVIDENDS, 3, '2016-01-01,沙田,1,連贏,"2,4,5",10.00'));
    expect(await importError(root)).toMatchObject({ code: 'DATA_BAD_ROW', file: DIVIDENDS_FILE, line: 4, field: 'combination' });
    const { rows, report } = await importHkjc(root, { skipBadRows: true });
    expect(report.refused.map((r) => [r.file, r.line, r.field])).toEqual([[DIVIDENDS_FILE, 4, 'combination']]);
    expect(rows.payouts.map((p) => p.betType)).toEqual(['trio']);
  });

  it('a row whose date differs from its file name -> DATA_BAD_ROW naming date', async () => {
    const root = fixture(withLine(GOOD_RESULTS, 5, result('4', '5', '2.4').replace('2016-01-01', '2016-01-02')));
    expect(await importError(root)).toMatchObject({ code: 'DATA_BAD_ROW', file: RESULTS_FILE, line: 6, field: 'date' });
  });

  it('a missing folder, or one without results files -> DATA_MISSING_FILE', async () => {
    await expect(importHkjc(join(base, 'nope'), { skipBadRows: false })).rejects.toMatchObject({ code: 'DATA_MISSING_FILE' });
    const empty = join(base, 'empty');
    mkdirSync(empty);
    await expect(importHkjc(empty, { skipBadRows: false })).rejects.toMatchObject({ code: 'DATA_MISSING_FILE' });
  });
});

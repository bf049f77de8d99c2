import { cp, readFile, readdir, writeFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError, IMPORTERS, importCsv, readDataset, writeDataset, validateDataset } from '../../../src/data/index.ts';
import { PROJECT_ROOT } from '../../shared-data.ts';
import { tempDir } from '../helpers.ts';

const GOOD = join(PROJECT_ROOT, 'test/data/fixtures/csv-good');
let root = '';
let cleanup: () => Promise<void> = async () => {};
let n = 0;
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());

/** A copy of the good fixture folder, spoiled by `spoil`. */
async function fixture(spoil: (dir: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = join(root, `in-${n++}`);
  await cp(GOOD, dir, { recursive: true });
  await spoil(dir);
  return dir;
}

async function edit(dir: string, file: string, f: (text: string) => string): Promise<void> {
  await writeFile(join(dir, file), f(await readFile(join(dir, file), 'utf8')));
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

describe('importCsv(path, options)', () => {
  it('reads the documented example folder', async () => {
    const { rows, report, meta } = await importCsv(await fixture(), { skipBadRows: false });
    expect(meta).toEqual({ source: 'csv', currency: 'JPY', payoutUnit: 'per 100 JPY', description: 'A tiny hand-made example of the CSV format' });
    expect(report).toMatchObject({ source: 'csv', files: 6, races: 2, runners: 9, scratches: 1, deadHeats: 1, duplicatesDropped: 1, refused: [] });
    expect(rows.races[0]).toEqual({
      raceId: '2024010601',
      date: '2024-01-06',
      postTime: '2024-01-06T10:05',
      venue: 'Nakayama',
      raceNo: 1,
      surface: 'dirt',
      distanceM: 1200,
      fieldSize: 5,
      source: 'csv',
    });
    expect(rows.runners[2]).toEqual({ raceId: '2024010601', runner: 3, bracket: 3, status: 'scratched', finishPos: null, winOddsFinal: null, popularity: null });
    // unordered combinations are made canonical
    expect(rows.payouts.find((p) => p.betType === 'quinella')?.combination).toBe('1-2');
    expect(rows.payouts.find((p) => p.betType === 'trio')?.combination).toBe('1-2-3');
    expect(Object.keys(rows.predictions ?? {})).toEqual(['baseline-v1']);
    expect(rows.oddsSnapshots).toHaveLength(4);
    expect(rows.truth).toBeUndefined();
  });

  it('gives rows the writer accepts and a dataset that validates', async () => {
    const { rows, meta } = await importCsv(await fixture(), { skipBadRows: false });
    const out = join(root, 'out-valid');
    await writeDataset(out, rows, meta);
    expect(validateDataset(await readDataset(out)).problems).toEqual([]);
  });

  it('is registered as the csv source', () => {
    expect(IMPORTERS.csv.name).toBe('csv');
  });

  it('lists refused rows with file, line and field under skipBadRows', async () => {
    const dir = await fixture((d) => edit(d, 'runners.csv', (t) => t.replace('2024010601,4,4,ran,3,6.0,3', '2024010601,4,4,ran,third,6.0,3')));
    const { rows, report } = await importCsv(dir, { skipBadRows: true });
    expect(report.refused).toEqual([
      { file: 'runners.csv', line: 5, field: 'finish_pos', value: 'third', reason: 'expected an integer' },
      // the runner's prediction goes with it
      { file: 'predictions/baseline-v1.csv', line: 4, field: 'runner', value: '4', reason: 'runner not in runners.csv for race 2024010601 (or its row was refused)' },
    ]);
    expect(rows.runners).toHaveLength(8);
    expect(report.notes).toContain('2 bad row(s) refused (skipBadRows)');
  });

  it('refuses rows of a refused race under skipBadRows', async () => {
    const dir = await fixture((d) => edit(d, 'races.csv', (t) => t.replace('2024010602,2024-01-06', '2024010602,2024-13-06')));
    const { rows, report } = await importCsv(dir, { skipBadRows: true });
    expect(rows.races.map((r) => r.raceId)).toEqual(['2024010601']);
    expect(report.refused[0]).toMatchObject({ file: 'races.csv', line: 3, field: 'date', value: '2024-13-06' });
    expect(report.refused.filter((r) => r.reason.startsWith('race_id not in races.csv')).length).toBeGreaterThan(4);
    expect(rows.runners.every((r) => r.raceId === '2024010601')).toBe(true);
  });
});

describe('importCsv(path, options) refuses malformed CSV, naming file, line and field', () => {
  const cases: [string, (dir: string) => Promise<void>, string, RegExp][] = [
    [
      'a truncated file (cut mid-row)',
      async (d) => {
        const t = await readFile(join(d, 'runners.csv'), 'utf8');
        await writeFile(join(d, 'runners.csv'), t.slice(0, t.indexOf('2024010602,2,2') + 10));
      },
      'DATA_BAD_ROW',
      /^runners\.csv:8: field \(row\) = '2024010602': expected 7 fields, found 1 \(the file may be truncated\)$/,
    ],
    [
      'a truncated file (cut inside a quoted field)',
      async (d) => {
        const t = await readFile(join(d, 'payouts.csv'), 'utf8');
        await writeFile(join(d, 'payouts.csv'), t.slice(0, t.indexOf('"3-1') + 3));
      },
      'DATA_CSV',
      /^payouts\.csv:13: unterminated quoted field \(the file may be truncated\)$/,
    ],
    [
      'a Shift-JIS file',
      async (d) => {
        const t = await readFile(join(d, 'races.csv'));
        const sjisVenue = Buffer.from([0x92, 0x86, 0x8e, 0x52]); // 中山 in Shift-JIS
        const at = t.indexOf('"Nakayama"');
        await writeFile(join(d, 'races.csv'), Buffer.concat([t.subarray(0, at), sjisVenue, t.subarray(at + 10)]));
      },
      'DATA_ENCODING',
      /^races\.csv:3: not UTF-8 \(invalid byte 0x92/,
    ],
    [
      'a missing column',
      (d) => edit(d, 'payouts.csv', (t) => t.replaceAll(/,(\d+)\n/g, '\n').replace(',payout_per_100', '')),
      'DATA_SCHEMA',
      /^payouts\.csv:1: field payout_per_100: required column payout_per_100 is missing from the header$/,
    ],
    [
      'text in a number column',
      (d) => edit(d, 'runners.csv', (t) => t.replace('2024010601,2,2,ran,1,1.8,1', '2024010601,2,2,ran,1,evens,1')),
      'DATA_BAD_ROW',
      /^runners\.csv:3: field win_odds_final = 'evens': expected a number$/,
    ],
    [
      'a duplicated header',
      (d) => edit(d, 'predictions/baseline-v1.csv', (t) => t.replace('race_id,runner,p', 'race_id,runner,runner')),
      'DATA_SCHEMA',
      /^predictions\/baseline-v1\.csv:1: field runner: column runner appears twice in the header \(columns 2 and 3\)$/,
    ],
    [
      'an unknown column',
      (d) => edit(d, 'odds_snapshots.csv', (t) => t.replace(',odds\n', ',odd\n')),
      'DATA_SCHEMA',
      /^odds_snapshots\.csv:1: field odd: unknown column "odd"/,
    ],
    [
      'a missing required file',
      (d) => rm(join(d, 'payouts.csv')),
      'DATA_MISSING_FILE',
      /^payouts\.csv: file is missing$/,
    ],
    [
      'an empty required value',
      (d) => edit(d, 'races.csv', (t) => t.replace('Nakayama,1,dirt', ',1,dirt')),
      'DATA_BAD_ROW',
      /^races\.csv:2: field venue = '': required value is empty$/,
    ],
    [
      'a malformed combination',
      (d) => edit(d, 'payouts.csv', (t) => t.replace('exacta,2>1,', 'exacta,2-1,')),
      'DATA_BAD_ROW',
      /^payouts\.csv:8: field combination = '2-1': .*not a exacta combination/,
    ],
    [
      'a runner of an unknown race',
      (d) => edit(d, 'runners.csv', (t) => `${t}2099010101,1,1,ran,1,2.0,1\n`),
      'DATA_INTEGRITY',
      /^runners\.csv:12: field race_id = '2099010101': race_id not in races\.csv/,
    ],
    [
      'a key repeated with other values',
      (d) => edit(d, 'runners.csv', (t) => `${t}2024010601,1,1,ran,5,2.0,1\n`),
      'DATA_INTEGRITY',
      /^runners\.csv:12: field runner = '1': duplicate of line 2 with different values/,
    ],
    [
      'a prediction for a runner not in the race',
      (d) => edit(d, 'predictions/baseline-v1.csv', (t) => `${t}2024010601,9,0.1\n`),
      'DATA_INTEGRITY',
      /^predictions\/baseline-v1\.csv:10: field runner = 9: runner not in runners\.csv for race 2024010601/,
    ],
  ];
  for (const [what, spoil, code, message] of cases) {
    it(what, async () => {
      const e = await errorOf(importCsv(await fixture(spoil), { skipBadRows: false }));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
    });
  }

  it('refuses a path that is not a folder', async () => {
    const e = await errorOf(importCsv(join(root, 'nope'), { skipBadRows: false }));
    expect(e.code).toBe('DATA_MISSING_FILE');
  });

  it('refuses a bad meta.json', async () => {
    const dir = await fixture((d) => writeFile(join(d, 'meta.json'), '{"currency":"EUR"}'));
    expect((await errorOf(importCsv(dir, { skipBadRows: false }))).message).toMatch(/^meta\.json: field currency = 'EUR': expected JPY, HKD or USD$/);
  });

  it('keeps structural errors fatal under skipBadRows', async () => {
    const dir = await fixture((d) => edit(d, 'runners.csv', (t) => t.replace('finish_pos', 'race_id')));
    expect((await errorOf(importCsv(dir, { skipBadRows: true }))).code).toBe('DATA_SCHEMA');
  });

  it('writes nothing when a folder with a bad file is imported and written', async () => {
    const dir = await fixture((d) => mkdir(join(d, 'predictions', 'sub')).then(() => edit(d, 'runners.csv', (t) => t.replace(',1.8,', ',x,'))));
    const out = join(root, 'never-written');
    await errorOf(importCsv(dir, { skipBadRows: false }).then((r) => writeDataset(out, r.rows, r.meta)));
    expect(await readdir(root)).not.toContain('never-written');
  });
});

/**
 * Tests of importHkjc on the real HKJC files 2016-2023 (../shared/datasets/hkjc/data): the race
 * count, counts checked against an independent plain scan of the raw files (duplicates,
 * scratches, dead heats), the win dividend / final odds check over all races, and two
 * hand-checked races. The import runs once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importHkjc } from '../../../src/data/importers/hkjc.ts';
import { checkDatasetRows } from '../../../src/data/io/check-rows.ts';
import type { ImportResult } from '../../../src/data/importers/types.ts';
import { sharedPath } from '../../shared-data.ts';

const root = sharedPath('datasets/hkjc/data');

/** A deliberately plain CSV line split (quoted cells with commas and doubled quotes), independent of the importer's reader. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  const re = /(?:"((?:[^"]|"")*)"|([^,]*))(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    out.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]);
    if (re.lastIndex >= line.length) break;
  }
  return out;
}

interface RawScan {
  duplicates: number;
  numberedWithdrawn: number;
  unnumberedWithdrawn: number;
  deadHeatRaces: Set<string>; // ties at 1st-3rd
  deadHeatFirst: Set<string>;
  racesPerYear: Map<string, number>;
}

function scanRaw(dir: string): RawScan {
  const scan: RawScan = {
    duplicates: 0,
    numberedWithdrawn: 0,
    unnumberedWithdrawn: 0,
    deadHeatRaces: new Set(),
    deadHeatFirst: new Set(),
    racesPerYear: new Map(),
  };
  const races = new Set<string>();
  for (const year of readdirSync(dir).sort()) {
    for (const name of readdirSync(join(dir, year)).sort()) {
      const lines = readFileSync(join(dir, year, name), 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l !== '');
      const header = splitLine(lines[0]);
      const seen = new Set<string>();
      for (const line of lines.slice(1)) {
        if (seen.has(line)) {
          scan.duplicates++;
          continue;
        }
        seen.add(line);
        if (!name.startsWith('results_')) continue;
        const c = splitLine(line);
        const get = (k: string): string => c[header.indexOf(k)];
        const key = `${get('date')} ${get('venue')} ${get('race_no')}`;
        if (!races.has(key)) {
          races.add(key);
          scan.racesPerYear.set(year, (scan.racesPerYear.get(year) ?? 0) + 1);
        }
        const place = get('place');
        if (place.startsWith('W')) {
          if (get('horse_no') === '') scan.unnumberedWithdrawn++;
          else scan.numberedWithdrawn++;
        }
        const dh = /^(\d+) 平頭馬$/.exec(place);
        if (dh && Number(dh[1]) <= 3) scan.deadHeatRaces.add(key);
        if (place === '1 平頭馬') scan.deadHeatFirst.add(key);
      }
    }
  }
  return scan;
}

/** Final odds as HKJC shows them: the win dividend per $1, truncated to 0.1 below 10, to 1 from 10. */
function shownOdds(payoutPer100: number): number {
  const per1Tenths = Math.floor(payoutPer100 / 10); // tenths of HK$ per HK$1
  return per1Tenths < 100 ? per1Tenths / 10 : Math.floor(per1Tenths / 10);
}

describe.skipIf(!root)('importHkjc(hkjc/data, options) on the real 2016-2023 files', () => {
  let result: ImportResult;
  let raw: RawScan;
  beforeAll(async () => {
    result = await importHkjc(root!, { skipBadRows: false });
    raw = scanRaw(root!);
  });

  it('imports exactly 6,439 races with their runners, and nothing is refused', () => {
    expect(result.rows.races).toHaveLength(6439);
    expect(result.report.races).toBe(6439);
    expect(result.report.refused).toEqual([]);
    expect(result.report.files).toBe(687 + 693);
    expect(result.report.runners).toBe(result.rows.runners.length);
    const perYear = new Map<string, number>();
    for (const r of result.rows.races) perYear.set(r.date.slice(0, 4), (perYear.get(r.date.slice(0, 4)) ?? 0) + 1);
    expect(Object.fromEntries(perYear)).toEqual({ 2016: 789, 2017: 790, 2018: 800, 2019: 732, 2020: 840, 2021: 827, 2022: 827, 2023: 834 });
    expect(perYear).toEqual(raw.racesPerYear);
    expect(result.meta).toMatchObject({ source: 'hkjc', currency: 'HKD' });
    expect(result.meta.payoutUnit).toMatch(/per 100 HKD/);
  });

  it('produces rows the dataset writer accepts (types, canonical combinations, unique keys)', () => {
    expect(() => checkDatasetRows(result.rows)).not.toThrow();
    expect(result.rows.races.filter((r) => !/^HK-\d{4}-\d{2}-\d{2}-(ST|HV)-\d{2}$/.test(r.raceId) || r.postTime !== null)).toEqual([]);
  });

  it('drops exactly the duplicate rows a plain scan finds', () => {
    expect(result.report.duplicatesDropped).toBe(raw.duplicates);
    expect(raw.duplicates).toBe(1228 + 1011);
  });

  it('counts the scratches of the files (numbered ones as runner rows, the unnumbered ones in the notes)', () => {
    const scratched = result.rows.runners.filter((r) => r.status === 'scratched').length;
    expect(result.report.scratches).toBe(scratched);
    expect(scratched).toBe(raw.numberedWithdrawn);
    expect(result.report.notes.join('\n')).toContain(`${raw.unnumberedWithdrawn} withdrawn runners are listed without a saddle number`);
    expect(raw.numberedWithdrawn + raw.unnumberedWithdrawn).toBe(1429);
  });

  it('counts the dead heats of the files (ties at 1st-3rd), 16 of them for 1st', () => {
    expect(result.report.deadHeats).toBe(raw.deadHeatRaces.size);
    expect(raw.deadHeatFirst.size).toBe(16);
    const tiedFirst = new Set<string>();
    const firsts = new Map<string, number>();
    for (const r of result.rows.runners) if (r.finishPos === 1) firsts.set(r.raceId, (firsts.get(r.raceId) ?? 0) + 1);
    for (const [id, n] of firsts) if (n > 1) tiedFirst.add(id);
    expect(tiedFirst.size).toBe(16);
  });

  it('fieldSize is the numbered runners of the race; every race has a winner', () => {
    const byRace = new Map<string, number>();
    const winners = new Set<string>();
    for (const r of result.rows.runners) {
      byRace.set(r.raceId, (byRace.get(r.raceId) ?? 0) + 1);
      if (r.finishPos === 1) winners.add(r.raceId);
    }
    expect(result.rows.races.filter((race) => race.fieldSize !== byRace.get(race.raceId))).toEqual([]);
    expect(winners.size).toBe(6439);
  });

  it('win payout / 100 shows as the winner\'s final odds in every race except the named exceptions', () => {
    const oddsOf = new Map<string, number | null>();
    for (const r of result.rows.runners) oddsOf.set(`${r.raceId} ${r.runner}`, r.winOddsFinal);
    const winners = new Map<string, number[]>();
    for (const r of result.rows.runners) if (r.finishPos === 1) winners.set(r.raceId, [...(winners.get(r.raceId) ?? []), r.runner]);
    const winPayouts = new Map(result.rows.payouts.filter((p) => p.betType === 'win').map((p) => [p.raceId, p]));
    const exceptions: Record<string, string> = {};
    for (const race of result.rows.races) {
      const p = winPayouts.get(race.raceId);
      const w = winners.get(race.raceId)!;
      if (p === undefined) {
        exceptions[race.raceId] = w.length > 1 ? 'dead heat for 1st: one of two win dividends in the files, pool dropped' : 'no win payout';
        continue;
      }
      const odds = oddsOf.get(`${race.raceId} ${p.combination}`);
      if (!w.includes(Number(p.combination))) {
        exceptions[race.raceId] = `paid on runner ${p.combination}, disqualified after the dividends were declared`;
      } else if (odds !== shownOdds(p.payoutPer100)) {
        exceptions[race.raceId] = `odds ${odds} vs payout ${p.payoutPer100}`;
      }
    }
    const dh = 'dead heat for 1st: one of two win dividends in the files, pool dropped';
    expect(exceptions).toEqual({
      'HK-2016-05-01-ST-02': dh,
      'HK-2017-02-15-HV-06': dh,
      'HK-2017-03-12-ST-09': dh,
      'HK-2017-09-13-HV-03': dh,
      'HK-2018-10-10-HV-02': dh,
      'HK-2019-02-07-ST-09': dh,
      'HK-2019-02-13-HV-08': dh,
      'HK-2019-11-20-HV-09': dh,
      'HK-2020-09-23-HV-02': dh,
      'HK-2020-12-09-HV-02': dh,
      'HK-2021-02-06-ST-05': dh,
      'HK-2021-03-31-ST-08': dh,
      'HK-2021-11-07-ST-06': dh,
      'HK-2022-03-09-HV-01': dh,
      'HK-2023-07-16-ST-03': dh,
      'HK-2023-10-04-HV-05': dh,
      'HK-2017-06-21-HV-03': 'paid on runner 6, disqualified after the dividends were declared',
    });
    // the disqualified runner of that race kept its odds, and its dividend matches them
    const p = winPayouts.get('HK-2017-06-21-HV-03')!;
    expect(shownOdds(p.payoutPer100)).toBe(oddsOf.get('HK-2017-06-21-HV-03 6'));
  });

  it('keeps only win, quinella, exacta, trio and trifecta payouts (place and wide are incomplete in the files)', () => {
    const types = new Set(result.rows.payouts.map((p) => p.betType));
    expect([...types].sort()).toEqual(['exacta', 'quinella', 'trifecta', 'trio', 'win']);
    expect(result.report.notes.some((n) => n.startsWith('place (位置) and wide (位置Q) pools not imported'))).toBe(true);
  });

  it('hand-checked race with a dead heat for 1st: HK-2016-05-01-ST-02', () => {
    const id = 'HK-2016-05-01-ST-02';
    expect(result.rows.races.find((r) => r.raceId === id)).toEqual({
      raceId: id,
      date: '2016-05-01',
      postTime: null,
      venue: 'Sha Tin',
      raceNo: 2,
      surface: 'turf',
      distanceM: 2200,
      fieldSize: 14,
      source: 'hkjc',
    });
    const runners = result.rows.runners.filter((r) => r.raceId === id);
    const top = runners.filter((r) => r.finishPos !== null && r.finishPos <= 4).sort((a, b) => a.finishPos! - b.finishPos! || a.runner - b.runner);
    expect(top).toEqual([
      { raceId: id, runner: 3, bracket: null, status: 'ran', finishPos: 1, winOddsFinal: 3, popularity: null },
      { raceId: id, runner: 4, bracket: null, status: 'ran', finishPos: 1, winOddsFinal: 49, popularity: null },
      { raceId: id, runner: 12, bracket: null, status: 'ran', finishPos: 3, winOddsFinal: 11, popularity: null },
      { raceId: id, runner: 6, bracket: null, status: 'ran', finishPos: 4, winOddsFinal: 10, popularity: null },
    ]);
    expect(runners).toHaveLength(14);
    // 獨贏 lists only horse 3 (15.00) and 三重彩 only 3,4,12: both incomplete, dropped.
    expect(result.rows.payouts.filter((p) => p.raceId === id)).toEqual([
      { raceId: id, betType: 'quinella', combination: '3-4', payoutPer100: 8145 },
      { raceId: id, betType: 'trio', combination: '3-4-12', payoutPer100: 23370 },
    ]);
  });

  it('hand-checked race with a scratch: HK-2016-01-01-ST-06 (runner 10 WX-A)', () => {
    const id = 'HK-2016-01-01-ST-06';
    expect(result.rows.races.find((r) => r.raceId === id)).toMatchObject({ fieldSize: 14, distanceM: 1200, surface: 'turf', venue: 'Sha Tin' });
    const runners = result.rows.runners.filter((r) => r.raceId === id);
    expect(runners.map((r) => [r.runner, r.status, r.finishPos, r.winOddsFinal])).toEqual([
      [1, 'ran', 9, 342],
      [2, 'ran', 5, 1.5],
      [3, 'ran', 13, 4.6],
      [4, 'ran', 6, 22],
      [5, 'ran', 1, 22],
      [6, 'ran', 7, 40],
      [7, 'ran', 8, 109],
      [8, 'ran', 3, 11],
      [9, 'ran', 10, 61],
      [10, 'scratched', null, null],
      [11, 'ran', 12, 294],
      [12, 'ran', 11, 103],
      [13, 'ran', 4, 83],
      [14, 'ran', 2, 12],
    ]);
    expect(result.rows.payouts.filter((p) => p.raceId === id)).toEqual([
      { raceId: id, betType: 'win', combination: '5', payoutPer100: 2230 },
      { raceId: id, betType: 'quinella', combination: '5-14', payoutPer100: 9350 },
      { raceId: id, betType: 'trio', combination: '5-8-14', payoutPer100: 16450 },
      { raceId: id, betType: 'trifecta', combination: '5>14>8', payoutPer100: 135260 },
    ]);
  });

  it('converts dividends with thousands commas exactly (三重彩 "3,697.00" per $10 -> 36970 per $100)', () => {
    expect(result.rows.payouts.find((p) => p.raceId === 'HK-2016-01-01-ST-01' && p.betType === 'trifecta')).toEqual({
      raceId: 'HK-2016-01-01-ST-01',
      betType: 'trifecta',
      combination: '12>11>1',
      payoutPer100: 36970,
    });
  });

  it('reports the abandoned meetings and the pools it did not import', () => {
    const notes = result.report.notes.join('\n');
    expect(notes).toContain('56 races have dividends but no results');
    expect(notes).toContain('2018-09-16');
    expect(notes).toMatch(/rows of multi-race pools/);
    expect(notes).toMatch(/jockey \/ trainer challenges/);
  });
});

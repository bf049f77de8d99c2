/**
 * Unit tests of the netkeiba quirk parsers on small inline values: Python list literals,
 * multi-combination payout cells, race ids and venue codes, race info items and finish codes.
 */
import { describe, expect, it } from 'vitest';
import { parsePyStringList } from '../../../src/data/importers/netkeiba-list-literal.ts';
import { parseNetkeibaPayoutCells, parseYen, splitCombinationCell } from '../../../src/data/importers/netkeiba-payout-cells.ts';
import { parseNetkeibaRaceId } from '../../../src/data/importers/netkeiba-race-id.ts';
import { parseNetkeibaRaceInfo } from '../../../src/data/importers/netkeiba-race-info.ts';
import { parseNetkeibaFinish } from '../../../src/data/importers/netkeiba-finish-codes.ts';

describe('parsePyStringList(text)', () => {
  it('reads a list of quoted strings without evaluating anything', () => {
    expect(parsePyStringList("['芝右2000m', '天候:晴', '芝:良', '発走:12:20']")).toEqual({
      ok: true,
      items: ['芝右2000m', '天候:晴', '芝:良', '発走:12:20'],
    });
    expect(parsePyStringList('[]')).toEqual({ ok: true, items: [] });
    expect(parsePyStringList(`["it's", 'a\\'b', 'c\\\\d',]`)).toEqual({ ok: true, items: ["it's", "a'b", 'c\\d'] });
  });
  it.each([
    "['a', 1]",
    "['a' 'b']",
    "['a'",
    "'a'",
    "[__import__('os')]",
    "['a', ['b']]",
    "['unterminated]",
    "['bad \\x escape']",
  ])('refuses %s', (text) => {
    expect(parsePyStringList(text).ok).toBe(false);
  });
});

describe('splitCombinationCell(cell) and parseYen(text)', () => {
  it('splits several combinations in one cell', () => {
    expect(splitCombinationCell('10 5 1')).toEqual(['10', '5', '1']);
    expect(splitCombinationCell('5 - 10 1 - 10 1 - 5')).toEqual(['5-10', '1-10', '1-5']);
    expect(splitCombinationCell('10 → 5 → 1 5 → 10 → 1')).toEqual(['10>5>1', '5>10>1']);
    expect(splitCombinationCell('')).toEqual([]);
  });
  it('reads yen with and without thousands commas', () => {
    expect(parseYen('230')).toBe(230);
    expect(parseYen('2,080')).toBe(2080);
    expect(parseYen('1,234,560')).toBe(1234560);
    expect(parseYen('12,34')).toBeUndefined();
    expect(parseYen('1.5')).toBeUndefined();
  });
});

describe('parseNetkeibaPayoutCells(bet, combinations, payouts, popularity)', () => {
  it('lines up combinations, payouts and ranks, canonical combinations', () => {
    expect(parseNetkeibaPayoutCells('ワイド', '5 - 10 1 - 10 1 - 5', '210 1,290 340', '1 2 4')).toEqual({
      ok: true,
      betType: 'wide',
      entries: [
        { combination: '5-10', numbers: [5, 10], payoutPer100: 210, popularity: 1 },
        { combination: '1-10', numbers: [1, 10], payoutPer100: 1290, popularity: 2 },
        { combination: '1-5', numbers: [1, 5], payoutPer100: 340, popularity: 4 },
      ],
    });
    const tri = parseNetkeibaPayoutCells('三連単', '10 → 5 → 1', '2470', '2');
    expect(tri).toEqual({ ok: true, betType: 'trifecta', entries: [{ combination: '10>5>1', numbers: [10, 5, 1], payoutPer100: 2470, popularity: 2 }] });
    const trio = parseNetkeibaPayoutCells('三連複', '10 - 1 - 5', '760', '1');
    expect(trio.ok && trio.entries[0].combination).toBe('1-5-10');
    const dh = parseNetkeibaPayoutCells('単勝', '3 7', '1,020 390', '4 1');
    expect(dh.ok && dh.entries.map((e) => [e.combination, e.payoutPer100])).toEqual([['3', 1020], ['7', 390]]);
    const bq = parseNetkeibaPayoutCells('枠連', '3 - 3', '1,540', '5');
    expect(bq.ok && bq.entries[0].combination).toBe('3-3');
  });
  it('names the cell at fault', () => {
    expect(parseNetkeibaPayoutCells('WIN5', '1', '100', '1')).toMatchObject({ ok: false, cell: 'betType' });
    expect(parseNetkeibaPayoutCells('馬連', '5 - 10 1', '100', '1')).toMatchObject({ ok: false, cell: 'payout' });
    expect(parseNetkeibaPayoutCells('馬連', '5 → 10', '100', '1')).toMatchObject({ ok: false, cell: 'combination' });
    expect(parseNetkeibaPayoutCells('単勝', '5', 'abc', '1')).toMatchObject({ ok: false, cell: 'payout' });
    expect(parseNetkeibaPayoutCells('単勝', '5', '90', '1')).toMatchObject({ ok: false, cell: 'payout' });
    expect(parseNetkeibaPayoutCells('複勝', '5 6', '100 200', '1')).toMatchObject({ ok: false, cell: 'popularity' });
    expect(parseNetkeibaPayoutCells('複勝', '5 5', '100 200', '1 2')).toMatchObject({ ok: false, cell: 'combination' });
  });
});

describe('parseNetkeibaRaceId(text)', () => {
  it('reads year, venue, meeting, day and race number', () => {
    expect(parseNetkeibaRaceId('202408060405')).toEqual({
      raceId: '202408060405',
      year: 2024,
      venueCode: '08',
      venue: 'Kyoto',
      venueKanji: '京都',
      meeting: 6,
      day: 4,
      raceNo: 5,
    });
    const names = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((v) => parseNetkeibaRaceId(`2024${v}010101`)?.venue);
    expect(names).toEqual(['Sapporo', 'Hakodate', 'Fukushima', 'Niigata', 'Tokyo', 'Nakayama', 'Chukyo', 'Kyoto', 'Hanshin', 'Kokura']);
  });
  it.each(['20240806040', '202411060405', '202408000405', '202408060413', 'x02408060405'])('refuses %s', (t) => {
    expect(parseNetkeibaRaceId(t)).toBeUndefined();
  });
});

describe('parseNetkeibaRaceInfo(info1, info2)', () => {
  it('reads course, post time, date and meeting', () => {
    expect(parseNetkeibaRaceInfo(['ダ右1700m', '天候:曇', 'ダート:良', '発走:13:15'], ['2024年6月30日', '1回函館8日目'])).toEqual({
      ok: true,
      info: { date: '2024-06-30', postTime: '2024-06-30T13:15', surface: 'dirt', distanceM: 1700, meeting: 1, venueKanji: '函館', day: 8, courseSplit: false },
    });
  });
  it('joins the split course text of jump races', () => {
    const r = parseNetkeibaRaceInfo(['障芝外', '内3250m', '天候:曇', '芝:良', '発走:16:50'], ['2024年7月27日', '2回新潟1日目']);
    expect(r).toMatchObject({ ok: true, info: { surface: 'jump', distanceM: 3250, courseSplit: true, postTime: '2024-07-27T16:50' } });
    const lap = parseNetkeibaRaceInfo(['芝右内2周3600m', '発走:15:25'], ['2024年12月21日', '5回中山7日目']);
    expect(lap).toMatchObject({ ok: true, info: { surface: 'turf', distanceM: 3600 } });
  });
  it('names the bad list', () => {
    expect(parseNetkeibaRaceInfo(['芝右2000m'], ['2024年2月30日', '1回東京1日目'])).toMatchObject({ ok: false, field: 'info2' });
    expect(parseNetkeibaRaceInfo(['芝右2000m'], ['2024/02/03', '1回東京1日目'])).toMatchObject({ ok: false, field: 'info2' });
    expect(parseNetkeibaRaceInfo(['右2000m'], ['2024年2月3日', '1回東京1日目'])).toMatchObject({ ok: false, field: 'info1' });
  });
});

describe('parseNetkeibaFinish(text)', () => {
  it('reads positions, demotions and codes', () => {
    expect(parseNetkeibaFinish('1')).toEqual({ status: 'ran', finishPos: 1, demoted: false });
    expect(parseNetkeibaFinish('3(降)')).toEqual({ status: 'ran', finishPos: 3, demoted: true });
    expect(parseNetkeibaFinish('中')).toEqual({ status: 'dnf', finishPos: null, demoted: false });
    expect(parseNetkeibaFinish('除')).toEqual({ status: 'excluded', finishPos: null, demoted: false });
    expect(parseNetkeibaFinish('取')).toEqual({ status: 'scratched', finishPos: null, demoted: false });
    expect(parseNetkeibaFinish('失')).toEqual({ status: 'disqualified', finishPos: null, demoted: false });
  });
  it.each(['', '0', '3(再)', 'x', '1.0'])('returns undefined for %j', (t) => {
    expect(parseNetkeibaFinish(t)).toBeUndefined();
  });
});

/**
 * Unit tests of the HKJC quirk parsers on small inline values: dividend text, placing codes,
 * pool names, track text, combinations, and the winning combinations implied by placings.
 */
import { describe, expect, it } from 'vitest';
import { classifyHkjcPool, hkjcSurface, hkjcVenue, parseHkjcPlacing } from '../../../src/data/importers/hkjc-codes.ts';
import { parseHkjcCombination, parseHkjcDividend } from '../../../src/data/importers/hkjc-dividend-text.ts';
import { hkjcRaceId } from '../../../src/data/importers/hkjc-results.ts';
import { winningCombinations } from '../../../src/data/importers/hkjc-winning-combinations.ts';

describe('parseHkjcDividend(text)', () => {
  it.each([
    ['3,024.00', 30240],
    ['64.50', 645],
    ['10.00', 100],
    ['1,224.00', 12240],
    ['55,447.00', 554470],
    ['1,234,567.50', 12345675],
    ['386,757.60/$1.0', 38675760],
    ['12.3', 123],
  ])('converts %s per HK$10 to %i per HK$100 exactly', (text, per100) => {
    expect(parseHkjcDividend(text)).toEqual({ kind: 'amount', per100 });
  });
  it('maps the text dividends: 退款 refund, 未能勝出 no winner, 詳情 details', () => {
    expect(parseHkjcDividend('退款')).toEqual({ kind: 'refund' });
    expect(parseHkjcDividend('未能勝出')).toEqual({ kind: 'no-winner' });
    expect(parseHkjcDividend('詳情')).toEqual({ kind: 'details' });
  });
  it.each(['', 'abc', '1,23.00', '12,3456.00', '-5.00', '12.345', '3,024.00/$0'])('refuses %j', (text) => {
    expect(parseHkjcDividend(text).kind).toBe('invalid');
  });
});

describe('parseHkjcPlacing(text)', () => {
  it('reads positions and dead heats (ties share the position)', () => {
    expect(parseHkjcPlacing('1')).toEqual({ status: 'ran', finishPos: 1, deadHeat: false });
    expect(parseHkjcPlacing('12')).toEqual({ status: 'ran', finishPos: 12, deadHeat: false });
    expect(parseHkjcPlacing('1 平頭馬')).toEqual({ status: 'ran', finishPos: 1, deadHeat: true });
    expect(parseHkjcPlacing('11 平頭馬')).toEqual({ status: 'ran', finishPos: 11, deadHeat: true });
  });
  it.each([
    ['WV', 'scratched'],
    ['WV-A', 'scratched'],
    ['WX', 'scratched'],
    ['WX-A', 'scratched'],
    ['WXNR', 'scratched'],
    ['PU', 'dnf'],
    ['UR', 'dnf'],
    ['FE', 'dnf'],
    ['DNF', 'dnf'],
    ['TNP', 'dnf'],
    ['DISQ', 'disqualified'],
  ])('maps %s to %s without a position', (code, status) => {
    expect(parseHkjcPlacing(code)).toEqual({ status, finishPos: null, deadHeat: false });
  });
  it.each(['', '0', 'XX', '1平頭馬', 'wv', '1 平頭', '100'])('returns undefined for %j', (code) => {
    expect(parseHkjcPlacing(code)).toBeUndefined();
  });
});

describe('classifyHkjcPool(name)', () => {
  it('maps our pools (單T is trio; 位置Q is wide)', () => {
    expect(classifyHkjcPool('獨贏')).toEqual({ kind: 'ours', betType: 'win' });
    expect(classifyHkjcPool('位置')).toEqual({ kind: 'ours', betType: 'place' });
    expect(classifyHkjcPool('連贏')).toEqual({ kind: 'ours', betType: 'quinella' });
    expect(classifyHkjcPool('位置Q')).toEqual({ kind: 'ours', betType: 'wide' });
    expect(classifyHkjcPool('二重彩')).toEqual({ kind: 'ours', betType: 'exacta' });
    expect(classifyHkjcPool('單T')).toEqual({ kind: 'ours', betType: 'trio' });
    expect(classifyHkjcPool('三重彩')).toEqual({ kind: 'ours', betType: 'trifecta' });
  });
  it('classifies the other pools; 三T is the multi-race triple trio', () => {
    for (const n of ['四連環', '四重彩', '3揀1（組合獨贏）', '勝出練馬師（組合獨贏）', '勝出地區（組合獨贏）']) {
      expect(classifyHkjcPool(n)).toEqual({ kind: 'other-single-race' });
    }
    for (const n of ['第一口孖寶', '第十口孖寶', '三寶', '第二口三寶', '第五口孖T', '三T', '三T(安慰獎)', '六環彩']) {
      expect(classifyHkjcPool(n)).toEqual({ kind: 'multi-race' });
    }
    for (const n of ['騎師王 1', '騎師王 2', '練馬師王 1']) expect(classifyHkjcPool(n)).toEqual({ kind: 'challenge' });
    expect(classifyHkjcPool('新彩池')).toBeUndefined();
  });
});

describe('hkjcSurface(text), hkjcVenue(text), hkjcRaceId(date, venue, raceNo)', () => {
  it('reads turf with its rail and the all-weather track', () => {
    expect(hkjcSurface('草地 - "B+2" 賽道')).toBe('turf');
    expect(hkjcSurface('全天候跑道')).toBe('awt');
    expect(hkjcSurface('泥地')).toBeUndefined();
  });
  it('maps the venues and builds race ids', () => {
    expect(hkjcVenue('沙田')).toEqual({ code: 'ST', name: 'Sha Tin' });
    expect(hkjcVenue('跑馬地')).toEqual({ code: 'HV', name: 'Happy Valley' });
    expect(hkjcVenue('Sha Tin')).toBeUndefined();
    expect(hkjcRaceId('2016-01-01', 'ST', 1)).toBe('HK-2016-01-01-ST-01');
  });
});

describe('parseHkjcCombination(text)', () => {
  it('reads comma-separated saddle numbers in the written order', () => {
    expect(parseHkjcCombination('12')).toEqual([12]);
    expect(parseHkjcCombination('3,6,1')).toEqual([3, 6, 1]);
  });
  it('refuses multi-race legs and text', () => {
    expect(parseHkjcCombination('5,10,14/1,4,7')).toBeUndefined();
    expect(parseHkjcCombination('A1')).toBeUndefined();
    expect(parseHkjcCombination('')).toBeUndefined();
  });
});

describe('winningCombinations(betType, finishers)', () => {
  const plain = [1, 2, 3, 4].map((p) => ({ runner: p + 10, finishPos: p }));
  it('gives one combination per pool without ties', () => {
    expect([...winningCombinations('win', plain)]).toEqual(['11']);
    expect([...winningCombinations('quinella', plain)]).toEqual(['11-12']);
    expect([...winningCombinations('exacta', plain)]).toEqual(['11>12']);
    expect([...winningCombinations('trio', plain)]).toEqual(['11-12-13']);
    expect([...winningCombinations('trifecta', plain)]).toEqual(['11>12>13']);
  });
  it('follows the dead-heat rules (tie for 1st, 2nd, 3rd)', () => {
    const first = [{ runner: 3, finishPos: 1 }, { runner: 4, finishPos: 1 }, { runner: 12, finishPos: 3 }];
    expect([...winningCombinations('win', first)].sort()).toEqual(['3', '4']);
    expect([...winningCombinations('quinella', first)]).toEqual(['3-4']);
    expect([...winningCombinations('exacta', first)].sort()).toEqual(['3>4', '4>3']);
    expect([...winningCombinations('trio', first)]).toEqual(['3-4-12']);
    expect([...winningCombinations('trifecta', first)].sort()).toEqual(['3>4>12', '4>3>12']);
    const third = [{ runner: 1, finishPos: 1 }, { runner: 2, finishPos: 2 }, { runner: 5, finishPos: 3 }, { runner: 6, finishPos: 3 }, { runner: 7, finishPos: 3 }];
    expect(winningCombinations('trio', third).size).toBe(3);
    expect(winningCombinations('trifecta', third).size).toBe(3);
    expect(winningCombinations('quinella', third).size).toBe(1);
  });
  it('is empty when too few finished', () => {
    expect(winningCombinations('trio', plain.slice(0, 2)).size).toBe(0);
  });
});

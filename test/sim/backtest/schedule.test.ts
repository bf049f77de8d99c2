import { describe, expect, it } from 'vitest';
import { backtestSchedule, dateOfDay, dayNumber, decisionTime, parseWalkForward } from '../../../src/sim/backtest/index.ts';

describe('parseWalkForward(spec)', () => {
  it('reads days, weeks and years', () => {
    expect(parseWalkForward('train=365d,test=90d')).toEqual({ trainDays: 365, testDays: 90 });
    expect(parseWalkForward('test=2w, train=1y')).toEqual({ trainDays: 365, testDays: 14 });
  });
  it.each(['train=365d', 'train=0d,test=5d', 'train=x,test=5d', 'window=3d'])('refuses %s', (spec) => {
    expect(() => parseWalkForward(spec)).toThrow(expect.objectContaining({ code: 'SIM_BAD_OPTION', field: 'walk-forward' }));
  });
});

describe('backtestSchedule(dates, from, to, trainDays, testDays)', () => {
  const dates = Array.from({ length: 40 }, (_, i) => dateOfDay(dayNumber('2024-01-01') + i * 10)); // every 10 days
  it('one window over [from, to] without a fit', () => {
    const w = backtestSchedule(dates, '2024-02-01', '2024-03-01', null, null);
    expect(w).toEqual([{ testFrom: '2024-02-01', testTo: '2024-03-01', trainFrom: null, raceStart: 4, raceEnd: 7 }]);
  });
  it('a fitted blend tests after its first trainDays and trains strictly before the window', () => {
    const [w] = backtestSchedule(dates, undefined, undefined, 100, null);
    expect(w.testFrom).toBe('2024-04-10');
    expect(w.trainFrom).toBe('2024-01-01');
    expect(dates[w.raceStart]).toBe('2024-04-10');
  });
  it('walk-forward windows tile the range; every training window ends the day before its test window', () => {
    const ws = backtestSchedule(dates, undefined, undefined, 100, 50);
    expect(ws.length).toBeGreaterThan(4);
    for (let i = 0; i < ws.length; i++) {
      expect(dayNumber(ws[i].testFrom) - dayNumber(ws[i].trainFrom!)).toBe(100);
      if (i > 0) expect(dayNumber(ws[i].testFrom)).toBe(dayNumber(ws[i - 1].testTo) + 1);
      if (i > 0) expect(ws[i].raceStart).toBe(ws[i - 1].raceEnd);
    }
    expect(ws[ws.length - 1].raceEnd).toBe(dates.length);
  });
  it('refuses from after to, a bad date and an empty range', () => {
    expect(() => backtestSchedule(dates, '2024-05-01', '2024-04-01', null, null)).toThrow(expect.objectContaining({ code: 'SIM_BAD_OPTION' }));
    expect(() => backtestSchedule(dates, '2024-02-30', undefined, null, null)).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => backtestSchedule(dates, undefined, undefined, 1000, null)).toThrow(/no race left to test/);
  });
});

describe('decisionTime(postTime, offsetMinutes)', () => {
  it('subtracts minutes, across midnight too; null without a post time', () => {
    expect(decisionTime('2024-01-06T10:00', 5)).toBe('2024-01-06T09:55:00');
    expect(decisionTime('2024-01-06T00:03', 5)).toBe('2024-01-05T23:58:00');
    expect(decisionTime(null, 5)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isDataError } from '../../../src/data/errors.ts';
import { addYears, JRA_VENUES, postTimeOf, raceCalendar, RACES_PER_DAY, venuesOn } from '../../../src/data/synthetic/index.ts';

describe('raceCalendar(startDate, endDate)', () => {
  const slots = raceCalendar('2024-01-01', '2025-01-01');

  it('holds about 3,450 races a year', () => {
    expect(slots.length).toBeGreaterThan(3300);
    expect(slots.length).toBeLessThan(3600);
  });

  it('races only on Saturdays, Sundays and the three racing holiday Mondays', () => {
    const days = new Set(slots.map((s) => s.date));
    const mondays = [...days].filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1).sort();
    expect(mondays).toEqual(['2024-01-08', '2024-09-16', '2024-10-14']);
    for (const d of days) {
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      expect([0, 1, 6]).toContain(dow);
    }
    expect([...days].some((d) => d >= '2024-12-29' || d <= '2024-01-04')).toBe(false);
  });

  it('runs 12 races per venue-day at 2 or 3 JRA venues, post times increasing every 30 minutes or more', () => {
    const byVenueDay = new Map<string, typeof slots>();
    for (const s of slots) {
      const k = `${s.date}/${s.venue}`;
      byVenueDay.set(k, [...(byVenueDay.get(k) ?? []), s]);
      expect(JRA_VENUES).toContain(s.venue);
    }
    for (const list of byVenueDay.values()) {
      expect(list.map((s) => s.raceNo)).toEqual(Array.from({ length: RACES_PER_DAY }, (_, i) => i + 1));
      for (let i = 1; i < list.length; i++) {
        const gap = (Date.parse(`${list[i].postTime}:00Z`) - Date.parse(`${list[i - 1].postTime}:00Z`)) / 60000;
        expect(gap).toBeGreaterThanOrEqual(30);
      }
      expect(list[0].postTime.slice(11)).toMatch(/^(09:5|10:)/);
    }
    const venuesPerDay = new Map<string, number>();
    for (const k of byVenueDay.keys()) venuesPerDay.set(k.slice(0, 10), (venuesPerDay.get(k.slice(0, 10)) ?? 0) + 1);
    for (const n of venuesPerDay.values()) expect([2, 3]).toContain(n);
  });

  it('names races SYN-<date>-<VENUE>-<race no> with local YYYY-MM-DDTHH:MM post times', () => {
    expect(slots[0]).toEqual({
      raceId: 'SYN-2024-01-06-NAKAYAMA-01',
      date: '2024-01-06',
      postTime: '2024-01-06T09:50',
      venue: 'Nakayama',
      raceNo: 1,
    });
    expect(new Set(slots.map((s) => s.raceId)).size).toBe(slots.length);
    for (const s of slots) expect(s.postTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  it('throws DATA_BAD_OPTION for a bad date', () => {
    expect(() => raceCalendar('2024-02-30', '2024-03-01')).toThrowError(/date/);
    try {
      raceCalendar('2024-03-01', '2024-02-01');
    } catch (e) {
      expect(isDataError(e, 'DATA_BAD_OPTION')).toBe(true);
    }
  });
});

describe('venuesOn(date), postTimeOf(date, v, raceNo), addYears(date, years)', () => {
  it('venuesOn gives nothing on weekdays', () => {
    expect(venuesOn('2024-01-10')).toEqual([]);
    expect(venuesOn('2024-01-06')).toEqual(['Nakayama', 'Kyoto', 'Kokura']);
  });
  it('postTimeOf spaces races 30 minutes apart, 10 more before races 11 and 12', () => {
    expect(postTimeOf('2024-01-06', 0, 1)).toBe('2024-01-06T09:50');
    expect(postTimeOf('2024-01-06', 1, 2)).toBe('2024-01-06T10:30');
    expect(postTimeOf('2024-01-06', 0, 11)).toBe('2024-01-06T15:00');
  });
  it('addYears adds calendar years and fractional days', () => {
    expect(addYears('2024-01-01', 1)).toBe('2025-01-01');
    expect(addYears('2024-01-01', 2)).toBe('2026-01-01');
    expect(addYears('2024-01-01', 0.1)).toBe('2024-02-07');
    expect(() => addYears('2024-01-01', 0)).toThrowError(/years/);
    expect(() => addYears('2024-01-01', Number.NaN)).toThrowError(/years/);
  });
});

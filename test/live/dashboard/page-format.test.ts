/**
 * The dashboard page's text formats (src/live/dashboard/page/ui/format.ts), run in Node: the
 * module is pure (no DOM, no clock), so the page's tables and header read as these say.
 */
import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatCount,
  formatPostTime,
  formatRatio,
  formatUtc,
  formatUtcTime,
  formatYen,
  formatYenOrDash,
  ordinal,
  shortHash,
  shortKey,
} from '../../../src/live/dashboard/page/ui/format.ts';

describe('dashboard page formats', () => {
  it('formatYen: integer yen with separators, the sign before the yen mark, rounded; n/a when not finite', () => {
    expect(formatYen(1_234_567)).toBe('¥1,234,567');
    expect(formatYen(0)).toBe('¥0');
    expect(formatYen(-500)).toBe('-¥500');
    expect(formatYen(-1_013_150)).toBe('-¥1,013,150');
    expect(formatYen(999.5)).toBe('¥1,000');
    expect(formatYen(-0.4)).toBe('¥0');
    expect(formatYen(Number.NaN)).toBe('n/a');
    expect(formatYen(Number.POSITIVE_INFINITY)).toBe('n/a');
  });

  it('formatYenOrDash: a dash for null, else formatYen', () => {
    expect(formatYenOrDash(null)).toBe('–');
    expect(formatYenOrDash(0)).toBe('¥0');
    expect(formatYenOrDash(26_600)).toBe('¥26,600');
  });

  it('formatRatio: a percentage with one decimal by default, or the digits asked', () => {
    expect(formatRatio(0.0421)).toBe('4.2%');
    expect(formatRatio(0)).toBe('0.0%');
    expect(formatRatio(1)).toBe('100.0%');
    expect(formatRatio(0.3, 0)).toBe('30%');
    expect(formatRatio(0.12345, 2)).toBe('12.35%');
    expect(formatRatio(-0.05)).toBe('-5.0%');
    expect(formatRatio(Number.NaN)).toBe('n/a');
  });

  it('formatCount: a rounded integer with separators', () => {
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(2.6)).toBe('3');
    expect(formatCount(-1_000)).toBe('-1,000');
    expect(formatCount(Number.NaN)).toBe('n/a');
  });

  it('formatAge: seconds under two minutes, then minutes under two hours, hours (and minutes) under two days, then days', () => {
    expect(formatAge(0)).toBe('0 s');
    expect(formatAge(5)).toBe('5 s');
    expect(formatAge(119)).toBe('119 s');
    expect(formatAge(119.6)).toBe('2 min');
    expect(formatAge(120)).toBe('2 min');
    expect(formatAge(7_199)).toBe('119 min');
    expect(formatAge(7_200)).toBe('2 h');
    expect(formatAge(7_260)).toBe('2 h 1 min');
    expect(formatAge(47 * 3600 + 59 * 60)).toBe('47 h 59 min');
    expect(formatAge(48 * 3600)).toBe('2 d');
    expect(formatAge(1065 * 86_400 + 3600)).toBe('1065 d');
    // A clock a little ahead of the server's does not give a negative age.
    expect(formatAge(-3)).toBe('0 s');
    expect(formatAge(Number.NaN)).toBe('n/a');
  });

  it('formatUtc and formatUtcTime: UTC to the second; a dash for null; text that is not a time comes back as it is', () => {
    expect(formatUtc('2024-01-06T03:40:05.123Z')).toBe('2024-01-06 03:40:05 UTC');
    expect(formatUtc('2024-01-06T12:40:05+09:00')).toBe('2024-01-06 03:40:05 UTC');
    expect(formatUtc(null)).toBe('–');
    expect(formatUtc('not a time')).toBe('not a time');
    expect(formatUtcTime('2024-01-06T03:40:05.123Z')).toBe('03:40:05');
    expect(formatUtcTime('2024-01-06T00:10:00+09:00')).toBe('15:10:00');
    expect(formatUtcTime('soon')).toBe('soon');
  });

  it('formatPostTime: the HH:MM of a local post time; other text as it is', () => {
    expect(formatPostTime('2024-01-06T10:05')).toBe('10:05');
    expect(formatPostTime('2024-01-06T15:45:30')).toBe('15:45');
    expect(formatPostTime('10:05')).toBe('10:05');
    expect(formatPostTime('')).toBe('');
  });

  it('shortHash: the first 12 characters (or the length asked); a dash for null', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortHash('0123456789abcdef', 6)).toBe('012345');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(null)).toBe('–');
  });

  it('shortKey: race part elided, config cut to 6 and decision to 8 characters; other shapes cut at 40', () => {
    expect(shortKey('R01|win:3|0123456789abcdef|d-89abcdef01234567')).toBe('…|win:3|012345|d-89abcd…');
    expect(shortKey('SYN-2024-01-06-KOKURA-04|win:5|e2b77c0011223344|d-9126d3')).toBe('…|win:5|e2b77c|d-9126d3');
    expect(shortKey('short-key')).toBe('short-key');
    expect(shortKey('a|b')).toBe('a|b');
    const long = 'x'.repeat(50);
    expect(shortKey(long)).toBe(`${'x'.repeat(39)}…`);
    expect(shortKey(long)).toHaveLength(40);
    expect(shortKey('y'.repeat(40))).toBe('y'.repeat(40));
  });

  it('ordinal: English suffixes, 11th to 13th included', () => {
    const got = [1, 2, 3, 4, 10, 11, 12, 13, 14, 21, 22, 23, 24, 100, 101, 111, 112, 113, 121].map(ordinal);
    expect(got).toEqual(['1st', '2nd', '3rd', '4th', '10th', '11th', '12th', '13th', '14th', '21st', '22nd', '23rd', '24th', '100th', '101st', '111th', '112th', '113th', '121st']);
  });
});

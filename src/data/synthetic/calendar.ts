/**
 * A JRA-like racing calendar: meetings every Saturday and Sunday (none from 29 December to
 * 4 January) plus three holiday Mondays (成人の日, 敬老の日, スポーツの日), two or three of the
 * ten JRA racecourses a day following a seasonal rotation, 12 races per venue-day, post times
 * from about 10:00 every 30 minutes. About 3,450 races a year. Layer: data; pure (no clock).
 * Units: dates `YYYY-MM-DD`, local post times `YYYY-MM-DDTHH:MM` (Japan time).
 */
import { DataError } from '../errors.ts';

/** The ten JRA racecourses, romanised. */
export const JRA_VENUES = [
  'Sapporo',
  'Hakodate',
  'Fukushima',
  'Niigata',
  'Tokyo',
  'Nakayama',
  'Chukyo',
  'Kyoto',
  'Hanshin',
  'Kokura',
] as const;

export type JraVenue = (typeof JRA_VENUES)[number];

/** Venues racing in each month (index 0 = January): a simplified JRA rotation. */
const MONTH_VENUES: readonly (readonly JraVenue[])[] = [
  ['Nakayama', 'Kyoto', 'Kokura'],
  ['Tokyo', 'Kyoto', 'Kokura'],
  ['Nakayama', 'Hanshin'],
  ['Nakayama', 'Hanshin', 'Fukushima'],
  ['Tokyo', 'Kyoto', 'Niigata'],
  ['Tokyo', 'Kyoto', 'Hakodate'],
  ['Fukushima', 'Kokura', 'Hakodate'],
  ['Niigata', 'Kokura', 'Sapporo'],
  ['Nakayama', 'Hanshin'],
  ['Tokyo', 'Kyoto', 'Niigata'],
  ['Tokyo', 'Kyoto', 'Fukushima'],
  ['Nakayama', 'Chukyo'],
];

/** Races per venue-day. */
export const RACES_PER_DAY = 12;

/** One race slot of the calendar. */
export interface RaceSlot {
  /** `SYN-<date>-<VENUE>-<race no, 2 digits>`, e.g. `SYN-2024-01-06-NAKAYAMA-01`. */
  raceId: string;
  date: string;
  postTime: string;
  venue: JraVenue;
  raceNo: number;
}

const DAY_MS = 86_400_000;

function parseDate(s: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : Number.NaN;
  const d = new Date(t);
  if (!m || d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new DataError('DATA_BAD_OPTION', 'expected a date YYYY-MM-DD', { field, value: s });
  }
  return t;
}

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** True for the n-th Monday (1-based) of its month. */
function isNthMonday(d: Date, n: number): boolean {
  return d.getUTCDay() === 1 && Math.floor((d.getUTCDate() - 1) / 7) === n - 1;
}

/** Racing Mondays: 成人の日 (2nd Monday of January), 敬老の日 (3rd of September), スポーツの日 (2nd of October). */
function isRacingMonday(d: Date): boolean {
  const m = d.getUTCMonth();
  return (m === 0 && isNthMonday(d, 2)) || (m === 8 && isNthMonday(d, 3)) || (m === 9 && isNthMonday(d, 2));
}

function isYearEndBreak(d: Date): boolean {
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  return (m === 11 && day >= 29) || (m === 0 && day <= 4);
}

/**
 * Venues racing on a date (empty when there is no racing that day).
 * @example venuesOn('2024-01-06') // ['Nakayama', 'Kyoto', 'Kokura']
 * @throws DataError DATA_BAD_OPTION for a malformed date
 */
export function venuesOn(date: string): readonly JraVenue[] {
  const d = new Date(parseDate(date, 'date'));
  if (isYearEndBreak(d)) return [];
  const dow = d.getUTCDay();
  const venues = MONTH_VENUES[d.getUTCMonth()];
  if (dow === 0 || dow === 6) return venues;
  if (isRacingMonday(d)) return venues.slice(0, 2);
  return [];
}

/**
 * Local post time of a race: the first race of the v-th venue of the day at 09:50 + 10 v
 * minutes, then every 30 minutes, with 10 more minutes before races 11 and 12.
 * @example postTimeOf('2024-01-06', 0, 11) // '2024-01-06T15:00'
 */
export function postTimeOf(date: string, venueIndex: number, raceNo: number): string {
  const minutes = 9 * 60 + 50 + 10 * venueIndex + 30 * (raceNo - 1) + (raceNo >= 11 ? 10 : 0);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}`;
}

/**
 * Every race slot from `startDate` (included) to `endDate` (excluded), by date, then venue in
 * the day's order, then race number.
 * Cost O(days + races).
 * @throws DataError DATA_BAD_OPTION for a malformed date or an end before the start
 * @example raceCalendar('2024-01-06', '2024-01-07').length // 36 (three venues, 12 races each)
 */
export function raceCalendar(startDate: string, endDate: string): RaceSlot[] {
  const t0 = parseDate(startDate, 'startDate');
  const t1 = parseDate(endDate, 'endDate');
  if (t1 < t0) throw new DataError('DATA_BAD_OPTION', 'end date before start date', { field: 'endDate', value: endDate });
  const slots: RaceSlot[] = [];
  for (let t = t0; t < t1; t += DAY_MS) {
    const date = isoDate(t);
    const venues = venuesOn(date);
    venues.forEach((venue, v) => {
      for (let r = 1; r <= RACES_PER_DAY; r++) {
        slots.push({
          raceId: `SYN-${date}-${venue.toUpperCase()}-${String(r).padStart(2, '0')}`,
          date,
          postTime: postTimeOf(date, v, r),
          venue,
          raceNo: r,
        });
      }
    });
  }
  return slots;
}

/**
 * The date `years` after `startDate`: whole years by the calendar, a fractional rest as
 * round(fraction * 365.2425) days.
 * @example addYears('2024-01-01', 1) // '2025-01-01'
 * @throws DataError DATA_BAD_OPTION for a malformed date or years not a positive finite number
 */
export function addYears(startDate: string, years: number): string {
  const t0 = parseDate(startDate, 'startDate');
  if (typeof years !== 'number' || !Number.isFinite(years) || years <= 0 || years > 100) {
    throw new DataError('DATA_BAD_OPTION', 'years must be a number in (0, 100]', { field: 'years', value: years });
  }
  const d = new Date(t0);
  const whole = Math.floor(years);
  const end = Date.UTC(d.getUTCFullYear() + whole, d.getUTCMonth(), d.getUTCDate());
  return isoDate(end + Math.round((years - whole) * 365.2425) * DAY_MS);
}

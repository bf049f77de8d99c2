/**
 * The clock-free schedule of a backtest: the races to replay (a date range of the dataset, in
 * its post-time order) split into test windows, each with the training window its blend is fitted
 * on, strictly before it. Walk-forward specs `train=365d,test=90d` are parsed here.
 * Layer: sim (imports its own errors). Units: calendar days, dates `YYYY-MM-DD`. Pure.
 */
import { SimError } from '../errors.ts';

/** A walk-forward spec: fit on `trainDays` before each test window of `testDays`. */
export interface WalkForwardSpec {
  readonly trainDays: number;
  readonly testDays: number;
}

/** One test window: races `raceStart .. raceEnd - 1` (dataset positions), fitted on dates [trainFrom, testFrom). */
export interface ScheduleWindow {
  readonly testFrom: string;
  readonly testTo: string;
  /** First training date (inclusive) or null when nothing is fitted. */
  readonly trainFrom: string | null;
  readonly raceStart: number;
  readonly raceEnd: number;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * Day number (days since 1970-01-01) of a date `YYYY-MM-DD`.
 * @throws SimError SIM_BAD_OPTION for text that is not a calendar date
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(date: string, field = 'date'): number {
  const t = DATE_RE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new SimError('SIM_BAD_OPTION', `'${date}' is not a date YYYY-MM-DD`, { field, value: date });
  }
  return Math.round(t / DAY_MS);
}

/**
 * The date of a day number.
 * @example dateOfDay(1) // '1970-01-02'
 */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Parses `train=365d,test=90d` (days; `w` weeks and `y` 365-day years are accepted too).
 * @throws SimError SIM_BAD_OPTION naming the part that is wrong
 * @example parseWalkForward('train=365d,test=90d') // { trainDays: 365, testDays: 90 }
 */
export function parseWalkForward(spec: string): WalkForwardSpec {
  const out: Record<string, number> = {};
  for (const part of spec.split(',')) {
    const m = /^\s*(train|test)\s*=\s*(\d+)\s*([dwy]?)\s*$/.exec(part);
    if (m === null) throw new SimError('SIM_BAD_OPTION', `'${part}' is not train=<n>d or test=<n>d (in '${spec}')`, { field: 'walk-forward', value: spec });
    const n = Number(m[2]) * (m[3] === 'w' ? 7 : m[3] === 'y' ? 365 : 1);
    if (!(n >= 1 && n <= 36_500)) throw new SimError('SIM_BAD_OPTION', `${m[1]} length ${n} days is outside 1..36500`, { field: 'walk-forward', value: spec });
    out[m[1]] = n;
  }
  if (out.train === undefined || out.test === undefined) {
    throw new SimError('SIM_BAD_OPTION', `'${spec}' needs both train=<n>d and test=<n>d`, { field: 'walk-forward', value: spec });
  }
  return { trainDays: out.train, testDays: out.test };
}

/** First position whose date is >= `date` in an ascending list of dates. */
function lowerBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The test windows of a backtest over races sorted by date.
 * - No fit (`trainDays` null): one window [from, to].
 * - A fitted blend without walk-forward: one window starting at max(from, first date + trainDays),
 *   fitted on the `trainDays` before it.
 * - Walk-forward: windows of `testDays` from max(from, first date + trainDays), each fitted on
 *   the `trainDays` days strictly before it.
 * @param dates - race dates, ascending (the dataset's race order)
 * @param from - first test date (default: the first race date)
 * @param to - last test date (default: the last race date)
 * @param trainDays - training length in days, or null when nothing is fitted
 * @param testDays - walk-forward test length, or null for one window
 * @throws SimError SIM_BAD_OPTION for from after to, or when no race is left to test
 * @example backtestSchedule(['2024-01-01', '2024-01-02'], undefined, undefined, null, null) // [{ testFrom: '2024-01-01', testTo: '2024-01-02', trainFrom: null, raceStart: 0, raceEnd: 2 }]
 */
export function backtestSchedule(
  dates: readonly string[],
  from: string | undefined,
  to: string | undefined,
  trainDays: number | null,
  testDays: number | null,
): ScheduleWindow[] {
  if (dates.length === 0) throw new SimError('SIM_BAD_OPTION', 'the dataset has no races', { field: 'data' });
  const first = from ?? dates[0];
  const last = to ?? dates[dates.length - 1];
  const fromDay = dayNumber(first, 'from');
  const toDay = dayNumber(last, 'to');
  if (fromDay > toDay) throw new SimError('SIM_BAD_OPTION', `--from ${first} is after --to ${last}`, { field: 'from', value: first });
  let startDay = fromDay;
  if (trainDays !== null) startDay = Math.max(fromDay, dayNumber(dates[0]) + trainDays);
  if (startDay > toDay || lowerBound(dates, dateOfDay(startDay)) >= lowerBound(dates, dateOfDay(toDay + 1))) {
    throw new SimError(
      'SIM_BAD_OPTION',
      trainDays !== null
        ? `no race left to test after the first ${trainDays} training days (races ${dates[0]} to ${dates[dates.length - 1]}, test range ${first} to ${last})`
        : `no race between ${first} and ${last} (races ${dates[0]} to ${dates[dates.length - 1]})`,
      { field: 'from', value: first },
    );
  }
  const windows: ScheduleWindow[] = [];
  const step = testDays ?? toDay - startDay + 1;
  for (let d = startDay; d <= toDay; d += step) {
    const end = Math.min(toDay, d + step - 1);
    const testFrom = dateOfDay(d);
    const testTo = dateOfDay(end);
    const raceStart = lowerBound(dates, testFrom);
    const raceEnd = lowerBound(dates, dateOfDay(end + 1));
    if (raceEnd <= raceStart) continue;
    windows.push({ testFrom, testTo, trainFrom: trainDays === null ? null : dateOfDay(d - trainDays), raceStart, raceEnd });
  }
  return windows;
}

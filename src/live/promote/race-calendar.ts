/**
 * The race-day calendar of the freeze gate: each race day's first and last post time, built
 * from post times (pure) or read from a dataset's races (src/data). Layer: live (promote).
 * Units: post times as local Japan times `YYYY-MM-DDTHH:MM[:SS]`, epoch milliseconds.
 */
import { readDataset } from '../../data/index.ts';
import { localTimeMs } from '../clock.ts';
import { PromoteError } from './promote-error.ts';

/** One race day: the date and its first and last post (epoch ms). */
export interface RaceDay {
  readonly date: string;
  readonly firstPostMs: number;
  readonly lastPostMs: number;
}

/** A freeze window of a race day. */
export interface FreezeWindow {
  readonly day: RaceDay;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Race days from local post times, sorted by date.
 * @throws PromoteError PROMOTE_BAD_OPTION for a post time that is not a local time
 * @example raceDays(['2024-01-06T10:05', '2024-01-06T16:25'])[0].date // '2024-01-06'
 */
export function raceDays(postTimesLocal: readonly string[]): RaceDay[] {
  const days = new Map<string, { first: number; last: number }>();
  for (const t of postTimesLocal) {
    let ms: number;
    try {
      ms = localTimeMs(t);
    } catch {
      throw new PromoteError('PROMOTE_BAD_OPTION', `calendar: post time '${t}' is not a local time YYYY-MM-DDTHH:MM`, { field: 'calendar', value: t });
    }
    const date = t.slice(0, 10);
    const d = days.get(date);
    if (d === undefined) days.set(date, { first: ms, last: ms });
    else {
      if (ms < d.first) d.first = ms;
      if (ms > d.last) d.last = ms;
    }
  }
  return [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([date, d]) => ({ date, firstPostMs: d.first, lastPostMs: d.last }));
}

/**
 * The freeze window holding `nowMs`, if any: from `beforeMin` minutes before a day's first post
 * to `afterMin` minutes after its last.
 * @example freezeWindowAt(localTimeMs('2024-01-06T09:00'), raceDays(['2024-01-06T10:05']), 720, 60)?.day.date // '2024-01-06'
 */
export function freezeWindowAt(nowMs: number, days: readonly RaceDay[], beforeMin: number, afterMin: number): FreezeWindow | undefined {
  for (const day of days) {
    const fromMs = day.firstPostMs - beforeMin * 60_000;
    const toMs = day.lastPostMs + afterMin * 60_000;
    if (nowMs >= fromMs && nowMs <= toMs) return { day, fromMs, toMs };
  }
  return undefined;
}

/**
 * The race days of a dataset folder (its races' post times; races without one are left out).
 * @throws DataError for a folder that is not a dataset; PromoteError PROMOTE_BAD_OPTION for a bad post time
 * @example (await readCalendar('datasets/jra')).length
 */
export async function readCalendar(datasetDir: string): Promise<RaceDay[]> {
  const ds = await readDataset(datasetDir);
  const posts: string[] = [];
  for (let i = 0; i < ds.races.length; i++) {
    const t = ds.races.postTime[i];
    if (t !== null) posts.push(t);
  }
  return raceDays(posts);
}

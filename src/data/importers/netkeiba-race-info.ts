/**
 * The race conditions of the netkeiba race-info lists (`info1`, `info2` of `raw_race_info.csv`):
 * course (surface and distance), post time, date and meeting. Layer: data; pure.
 * Units: distances in metres; post times JST local `YYYY-MM-DDTHH:MM`.
 */

/** Race conditions read from one `info1` / `info2` pair. */
export interface NetkeibaRaceInfo {
  date: string; // YYYY-MM-DD
  postTime: string | null; // YYYY-MM-DDTHH:MM
  surface: 'turf' | 'dirt' | 'jump';
  distanceM: number;
  meeting: number; // 回
  venueKanji: string;
  day: number; // 日目
  courseSplit: boolean; // course text split over two items (jump races)
}

/**
 * Parses the `info1` and `info2` list items of a race: course (`芝右2000m`, `ダ左1400m`,
 * `障芝3140m`, or split as `'障芝外', '内3250m'`), post time (`発走:12:20`), date
 * (`2024年11月10日`) and meeting (`6回京都4日目`).
 * @returns the conditions, or the item at fault and why.
 * @example parseNetkeibaRaceInfo(['芝右2000m', '天候:晴', '芝:良', '発走:12:20'], ['2024年11月10日', '6回京都4日目'])
 * // { ok: true, info: { date: '2024-11-10', postTime: '2024-11-10T12:20', surface: 'turf', distanceM: 2000, meeting: 6, venueKanji: '京都', day: 4, courseSplit: false } }
 */
export function parseNetkeibaRaceInfo(
  info1: readonly string[],
  info2: readonly string[],
): { ok: true; info: NetkeibaRaceInfo } | { ok: false; field: 'info1' | 'info2'; reason: string } {
  const d = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(info2[0] ?? '');
  if (!d) return { ok: false, field: 'info2', reason: 'first item is not a date like 2024年11月10日' };
  const date = `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`;
  const dt = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3]));
  if (dt.getUTCMonth() !== +d[2] - 1 || dt.getUTCDate() !== +d[3]) return { ok: false, field: 'info2', reason: 'not a calendar date' };
  const mt = /^(\d{1,2})回(.+?)(\d{1,2})日目$/.exec(info2[1] ?? '');
  if (!mt) return { ok: false, field: 'info2', reason: 'second item is not a meeting like 6回京都4日目' };

  let course = info1[0] ?? '';
  let courseSplit = false;
  if (!/\d+m$/.test(course) && /^\S*\d+m$/.test(info1[1] ?? '')) {
    course += info1[1];
    courseSplit = true;
  }
  const cm = /^(障|芝|ダ)\S*?(\d{3,4})m$/.exec(course);
  if (!cm) return { ok: false, field: 'info1', reason: `'${course}' is not a course like 芝右2000m, ダ左1400m or 障芝3140m` };
  const surface = cm[1] === '障' ? 'jump' : cm[1] === '芝' ? 'turf' : 'dirt';
  let postTime: string | null = null;
  for (const item of info1) {
    const pm = /^発走:([01]\d|2[0-3]):([0-5]\d)$/.exec(item);
    if (pm) postTime = `${date}T${pm[1]}:${pm[2]}`;
  }
  return {
    ok: true,
    info: { date, postTime, surface, distanceM: Number(cm[2]), meeting: Number(mt[1]), venueKanji: mt[2], day: Number(mt[3]), courseSplit },
  };
}

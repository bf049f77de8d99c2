/**
 * The `netkeiba-runners` importer: a netkeiba per-runner results file (`race_result.csv`, one row
 * per runner with finish, bracket, saddle number, final win odds and popularity) to dataset rows.
 * Layer: data; reads one file (parsing is pure).
 * Units: odds decimal, stake included (yen returned per yen).
 *
 * Decisions (each stated in report.notes):
 * - The file has no race date: `date` is `YYYY-01-01` of the race id's year, a placeholder (the
 *   id gives year, venue, meeting and day, but the meeting-day -> calendar date mapping is not in
 *   the file). `postTime`, `surface` and `distanceM` are null (not in the file).
 * - No payouts in this source: `payouts` is empty.
 * - fieldSize = rows of the race (scratched and excluded runners included).
 * - `3(降)` (demoted to 3rd) -> finishPos 3, status ran; `中` -> dnf (odds kept), `除` ->
 *   excluded, `取` -> scratched (both refunded, odds `---` -> null); popularity `1.0` -> 1.
 */
import { DataError } from '../errors.ts';
import type { DatasetRows, RaceRow, RunnerRow } from '../rows.ts';
import { checkCellCount, columnIndexes, parseDelimited, readUtf8Text } from './delimited-text.ts';
import { parseNetkeibaFinish } from './netkeiba-finish-codes.ts';
import { parseNetkeibaRaceId } from './netkeiba-race-id.ts';
import { badCell, Refusals } from './refusals.ts';
import type { ImportOptions, ImportResult, Importer } from './types.ts';
import { basename } from 'node:path';

export const NETKEIBA_RUNNERS_SOURCE = 'netkeiba-runners';

const COLUMNS = ['着順', '枠番', '馬番', '単勝', '人気', 'race_id'] as const;
const ODDS_RE = /^[0-9]+(?:\.[0-9]+)?$/;
const POPULARITY_RE = /^([1-9][0-9]?)(?:\.0+)?$/;

/**
 * Imports a netkeiba per-runner results file.
 * @param path the CSV file, e.g. `datasets/jra-nasjp-netkeiba/data/race_result.csv`.
 * @throws DataError DATA_MISSING_FILE when the file is missing; DATA_SCHEMA for a missing column;
 *   DATA_BAD_ROW / DATA_INTEGRITY naming file, line and field for a bad row (unless
 *   options.skipBadRows, which lists it in report.refused instead).
 * @example
 * const { rows } = await importNetkeibaRunners('datasets/jra-nasjp-netkeiba/data/race_result.csv', { skipBadRows: false });
 * rows.runners[0] // { raceId: '202205010301', runner: 1, bracket: 1, status: 'ran', finishPos: ..., winOddsFinal: ..., popularity: ... }
 */
export async function importNetkeibaRunners(path: string, options: ImportOptions): Promise<ImportResult> {
  const file = basename(path);
  const text = await readUtf8Text(path, file);
  const table = parseDelimited(text, ',', file);
  const col = columnIndexes(table.header, COLUMNS, file);
  const refusals = new Refusals(options.skipBadRows);
  const races = new Map<string, RaceRow>();
  const runners = new Map<string, RunnerRow[]>();
  const demoted: string[] = [];
  const seen = new Set<string>();
  let duplicates = 0;

  for (const rec of table.records) {
    const key = rec.raw;
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    refusals.tryRow(() => {
      checkCellCount(rec, table.header, file);
      const c = rec.cells;
      const line = rec.line;
      const id = parseNetkeibaRaceId(c[col.race_id]);
      if (id === undefined) throw badCell(file, line, 'race_id', c[col.race_id], 'not a 12-digit netkeiba JRA race id');
      const finish = parseNetkeibaFinish(c[col.着順]);
      if (finish === undefined) {
        throw badCell(file, line, '着順', c[col.着順], 'unknown finish (expected a position, N(降), 中, 除, 取 or 失)');
      }
      const bracketText = c[col.枠番];
      if (!/^[1-8]$/.test(bracketText)) throw badCell(file, line, '枠番', bracketText, 'not a bracket number 1-8');
      const runnerText = c[col.馬番];
      if (!/^[1-9][0-9]?$/.test(runnerText)) throw badCell(file, line, '馬番', runnerText, 'not a saddle number 1-99');
      const oddsText = c[col.単勝];
      let winOddsFinal: number | null = null;
      if (oddsText !== '---' && oddsText !== '') {
        if (!ODDS_RE.test(oddsText) || Number(oddsText) < 1) throw badCell(file, line, '単勝', oddsText, 'not decimal odds >= 1 (or ---)');
        winOddsFinal = Number(oddsText);
      }
      const popText = c[col.人気];
      let popularity: number | null = null;
      if (popText !== '') {
        const pm = POPULARITY_RE.exec(popText);
        if (!pm) throw badCell(file, line, '人気', popText, 'not a popularity rank (1, 1.0, ...)');
        popularity = Number(pm[1]);
      }
      const runner = Number(runnerText);
      const list = runners.get(id.raceId) ?? [];
      if (list.some((r) => r.runner === runner)) {
        throw new DataError('DATA_INTEGRITY', `saddle number ${runner} appears twice in race ${id.raceId}`, {
          file,
          line,
          field: '馬番',
          value: runnerText,
        });
      }
      if (!races.has(id.raceId)) {
        races.set(id.raceId, {
          raceId: id.raceId,
          date: `${id.year}-01-01`,
          postTime: null,
          venue: id.venue,
          raceNo: id.raceNo,
          surface: null,
          distanceM: null,
          fieldSize: 0,
          source: NETKEIBA_RUNNERS_SOURCE,
        });
      }
      if (finish.demoted) demoted.push(`${id.raceId} runner ${runner} (${c[col.着順]})`);
      list.push({
        raceId: id.raceId,
        runner,
        bracket: Number(bracketText),
        status: finish.status,
        finishPos: finish.finishPos,
        winOddsFinal,
        popularity,
      });
      runners.set(id.raceId, list);
    });
  }

  const rows: DatasetRows = { races: [], runners: [], payouts: [] };
  const counts = { scratched: 0, excluded: 0, dnf: 0, disqualified: 0 };
  let deadHeats = 0;
  for (const raceId of [...races.keys()].sort()) {
    const race = races.get(raceId)!;
    const list = runners.get(raceId)!.sort((a, b) => a.runner - b.runner);
    race.fieldSize = list.length;
    rows.races.push(race);
    rows.runners.push(...list);
    const pos = new Map<number, number>();
    for (const r of list) {
      if (r.status !== 'ran') counts[r.status]++;
      if (r.finishPos !== null) pos.set(r.finishPos, (pos.get(r.finishPos) ?? 0) + 1);
    }
    if ([...pos].some(([p, n]) => p <= 3 && n > 1)) deadHeats++;
  }
  const notes = [
    'date is a placeholder YYYY-01-01 of the race id year: the file has no race date, and the meeting-day -> date mapping is not in it',
    'postTime, surface and distanceM are null (not in the file); payouts: none (the source has none)',
    'fieldSize = rows of the race (scratched and excluded runners included)',
    `${demoted.length} demoted runners (N(降) -> finishPos N, status ran): ${demoted.join(', ') || 'none'}`,
    `statuses: ${counts.dnf} dnf (中), ${counts.excluded} excluded (除), ${counts.scratched} scratched (取), ${counts.disqualified} disqualified (失)`,
    'deadHeats counts races with a tie at 1st-3rd (the positions JRA pools pay)',
    `${duplicates} exact duplicate rows dropped`,
  ];
  return {
    rows,
    report: {
      source: NETKEIBA_RUNNERS_SOURCE,
      files: 1,
      races: rows.races.length,
      runners: rows.runners.length,
      scratches: counts.scratched,
      deadHeats,
      duplicatesDropped: duplicates,
      refused: refusals.rows,
      notes,
    },
    meta: {
      source: NETKEIBA_RUNNERS_SOURCE,
      currency: 'JPY',
      payoutUnit: 'per 100 JPY (no payouts in this source)',
      description: 'JRA per-runner results with final win odds and popularity, scraped from netkeiba; dates are year placeholders',
    },
  };
}

/** The `netkeiba-runners` importer of the registry. */
export const netkeibaRunnersImporter: Importer = {
  name: NETKEIBA_RUNNERS_SOURCE,
  describe: 'netkeiba race_result.csv (one row per runner): JRA runners with final win odds; dates are year placeholders; no payouts',
  run: importNetkeibaRunners,
};

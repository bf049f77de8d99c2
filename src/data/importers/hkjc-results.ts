/**
 * Parser of the HKJC per-meeting results files (`results_YYYY-MM-DD.csv`, one row per runner):
 * exact duplicate rows dropped and counted, placing codes mapped to runner statuses, withdrawn
 * runners without a saddle number counted apart. Layer: data; pure (text in, rows out).
 * Units: odds decimal, stake included (HK$ returned per HK$1); distances in metres.
 */
import type { RaceRow, RunnerRow } from '../rows.ts';
import { DataError } from '../errors.ts';
import { hkjcSurface, parseHkjcPlacing } from './hkjc-codes.ts';
import { forEachHkjcRow } from './hkjc-rows.ts';
import { badCell, type Refusals } from './refusals.ts';

/** The source name written in every race row of this importer. */
export const HKJC_SOURCE = 'hkjc';

/** One race read from a results file. */
export interface HkjcRaceResult {
  race: RaceRow;
  runners: RunnerRow[];
  /** Withdrawn runners listed without a saddle number (not emitted as runner rows). */
  unnumberedWithdrawn: number;
  file: string;
  line: number; // line of the race's first row
}

/** What the results files held, accumulated over files. */
export interface HkjcResultsAccumulator {
  races: Map<string, HkjcRaceResult>; // by raceId
  duplicatesDropped: number;
  rows: number; // unique rows read
}

const RESULT_COLUMNS = ['date', 'venue', 'race_no', 'course', 'distance_m', 'place', 'horse_no', 'win_odds'] as const;
const SMALL_INT_RE = /^[1-9][0-9]?$/;
const DISTANCE_RE = /^[1-9][0-9]{2,3}$/;
const ODDS_RE = /^[0-9]+(?:\.[0-9]+)?$/;

/**
 * The dataset race id of an HKJC race.
 * @example hkjcRaceId('2016-01-01', 'ST', 1) // 'HK-2016-01-01-ST-01'
 */
export function hkjcRaceId(date: string, venueCode: string, raceNo: number): string {
  return `HK-${date}-${venueCode}-${String(raceNo).padStart(2, '0')}`;
}

/**
 * A new, empty accumulator.
 * @example newHkjcResults().races.size // 0
 */
export function newHkjcResults(): HkjcResultsAccumulator {
  return { races: new Map(), duplicatesDropped: 0, rows: 0 };
}

/**
 * Parses one results file into the accumulator.
 * @param text the file's text (BOM stripped).
 * @param file the file's name relative to the imported root (for errors and the report).
 * @param fileDate the meeting date named by the file name, checked against the `date` column.
 * @throws DataError DATA_SCHEMA for a missing column; DATA_BAD_ROW / DATA_INTEGRITY naming file,
 *   line and field for a bad row (unless `refusals` skips bad rows); DATA_CSV for a broken file.
 * @example parseHkjcResults(text, '2016/results_2016-01-01.csv', '2016-01-01', acc, new Refusals(false))
 */
export function parseHkjcResults(
  text: string,
  file: string,
  fileDate: string | null,
  acc: HkjcResultsAccumulator,
  refusals: Refusals,
): void {
  forEachHkjcRow(text, file, fileDate, RESULT_COLUMNS, refusals, () => acc.duplicatesDropped++, (row) => {
    const { cells: c, col, line, date, venue, raceNo } = row;
    const placing = parseHkjcPlacing(c[col.place]);
    if (placing === undefined) {
      throw badCell(file, line, 'place', c[col.place], 'unknown placing code (expected N, N 平頭馬, WV, WV-A, WX, WX-A, WXNR, PU, UR, FE, DNF, TNP or DISQ)');
    }
    const horseNo = c[col.horse_no];
    let runner: number | null = null;
    if (horseNo === '') {
      if (placing.status !== 'scratched') throw badCell(file, line, 'horse_no', horseNo, 'missing saddle number for a runner that was not withdrawn');
    } else if (SMALL_INT_RE.test(horseNo)) runner = Number(horseNo);
    else throw badCell(file, line, 'horse_no', horseNo, 'not a saddle number 1-99');
    const oddsText = c[col.win_odds];
    let winOdds: number | null = null;
    if (oddsText !== '---') {
      if (!ODDS_RE.test(oddsText) || Number(oddsText) < 1) {
        throw badCell(file, line, 'win_odds', oddsText, 'not decimal odds >= 1 (or ---)');
      }
      winOdds = Number(oddsText);
    } else if (placing.status === 'ran') {
      throw badCell(file, line, 'win_odds', oddsText, 'a finisher without final odds');
    }
    const surface = hkjcSurface(c[col.course]);
    if (surface === undefined) throw badCell(file, line, 'course', c[col.course], 'unknown track (expected 草地 ... or 全天候跑道)');
    const distText = c[col.distance_m];
    let distanceM: number | null = null;
    if (distText !== '') {
      if (!DISTANCE_RE.test(distText)) throw badCell(file, line, 'distance_m', distText, 'not a distance in metres');
      distanceM = Number(distText);
    }

    const raceId = hkjcRaceId(date, venue.code, raceNo);
    let r = acc.races.get(raceId);
    if (r === undefined) {
      r = {
        race: {
          raceId,
          date,
          postTime: null,
          venue: venue.name,
          raceNo,
          surface,
          distanceM,
          fieldSize: 0,
          source: HKJC_SOURCE,
        },
        runners: [],
        unnumberedWithdrawn: 0,
        file,
        line,
      };
      acc.races.set(raceId, r);
    } else if (r.race.surface !== surface || r.race.distanceM !== distanceM) {
      throw new DataError('DATA_INTEGRITY', `course or distance differs from the race's first row (${r.file}:${r.line})`, {
        file,
        line,
        field: r.race.surface !== surface ? 'course' : 'distance_m',
        value: r.race.surface !== surface ? c[col.course] : distText,
      });
    }
    if (runner === null) {
      r.unnumberedWithdrawn++;
    } else {
      if (r.runners.some((x) => x.runner === runner)) {
        throw new DataError('DATA_INTEGRITY', `saddle number ${runner} appears twice in race ${raceId} with different rows`, {
          file,
          line,
          field: 'horse_no',
          value: horseNo,
        });
      }
      r.runners.push({
        raceId,
        runner,
        bracket: null,
        status: placing.status,
        finishPos: placing.finishPos,
        winOddsFinal: winOdds,
        popularity: null,
      });
      r.race.fieldSize = r.runners.length;
    }
    acc.rows++;
  });
}

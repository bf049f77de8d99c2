/**
 * Parser of the HKJC per-meeting dividends files (`dividends_YYYY-MM-DD.csv`, one row per pool
 * and winning combination): exact duplicates dropped, pools classified, the rows of our bet types
 * parsed (combination and dividend text), the others counted by kind. Layer: data; pure.
 * Units: dividends converted to HK$ per HK$100 staked (see hkjc-dividend-text.ts).
 */
import type { BetType } from '../../themis/tickets.ts';
import { LEGS } from '../../themis/tickets.ts';
import { classifyHkjcPool } from './hkjc-codes.ts';
import { forEachHkjcRow } from './hkjc-rows.ts';
import { parseHkjcCombination, parseHkjcDividend, type HkjcDividend } from './hkjc-dividend-text.ts';
import { hkjcRaceId } from './hkjc-results.ts';
import { badCell, type Refusals } from './refusals.ts';

/** One dividend row of one of our pools. */
export interface HkjcDividendEntry {
  numbers: number[]; // saddle numbers as written (finishing order for ordered pools)
  dividend: Exclude<HkjcDividend, { kind: 'invalid' }>;
  file: string;
  line: number;
}

/** The dividend rows of one race, by our bet type. */
export interface HkjcRaceDividends {
  raceId: string;
  date: string;
  pools: Map<BetType, HkjcDividendEntry[]>;
}

/** What the dividends files held, accumulated over files. */
export interface HkjcDividendsAccumulator {
  races: Map<string, HkjcRaceDividends>; // by raceId
  duplicatesDropped: number;
  rows: number; // unique rows read
  droppedOtherSingleRace: number; // first 4, quartet, composite win rows
  droppedMultiRace: number; // double, treble, double trio, triple trio, six up rows
  droppedChallenge: number; // jockey and trainer challenge rows
}

const DIVIDEND_COLUMNS = ['date', 'venue', 'race_no', 'pool', 'combination', 'dividend_hkd'] as const;

/**
 * A new, empty accumulator.
 * @example newHkjcDividends().droppedMultiRace // 0
 */
export function newHkjcDividends(): HkjcDividendsAccumulator {
  return {
    races: new Map(),
    duplicatesDropped: 0,
    rows: 0,
    droppedOtherSingleRace: 0,
    droppedMultiRace: 0,
    droppedChallenge: 0,
  };
}

/**
 * Parses one dividends file into the accumulator.
 * @param fileDate the meeting date named by the file name, checked against the `date` column.
 * @throws DataError DATA_SCHEMA for a missing column; DATA_BAD_ROW naming file, line and field
 *   for an unknown pool, a malformed combination or dividend (unless `refusals` skips bad rows).
 * @example parseHkjcDividends(text, '2016/dividends_2016-01-01.csv', '2016-01-01', acc, new Refusals(false))
 */
export function parseHkjcDividends(
  text: string,
  file: string,
  fileDate: string | null,
  acc: HkjcDividendsAccumulator,
  refusals: Refusals,
): void {
  forEachHkjcRow(text, file, fileDate, DIVIDEND_COLUMNS, refusals, () => acc.duplicatesDropped++, (row) => {
    const { cells: c, col, line, date, venue, raceNo } = row;
    const poolName = c[col.pool];
    const pool = classifyHkjcPool(poolName);
    if (pool === undefined) throw badCell(file, line, 'pool', poolName, 'unknown pool name');
    const raceId = hkjcRaceId(date, venue.code, raceNo);
    let race = acc.races.get(raceId);
    if (race === undefined) {
      race = { raceId, date, pools: new Map() };
      acc.races.set(raceId, race);
    }
    acc.rows++;
    if (pool.kind === 'other-single-race') acc.droppedOtherSingleRace++;
    else if (pool.kind === 'multi-race') acc.droppedMultiRace++;
    else if (pool.kind === 'challenge') acc.droppedChallenge++;
    if (pool.kind !== 'ours') return;
    const betType = pool.betType;
    const dividendText = c[col.dividend_hkd];
    const dividend = parseHkjcDividend(dividendText);
    if (dividend.kind === 'invalid') throw badCell(file, line, 'dividend_hkd', dividendText, dividend.reason);
    if (dividend.kind === 'details') throw badCell(file, line, 'dividend_hkd', dividendText, `'詳情' (see details) in the ${poolName} pool`);
    const combText = c[col.combination];
    const numbers = parseHkjcCombination(combText);
    // refunded pools may list no combination; otherwise it must fit the bet type
    if (dividend.kind === 'amount') {
      if (numbers === undefined || numbers.length !== LEGS[betType] || new Set(numbers).size !== numbers.length) {
        throw badCell(file, line, 'combination', combText, `not a ${betType} combination of ${LEGS[betType]} saddle number(s) separated by commas`);
      }
    }
    const entries = race.pools.get(betType) ?? [];
    entries.push({ numbers: numbers ?? [], dividend, file, line });
    race.pools.set(betType, entries);
  });
}

/**
 * The `netkeiba-payouts` importer: JRA race conditions and official payouts scraped from
 * netkeiba (`raw_race_info.csv` + `raw_race_return.csv`, both tab-separated) to dataset rows.
 * Layer: data; reads two files (parsing is pure, in netkeiba-*.ts).
 * Units: payouts in yen per 100 yen staked (as in the source); post times JST local.
 *
 * Decisions (each stated in report.notes):
 * - The payouts table is the content. The source has NO per-runner rows (no field, no odds of
 *   losers, no scratches), so `runners` is empty: emitting only the top three (recoverable from
 *   the trifecta) would make a partial field look like a whole one.
 * - `fieldSize` is 0 = unknown (not in the source).
 * - Dead heats: the cells list every winning combination (two win winners, four place payouts,
 *   ...); all are kept.
 */
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import type { DatasetRows, PayoutRow, RaceRow } from '../rows.ts';
import { BET_TYPES, type BetType } from '../../themis/tickets.ts';
import { checkCellCount, columnIndexes, parseDelimited, readUtf8Text, type TextRecord } from './delimited-text.ts';
import { parsePyStringList } from './netkeiba-list-literal.ts';
import { parseNetkeibaRaceInfo } from './netkeiba-race-info.ts';
import { parseNetkeibaPayoutCells, type NetkeibaPayoutEntry } from './netkeiba-payout-cells.ts';
import { parseNetkeibaRaceId } from './netkeiba-race-id.ts';
import { badCell, Refusals } from './refusals.ts';
import type { ImportOptions, ImportResult, Importer } from './types.ts';

export const NETKEIBA_PAYOUTS_SOURCE = 'netkeiba-payouts';
const INFO_FILE = 'raw_race_info.csv';
const RETURN_FILE = 'raw_race_return.csv';

/** Normal number of winning combinations per pool (more means a dead heat). */
const NORMAL_WINNERS: Readonly<Record<BetType, number>> = {
  win: 1,
  place: 3,
  bracket_quinella: 1,
  quinella: 1,
  wide: 3,
  exacta: 1,
  trio: 1,
  trifecta: 1,
};

/**
 * Imports the netkeiba race info and payouts under `root` (the `raw_csv` folder). Races carry
 * date, post time, venue, surface and distance; `fieldSize` is 0 (unknown: not in the source)
 * and `runners` is empty (the source has no per-runner rows); every winning combination of a
 * cell becomes one payout row (dead heats included).
 * @throws DataError DATA_MISSING_FILE when a file is missing; DATA_SCHEMA for a missing column;
 *   DATA_BAD_ROW / DATA_INTEGRITY naming file, line and field for a bad row (unless
 *   options.skipBadRows, which lists it in report.refused instead).
 * @example
 * const { rows } = await importNetkeibaPayouts('datasets/jra-yamadorinaruho/common/data/raw_csv', { skipBadRows: false });
 * rows.payouts.find((p) => p.raceId === '202408060405' && p.betType === 'wide') // { raceId: '202408060405', betType: 'wide', combination: '5-10', payoutPer100: 210 }
 */
export async function importNetkeibaPayouts(root: string, options: ImportOptions): Promise<ImportResult> {
  const refusals = new Refusals(options.skipBadRows);
  const [infoText, returnText] = await Promise.all([
    readUtf8Text(join(root, INFO_FILE), INFO_FILE),
    readUtf8Text(join(root, RETURN_FILE), RETURN_FILE),
  ]);

  // races
  const info = parseDelimited(infoText, '\t', INFO_FILE);
  const ic = columnIndexes(info.header, ['race_id', 'title', 'info1', 'info2'] as const, INFO_FILE);
  const races = new Map<string, RaceRow>();
  const raceLine = new Map<string, number>();
  let splitCourses = 0;
  let noPostTime = 0;
  for (const rec of info.records) {
    refusals.tryRow(() => {
      checkCellCount(rec, info.header, INFO_FILE);
      const c = rec.cells;
      const id = parseNetkeibaRaceId(c[ic.race_id]);
      if (id === undefined) throw badCell(INFO_FILE, rec.line, 'race_id', c[ic.race_id], 'not a 12-digit netkeiba JRA race id');
      if (races.has(id.raceId)) {
        throw new DataError('DATA_INTEGRITY', `race_id already on line ${raceLine.get(id.raceId)}`, {
          file: INFO_FILE,
          line: rec.line,
          field: 'race_id',
          value: id.raceId,
        });
      }
      const l1 = parsePyStringList(c[ic.info1]);
      if (!l1.ok) throw badCell(INFO_FILE, rec.line, 'info1', c[ic.info1], `not a list of strings: ${l1.reason}`);
      const l2 = parsePyStringList(c[ic.info2]);
      if (!l2.ok) throw badCell(INFO_FILE, rec.line, 'info2', c[ic.info2], `not a list of strings: ${l2.reason}`);
      const parsed = parseNetkeibaRaceInfo(l1.items, l2.items);
      if (!parsed.ok) throw badCell(INFO_FILE, rec.line, parsed.field, c[ic[parsed.field]], parsed.reason);
      const r = parsed.info;
      if (r.meeting !== id.meeting || r.day !== id.day || r.venueKanji !== id.venueKanji) {
        throw new DataError('DATA_INTEGRITY', `meeting ${l2.items[1]} disagrees with the race id (${id.meeting}回${id.venueKanji}${id.day}日目)`, {
          file: INFO_FILE,
          line: rec.line,
          field: 'info2',
          value: c[ic.info2],
        });
      }
      if (r.courseSplit) splitCourses++;
      if (r.postTime === null) noPostTime++;
      races.set(id.raceId, {
        raceId: id.raceId,
        date: r.date,
        postTime: r.postTime,
        venue: id.venue,
        raceNo: id.raceNo,
        surface: r.surface,
        distanceM: r.distanceM,
        fieldSize: 0,
        source: NETKEIBA_PAYOUTS_SOURCE,
      });
      raceLine.set(id.raceId, rec.line);
    });
  }

  // payouts
  const ret = parseDelimited(returnText, '\t', RETURN_FILE);
  const rc = columnIndexes(ret.header, ['race_id', '0', '1', '2', '3'] as const, RETURN_FILE);
  const pools = new Map<string, Map<BetType, NetkeibaPayoutEntry[]>>();
  let payoutRows = 0;
  const parseReturnRow = (rec: TextRecord): void => {
    checkCellCount(rec, ret.header, RETURN_FILE);
    const c = rec.cells;
    const raceId = c[rc.race_id];
    if (!races.has(raceId)) {
      throw new DataError('DATA_INTEGRITY', `race_id not in ${INFO_FILE}`, { file: RETURN_FILE, line: rec.line, field: 'race_id', value: raceId });
    }
    const p = parseNetkeibaPayoutCells(c[rc['0']], c[rc['1']], c[rc['2']], c[rc['3']]);
    if (!p.ok) {
      const column = { betType: '0', combination: '1', payout: '2', popularity: '3' } as const;
      const col = column[p.cell];
      throw badCell(RETURN_FILE, rec.line, col, c[rc[col]], p.reason);
    }
    let byType = pools.get(raceId);
    if (byType === undefined) {
      byType = new Map();
      pools.set(raceId, byType);
    }
    if (byType.has(p.betType)) {
      throw new DataError('DATA_INTEGRITY', `a second ${p.betType} row for race ${raceId}`, { file: RETURN_FILE, line: rec.line, field: '0', value: c[rc['0']] });
    }
    byType.set(p.betType, p.entries);
    payoutRows++;
  };
  for (const rec of ret.records) refusals.tryRow(() => parseReturnRow(rec));

  const raceIds = [...races.keys()].sort();
  const rows: DatasetRows = { races: [], runners: [], payouts: [] };
  let deadHeats = 0;
  let noPayouts = 0;
  const winnersHist = new Map<string, number>();
  const bump = (k: string): void => void winnersHist.set(k, (winnersHist.get(k) ?? 0) + 1);
  for (const raceId of raceIds) {
    rows.races.push(races.get(raceId)!);
    const byType = pools.get(raceId);
    if (byType === undefined) {
      noPayouts++;
      continue;
    }
    let tie = false;
    for (const betType of BET_TYPES) {
      const entries = byType.get(betType);
      if (entries === undefined) {
        bump(`${betType}:none`);
        continue;
      }
      bump(`${betType}:${entries.length}`);
      if (entries.length > NORMAL_WINNERS[betType]) tie = true;
      for (const e of [...entries].sort(byNumbers)) {
        rows.payouts.push({ raceId, betType, combination: e.combination, payoutPer100: e.payoutPer100 } satisfies PayoutRow);
      }
    }
    if (tie) deadHeats++;
  }
  const h = (k: string): number => winnersHist.get(k) ?? 0;
  const notes = [
    `${payoutRows} payout rows split into ${rows.payouts.length} winning combinations (cells hold several combinations separated by spaces)`,
    'runners: none emitted; the source has no per-runner rows (only the payouts reveal the first three)',
    'fieldSize is 0 = unknown (not in the source); place paying 2 places means 7 or fewer runners at the start of sales',
    `${h('win:2')} races with two win winners (dead heat for 1st); place paid 2 in ${h('place:2')} races, 3 in ${h('place:3')}, 4 in ${h('place:4')}`,
    `bracket quinella (枠連) absent in ${h('bracket_quinella:none')} races (not sold in small fields)`,
    `deadHeats counts races where a pool pays more combinations than normal (win, bracket quinella, quinella, exacta, trio, trifecta > 1; place, wide > 3)`,
    `${splitCourses} jump races have their course text split over two info1 items (joined)`,
    `${noPostTime} races without a post time (postTime null)`,
    `${noPayouts} races without payout rows`,
    'refunds and special payouts (返還 / 特払) do not appear in the source',
  ];
  return {
    rows,
    report: {
      source: NETKEIBA_PAYOUTS_SOURCE,
      files: 2,
      races: rows.races.length,
      runners: 0,
      scratches: 0,
      deadHeats,
      duplicatesDropped: 0,
      refused: refusals.rows,
      notes,
    },
    meta: {
      source: NETKEIBA_PAYOUTS_SOURCE,
      currency: 'JPY',
      payoutUnit: 'per 100 JPY',
      description: 'JRA race conditions (post times) and official payouts of all eight bet types, scraped from netkeiba; no runner rows',
    },
  };
}

function byNumbers(a: NetkeibaPayoutEntry, b: NetkeibaPayoutEntry): number {
  for (let i = 0; i < Math.min(a.numbers.length, b.numbers.length); i++) {
    if (a.numbers[i] !== b.numbers[i]) return a.numbers[i] - b.numbers[i];
  }
  return a.numbers.length - b.numbers.length;
}

/** The `netkeiba-payouts` importer of the registry. */
export const netkeibaPayoutsImporter: Importer = {
  name: NETKEIBA_PAYOUTS_SOURCE,
  describe: 'netkeiba raw_race_info.csv + raw_race_return.csv (TSV) in a folder: JRA races with post times and payouts per 100 JPY; no runners',
  run: importNetkeibaPayouts,
};

/**
 * The row loop the HKJC results and dividends parsers share: parse the file, find the columns,
 * drop exact duplicate rows, and check the leading cells of every row (date, matching the
 * file's meeting date; venue; race number) before the parser reads the rest. Layer: data; pure
 * (text in, callbacks out).
 */
import { checkCellCount, columnIndexes, parseDelimited } from './delimited-text.ts';
import { hkjcVenue, type HkjcVenue } from './hkjc-codes.ts';
import { badCell, type Refusals } from './refusals.ts';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const SMALL_INT_RE = /^[1-9][0-9]?$/;

/** A row whose leading cells are checked. */
export interface HkjcRow<K extends string> {
  /** Every cell of the row. */
  readonly cells: readonly string[];
  /** Index of each column by name. */
  readonly col: Readonly<Record<K, number>>;
  readonly line: number;
  /** Meeting date, YYYY-MM-DD. */
  readonly date: string;
  readonly venue: HkjcVenue;
  /** Race number of the meeting, 1-99. */
  readonly raceNo: number;
}

/**
 * Calls `each` for every distinct row of an HKJC file once its date, venue and race number are
 * checked, inside `refusals.tryRow` (a bad row throws, or is refused when skipping bad rows).
 * Cost O(rows).
 * @param columns the columns the parser needs; `date`, `venue` and `race_no` among them
 * @param fileDate the meeting date named by the file name, checked against the `date` column
 * @param onDuplicate called for each exact duplicate row (dropped)
 * @throws DataError DATA_SCHEMA for a missing column; DATA_CSV for a broken file; DATA_BAD_ROW
 *   naming file, line and field for a bad date, venue or race number (unless refused)
 * @example forEachHkjcRow(text, 'f.csv', null, ['date', 'venue', 'race_no'], refusals, () => dup++, (row) => rows.push(row.raceNo))
 */
export function forEachHkjcRow<K extends string>(
  text: string,
  file: string,
  fileDate: string | null,
  columns: readonly (K | 'date' | 'venue' | 'race_no')[],
  refusals: Refusals,
  onDuplicate: () => void,
  each: (row: HkjcRow<K | 'date' | 'venue' | 'race_no'>) => void,
): void {
  const table = parseDelimited(text, ',', file);
  const col = columnIndexes(table.header, columns, file);
  const seen = new Set<string>();
  for (const rec of table.records) {
    const key = rec.raw;
    if (seen.has(key)) {
      onDuplicate();
      continue;
    }
    seen.add(key);
    refusals.tryRow(() => {
      checkCellCount(rec, table.header, file);
      const c = rec.cells;
      const line = rec.line;
      const date = c[col.date];
      if (!DATE_RE.test(date)) throw badCell(file, line, 'date', date, 'not a date YYYY-MM-DD');
      if (fileDate !== null && date !== fileDate) {
        throw badCell(file, line, 'date', date, `differs from the file's meeting date ${fileDate}`);
      }
      const venue = hkjcVenue(c[col.venue]);
      if (venue === undefined) throw badCell(file, line, 'venue', c[col.venue], 'unknown venue (expected 沙田 or 跑馬地)');
      const raceNoText = c[col.race_no];
      if (!SMALL_INT_RE.test(raceNoText)) throw badCell(file, line, 'race_no', raceNoText, 'not a race number 1-99');
      each({ cells: c, col, line, date, venue, raceNo: Number(raceNoText) });
    });
  }
}

/**
 * The bad-row policy shared by the real-data importers: a malformed row either stops the import
 * with its DataError (the default) or, under `skipBadRows`, is listed in the report and skipped.
 * Layer: data; pure (collects into an array).
 */
import { DataError, isDataError } from '../errors.ts';
import type { RefusedRow } from './types.ts';

/**
 * Collects refused rows for one import run.
 * @example
 * const r = new Refusals(true);
 * r.tryRow(() => { throw new DataError('DATA_BAD_ROW', 'bad', { file: 'f.csv', line: 2, field: 'x', value: 'y' }); });
 * r.rows // [{ file: 'f.csv', line: 2, field: 'x', value: 'y', reason: 'bad' }]
 */
export class Refusals {
  readonly rows: RefusedRow[] = [];
  constructor(readonly skipBadRows: boolean) {}

  /**
   * Runs `parse` for one row; returns its result, or undefined when the row was refused.
   * @throws DataError from `parse` unless skipBadRows (other errors always propagate).
   */
  tryRow<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (e) {
      if (!this.skipBadRows || !isDataError(e) || e.code === 'DATA_SCHEMA') throw e;
      this.refuse(e);
      return undefined;
    }
  }

  /**
   * Refuses a row for the given error (throws it unless skipBadRows).
   * @throws DataError `e` itself unless skipBadRows.
   */
  refuse(e: DataError): void {
    if (!this.skipBadRows) throw e;
    this.rows.push({
      file: e.file ?? '',
      line: e.line ?? 0,
      field: e.field ?? '',
      value: e.value === undefined ? '' : String(e.value),
      reason: e.reason,
    });
  }
}

/**
 * A DATA_BAD_ROW error for one cell.
 * @example badCell('f.csv', 3, 'win_odds', 'x', 'not a decimal').message // "f.csv:3: field win_odds = 'x': not a decimal"
 */
export function badCell(file: string, line: number, field: string, value: string, reason: string): DataError {
  return new DataError('DATA_BAD_ROW', reason, { file, line, field, value });
}

/**
 * Errors of the data layer. Layer: data (imports nothing from the project).
 * Every error carries a literal `code` (the CLI maps coded errors to exit status 2) and, where
 * they apply, the `file`, `line`, `table`, `row`, `field` and `value` at fault; the message
 * names them, so a user can find the bad cell without a debugger.
 */

/** Literal codes of data errors. */
export type DataErrorCode =
  | 'DATA_SCHEMA' // a table or CSV lacks a column, has a wrong type or an unknown column
  | 'DATA_BAD_ROW' // a row holds a value of the wrong type or form
  | 'DATA_INTEGRITY' // rows disagree: unknown race, duplicate key
  | 'DATA_MISSING_FILE' // a file the dataset or import needs is absent
  | 'DATA_NOT_ARROW' // a table file is truncated or not an Arrow IPC file
  | 'DATA_HASH_MISMATCH' // a table file differs from the hash in its manifest
  | 'DATA_MANIFEST' // dataset.json is missing a field or is not JSON
  | 'DATA_CSV' // a CSV file is malformed (unterminated quote, empty)
  | 'DATA_ENCODING' // a text file is not UTF-8
  | 'DATA_OUT_EXISTS' // the output folder exists and is not empty
  | 'DATA_UNKNOWN_SOURCE' // no importer of that name
  | 'DATA_WRITE_FAILED' // writing the dataset failed (the target is left untouched)
  | 'DATA_BAD_OPTION'; // an option value is unusable

/** Where a data error happened; every field is optional. */
export interface DataErrorContext {
  file?: string;
  line?: number;
  table?: string;
  row?: number;
  field?: string;
  value?: unknown;
}

/**
 * An input the data layer cannot use. The message names the place (file:line or table row) and
 * the field and value at fault.
 * @example
 * new DataError('DATA_BAD_ROW', 'not an integer', { file: 'runners.csv', line: 4, field: 'runner', value: 'x' }).message
 * // "runners.csv:4: field runner = 'x': not an integer"
 */
export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly table: string | undefined;
  readonly row: number | undefined;
  readonly field: string | undefined;
  readonly value: unknown;
  /** The reason alone, without the place prefix. */
  readonly reason: string;
  constructor(code: DataErrorCode, reason: string, context: DataErrorContext = {}) {
    super(formatDataErrorMessage(reason, context));
    this.name = 'DataError';
    this.code = code;
    this.reason = reason;
    this.file = context.file;
    this.line = context.line;
    this.table = context.table;
    this.row = context.row;
    this.field = context.field;
    this.value = context.value;
  }
}

/**
 * True when `e` is a DataError (optionally of the given code).
 * @example isDataError(new DataError('DATA_CSV', 'empty file'), 'DATA_CSV') // true
 */
export function isDataError(e: unknown, code?: DataErrorCode): e is DataError {
  return e instanceof DataError && (code === undefined || e.code === code);
}

/**
 * The message of a data error: place, field and value, then the reason.
 * @example formatDataErrorMessage('missing', { table: 'runners', field: 'runner' }) // "table runners: field runner: missing"
 */
export function formatDataErrorMessage(reason: string, c: DataErrorContext): string {
  const place: string[] = [];
  if (c.file !== undefined) place.push(c.line !== undefined ? `${c.file}:${c.line}` : c.file);
  if (c.table !== undefined) place.push(c.row !== undefined ? `table ${c.table} row ${c.row}` : `table ${c.table}`);
  if (c.field !== undefined) {
    place.push(c.value !== undefined ? `field ${c.field} = ${showValue(c.value)}` : `field ${c.field}`);
  }
  return place.length > 0 ? `${place.join(': ')}: ${reason}` : reason;
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}

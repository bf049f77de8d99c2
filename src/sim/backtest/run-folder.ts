/**
 * Reading the files of a backtest run folder (`keiba sim backtest --out RUN`): summary.json as
 * its bytes and parsed JSON, an Arrow file as its bytes and table, a column that must exist. The
 * one reader behind the bootstrap source (sim/sources/backtest-pool.ts) and the backtest report
 * (report/backtest-read.ts); each caller names its own errors through `fail`. Layer: sim (the
 * file-system edge; report imports it, never the reverse).
 */
import { existsSync, readFileSync } from 'node:fs';
import { tableFromIPC, type Table, type Vector } from 'apache-arrow';

/** What went wrong with a file of a run folder. */
export type RunFileProblem = 'missing' | 'not-json' | 'not-arrow' | 'no-column';

/**
 * Throws the caller's error for a problem: `file` the file, `detail` the parser's message (or
 * the column name for 'no-column', '' for 'missing').
 */
export type RunFileFail = (problem: RunFileProblem, file: string, detail: string) => never;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reads a JSON file of a run folder.
 * @throws whatever `fail` throws: 'missing' (no such file), 'not-json'
 * @example readRunJson('bt/summary.json', fail).json
 */
export function readRunJson(file: string, fail: RunFileFail): { readonly bytes: Buffer; readonly json: unknown } {
  if (!existsSync(file)) fail('missing', file, '');
  const bytes = readFileSync(file);
  try {
    return { bytes, json: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (e) {
    return fail('not-json', file, message(e));
  }
}

/**
 * Reads an Arrow IPC file of a run folder.
 * @throws whatever `fail` throws: 'missing' (no such file), 'not-arrow'
 * @example readRunTable('bt/races.arrow', fail).table.numRows
 */
export function readRunTable(file: string, fail: RunFileFail): { readonly bytes: Buffer; readonly table: Table } {
  if (!existsSync(file)) fail('missing', file, '');
  const bytes = readFileSync(file);
  try {
    return { bytes, table: tableFromIPC(bytes) };
  } catch (e) {
    return fail('not-arrow', file, message(e));
  }
}

/**
 * A column of a run file's table.
 * @throws whatever `fail` throws: 'no-column' with the column name as detail
 * @example runColumn(table, 'race_id', 'bt/races.arrow', fail).length
 */
export function runColumn(table: Table, name: string, file: string, fail: RunFileFail): Vector {
  const c = table.getChild(name);
  return c === null ? fail('no-column', file, name) : c;
}

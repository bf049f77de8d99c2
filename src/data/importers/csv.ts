/**
 * The generic `csv` importer: a folder of UTF-8 CSV files, one per table (races.csv,
 * runners.csv, payouts.csv; optional odds_snapshots.csv, truth.csv, predictions/<model>.csv and
 * meta.json), headers named by the snake_case columns of schema.ts. See docs/dataset-format.md.
 * Layer: data; effectful (reads files). Units as in rows.ts (payouts per 100 staked, decimal odds).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCombination, isBetType, parseCombination } from '../../themis/tickets.ts';
import { DataError } from '../errors.ts';
import { forEachCsvRecord, readUtf8File } from '../io/csv.ts';
import {
  checkOddsSnapshotRow,
  checkPayoutRow,
  checkPredictionRow,
  checkRaceRow,
  checkRunnerRow,
  checkTruthRow,
  isModelName,
  type RowIssue,
} from '../io/check-rows.ts';
import type { DatasetRows, OddsSnapshotRow, PayoutRow, PredictionRow, RaceRow, RunnerRow, TruthRow } from '../rows.ts';
import { TABLE_COLUMNS, type ColumnSpec, type TableName } from '../schema.ts';
import type { ImportMeta, ImportOptions, ImportReport, ImportResult, Importer, RefusedRow } from './types.ts';

/** Columns a CSV file may omit besides the nullable ones (with their default). */
const DEFAULTS: Partial<Record<TableName, Record<string, string>>> = { races: { source: 'csv' } };

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Cell = string | number | null;

/** A CSV file read into typed rows: each kept row with its line. */
interface ParsedTable<T> {
  rows: T[];
  lines: number[];
}

class Collector {
  readonly refused: RefusedRow[] = [];
  duplicatesDropped = 0;
  constructor(readonly skipBadRows: boolean) {}
  bad(file: string, line: number, field: string, value: unknown, reason: string, code: 'DATA_BAD_ROW' | 'DATA_INTEGRITY' = 'DATA_BAD_ROW'): void {
    if (!this.skipBadRows) throw new DataError(code, reason, { file, line, field, value });
    this.refused.push({ file, line, field, value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value), reason });
  }
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function snakeToKey(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase());
}

/** Returned by parseCell for a bad cell; the reason is in `badCellReason`. */
const BAD = Symbol('bad cell');
let badCellReason = '';

function parseCell(spec: ColumnSpec, raw: string): Cell | typeof BAD {
  const s = raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
  if (s === '') {
    if (spec.nullable) return null;
    badCellReason = 'required value is empty';
    return BAD;
  }
  switch (spec.kind) {
    case 'int32':
    case 'int64':
      if (INT_RE.test(s)) return Number(s);
      badCellReason = 'expected an integer';
      return BAD;
    case 'float64':
      if (FLOAT_RE.test(s)) return Number(s);
      badCellReason = 'expected a number';
      return BAD;
    default:
      return s;
  }
}

function sameRow(a: Record<string, Cell>, b: Record<string, Cell>, specs: readonly ColumnSpec[]): boolean {
  for (const s of specs) if (a[s.key] !== b[s.key]) return false;
  return true;
}

/**
 * Reads one table file into rows: header checked (no duplicates, no unknown columns, required
 * columns present), cells typed, combinations made canonical, rows checked, exact duplicate
 * rows dropped, rows repeating a key refused.
 */
async function readTable<T>(
  root: string,
  file: string,
  table: TableName,
  check: (r: Record<string, unknown>) => RowIssue | null,
  key: (r: T) => string,
  keyField: string,
  c: Collector,
): Promise<ParsedTable<T>> {
  const text = await readUtf8File(join(root, file), file);
  const specs = TABLE_COLUMNS[table];
  const defaults = DEFAULTS[table] ?? {};
  const seenHeader = new Map<string, number>();
  const out: ParsedTable<T> = { rows: [], lines: [] };
  const firstByKey = new Map<string, number>(); // key -> index in out.rows
  let width = -1;
  let columns: { spec: ColumnSpec; at: number | undefined; fallback: string }[] = [];
  let pendingShort: { cells: string[]; line: number } | undefined; // a row of the wrong width, reported once we know whether it was the last

  const readHeader = (header: string[]): void => {
    header.forEach((h, i) => {
      const name = h.trim();
      if (seenHeader.has(name)) throw new DataError('DATA_SCHEMA', `column ${name} appears twice in the header (columns ${seenHeader.get(name)! + 1} and ${i + 1})`, { file, line: 1, field: name });
      seenHeader.set(name, i);
      if (!specs.some((s) => s.name === name)) {
        throw new DataError('DATA_SCHEMA', `unknown column ${JSON.stringify(name)} (expected: ${specs.map((s) => s.name).join(', ')})`, { file, line: 1, field: name });
      }
    });
    for (const s of specs) {
      if (!seenHeader.has(s.name) && !s.nullable && !(s.name in defaults)) {
        throw new DataError('DATA_SCHEMA', `required column ${s.name} is missing from the header`, { file, line: 1, field: s.name });
      }
    }
    width = header.length;
    columns = specs.map((s) => ({ spec: s, at: seenHeader.get(s.name), fallback: defaults[s.name] ?? '' }));
  };

  const flushShort = (last: boolean): void => {
    if (!pendingShort) return;
    const { cells, line } = pendingShort;
    pendingShort = undefined;
    c.bad(file, line, '(row)', cells.join(','), `expected ${width} fields, found ${cells.length}${last ? ' (the file may be truncated)' : ''}`);
  };

  const readRow = (cells: string[], line: number): void => {
    flushShort(false);
    if (cells.length !== width) {
      pendingShort = { cells, line };
      return;
    }
    const row: Record<string, Cell> = {};
    for (const { spec, at, fallback } of columns) {
      const raw = at === undefined ? fallback : cells[at];
      const value = parseCell(spec, raw);
      if (value === BAD) {
        c.bad(file, line, spec.name, raw, badCellReason);
        return;
      }
      row[spec.key] = value;
    }
    if (typeof row.combination === 'string' && typeof row.betType === 'string' && isBetType(row.betType)) {
      try {
        row.combination = formatCombination(row.betType, parseCombination(row.betType, row.combination));
      } catch (e) {
        c.bad(file, line, 'combination', row.combination, (e as Error).message);
        return;
      }
    }
    const issue = check(row);
    if (issue) {
      c.bad(file, line, snake(issue.field), issue.value, issue.reason);
      return;
    }
    const typed = row as unknown as T;
    const k2 = key(typed);
    const first = firstByKey.get(k2);
    if (first !== undefined) {
      if (sameRow(out.rows[first] as Record<string, Cell>, row, specs)) c.duplicatesDropped++;
      else c.bad(file, line, keyField, String(row[snakeToKey(keyField)]), `duplicate of line ${out.lines[first]} with different values (same ${k2.split('\u0000').slice(1).join(' ') || 'race_id'})`, 'DATA_INTEGRITY');
      return;
    }
    firstByKey.set(k2, out.rows.length);
    out.rows.push(typed);
    out.lines.push(line);
  };

  const records = forEachCsvRecord(text, file, (cells, line) => (width < 0 ? readHeader(cells) : readRow(cells, line)));
  if (records === 0) throw new DataError('DATA_CSV', 'empty file (expected a header line)', { file, line: 1 });
  flushShort(true);
  return out;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function readMeta(root: string): Promise<ImportMeta | undefined> {
  const meta: ImportMeta = { source: 'csv', currency: 'JPY', payoutUnit: 'per 100 JPY' };
  const path = join(root, 'meta.json');
  if (!(await isFile(path))) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new DataError('DATA_SCHEMA', `not valid JSON (${(e as Error).message})`, { file: 'meta.json' });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new DataError('DATA_SCHEMA', 'expected a JSON object', { file: 'meta.json' });
  for (const [k, v] of Object.entries(raw)) {
    if (!['currency', 'payoutUnit', 'description'].includes(k)) {
      throw new DataError('DATA_SCHEMA', 'unknown key (expected currency, payoutUnit, description)', { file: 'meta.json', field: k, value: v });
    }
    if (k === 'currency' && !['JPY', 'HKD', 'USD'].includes(v as string)) {
      throw new DataError('DATA_SCHEMA', 'expected JPY, HKD or USD', { file: 'meta.json', field: k, value: v });
    }
    if (typeof v !== 'string' || v === '') throw new DataError('DATA_SCHEMA', 'expected text', { file: 'meta.json', field: k, value: v });
  }
  const m = raw as Partial<ImportMeta>;
  if (m.currency) {
    meta.currency = m.currency;
    meta.payoutUnit = `per 100 ${m.currency}`;
  }
  if (m.payoutUnit) meta.payoutUnit = m.payoutUnit;
  if (m.description) meta.description = m.description;
  return meta;
}

/** Races with a tie at a paying position (1st to 3rd) among runners that finished. */
function countDeadHeats(runners: readonly RunnerRow[]): number {
  const seen = new Map<string, Set<number>>();
  const tied = new Set<string>();
  for (const r of runners) {
    if (r.finishPos === null || r.finishPos > 3 || (r.status !== 'ran' && r.status !== 'disqualified')) continue;
    let s = seen.get(r.raceId);
    if (!s) seen.set(r.raceId, (s = new Set()));
    if (s.has(r.finishPos)) tied.add(r.raceId);
    s.add(r.finishPos);
  }
  return tied.size;
}

/**
 * Imports a folder of CSV files (see docs/dataset-format.md).
 * @throws DataError DATA_MISSING_FILE (folder or required file absent), DATA_ENCODING, DATA_CSV,
 * DATA_SCHEMA (header: duplicated, unknown or missing column), and, unless skipBadRows,
 * DATA_BAD_ROW / DATA_INTEGRITY naming file, line, field and value.
 * @example
 * const { rows, report } = await importCsv('my-export', { skipBadRows: false });
 * report.races // rows.races.length
 */
export async function importCsv(path: string, options: ImportOptions): Promise<ImportResult> {
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new DataError('DATA_MISSING_FILE', 'folder is missing (expected a folder with races.csv, runners.csv, payouts.csv)', { file: path });
  }
  if (!isDir) throw new DataError('DATA_MISSING_FILE', 'not a folder (expected a folder with races.csv, runners.csv, payouts.csv)', { file: path });
  const c = new Collector(options.skipBadRows);
  const metaFile = await readMeta(path);
  const meta: ImportMeta = metaFile ?? { source: 'csv', currency: 'JPY', payoutUnit: 'per 100 JPY' };
  let files = metaFile ? 1 : 0;
  const optional = async <T>(file: string, table: TableName, check: (r: Record<string, unknown>) => RowIssue | null, key: (r: T) => string, keyField: string) =>
    (await isFile(join(path, file))) ? readTable<T>(path, file, table, check, key, keyField, c) : undefined;

  const races = await readTable<RaceRow>(path, 'races.csv', 'races', checkRaceRow, (r) => r.raceId, 'race_id', c);
  const runners = await readTable<RunnerRow>(path, 'runners.csv', 'runners', checkRunnerRow, (r) => `${r.raceId}\u0000runner ${r.runner}`, 'runner', c);
  const payouts = await readTable<PayoutRow>(path, 'payouts.csv', 'payouts', checkPayoutRow, (r) => `${r.raceId}\u0000${r.betType} ${r.combination}`, 'combination', c);
  files += 3;
  const odds = await optional<OddsSnapshotRow>('odds_snapshots.csv', 'odds_snapshots', checkOddsSnapshotRow, (r) => `${r.raceId}\u0000${r.betType} ${r.combination} at ${r.at}`, 'at');
  const truth = await optional<TruthRow>('truth.csv', 'truth', checkTruthRow, (r) => `${r.raceId}\u0000runner ${r.runner}`, 'runner');
  const predictions: Record<string, ParsedTable<PredictionRow>> = {};
  if (await stat(join(path, 'predictions')).then((s) => s.isDirectory(), () => false)) {
    const names = (await readdir(join(path, 'predictions'))).filter((f) => f.endsWith('.csv')).sort();
    for (const f of names) {
      const model = f.slice(0, -4);
      if (!isModelName(model)) {
        throw new DataError('DATA_SCHEMA', 'model name (the file name) must be letters, digits, . _ -', { file: `predictions/${f}`, field: 'model', value: model });
      }
      predictions[model] = await readTable<PredictionRow>(path, `predictions/${f}`, 'predictions', checkPredictionRow, (r) => `${r.raceId}\u0000runner ${r.runner}`, 'runner', c);
      files++;
    }
  }
  if (odds) files++;
  if (truth) files++;

  // links between tables
  const raceIndex = new Map<string, number>();
  races.rows.forEach((r, i) => raceIndex.set(r.raceId, i));
  const runnerBits = new Uint32Array(races.rows.length * 4); // saddle numbers 1..99 seen per race
  const hasRunner = (race: number, runner: number): boolean => (runnerBits[race * 4 + (runner >> 5)] & (1 << (runner & 31))) !== 0;
  const linked = <T extends { raceId: string }>(file: string, t: ParsedTable<T>, runnerOf?: (r: T) => number): T[] => {
    const kept: T[] = [];
    let lastId: string | undefined;
    let race = -1;
    t.rows.forEach((r, i) => {
      if (r.raceId !== lastId) {
        lastId = r.raceId;
        race = raceIndex.get(r.raceId) ?? -1;
      }
      if (race < 0) {
        c.bad(file, t.lines[i], 'race_id', r.raceId, 'race_id not in races.csv (or its row was refused)', 'DATA_INTEGRITY');
      } else if (runnerOf && !hasRunner(race, runnerOf(r))) {
        c.bad(file, t.lines[i], 'runner', runnerOf(r), `runner not in runners.csv for race ${r.raceId} (or its row was refused)`, 'DATA_INTEGRITY');
      } else kept.push(r);
    });
    return kept;
  };
  const runnerRows = linked('runners.csv', runners);
  for (const r of runnerRows) {
    const race = raceIndex.get(r.raceId)!;
    runnerBits[race * 4 + (r.runner >> 5)] |= 1 << (r.runner & 31);
  }
  const rows: DatasetRows = { races: races.rows, runners: runnerRows, payouts: linked('payouts.csv', payouts) };
  if (odds) rows.oddsSnapshots = linked('odds_snapshots.csv', odds);
  if (truth) rows.truth = linked('truth.csv', truth, (r) => r.runner);
  const models = Object.keys(predictions);
  if (models.length > 0) {
    rows.predictions = {};
    for (const m of models) rows.predictions[m] = linked(`predictions/${m}.csv`, predictions[m], (r) => r.runner);
  }

  const notes: string[] = [];
  if (c.duplicatesDropped > 0) notes.push(`${c.duplicatesDropped} exact duplicate row(s) dropped`);
  if (c.refused.length > 0) notes.push(`${c.refused.length} bad row(s) refused (skipBadRows)`);
  const report: ImportReport = {
    source: 'csv',
    files,
    races: rows.races.length,
    runners: rows.runners.length,
    scratches: rows.runners.filter((r) => r.status === 'scratched' || r.status === 'excluded').length,
    deadHeats: countDeadHeats(rows.runners),
    duplicatesDropped: c.duplicatesDropped,
    refused: c.refused,
    notes,
  };
  return { rows, report, meta };
}

/**
 * The `csv` importer of the registry.
 * @example await csvImporter.run('my-export', { skipBadRows: true }) // { rows, report, meta }
 */
export const csvImporter: Importer = {
  name: 'csv',
  describe: 'a folder of CSV files in the documented dataset format (docs/dataset-format.md)',
  run: (path, options) => importCsv(path, options),
};

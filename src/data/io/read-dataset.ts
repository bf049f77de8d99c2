/**
 * Reads a dataset folder: the manifest, then each table file, checking that it is a whole Arrow
 * IPC file, that its SHA-256 and row count match the manifest and that every column is present
 * with its type; then builds the columnar views. Layer: data/io; effectful (reads files).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { DataError, isDataError } from '../errors.ts';
import { TABLE_COLUMNS, kindLabel, typeMatchesKind, type TableName } from '../schema.ts';
import { nullCount } from './arrow-columns.ts';
import { buildDataset, type Dataset, type DatasetTables } from './dataset-view.ts';
import { MANIFEST_FILE, parseManifest, type DatasetManifest, type TableEntry } from './manifest.ts';

const MAGIC = Buffer.from('ARROW1');

async function readBytes(path: string, shown: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new DataError('DATA_MISSING_FILE', `${what} is missing`, { file: shown });
    throw new DataError('DATA_MISSING_FILE', `${what} cannot be read (${(e as Error).message})`, { file: shown });
  }
}

/**
 * Checks an Arrow table against the schema of a dataset table: every column present with its
 * type, no nulls in a column that may not hold them. Extra columns are allowed.
 * @throws DataError DATA_SCHEMA naming the table, the file and the column.
 * @example checkTableSchema('runners', table, 'ds/runners.arrow')
 */
export function checkTableSchema(table: TableName, t: Table, file: string, label: string = table): void {
  for (const spec of TABLE_COLUMNS[table]) {
    const field = t.schema.fields.find((f) => f.name === spec.name);
    if (!field) {
      throw new DataError('DATA_SCHEMA', `column ${spec.name} is missing (expected ${kindLabel(spec.kind)})`, { file, table: label, field: spec.name });
    }
    if (!typeMatchesKind(field.type, spec.kind)) {
      throw new DataError('DATA_SCHEMA', `column ${spec.name} has type ${String(field.type)}, expected ${kindLabel(spec.kind)}`, {
        file,
        table: label,
        field: spec.name,
      });
    }
    if (!spec.nullable) {
      const nulls = nullCount(t.getChild(spec.name)!);
      if (nulls > 0) throw new DataError('DATA_SCHEMA', `column ${spec.name} holds ${nulls} null(s) but may not`, { file, table: label, field: spec.name });
    }
  }
}

/**
 * Reads one table file listed in a manifest and checks it (whole Arrow file, hash, row count,
 * schema).
 * @throws DataError DATA_MISSING_FILE, DATA_NOT_ARROW, DATA_HASH_MISMATCH or DATA_SCHEMA.
 * @example await readTableFile('ds', 'races', 'races', manifest.tables.races) // the races Arrow table
 */
export async function readTableFile(dir: string, table: TableName, label: string, entry: TableEntry): Promise<Table> {
  const shown = join(dir, entry.file);
  const bytes = await readBytes(resolve(dir, entry.file), shown, `table ${label}`);
  const whole =
    bytes.length >= 12 &&
    bytes.subarray(0, 6).equals(MAGIC) &&
    bytes.subarray(bytes.length - 6).equals(MAGIC);
  if (!whole) throw new DataError('DATA_NOT_ARROW', 'file is truncated or not an Arrow IPC file', { file: shown, table: label });
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== entry.sha256) {
    throw new DataError('DATA_HASH_MISMATCH', `file content differs from the manifest (sha256 ${sha}, manifest ${entry.sha256})`, {
      file: shown,
      table: label,
    });
  }
  let t: Table;
  try {
    t = tableFromIPC(bytes);
  } catch (e) {
    throw new DataError('DATA_NOT_ARROW', `file is truncated or not an Arrow IPC file (${(e as Error).message})`, { file: shown, table: label });
  }
  checkTableSchema(table, t, shown, label);
  if (t.numRows !== entry.rows) {
    throw new DataError('DATA_SCHEMA', `holds ${t.numRows} rows, the manifest says ${entry.rows}`, { file: shown, table: label });
  }
  return t;
}

/**
 * Reads the manifest of a dataset folder.
 * @throws DataError DATA_MISSING_FILE or DATA_MANIFEST naming the file.
 * @example (await readManifest('datasets/demo')).formatVersion // 1
 */
export async function readManifest(dir: string): Promise<DatasetManifest> {
  const file = join(dir, MANIFEST_FILE);
  const bytes = await readBytes(file, file, `manifest ${MANIFEST_FILE} (is this a dataset folder?)`);
  return parseManifest(bytes.toString('utf8'), file);
}

/**
 * Reads a dataset folder written by writeDataset.
 * Cost: linear in the file sizes (hashing included); a million runner rows load well under a second.
 * @throws DataError DATA_MISSING_FILE (manifest or table file absent), DATA_MANIFEST,
 * DATA_NOT_ARROW (truncated or foreign file), DATA_HASH_MISMATCH (naming the table),
 * DATA_SCHEMA (naming table and column), DATA_INTEGRITY (rows out of order or unknown race).
 * @example
 * const ds = await readDataset('datasets/demo');
 * ds.runners.raceOffsets[ds.races.length] === ds.runners.length // true
 */
export async function readDataset(dir: string): Promise<Dataset> {
  const manifest = await readManifest(dir);
  const m = manifest.tables;
  const models = Object.keys(manifest.predictions);
  const [races, runners, payouts, oddsSnapshots, truth, ...preds] = await Promise.all([
    readTableFile(dir, 'races', 'races', m.races),
    readTableFile(dir, 'runners', 'runners', m.runners),
    readTableFile(dir, 'payouts', 'payouts', m.payouts),
    m.odds_snapshots ? readTableFile(dir, 'odds_snapshots', 'odds_snapshots', m.odds_snapshots) : undefined,
    m.truth ? readTableFile(dir, 'truth', 'truth', m.truth) : undefined,
    ...models.map((model) => readTableFile(dir, 'predictions', `predictions/${model}`, manifest.predictions[model])),
  ]);
  const tables: DatasetTables = { races: races!, runners: runners!, payouts: payouts!, predictions: {} };
  if (oddsSnapshots) tables.oddsSnapshots = oddsSnapshots;
  if (truth) tables.truth = truth;
  models.forEach((model, i) => {
    tables.predictions[model] = preds[i]!;
  });
  return buildDataset(dir, manifest, tables);
}

/** The result form of readDataset. */
export type SafeReadResult = { ok: true; dataset: Dataset } | { ok: false; error: DataError };

/**
 * Like readDataset, but returns the DataError instead of throwing it (other errors still throw).
 * @example const r = await safeReadDataset('nope'); r.ok // false, r.error.code === 'DATA_MISSING_FILE'
 */
export async function safeReadDataset(dir: string): Promise<SafeReadResult> {
  try {
    return { ok: true, dataset: await readDataset(dir) };
  } catch (e) {
    if (isDataError(e)) return { ok: false, error: e };
    throw e;
  }
}

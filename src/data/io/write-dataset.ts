/**
 * Writes a dataset folder atomically: checks the rows, sorts them in canonical order, builds one
 * Arrow IPC file per table in a temporary sibling folder `<dir>.tmp-<random>`, writes
 * `dataset.json` last, then renames the folder into place. Any failure removes the temporary
 * folder and leaves `dir` as it was. Layer: data/io; effectful (file system, clock unless
 * `created` is given).
 */
import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { DataError, isDataError } from '../errors.ts';
import type { ImportMeta } from '../importers/types.ts';
import type { DatasetRows } from '../rows.ts';
import type { TableName } from '../schema.ts';
import { assertOutFree, moveDirIntoPlace, randomSuffix, writeFileAtomic } from './atomic.ts';
import { buildTable } from './build-table.ts';
import { checkDatasetRows } from './check-rows.ts';
import { FORMAT_VERSION, MANIFEST_FILE, formatManifest, type DatasetManifest, type TableEntry } from './manifest.ts';
import { sortDatasetRows } from './sort-rows.ts';

/** Options of writeDataset. */
export interface WriteDatasetOptions {
  /** Replace an existing non-empty folder (atomically swapped). Default false. */
  overwrite?: boolean;
  /** ISO timestamp recorded as `created` (default: now), for byte-reproducible output. */
  created?: string;
  /** Further files written inside the dataset folder before it is moved into place (e.g. `import-report.json`). */
  extraFiles?: Readonly<Record<string, string | Uint8Array>>;
  /** Called before each file is written, with its path relative to the dataset; a throw aborts the write (tests inject faults here). */
  beforeWriteFile?: (relativePath: string) => void | Promise<void>;
}

const CURRENCIES = ['JPY', 'HKD', 'USD'];

function checkMeta(meta: ImportMeta): void {
  const bad = (field: string, value: unknown, reason: string): never => {
    throw new DataError('DATA_BAD_OPTION', reason, { field: `meta.${field}`, value });
  };
  if (meta === null || typeof meta !== 'object') bad('(root)', meta, 'expected ImportMeta');
  if (typeof meta.source !== 'string' || meta.source === '') bad('source', meta.source, 'expected text');
  if (!CURRENCIES.includes(meta.currency)) bad('currency', meta.currency, `expected one of ${CURRENCIES.join(', ')}`);
  if (typeof meta.payoutUnit !== 'string' || meta.payoutUnit === '') bad('payoutUnit', meta.payoutUnit, 'expected text');
  if (meta.description !== undefined && typeof meta.description !== 'string') bad('description', meta.description, 'expected text');
}

function checkExtraName(name: string): void {
  const reserved = name === MANIFEST_FILE || name.endsWith('.arrow') || name.startsWith('predictions');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || reserved) {
    throw new DataError('DATA_BAD_OPTION', 'extra file name must be a plain file name not used by the dataset', { field: 'extraFiles', value: name });
  }
}

/**
 * Writes `rows` as a dataset folder `dir` and returns its manifest.
 * Cost O(n log n) for the sort, then linear in the rows.
 * @param dir the dataset folder; must be absent or empty unless `options.overwrite`.
 * @throws DataError DATA_BAD_ROW / DATA_INTEGRITY for bad rows (table, row, field named),
 * DATA_OUT_EXISTS for a taken folder, DATA_BAD_OPTION for bad meta or options,
 * DATA_WRITE_FAILED when the file system fails. In every case `dir` is untouched and no
 * temporary folder is left.
 * @example
 * const manifest = await writeDataset('datasets/demo', rows, { source: 'csv', currency: 'JPY', payoutUnit: 'per 100 JPY' });
 * manifest.tables.races.rows // rows.races.length
 */
export async function writeDataset(
  dir: string,
  rows: DatasetRows,
  meta: ImportMeta,
  options: WriteDatasetOptions = {},
): Promise<DatasetManifest> {
  const target = resolve(dir);
  const overwrite = options.overwrite === true;
  checkMeta(meta);
  const created = options.created ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(created))) throw new DataError('DATA_BAD_OPTION', 'expected an ISO timestamp', { field: 'created', value: created });
  const extra = options.extraFiles ?? {};
  Object.keys(extra).forEach(checkExtraName);
  checkDatasetRows(rows);
  await assertOutFree(target, overwrite);
  const sorted = sortDatasetRows(rows);

  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${randomSuffix()}`;
  try {
    await mkdir(tmp);
    const put = async (rel: string, data: string | Uint8Array): Promise<void> => {
      if (options.beforeWriteFile) await options.beforeWriteFile(rel);
      await writeFileAtomic(join(tmp, rel), data);
    };
    const writeTable = async (table: TableName, rel: string, list: readonly object[]): Promise<TableEntry> => {
      const bytes = tableToIPC(buildTable(table, list), 'file');
      await put(rel, bytes);
      return { file: rel, rows: list.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    };
    const tables: DatasetManifest['tables'] = {
      races: await writeTable('races', 'races.arrow', sorted.races),
      runners: await writeTable('runners', 'runners.arrow', sorted.runners),
      payouts: await writeTable('payouts', 'payouts.arrow', sorted.payouts),
    };
    if (sorted.oddsSnapshots) tables.odds_snapshots = await writeTable('odds_snapshots', 'odds_snapshots.arrow', sorted.oddsSnapshots);
    if (sorted.truth) tables.truth = await writeTable('truth', 'truth.arrow', sorted.truth);
    const predictions: Record<string, TableEntry> = {};
    const models = Object.keys(sorted.predictions ?? {});
    if (models.length > 0) await mkdir(join(tmp, 'predictions'));
    for (const model of models) {
      predictions[model] = await writeTable('predictions', `predictions/${model}.arrow`, sorted.predictions![model]);
    }
    for (const [name, data] of Object.entries(extra)) await put(name, data);
    const manifest: DatasetManifest = {
      formatVersion: FORMAT_VERSION,
      source: meta.source,
      ...(meta.description !== undefined ? { description: meta.description } : {}),
      created,
      currency: meta.currency,
      payoutUnit: meta.payoutUnit,
      tables,
      predictions,
      dateRange: sorted.races.length > 0 ? { from: sorted.races[0].date, to: sorted.races[sorted.races.length - 1].date } : null,
    };
    await put(MANIFEST_FILE, formatManifest(manifest));
    await moveDirIntoPlace(tmp, target, overwrite);
    return manifest;
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (isDataError(e)) throw e;
    throw new DataError('DATA_WRITE_FAILED', `writing the dataset failed, nothing was changed (${(e as Error).message ?? String(e)})`, { file: dir });
  }
}

/**
 * The dataset manifest `dataset.json`: format version, provenance, currency and payout unit,
 * and for every table file its name, row count and SHA-256. Layer: data; pure (parsing and
 * formatting only; files are read and written by read-dataset.ts and write-dataset.ts).
 */
import type { ImportMeta } from '../importers/types.ts';
import { DataError } from '../errors.ts';

/** Name of the manifest file inside a dataset folder. */
export const MANIFEST_FILE = 'dataset.json';

/** The dataset format this code reads and writes. */
export const FORMAT_VERSION = 1;

/** One table file: path relative to the dataset folder, row count, SHA-256 (hex) of the file. */
export interface TableEntry {
  file: string;
  rows: number;
  sha256: string;
}

/** Table files of a dataset other than predictions, keyed by table name. */
export interface ManifestTables {
  races: TableEntry;
  runners: TableEntry;
  payouts: TableEntry;
  odds_snapshots?: TableEntry;
  truth?: TableEntry;
}

/** The content of `dataset.json`. */
export interface DatasetManifest {
  formatVersion: 1;
  source: string;
  description?: string;
  created: string; // ISO 8601 timestamp
  currency: ImportMeta['currency'];
  payoutUnit: string;
  tables: ManifestTables;
  predictions: Record<string, TableEntry>; // model name -> predictions/<model>.arrow
  dateRange: { from: string; to: string } | null; // null for a dataset without races
}

const CURRENCIES: readonly string[] = ['JPY', 'HKD', 'USD'];
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Formats a manifest as the exact text stored (2-space JSON, keys in a fixed order, final newline).
 * @example formatManifest(m).endsWith('}\n') // true
 */
export function formatManifest(m: DatasetManifest): string {
  const ordered = {
    formatVersion: m.formatVersion,
    source: m.source,
    ...(m.description !== undefined ? { description: m.description } : {}),
    created: m.created,
    currency: m.currency,
    payoutUnit: m.payoutUnit,
    tables: m.tables,
    predictions: m.predictions,
    dateRange: m.dateRange,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Parses and checks the text of a manifest.
 * @throws DataError DATA_MANIFEST naming the file and the field that is missing or wrong.
 * @example parseManifest(formatManifest(m), 'ds/dataset.json').formatVersion // 1
 */
export function parseManifest(text: string, file: string): DatasetManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DataError('DATA_MANIFEST', `not valid JSON (${(e as Error).message})`, { file });
  }
  const bad = (field: string, value: unknown, reason: string): never => {
    throw new DataError('DATA_MANIFEST', reason, { file, field, value });
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad('(root)', raw, 'expected a JSON object');
  const m = raw as Record<string, unknown>;
  if (m.formatVersion !== FORMAT_VERSION) bad('formatVersion', m.formatVersion, `unsupported format version (this version reads ${FORMAT_VERSION})`);
  for (const f of ['source', 'created', 'payoutUnit'] as const) {
    if (typeof m[f] !== 'string' || m[f] === '') bad(f, m[f], 'expected text');
  }
  if (m.description !== undefined && typeof m.description !== 'string') bad('description', m.description, 'expected text');
  if (typeof m.currency !== 'string' || !CURRENCIES.includes(m.currency)) bad('currency', m.currency, `expected one of ${CURRENCIES.join(', ')}`);
  const entry = (field: string, v: unknown): TableEntry => {
    if (v === null || typeof v !== 'object') return bad(field, v, 'expected { file, rows, sha256 }');
    const e = v as Record<string, unknown>;
    if (typeof e.file !== 'string' || e.file === '' || e.file.includes('..') || e.file.startsWith('/')) {
      bad(`${field}.file`, e.file, 'expected a relative file name inside the dataset');
    }
    if (typeof e.rows !== 'number' || !Number.isSafeInteger(e.rows) || e.rows < 0) bad(`${field}.rows`, e.rows, 'expected a row count');
    if (typeof e.sha256 !== 'string' || !HEX64.test(e.sha256)) bad(`${field}.sha256`, e.sha256, 'expected a hex SHA-256');
    return { file: e.file as string, rows: e.rows as number, sha256: e.sha256 as string };
  };
  const t = m.tables;
  if (t === null || typeof t !== 'object') bad('tables', t, 'expected an object');
  const tr = t as Record<string, unknown>;
  const tables: ManifestTables = {
    races: entry('tables.races', tr.races),
    runners: entry('tables.runners', tr.runners),
    payouts: entry('tables.payouts', tr.payouts),
  };
  if (tr.odds_snapshots !== undefined) tables.odds_snapshots = entry('tables.odds_snapshots', tr.odds_snapshots);
  if (tr.truth !== undefined) tables.truth = entry('tables.truth', tr.truth);
  for (const k of Object.keys(tr)) {
    if (!['races', 'runners', 'payouts', 'odds_snapshots', 'truth'].includes(k)) bad(`tables.${k}`, k, 'unknown table');
  }
  const p = m.predictions ?? {};
  if (p === null || typeof p !== 'object' || Array.isArray(p)) bad('predictions', p, 'expected an object of model -> table');
  const predictions: Record<string, TableEntry> = {};
  for (const [model, v] of Object.entries(p as Record<string, unknown>)) predictions[model] = entry(`predictions.${model}`, v);
  const dr = m.dateRange;
  let dateRange: DatasetManifest['dateRange'] = null;
  if (dr !== null) {
    if (typeof dr !== 'object' || typeof (dr as { from?: unknown }).from !== 'string' || typeof (dr as { to?: unknown }).to !== 'string') {
      bad('dateRange', dr, 'expected { from, to } or null');
    }
    dateRange = { from: (dr as { from: string }).from, to: (dr as { to: string }).to };
  }
  const out: DatasetManifest = {
    formatVersion: 1,
    source: m.source as string,
    created: m.created as string,
    currency: m.currency as DatasetManifest['currency'],
    payoutUnit: m.payoutUnit as string,
    tables,
    predictions,
    dateRange,
  };
  if (m.description !== undefined) out.description = m.description as string;
  return out;
}

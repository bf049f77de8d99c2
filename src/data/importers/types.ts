/**
 * The contract every importer fulfils: read a source path, return typed rows and a report of
 * what was read. Writing the dataset (atomically) is the caller's job. Layer: data.
 */
import type { DatasetRows } from '../rows.ts';

/** A row an importer refused, with where it was and why. */
export interface RefusedRow {
  file: string; // path relative to the imported root
  line: number; // 1-based line number in the file (header = line 1)
  field: string;
  value: string;
  reason: string;
}

/** What an importer read, for the user and for tests. */
export interface ImportReport {
  source: string;
  files: number;
  races: number;
  runners: number;
  scratches: number;
  deadHeats: number; // races with a tie at any paying position
  duplicatesDropped: number; // exact duplicate rows removed
  refused: RefusedRow[]; // rows skipped under skipBadRows (empty otherwise)
  notes: string[]; // anomalies of the source that were handled, one line each
}

/** Facts recorded in the dataset manifest. */
export interface ImportMeta {
  source: string; // e.g. 'hkjc', 'netkeiba-payouts', 'synthetic'
  currency: 'JPY' | 'HKD' | 'USD';
  payoutUnit: string; // e.g. 'per 100 JPY', 'per 100 HKD (converted from per 10 HKD)'
  description?: string;
}

export interface ImportOptions {
  /** Skip malformed rows (listed in the report) instead of failing the import. */
  skipBadRows: boolean;
}

export interface ImportResult {
  rows: DatasetRows;
  report: ImportReport;
  meta: ImportMeta;
}

export interface Importer {
  name: string;
  describe: string;
  /** @throws DataError naming file, line and field for a bad row (unless skipBadRows). */
  run(path: string, options: ImportOptions): Promise<ImportResult>;
}

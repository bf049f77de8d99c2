/**
 * Generates a synthetic dataset and writes it as a dataset folder (atomically, through
 * writeDataset), recording the options beside it. Layer: data; effectful (writes files).
 * The manifest's `created` defaults to the start date, so the same options give the same bytes.
 */
import { writeDataset } from '../io/write-dataset.ts';
import type { DatasetManifest } from '../io/manifest.ts';
import { DEFAULT_START_DATE, generateDataset, type GenerateOptions } from './generate.ts';

/** What was generated and written. */
export interface SyntheticDatasetWritten {
  dir: string;
  manifest: DatasetManifest;
  races: number;
  runners: number;
  payouts: number;
  oddsSnapshots: number;
  predictions: string[];
  generatedSeconds: number;
}

/**
 * Generates the dataset of `options` and writes it to `dir`.
 * @throws DataError DATA_BAD_OPTION for bad options, DATA_OUT_EXISTS for a taken folder (unless overwrite).
 * @example await writeSyntheticDataset('datasets/synthetic-jra-1y', { years: 1, seed: '1' }) // { races: 3456, ... }
 */
export async function writeSyntheticDataset(
  dir: string,
  options: GenerateOptions,
  write: { overwrite?: boolean; created?: string } = {},
): Promise<SyntheticDatasetWritten> {
  const started = process.hrtime.bigint();
  const rows = generateDataset(options);
  const generatedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const startDate = options.startDate ?? DEFAULT_START_DATE;
  const description =
    `Synthetic JRA-like dataset: seed ${options.seed}, ${options.years} year(s) from ${startDate}` +
    `, model skill ${options.modelSkill ?? 'default'}, overconfidence ${options.overconfidence ?? 'default'}`;
  const manifest = await writeDataset(
    dir,
    rows,
    { source: 'synthetic', currency: 'JPY', payoutUnit: 'per 100 JPY', description },
    {
      overwrite: write.overwrite ?? false,
      created: write.created ?? `${startDate}T00:00:00.000Z`,
      extraFiles: { 'generate-options.json': `${JSON.stringify(options, null, 2)}\n` },
    },
  );
  return {
    dir,
    manifest,
    races: rows.races.length,
    runners: rows.runners.length,
    payouts: rows.payouts.length,
    oddsSnapshots: rows.oddsSnapshots?.length ?? 0,
    predictions: Object.keys(rows.predictions ?? {}),
    generatedSeconds: Math.round(generatedSeconds * 1000) / 1000,
  };
}

/**
 * The registry of importers: `keiba data import SOURCE PATH` looks SOURCE up here.
 * Layer: data. One line per importer.
 */
import { csvImporter } from './csv.ts';
import type { Importer } from './types.ts';
import { hkjcImporter } from './hkjc.ts';
import { netkeibaPayoutsImporter } from './netkeiba-payouts.ts';
import { netkeibaRunnersImporter } from './netkeiba-runners.ts';

/** Importers by source key. */
export const IMPORTERS: Record<string, Importer> = {
  csv: csvImporter,
  hkjc: hkjcImporter,
  'netkeiba-payouts': netkeibaPayoutsImporter,
  'netkeiba-runners': netkeibaRunnersImporter,
};

/**
 * The importer registered under `source`, or undefined.
 * @example importerFor('nope') // undefined
 */
export function importerFor(source: string): Importer | undefined {
  return Object.prototype.hasOwnProperty.call(IMPORTERS, source) ? IMPORTERS[source] : undefined;
}

/**
 * The registry of importers: `keiba data import SOURCE PATH` looks SOURCE up here.
 * Layer: data. One line per importer.
 */
import type { Importer } from './types.ts';

/** Importers by source key. */
export const IMPORTERS: Record<string, Importer> = {};

/**
 * The importer registered under `source`, or undefined.
 * @example importerFor('nope') // undefined
 */
export function importerFor(source: string): Importer | undefined {
  return Object.prototype.hasOwnProperty.call(IMPORTERS, source) ? IMPORTERS[source] : undefined;
}

/**
 * Sweep files: JSON `{ "base": { ...config fields }, "grid": { "field": [values] } }` adding
 * shared Themis config fields and more grid dimensions to a sweep. Layer: sim (reads a file).
 */
import { readFileSync } from 'node:fs';
import { SimError } from '../errors.ts';

/** A parsed sweep file. */
export interface SweepFile {
  readonly base: Readonly<Record<string, unknown>>;
  readonly grid: Readonly<Record<string, readonly unknown[]>>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Parses the text of a sweep file.
 * @throws SimError SIM_BAD_GRID naming the file and field
 * @example parseSweepFile('{"base":{"maxFractionPerRace":null},"grid":{"maxFractionPerTicket":[0.02,0.05]}}', 's.json').grid
 */
export function parseSweepFile(text: string, file: string): SweepFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SimError('SIM_BAD_GRID', `not JSON (${(e as Error).message})`, { file });
  }
  if (!isRecord(raw)) throw new SimError('SIM_BAD_GRID', 'expected an object { base, grid }', { file });
  for (const key of Object.keys(raw)) {
    if (key !== 'base' && key !== 'grid') throw new SimError('SIM_BAD_GRID', `unknown key (expected base and grid)`, { file, field: key });
  }
  const base = raw.base ?? {};
  const grid = raw.grid ?? {};
  if (!isRecord(base)) throw new SimError('SIM_BAD_GRID', 'base must be an object of config fields', { file, field: 'base' });
  if (!isRecord(grid)) throw new SimError('SIM_BAD_GRID', 'grid must be an object of field -> [values]', { file, field: 'grid' });
  for (const [k, v] of Object.entries(grid)) {
    if (!Array.isArray(v) || v.length === 0) throw new SimError('SIM_BAD_GRID', 'expected a non-empty array of values', { file, field: `grid.${k}`, value: v });
  }
  return { base, grid: grid as Record<string, unknown[]> };
}

/**
 * Reads a sweep file.
 * @throws SimError SIM_MISSING_SOURCE when unreadable, SIM_BAD_GRID when malformed
 * @example readSweepFile('sweeps/caps.json').base
 */
export function readSweepFile(file: string): SweepFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SimError('SIM_MISSING_SOURCE', `cannot read the sweep file (${(e as Error).message})`, { file });
  }
  return parseSweepFile(text, file);
}

/**
 * Column helpers of the in-memory dataset view: reading a named Arrow column, decoding
 * dictionary columns, mapping race_id columns to race positions with CSR offsets, and checking
 * enum codes (DATA_INTEGRITY on a bad row). Layer: data; pure (works on already-read tables).
 */
import type { Data, Table, Vector } from 'apache-arrow';
import { DataError } from '../errors.ts';
import { dictColumn, sameUtf8, type DictColumn } from './arrow-columns.ts';

export function col(t: Table, name: string) {
  return t.getChild(name)!;
}

export function integrity(table: string, row: number, field: string, value: unknown, reason: string): never {
  throw new DataError('DATA_INTEGRITY', reason, { table, row, field, value });
}

/** The races' race_id dictionary and the race position of each of its codes. */
export interface RaceKey {
  pos: Map<string, number>;
  dictionary: Data | undefined; // the races table's race_id dictionary (one chunk)
  posOfCode: Int32Array; // dictionary code -> race position (-1 if unused)
}

/**
 * Race position of each dictionary code of a race_id column: reuses the races' mapping when the
 * dictionaries are byte-identical (the writer's usual case), else goes through the strings.
 */
export function racePositions(v: Vector, key: RaceKey): DictColumn & { map: Int32Array } {
  const chunks = v.data as Data[];
  const d = chunks.length === 1 ? chunks[0] : undefined;
  if (d && d.nullCount === 0 && d.dictionary && key.dictionary && sameUtf8(d.dictionary.data[0] as Data, key.dictionary)) {
    const codes = (d.values as Int32Array).subarray(0, d.length);
    return { codes, values: [], map: key.posOfCode };
  }
  const ids = dictColumn(v);
  const map = new Int32Array(ids.values.length);
  for (let k = 0; k < ids.values.length; k++) map[k] = key.pos.get(ids.values[k]) ?? -1;
  return { ...ids, map };
}

export function idAt(ids: DictColumn, key: RaceKey, c: number, raceIds: readonly string[]): string | null {
  if (c < 0) return null;
  if (ids.values.length > 0) return ids.values[c] ?? null;
  const r = key.posOfCode[c];
  return r >= 0 ? raceIds[r] : null;
}

/** Maps a race_id column to race positions and builds CSR offsets; rows must be grouped in race order. */
export function groupByRace(table: string, v: Vector, key: RaceKey, raceIds: readonly string[]) {
  const races = raceIds.length;
  const ids = racePositions(v, key);
  const map = ids.map;
  const n = ids.codes.length;
  const raceIndex = new Int32Array(n);
  const raceOffsets = new Int32Array(races + 1);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = ids.codes[i];
    const r = c >= 0 && c < map.length ? map[c] : -1;
    if (r < 0) integrity(table, i, 'race_id', idAt(ids, key, c, raceIds), 'race_id not in races');
    if (r < prev) integrity(table, i, 'race_id', idAt(ids, key, c, raceIds), 'rows are not grouped in race order (write datasets with writeDataset)');
    raceIndex[i] = r;
    raceOffsets[r + 1]++;
    prev = r;
  }
  for (let r = 0; r < races; r++) raceOffsets[r + 1] += raceOffsets[r];
  return { raceIndex, raceOffsets };
}

export function codesOf<T extends string>(table: string, field: string, d: DictColumn, allowed: readonly T[]): Uint8Array {
  const map = new Int16Array(d.values.length);
  d.values.forEach((v, k) => {
    map[k] = allowed.indexOf(v as T);
  });
  const out = new Uint8Array(d.codes.length);
  for (let i = 0; i < d.codes.length; i++) {
    const c = d.codes[i];
    const code = c >= 0 ? map[c] : -1;
    if (code < 0) integrity(table, i, field, c >= 0 ? d.values[c] : null, `expected one of ${allowed.join(', ')}`);
    out[i] = code;
  }
  return out;
}

export function decode(d: DictColumn): (string | null)[] {
  const out: (string | null)[] = new Array(d.codes.length);
  for (let i = 0; i < d.codes.length; i++) out[i] = d.codes[i] >= 0 ? d.values[d.codes[i]] : null;
  return out;
}

/**
 * The partial result of one shard of a sweep as an Arrow IPC file: one row per configuration
 * with the shard's per-path final bankrolls (list, path order) and its integer counts (lists);
 * the sweep's context travels as JSON in the schema metadata (`keiba.sweep-shard`).
 * Layer: sim (Arrow encoding; reading and writing files). Units: integer yen, counts.
 */
import { readFileSync } from 'node:fs';
import { Field, Float64, Int32, List, makeData, RecordBatch, Schema, Struct, Table, tableFromIPC, tableToIPC, type Data, type DataType } from 'apache-arrow';
import { SimError } from '../errors.ts';
import type { KernelCounts } from './kernel.ts';
import type { RawPaths } from './run-paths.ts';
import type { SourceInfo, SweepGrid, SweepInputs } from './sweep-summary.ts';

/** Schema metadata key holding the shard's JSON header. */
export const SHARD_META_KEY = 'keiba.sweep-shard';

/** The JSON header of a shard file: everything needed to merge and check shards. */
export interface ShardHeader {
  readonly format: 'keiba-sweep-shard';
  readonly version: 1;
  readonly sweepId: string;
  readonly shardIndex: number;
  readonly shardCount: number;
  readonly pathStart: number;
  readonly pathEnd: number;
  readonly inputs: SweepInputs;
  readonly source: SourceInfo;
  readonly grid: SweepGrid;
  readonly configHashes: readonly string[];
  readonly races: number;
  readonly checkpoints: readonly number[];
  readonly created?: string;
}

/** A shard: its header and raw paths. */
export interface SweepShard {
  readonly header: ShardHeader;
  readonly raw: RawPaths;
}

/** The file name of shard k of n. */
export function shardFileName(k: number, n: number): string {
  return `shard-${String(k).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.arrow`;
}

const COUNT_COLUMNS = ['drawdownAtLeast', 'drawdownHist', 'ruinHist', 'fanHist'] as const;

/**
 * Encodes a shard as Arrow IPC file bytes (deterministic).
 * @throws nothing
 * @example encodeShard(shard).byteLength > 0 // true
 */
export function encodeShard(shard: SweepShard): Uint8Array {
  const C = shard.header.configHashes.length;
  const n = shard.raw.pathEnd - shard.raw.pathStart;
  // finals: transpose to config-major so each row's list is that config's paths in path order.
  const fin = new Float64Array(C * n);
  for (let p = 0; p < n; p++) for (let k = 0; k < C; k++) fin[k * n + p] = shard.raw.finals[p * C + k];
  const fields: Field[] = [new Field('config', new Int32(), false)];
  const children: Data[] = [makeData({ type: new Int32(), length: C, nullCount: 0, data: Int32Array.from({ length: C }, (_, i) => i) })];
  const addList = <T extends Float64 | Int32>(name: string, type: T, values: Float64Array | Int32Array, per: number): void => {
    const lt = new List(new Field('item', type, false));
    fields.push(new Field(name, lt, false));
    const child = makeData({ type, length: values.length, nullCount: 0, data: values } as never) as Data<DataType>;
    const valueOffsets = Int32Array.from({ length: C + 1 }, (_, i) => i * per);
    children.push(makeData({ type: lt, length: C, nullCount: 0, valueOffsets, child } as never) as Data<DataType>);
  };
  addList('finals', new Float64(), fin, n);
  for (const name of COUNT_COLUMNS) addList(name, new Int32(), shard.raw.counts[name], shard.raw.counts[name].length / C);
  const schema = new Schema(fields, new Map([[SHARD_META_KEY, JSON.stringify(shard.header)]]));
  const struct = makeData({ type: new Struct(fields), length: C, nullCount: 0, children });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, struct)]), 'file');
}

/**
 * Decodes shard file bytes.
 * @throws SimError SIM_BAD_SHARD naming the file when it is not a sweep shard
 * @example decodeShard(encodeShard(shard), 'x.arrow').header.shardIndex
 */
export function decodeShard(bytes: Uint8Array, file: string): SweepShard {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new SimError('SIM_BAD_SHARD', `not an Arrow IPC file (${(e as Error).message})`, { file });
  }
  const metaText = table.schema.metadata.get(SHARD_META_KEY);
  if (metaText === undefined) throw new SimError('SIM_BAD_SHARD', `not a sweep shard (no ${SHARD_META_KEY} metadata)`, { file });
  let header: ShardHeader;
  try {
    header = JSON.parse(metaText) as ShardHeader;
  } catch {
    throw new SimError('SIM_BAD_SHARD', 'the shard header is not JSON', { file });
  }
  if (header.format !== 'keiba-sweep-shard' || header.version !== 1) throw new SimError('SIM_BAD_SHARD', 'unknown shard format', { file, field: 'format', value: header.format });
  const C = header.configHashes.length;
  const n = header.pathEnd - header.pathStart;
  if (table.numRows !== C) throw new SimError('SIM_BAD_SHARD', `${table.numRows} rows for ${C} configurations`, { file });
  const flat = (name: string, ctor: typeof Float64Array | typeof Int32Array): Float64Array | Int32Array => {
    const col = table.getChild(name);
    if (col === null) throw new SimError('SIM_BAD_SHARD', `column ${name} is missing`, { file, field: name });
    const parts: ArrayLike<number>[] = [];
    for (const d of col.data) {
      const child = d.children[0];
      const offs = d.valueOffsets as Int32Array;
      const vals = child.values as Float64Array | Int32Array;
      parts.push(vals.subarray(child.offset + offs[0], child.offset + offs[d.length]));
    }
    const total = parts.reduce((s, p) => s + p.length, 0);
    const out = new ctor(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const fin = flat('finals', Float64Array);
  if (fin.length !== C * n) throw new SimError('SIM_BAD_SHARD', `finals hold ${fin.length} values, expected ${C * n}`, { file, field: 'finals' });
  const finals = new Float64Array(C * n);
  for (let k = 0; k < C; k++) for (let p = 0; p < n; p++) finals[p * C + k] = fin[k * n + p];
  const counts = {} as Record<(typeof COUNT_COLUMNS)[number], Int32Array>;
  for (const name of COUNT_COLUMNS) counts[name] = flat(name, Int32Array) as Int32Array;
  return { header, raw: { pathStart: header.pathStart, pathEnd: header.pathEnd, finals, counts: counts as KernelCounts } };
}

/**
 * Reads a shard file.
 * @throws SimError SIM_MISSING_SOURCE when unreadable, SIM_BAD_SHARD when malformed
 * @example readShardFile('shards/shard-00000-of-00003.arrow').header.shardCount // 3
 */
export function readShardFile(file: string): SweepShard {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new SimError('SIM_MISSING_SOURCE', `cannot read the shard (${(e as Error).message})`, { file });
  }
  return decodeShard(bytes, file);
}

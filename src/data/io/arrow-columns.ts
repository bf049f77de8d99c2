/**
 * Extracts Arrow columns into plain typed arrays and string arrays for the columnar views,
 * without per-cell Arrow calls: numeric columns without nulls are zero-copy views, text is
 * decoded in one pass per chunk. Layer: data/io; pure (works on in-memory vectors).
 */
import type { Data, Vector } from 'apache-arrow';

function isValidAt(d: Data, i: number): boolean {
  const bm = d.nullBitmap;
  if (!bm || bm.length === 0 || d.nullCount === 0) return true;
  const j = d.offset + i;
  return ((bm[j >> 3] >> (j & 7)) & 1) === 1;
}

/**
 * Int32 values of a column with `nullValue` where null (zero-copy when there is one chunk
 * without nulls).
 * @example int32Column(table.getChild('runner')!, 0)
 */
export function int32Column(v: Vector, nullValue: number): Int32Array {
  const chunks = v.data as Data[];
  if (chunks.length === 1 && chunks[0].nullCount === 0) {
    return (chunks[0].values as Int32Array).subarray(0, chunks[0].length);
  }
  const out = new Int32Array(v.length);
  let at = 0;
  for (const d of chunks) {
    const vals = d.values as Int32Array;
    for (let i = 0; i < d.length; i++) out[at + i] = isValidAt(d, i) ? vals[i] : nullValue;
    at += d.length;
  }
  return out;
}

/** Float64 values of a column with NaN where null. @example float64Column(table.getChild('odds')!) */
export function float64Column(v: Vector): Float64Array {
  const chunks = v.data as Data[];
  if (chunks.length === 1 && chunks[0].nullCount === 0) {
    return (chunks[0].values as Float64Array).subarray(0, chunks[0].length);
  }
  const out = new Float64Array(v.length);
  let at = 0;
  for (const d of chunks) {
    const vals = d.values as Float64Array;
    for (let i = 0; i < d.length; i++) out[at + i] = isValidAt(d, i) ? vals[i] : Number.NaN;
    at += d.length;
  }
  return out;
}

/** Int64 values as float64 numbers (exact up to 2^53), NaN where null. @example int64AsFloat64(table.getChild('payout_per_100')!) */
export function int64AsFloat64(v: Vector): Float64Array {
  const out = new Float64Array(v.length);
  let at = 0;
  for (const d of v.data as Data[]) {
    const vals = d.values as BigInt64Array;
    // read each 64-bit value as two 32-bit halves (little-endian), avoiding a BigInt per cell
    const halves = new Int32Array(vals.buffer, vals.byteOffset, d.length * 2);
    const noNulls = d.nullCount === 0;
    for (let i = 0; i < d.length; i++) {
      out[at + i] = noNulls || isValidAt(d, i) ? halves[2 * i + 1] * 4294967296 + (halves[2 * i] >>> 0) : Number.NaN;
    }
    at += d.length;
  }
  return out;
}

/**
 * Dictionary codes resolved to one value list across chunks; `codes[i]` is -1 where null.
 * `values` may repeat a string (a foreign writer's dictionary): resolve codes through it.
 */
export interface DictColumn {
  codes: Int32Array;
  values: string[];
}

/**
 * The codes and values of a Dictionary<Utf8, Int32> column.
 * @example dictColumn(table.getChild('status')!).values // ['ran', 'scratched']
 */
export function dictColumn(v: Vector): DictColumn {
  const chunks = v.data as Data[];
  if (chunks.length === 1 && chunks[0].nullCount === 0 && chunks[0].dictionary) {
    // one chunk without nulls: the stored codes are used as they are (zero-copy)
    const d = chunks[0];
    const dict = utf8Column(d.dictionary!) as string[];
    const codes = (d.values as Int32Array).subarray(0, d.length);
    let ok = true;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] < 0 || codes[i] >= dict.length) {
        ok = false;
        break;
      }
    }
    if (ok) return { codes, values: dict };
  }
  const values: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(v.length);
  let at = 0;
  for (const d of chunks) {
    const dict = d.dictionary ? (utf8Column(d.dictionary) as string[]) : [];
    const remap = new Int32Array(dict.length);
    for (let k = 0; k < dict.length; k++) {
      let g = index.get(dict[k]);
      if (g === undefined) {
        g = values.length;
        index.set(dict[k], g);
        values.push(dict[k]);
      }
      remap[k] = g;
    }
    const raw = d.values as Int32Array;
    const noNulls = d.nullCount === 0;
    for (let i = 0; i < d.length; i++) {
      const c = raw[i];
      codes[at + i] = noNulls || isValidAt(d, i) ? (c >= 0 && c < remap.length ? remap[c] : -2) : -1;
    }
    at += d.length;
  }
  return { codes, values };
}

/** Slots of the table of recent values utf8Column reuses (a power of two). */
const RECENT_SLOTS = 4096;

/**
 * Strings of a Utf8 column (null where null); ASCII chunks are decoded with one latin1 pass.
 * A value equal (byte for byte) to one met shortly before in the same chunk is the same string
 * object: columns that repeat a few values (times, combinations of odds snapshots) hold far
 * fewer strings, which keeps a loaded dataset small and cheap for the garbage collector.
 * @example utf8Column(table.getChild('combination')!) // ['3', '3-7', ...]
 */
export function utf8Column(v: Vector): (string | null)[] {
  const out: (string | null)[] = new Array(v.length);
  // Recent values by a hash of their bytes: the row that holds each and its string.
  const recentRow = new Int32Array(RECENT_SLOTS);
  const recent: string[] = new Array<string>(RECENT_SLOTS).fill('');
  let at = 0;
  for (const d of v.data as Data[]) {
    const offsets = d.valueOffsets as Int32Array;
    const bytes = d.values as Uint8Array;
    const start = offsets[0];
    const end = offsets[d.length];
    let ascii = true;
    for (let b = start; b < end; b++) {
      if (bytes[b] > 0x7f) {
        ascii = false;
        break;
      }
    }
    const noNulls = d.nullCount === 0;
    const all = ascii ? Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1') : '';
    const dec = ascii ? null : new TextDecoder();
    recentRow.fill(-1);
    for (let i = 0; i < d.length; i++) {
      if (!(noNulls || isValidAt(d, i))) {
        out[at + i] = null;
        continue;
      }
      const lo = offsets[i];
      const hi = offsets[i + 1];
      let h = 0x811c9dc5 ^ (hi - lo);
      for (let b = lo; b < hi; b++) h = Math.imul(h ^ bytes[b], 0x01000193);
      const slot = (h ^ (h >>> 15)) & (RECENT_SLOTS - 1);
      const r = recentRow[slot];
      if (r >= 0 && sameBytes(bytes, offsets[r], offsets[r + 1], lo, hi)) {
        out[at + i] = recent[slot];
        continue;
      }
      const value = dec === null ? all.slice(lo - start, hi - start) : dec.decode(bytes.subarray(lo, hi));
      recentRow[slot] = i;
      recent[slot] = value;
      out[at + i] = value;
    }
    at += d.length;
  }
  return out;
}

function sameBytes(bytes: Uint8Array, aLo: number, aHi: number, bLo: number, bHi: number): boolean {
  if (aHi - aLo !== bHi - bLo) return false;
  for (let k = 0; k < aHi - aLo; k++) if (bytes[aLo + k] !== bytes[bLo + k]) return false;
  return true;
}

/**
 * Number of nulls in a column, over all its chunks.
 * @example nullCount(table.getChild('finish_pos')!) // 1 for one scratched runner
 */
export function nullCount(v: Vector): number {
  let n = 0;
  for (const d of v.data as Data[]) n += d.nullCount;
  return n;
}

/**
 * True when two Utf8 Data hold the same strings in the same order (compared as bytes), e.g. two
 * tables' race_id dictionaries written from the same race list.
 * @example sameUtf8(a.dictionary.data[0], b.dictionary.data[0])
 */
export function sameUtf8(a: Data, b: Data): boolean {
  if (a.length !== b.length || a.nullCount !== 0 || b.nullCount !== 0) return false;
  const ao = a.valueOffsets as Int32Array;
  const bo = b.valueOffsets as Int32Array;
  const n = a.length;
  if (ao[n] - ao[0] !== bo[n] - bo[0]) return false;
  for (let i = 0; i <= n; i++) if (ao[i] - ao[0] !== bo[i] - bo[0]) return false;
  const av = a.values as Uint8Array;
  const bv = b.values as Uint8Array;
  return Buffer.compare(av.subarray(ao[0], ao[n]), bv.subarray(bo[0], bo[n])) === 0;
}

/**
 * Builds the Arrow table of a dataset table from its rows, column by column on typed arrays
 * (no per-cell builder calls on the hot columns). Layer: data; pure.
 * Nulls become cleared validity bits; dictionaries list values in order of first appearance.
 */
import {
  Data,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import { TABLE_COLUMNS, arrowTypeOf, type ColumnSpec, type TableName } from '../schema.ts';

type Row = Record<string, string | number | null | undefined>;

/** Validity bitmap of `key` over rows (undefined when nothing is null) and the null count. */
function validity(rows: readonly Row[], key: string): { bitmap: Uint8Array | undefined; nulls: number } {
  let nulls = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i][key] == null) nulls++;
  if (nulls === 0) return { bitmap: undefined, nulls };
  const bitmap = new Uint8Array(Math.ceil(rows.length / 8));
  for (let i = 0; i < rows.length; i++) if (rows[i][key] != null) bitmap[i >> 3] |= 1 << (i & 7);
  return { bitmap, nulls };
}

const ASCII_RE = /^[\x00-\x7f]*$/;

/**
 * A Utf8 Data of strings (nulls allowed); ASCII text is packed in one pass.
 * @example utf8Data(['3', null, '3-7']).length // 3
 */
export function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const n = values.length;
  let nulls = 0;
  for (let i = 0; i < n; i++) if (values[i] == null) nulls++;
  let bitmap: Uint8Array | undefined;
  if (nulls > 0) {
    bitmap = new Uint8Array(Math.ceil(n / 8));
    for (let i = 0; i < n; i++) if (values[i] != null) bitmap[i >> 3] |= 1 << (i & 7);
  }
  const joined = values.map((v) => v ?? '').join('');
  if (!ASCII_RE.test(joined)) return vectorFromArray(values as (string | null)[], new Utf8()).data[0];
  const offsets = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    at += (values[i] ?? '').length;
    offsets[i + 1] = at;
  }
  const bytes = new Uint8Array(Buffer.from(joined, 'latin1'));
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data: bytes });
}

/** One column's Data, read straight from the rows into typed arrays. */
function columnData(spec: ColumnSpec, rows: readonly Row[], type: DataType): Data {
  const n = rows.length;
  const key = spec.key;
  const { bitmap, nulls } = validity(rows, key);
  switch (spec.kind) {
    case 'dict': {
      const index = new Map<string, number>();
      const dict: string[] = [];
      const codes = new Int32Array(n);
      let last: string | undefined;
      let lastCode = 0;
      for (let i = 0; i < n; i++) {
        const v = rows[i][key];
        if (v == null) continue;
        const s = v as string;
        if (s === last) {
          codes[i] = lastCode; // runs of one value (a race's rows) skip the hash
          continue;
        }
        let c = index.get(s);
        if (c === undefined) {
          c = dict.length;
          index.set(s, c);
          dict.push(s);
        }
        codes[i] = c;
        last = s;
        lastCode = c;
      }
      const dictionary = vectorFromArray(dict, new Utf8());
      return makeData({ type: type as Dictionary<Utf8, Int32>, length: n, nullCount: nulls, nullBitmap: bitmap, data: codes, dictionary });
    }
    case 'utf8': {
      const values: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = (rows[i][key] as string | null | undefined) ?? null;
      return utf8Data(values);
    }
    case 'int32': {
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) a[i] = (rows[i][key] as number | null) ?? 0;
      return makeData({ type: new Int32(), length: n, nullCount: nulls, nullBitmap: bitmap, data: a });
    }
    case 'int64': {
      const a = new BigInt64Array(n);
      for (let i = 0; i < n; i++) a[i] = BigInt((rows[i][key] as number | null) ?? 0);
      return makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap: bitmap, data: a });
    }
    case 'float64': {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = (rows[i][key] as number | null) ?? 0;
      return makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap: bitmap, data: a });
    }
  }
}

/**
 * Builds one Arrow table of `table`'s schema from rows (camelCase keys). Rows must have passed
 * checkDatasetRows; they are stored in the order given.
 * Cost O(rows x columns).
 * @example buildTable('truth', [{ raceId: 'R1', runner: 1, pTrue: 1 }]).numRows // 1
 */
export function buildTable(table: TableName, rows: readonly object[]): Table {
  const specs = TABLE_COLUMNS[table];
  const fields = specs.map((c, i) => new Field(c.name, arrowTypeOf(c.kind, i), c.nullable));
  const schema = new Schema(fields);
  const children = specs.map((c, i) => columnData(c, rows as readonly Row[], fields[i].type));
  const struct = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  return new Table([new RecordBatch(schema, struct)]);
}

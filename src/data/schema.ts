/**
 * The Arrow schema of each dataset table, derived from the row shapes of rows.ts: column names
 * are snake_case in files and camelCase in rows. Layer: data; pure.
 * Units: money columns are integer currency units per 100 staked (Int64); odds decimal (Float64).
 */
import { DataType, Dictionary, Field, Float64, Int32, Int64, Schema, Type, Utf8 } from 'apache-arrow';

/** The tables of a dataset; `predictions` is one file per model under predictions/. */
export const TABLE_NAMES = ['races', 'runners', 'payouts', 'odds_snapshots', 'predictions', 'truth'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Tables every dataset holds. */
export const REQUIRED_TABLES: readonly TableName[] = ['races', 'runners', 'payouts'];

/**
 * Physical kind of a column: `dict` is Dictionary<Utf8, Int32>, `utf8` plain text, `int32`,
 * `int64` (money), `float64` (odds, probabilities).
 */
export type ColumnKind = 'dict' | 'utf8' | 'int32' | 'int64' | 'float64';

/** One column: its file name, its row property name, kind and whether it may hold nulls. */
export interface ColumnSpec {
  readonly name: string;
  readonly key: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

function col(name: string, kind: ColumnKind, nullable = false): ColumnSpec {
  const key = name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return { name, key, kind, nullable };
}

/**
 * The columns of each table, in file order.
 * @example TABLE_COLUMNS.runners.map((c) => c.name)
 * // ['race_id', 'runner', 'bracket', 'status', 'finish_pos', 'win_odds_final', 'popularity']
 */
export const TABLE_COLUMNS: Readonly<Record<TableName, readonly ColumnSpec[]>> = {
  races: [
    col('race_id', 'dict'),
    col('date', 'utf8'),
    col('post_time', 'utf8', true),
    col('venue', 'dict'),
    col('race_no', 'int32'),
    col('surface', 'dict', true),
    col('distance_m', 'int32', true),
    col('field_size', 'int32'),
    col('source', 'dict'),
  ],
  runners: [
    col('race_id', 'dict'),
    col('runner', 'int32'),
    col('bracket', 'int32', true),
    col('status', 'dict'),
    col('finish_pos', 'int32', true),
    col('win_odds_final', 'float64', true),
    col('popularity', 'int32', true),
  ],
  payouts: [
    col('race_id', 'dict'),
    col('bet_type', 'dict'),
    col('combination', 'utf8'),
    col('payout_per_100', 'int64'),
  ],
  odds_snapshots: [
    col('race_id', 'dict'),
    col('bet_type', 'dict'),
    col('combination', 'utf8'),
    col('at', 'utf8'),
    col('odds', 'float64'),
  ],
  predictions: [col('race_id', 'dict'), col('runner', 'int32'), col('p', 'float64')],
  truth: [col('race_id', 'dict'), col('runner', 'int32'), col('p_true', 'float64')],
};

/**
 * The Arrow type of a column kind. Dictionaries get an explicit id (the column's index in its
 * table) so written files are byte-reproducible.
 * @example String(arrowTypeOf('dict', 0)) // 'Dictionary<Int32, Utf8>'
 */
export function arrowTypeOf(kind: ColumnKind, dictionaryId = 0): DataType {
  switch (kind) {
    case 'dict':
      return new Dictionary(new Utf8(), new Int32(), dictionaryId);
    case 'utf8':
      return new Utf8();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
  }
}

/**
 * The Arrow schema of a table.
 * @example tableSchema('predictions').fields.map((f) => f.name) // ['race_id', 'runner', 'p']
 */
export function tableSchema(table: TableName): Schema {
  return new Schema(TABLE_COLUMNS[table].map((c, i) => new Field(c.name, arrowTypeOf(c.kind, i), c.nullable)));
}

/**
 * True when an Arrow type is the one a column kind requires (dictionaries: Utf8 values and
 * Int32 indices).
 * @example typeMatchesKind(new Int32(), 'int32') // true
 */
export function typeMatchesKind(type: DataType, kind: ColumnKind): boolean {
  switch (kind) {
    case 'dict': {
      if (type.typeId !== Type.Dictionary) return false;
      const d = type as Dictionary;
      return d.dictionary.typeId === Type.Utf8 && d.indices.bitWidth === 32 && d.indices.isSigned;
    }
    case 'utf8':
      return type.typeId === Type.Utf8;
    case 'int32':
      return type.typeId === Type.Int && (type as Int32).bitWidth === 32 && (type as Int32).isSigned;
    case 'int64':
      return type.typeId === Type.Int && (type as Int64).bitWidth === 64 && (type as Int64).isSigned;
    case 'float64':
      return type.typeId === Type.Float && String(type) === 'Float64';
  }
}

/**
 * Readable name of a column kind, as used in error messages and docs.
 * @example kindLabel('int64') // 'Int64'
 */
export function kindLabel(kind: ColumnKind): string {
  return { dict: 'Dictionary<Int32, Utf8>', utf8: 'Utf8', int32: 'Int32', int64: 'Int64', float64: 'Float64' }[kind];
}

/**
 * Result columns of a replay written by index into pre-sized plain arrays (doubled when full,
 * cut to their length at the end) instead of pushed one value at a time: a replay fills
 * hundreds of thousands of rows, and growing large arrays push by push costs more than the
 * values themselves. Layer: sim (imports nothing from the project). Pure helpers on the arrays
 * they are given.
 */

/** Columns of equal length: each field a plain array. */
type Columns = { [field: string]: unknown[] };

/**
 * Columns with room for `capacity` rows (holes until written).
 * @example const c = sizedColumns({ a: [] as number[] }, 1000); c.a.length // 1000
 */
export function sizedColumns<C extends { [K in keyof C]: unknown[] }>(shape: C, capacity: number): C {
  const out: Columns = {};
  for (const [k, a] of Object.entries(shape as unknown as Columns)) {
    // Each column an array of its own (not all made at one site), lengthened in place: a column of
    // numbers then keeps them unboxed, whatever the other columns hold.
    const column = a.slice(0, 0);
    column.length = Math.max(capacity, 16);
    out[k] = column;
  }
  return out as C;
}

/**
 * Makes room for row `row`: every full column grows in place (it keeps its kind of elements) to
 * `atLeast` rows, or to twice its length if that is more. A caller that can foresee its final
 * size passes it as `atLeast`: each growth copies the whole column, so one growth to the
 * right size beats many doublings.
 * @example ensureRow(c, 1000); c.a[1000] = 1
 */
export function ensureRow<C extends { [K in keyof C]: unknown[] }>(c: C, row: number, atLeast = 0): void {
  const cols = c as unknown as Columns;
  for (const k of Object.keys(cols)) {
    const a = cols[k];
    if (row >= a.length) a.length = Math.max(row + 1, 2 * a.length, atLeast);
  }
}

/**
 * Cuts every column to its first `rows` rows.
 * @example trimColumns(c, 37); c.a.length // 37
 */
export function trimColumns<C extends { [K in keyof C]: unknown[] }>(c: C, rows: number): C {
  for (const a of Object.values(c as unknown as Columns)) a.length = rows;
  return c;
}

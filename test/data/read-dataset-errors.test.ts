import { createHash } from 'node:crypto';
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Table, tableToIPC, vectorFromArray, Int32, Utf8, Float64, makeTable } from 'apache-arrow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataError, readDataset, safeReadDataset, writeDataset } from '../../src/data/index.ts';
import { buildTable } from '../../src/data/io/build-table.ts';
import { CREATED, META, sampleRows, tempDir } from './helpers.ts';

let root = '';
let cleanup: () => Promise<void> = async () => {};
let dir = '';
let n = 0;
beforeAll(async () => ({ root, cleanup } = await tempDir()));
afterAll(() => cleanup());
beforeEach(async () => {
  dir = join(root, `ds-${n++}`);
  await writeDataset(dir, sampleRows(), META, { created: CREATED });
});

/** Replaces a table file and fixes its hash in the manifest, so only the content is at fault. */
async function replaceTable(file: string, bytes: Uint8Array, key: (m: Record<string, any>) => Record<string, unknown>): Promise<void> {
  await writeFile(join(dir, file), bytes);
  const m = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8'));
  key(m).sha256 = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(dir, 'dataset.json'), JSON.stringify(m));
}

async function errorOf(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('readDataset(dir) refuses a damaged dataset', () => {
  it('a column of the wrong type, naming table and column', async () => {
    const t = makeTable({
      race_id: vectorFromArray(['2024010201'], new Utf8()).data[0] as never,
      runner: new Int32Array([1]),
      p: new Float64Array([1]),
    });
    await replaceTable('predictions/model-a.arrow', tableToIPC(t as Table, 'file'), (m) => m.predictions['model-a']);
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_SCHEMA');
    expect(e.table).toBe('predictions/model-a');
    expect(e.field).toBe('race_id');
    expect(e.message).toMatch(/column race_id has type Utf8, expected Dictionary<Int32, Utf8>/);
    expect(e.message).toContain('model-a.arrow');
  });

  it('a missing column, naming table and column', async () => {
    const ds = await readDataset(dir);
    const runners = ds.tables.runners.select(['race_id', 'runner', 'bracket', 'status', 'win_odds_final', 'popularity']);
    await replaceTable('runners.arrow', tableToIPC(runners, 'file'), (m) => m.tables.runners);
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_SCHEMA');
    expect(e.message).toMatch(/table runners: field finish_pos: column finish_pos is missing/);
  });

  it('a float where an integer belongs', async () => {
    const t = makeTable({ race_id: new Int32Array([0]), runner: new Float64Array([1]), p_true: new Float64Array([1]) });
    await replaceTable('truth.arrow', tableToIPC(t, 'file'), (m) => m.tables.truth);
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_SCHEMA');
    expect(e.table).toBe('truth');
    expect(e.field).toBe('race_id');
  });

  it('a hash mismatch, naming the table', async () => {
    const f = join(dir, 'payouts.arrow');
    const bytes = await readFile(f);
    bytes[bytes.length - 20] ^= 0xff;
    await writeFile(f, bytes);
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_HASH_MISMATCH');
    expect(e.message).toMatch(/table payouts: file content differs from the manifest/);
  });

  it('a truncated file, naming the file', async () => {
    const f = join(dir, 'runners.arrow');
    await truncate(f, 700);
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_NOT_ARROW');
    expect(e.file).toBe(f);
    expect(e.message).toMatch(/runners\.arrow: table runners: file is truncated or not an Arrow IPC file$/);
  });

  it('a file that is not Arrow at all, naming the file', async () => {
    await writeFile(join(dir, 'races.arrow'), 'race_id,date\n1,2024-01-01\n');
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_NOT_ARROW');
    expect(e.message).toContain('races.arrow');
  });

  it('a missing table file, naming the file', async () => {
    await rm(join(dir, 'truth.arrow'));
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_MISSING_FILE');
    expect(e.message).toMatch(/truth\.arrow: table truth is missing/);
  });

  it('runners not grouped in race order (a foreign writer), naming table and row', async () => {
    const runners = sampleRows().runners; // race 2 first: not the canonical order
    runners.reverse();
    await replaceTable('runners.arrow', tableToIPC(buildTable('runners', runners), 'file'), (m) => m.tables.runners);
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_INTEGRITY');
    expect(e.message).toMatch(/^table runners row 4: field race_id = '2024010201': rows are not grouped in race order/);
  });

  it('a runner of a race that is not in races', async () => {
    const runners = sampleRows().runners.map((r) => ({ ...r, raceId: r.raceId === '2024010202' ? '2099' : r.raceId }));
    await replaceTable('runners.arrow', tableToIPC(buildTable('runners', runners), 'file'), (m) => m.tables.runners);
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_INTEGRITY');
    expect(e.message).toMatch(/^table runners row 4: field race_id = '2099': race_id not in races$/);
  });

  it('a folder without a manifest', async () => {
    const e = await errorOf(readDataset(join(root, 'nothing-here')));
    expect(e.code).toBe('DATA_MISSING_FILE');
    expect(e.message).toContain('dataset.json');
  });

  it('a manifest of another format version', async () => {
    const m = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8'));
    m.formatVersion = 2;
    await writeFile(join(dir, 'dataset.json'), JSON.stringify(m));
    const e = await errorOf(readDataset(dir));
    expect(e.code).toBe('DATA_MANIFEST');
    expect(e.field).toBe('formatVersion');
  });
});

describe('safeReadDataset(dir)', () => {
  it('returns the error instead of throwing', async () => {
    await truncate(join(dir, 'payouts.arrow'), 10);
    const r = await safeReadDataset(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('DATA_NOT_ARROW');
  });

  it('returns the dataset when it is sound', async () => {
    const r = await safeReadDataset(dir);
    expect(r.ok && r.dataset.races.length).toBe(2);
  });
});

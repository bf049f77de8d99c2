/**
 * Unit tests of the delimited text reader: quoting, line numbers, CRLF, BOM, encoding, and the
 * errors naming file, line and field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCellCount, columnIndexes, parseDelimited, readUtf8Text } from '../../../src/data/importers/delimited-text.ts';
import { DataError } from '../../../src/data/errors.ts';

describe('parseDelimited(text, delimiter, file)', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, keeping start lines', () => {
    const t = parseDelimited('a,b,c\n1,"x,y","草地 - ""B"" 賽道"\n2,"two\nlines",z\n3,,\n', ',', 'f.csv');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.records).toEqual([
      { line: 2, cells: ['1', 'x,y', '草地 - "B" 賽道'], raw: '1,"x,y","草地 - ""B"" 賽道"' },
      { line: 3, cells: ['2', 'two\nlines', 'z'], raw: '2,"two\nlines",z' },
      { line: 5, cells: ['3', '', ''], raw: '3,,' },
    ]);
  });
  it('reads tabs and CRLF line ends, and a last line without a newline', () => {
    const t = parseDelimited('a\tb\r\n1\t2\r\n3\t4', '\t', 'f.tsv');
    expect(t.records).toEqual([
      { line: 2, cells: ['1', '2'], raw: '1\t2' },
      { line: 3, cells: ['3', '4'], raw: '3\t4' },
    ]);
  });
  it('throws DATA_CSV for an unterminated quote (truncated file), naming the line', () => {
    const e = (() => {
      try {
        parseDelimited('a,b\n1,2\n3,"cut', ',', 'f.csv');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DataError);
    expect(e).toMatchObject({ code: 'DATA_CSV', file: 'f.csv', line: 3 });
  });
  it('throws DATA_CSV for an empty file', () => {
    expect(() => parseDelimited('', ',', 'f.csv')).toThrow(expect.objectContaining({ code: 'DATA_CSV' }));
  });
});

describe('columnIndexes(header, names, file) and checkCellCount(rec, header, file)', () => {
  it('finds columns and names a missing one', () => {
    expect(columnIndexes(['a', 'b'], ['b'], 'f.csv')).toEqual({ b: 1 });
    expect(() => columnIndexes(['a', 'b'], ['c'], 'f.csv')).toThrow(expect.objectContaining({ code: 'DATA_SCHEMA', file: 'f.csv', line: 1, field: 'c' }));
  });
  it('names the first missing cell of a short row', () => {
    expect(() => checkCellCount({ line: 7, cells: ['1'], raw: '1' }, ['a', 'b', 'c'], 'f.csv')).toThrow(
      expect.objectContaining({ code: 'DATA_BAD_ROW', file: 'f.csv', line: 7, field: 'b' }),
    );
    expect(() => checkCellCount({ line: 7, cells: ['1', '2', '3', '4'], raw: '1,2,3,4' }, ['a', 'b', 'c'], 'f.csv')).toThrow(
      expect.objectContaining({ code: 'DATA_BAD_ROW', line: 7 }),
    );
  });
});

describe('readUtf8Text(path, file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keiba-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('strips a BOM', async () => {
    writeFileSync(join(dir, 'bom.csv'), '\ufeffdate,venue\n');
    expect(await readUtf8Text(join(dir, 'bom.csv'), 'bom.csv')).toBe('date,venue\n');
  });
  it('throws DATA_ENCODING for bytes that are not UTF-8, DATA_MISSING_FILE for a missing file', async () => {
    writeFileSync(join(dir, 'sjis.csv'), Buffer.from([0x93, 0x8c, 0x8b, 0x9e, 0x0a]));
    await expect(readUtf8Text(join(dir, 'sjis.csv'), 'sjis.csv')).rejects.toMatchObject({ code: 'DATA_ENCODING', file: 'sjis.csv' });
    await expect(readUtf8Text(join(dir, 'none.csv'), 'none.csv')).rejects.toMatchObject({ code: 'DATA_MISSING_FILE', file: 'none.csv' });
  });
});

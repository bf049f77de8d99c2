import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, decodeUtf8, firstInvalidUtf8, forEachCsvRecord, parseCsv } from '../../src/data/index.ts';

function errorOf(f: () => unknown): DataError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseCsv(text, file)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const t = parseCsv('\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\r\n', 'f.csv');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
    expect(t.lines).toEqual([2, 3]);
  });

  it('skips blank lines and keeps the line each record starts on', () => {
    const t = parseCsv('a,b\n\n1,2\n"3\n\n4",5\n6,7', 'f.csv');
    expect(t.rows).toEqual([['1', '2'], ['3\n\n4', '5'], ['6', '7']]);
    expect(t.lines).toEqual([3, 4, 7]);
  });

  it('keeps short and long rows for the caller to check', () => {
    expect(parseCsv('a,b\n1\n1,2,3\n', 'f.csv').rows).toEqual([['1'], ['1', '2', '3']]);
  });

  it('refuses an unterminated quote, naming file and the line it opened on', () => {
    const e = errorOf(() => parseCsv('a,b\n1,2\n3,"cut off\n', 'runners.csv'));
    expect(e.code).toBe('DATA_CSV');
    expect(e.message).toBe('runners.csv:3: unterminated quoted field (the file may be truncated)');
  });

  it('refuses text after a closing quote and a stray quote', () => {
    expect(errorOf(() => parseCsv('a,b\n"1"x,2\n', 'f.csv')).message).toMatch(/^f\.csv:2: text after a closing quote/);
    expect(errorOf(() => parseCsv('a,b\n1,2"\n', 'f.csv')).message).toMatch(/^f\.csv:2: a quote inside an unquoted field/);
  });

  it('refuses an empty file', () => {
    expect(errorOf(() => parseCsv('\n\r\n', 'f.csv')).message).toBe('f.csv:1: empty file (expected a header line)');
  });

  it('round-trips any table of cells written with quotes (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '東', ',', '"', '\n', '\r\n', ' ', '1') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })), (table) => {
        const text = table.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        const t = parseCsv(text, 'p.csv');
        expect([t.header, ...t.rows]).toEqual(table);
      }),
    );
  });
});

describe('forEachCsvRecord(text, file, onRecord)', () => {
  it('streams every record with its line and returns the count', () => {
    const seen: [number, string[]][] = [];
    expect(forEachCsvRecord('a,b\n\n1,"x\ny"\n2,3', 'f.csv', (cells, line) => seen.push([line, cells]))).toBe(3);
    expect(seen).toEqual([
      [1, ['a', 'b']],
      [3, ['1', 'x\ny']],
      [5, ['2', '3']],
    ]);
  });

  it('returns 0 for an empty text', () => {
    expect(forEachCsvRecord('', 'f.csv', () => {})).toBe(0);
  });
});

describe('decodeUtf8(bytes, file)', () => {
  it('drops a BOM', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62]), 'f.csv')).toBe('a,b');
  });

  it('refuses Shift-JIS text, naming file and line', () => {
    const sjis = Buffer.concat([Buffer.from('race_id,venue\n1,'), Buffer.from([0x93, 0x8c, 0x8b, 0x9e]), Buffer.from('\n')]);
    const e = errorOf(() => decodeUtf8(sjis, 'races.csv'));
    expect(e.code).toBe('DATA_ENCODING');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^races\.csv:2: not UTF-8 \(invalid byte 0x93/);
  });
});

describe('firstInvalidUtf8(bytes)', () => {
  it('agrees with a strict decoder (property)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.string({ maxLength: 6 }), (junk, good) => {
        const bytes = new Uint8Array([...Buffer.from(good), ...junk]);
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });

  it('points at the first bad byte', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe6, 0x9d, 0xb1, 0xff]))).toBe(4);
    expect(firstInvalidUtf8(Buffer.from([0xe6, 0x9d]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
  });
});

/**
 * Reading of the delimited text files the real-data importers consume (comma- or tab-separated,
 * RFC 4180 quoting, optional UTF-8 BOM, LF or CRLF line ends). Layer: data; reading a file is
 * the only effect, parsing is pure. Each record keeps the 1-based line number it starts on, so
 * errors can name the line (header = line 1).
 */
import { readFile } from 'node:fs/promises';
import { DataError } from '../errors.ts';

/** One record of a delimited file: its cells, the line it starts on (header = line 1) and its raw text. */
export interface TextRecord {
  line: number;
  cells: string[];
  /** The record's text as written, without the line end (compare it to find exact duplicate rows). */
  raw: string;
}

/** A parsed delimited file: header cells and the data records after it. */
export interface DelimitedTable {
  file: string;
  header: string[];
  records: TextRecord[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file as UTF-8 text and strips a leading byte-order mark.
 * @param path file to read.
 * @param file the name used in errors (the path relative to the imported root).
 * @throws DataError DATA_MISSING_FILE when the file cannot be read, DATA_ENCODING when it is not UTF-8.
 * @example await readUtf8Text('data/2016/results_2016-01-01.csv', '2016/results_2016-01-01.csv') // 'date,venue,...'
 */
export async function readUtf8Text(path: string, file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new DataError('DATA_MISSING_FILE', `cannot read the file (${(e as Error).message})`, { file });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new DataError('DATA_ENCODING', 'the file is not UTF-8 text', { file });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses delimited text. Quoted cells may hold the delimiter, doubled quotes and line breaks.
 * A blank last line is ignored; blank lines elsewhere are kept as records with one empty cell
 * (the caller's column count check refuses them). O(length of text).
 * @param delimiter ',' or '\t'.
 * @throws DataError DATA_CSV for an empty file or an unterminated quoted cell (naming its line).
 * @example parseDelimited('a,b\n1,"x,y"\n', ',', 'f.csv').records // [{ line: 2, cells: ['1', 'x,y'], raw: '1,"x,y"' }]
 */
export function parseDelimited(text: string, delimiter: ',' | '\t', file: string): DelimitedTable {
  const rows = parseRecords(text, delimiter.charCodeAt(0), file);
  if (rows.length === 0) throw new DataError('DATA_CSV', 'the file is empty (no header line)', { file });
  const [head, ...records] = rows;
  return { file, header: head.cells, records };
}

/**
 * Index of each required column in a header, by name.
 * @throws DataError DATA_SCHEMA naming the first missing column (line 1 of the file).
 * @example columnIndexes(['a', 'b'], ['b'], 'f.csv') // { b: 1 }
 */
export function columnIndexes<K extends string>(
  header: readonly string[],
  names: readonly K[],
  file: string,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const name of names) {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new DataError('DATA_SCHEMA', `missing column '${name}' (header: ${header.join(', ')})`, {
        file,
        line: 1,
        field: name,
      });
    }
    out[name] = i;
  }
  return out;
}

/**
 * Checks that a record has as many cells as the header (a truncated or shifted row does not).
 * @throws DataError DATA_BAD_ROW naming the first missing column, or the extra cells.
 * @example checkCellCount({ line: 7, cells: ['1'], raw: '1' }, ['a', 'b'], 'f.csv') // throws "f.csv:7: field b = '1': row has 1 cells, ..."
 */
export function checkCellCount(rec: TextRecord, header: readonly string[], file: string): void {
  if (rec.cells.length === header.length) return;
  if (rec.cells.length < header.length) {
    const field = header[rec.cells.length];
    throw new DataError(
      'DATA_BAD_ROW',
      `row has ${rec.cells.length} cells, the header has ${header.length} (truncated row?)`,
      { file, line: rec.line, field, value: rec.cells.join(',') },
    );
  }
  throw new DataError('DATA_BAD_ROW', `row has ${rec.cells.length} cells, the header has ${header.length}`, {
    file,
    line: rec.line,
    field: `(column ${header.length + 1})`,
    value: rec.cells.slice(header.length).join(','),
  });
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

function parseRecords(text: string, delim: number, file: string): TextRecord[] {
  const out: TextRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const start = i;
    let end = i;
    const cells: string[] = [];
    // one record
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new DataError('DATA_CSV', 'unterminated quoted cell (truncated file?)', {
              file,
              line: startLine,
              field: `(column ${cells.length + 1})`,
              value: text.slice(i, i + 40),
            });
          }
          const chunk = text.slice(j, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          value += chunk;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        cells.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        cells.push(text.slice(i, j));
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      end = i;
      if (c === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      else if (i < n && c !== CR) {
        throw new DataError('DATA_CSV', 'unexpected text after a quoted cell', {
          file,
          line: startLine,
          field: `(column ${cells.length})`,
          value: text.slice(i, i + 20),
        });
      }
      line++;
      break;
    }
    out.push({ line: startLine, cells, raw: text.slice(start, end) });
  }
  return out;
}

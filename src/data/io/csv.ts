/**
 * A small strict CSV reader: UTF-8 (a BOM is tolerated, other encodings are refused with the
 * line of the first bad byte), RFC 4180 quoting (commas, quotes `""` and line breaks inside
 * quotes), LF or CRLF line ends, blank lines skipped. Every record keeps the line it starts on
 * (header = line 1) so errors can name it. Layer: data/io; parsing is pure, readCsvFile reads a file.
 */
import { readFile } from 'node:fs/promises';
import { DataError } from '../errors.ts';

/** A parsed CSV text: the header cells, the data records and the 1-based line each starts on. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  lines: number[];
}

/**
 * Byte offset of the first invalid UTF-8 sequence in `bytes`, or -1 when it is all valid.
 * @example firstInvalidUtf8(new Uint8Array([0x61, 0x82, 0xa0])) // 1
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 bytes to text, dropping a leading BOM.
 * @throws DataError DATA_ENCODING naming the file and the line of the first invalid byte.
 * @example decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'a.csv') // 'a'
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new DataError(
      'DATA_ENCODING',
      `not UTF-8 (invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte ${bad}; save the file as UTF-8, e.g. iconv -f SHIFT_JIS -t UTF-8)`,
      { file, line },
    );
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Calls `onRecord(cells, line)` for every record of CSV text in order (header first), without
 * keeping them: the streaming form of parseCsv for large files. Blank lines outside quotes are
 * skipped. @returns the number of records.
 * Cost O(characters).
 * @throws DataError DATA_CSV naming the file and line: unterminated quote, text after a
 * closing quote, a quote inside an unquoted cell.
 * @example forEachCsvRecord('a\n1\n', 'f.csv', (cells, line) => console.log(line, cells)) // 2
 */
export function forEachCsvRecord(text: string, file: string, onRecord: (cells: string[], line: number) => void): number {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let count = 0;
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    // one record
    const startLine = line;
    const cells: string[] = [];
    let blank = true;
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        blank = false;
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new DataError('DATA_CSV', 'unterminated quoted field (the file may be truncated)', { file, line: quoteLine });
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          throw new DataError('DATA_CSV', 'text after a closing quote', { file, line });
        }
      } else {
        let j = i;
        while (j < n) {
          const ch = text[j];
          if (ch === ',' || ch === '\n' || (ch === '\r' && text[j + 1] === '\n')) break;
          if (ch === '"') throw new DataError('DATA_CSV', 'a quote inside an unquoted field (quote the whole field and double the quote)', { file, line });
          j++;
        }
        cell = text.slice(i, j);
        if (cell !== '') blank = false;
        i = j;
      }
      cells.push(cell);
      if (i < n && text[i] === ',') {
        blank = false;
        i++;
        continue;
      }
      break;
    }
    // end of record: newline or end of text
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    if (!blank) {
      onRecord(cells, startLine);
      count++;
    }
  }
  return count;
}

/**
 * Parses CSV text (header first). Blank lines outside quotes are skipped; a row may have any
 * number of cells (the caller checks the count against the header).
 * Cost O(characters).
 * @throws DataError DATA_CSV naming the file and line: empty file, unterminated quote, text
 * after a closing quote, a quote inside an unquoted cell.
 * @example parseCsv('a,b\r\n1,"x,y"\n', 'f.csv') // { header: ['a', 'b'], rows: [['1', 'x,y']], lines: [2] }
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records: string[][] = [];
  const starts: number[] = [];
  forEachCsvRecord(text, file, (cells, line) => {
    records.push(cells);
    starts.push(line);
  });
  if (records.length === 0) throw new DataError('DATA_CSV', 'empty file (expected a header line)', { file, line: 1 });
  return { header: records[0], rows: records.slice(1), lines: starts.slice(1) };
}

/**
 * Reads a file as UTF-8 text (BOM dropped).
 * @throws DataError DATA_MISSING_FILE or DATA_ENCODING naming the file.
 * @example await readUtf8File('in/races.csv', 'races.csv')
 */
export async function readUtf8File(path: string, file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError('DATA_MISSING_FILE', code === 'ENOENT' ? 'file is missing' : `cannot read the file (${(e as Error).message})`, { file });
  }
  return decodeUtf8(bytes, file);
}

/**
 * Reads and parses a CSV file.
 * @param path the file to read; @param file its name in errors (relative to the imported folder).
 * @throws DataError DATA_MISSING_FILE, DATA_ENCODING or DATA_CSV naming the file.
 * @example await readCsvFile('in/races.csv', 'races.csv')
 */
export async function readCsvFile(path: string, file: string): Promise<CsvTable> {
  return parseCsv(await readUtf8File(path, file), file);
}

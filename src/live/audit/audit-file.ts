/**
 * The audit log file: append-only JSON Lines, fsynced after every append. Layer: live (audit);
 * not pure (file I/O, synchronous so it never yields to other tasks mid-write).
 * The database holds the same chain (see store/live-store.ts); the file is its append-only,
 * human-readable mirror: records are appended in sequence and the file is never rewritten, except
 * that a torn last line (a crash mid-write, no final newline) is cut before the next append.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { checkAuditLine, formatAuditLine, type AuditRecord } from './audit-record.ts';

/** Sequence number of the file's last complete record (by parsing its last line), or 0 for an empty or missing file. */
export function lastAuditSeq(path: string): number {
  if (!existsSync(path)) return 0;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // Read a growing window from the end until it holds a whole last line.
    for (let len = Math.min(size, 1 << 16); len > 0; len = Math.min(size, len * 4)) {
      const buf = Buffer.alloc(len);
      readSync(fd, buf, 0, len, size - len);
      const end = buf.lastIndexOf(0x0a);
      if (end < 0) {
        if (len === size) return 0;
        continue;
      }
      const start = buf.lastIndexOf(0x0a, end - 1) + 1;
      if (start === 0 && len < size) continue;
      const parsed = JSON.parse(buf.subarray(start, end).toString('utf8')) as { seq?: unknown };
      return typeof parsed.seq === 'number' ? parsed.seq : 0;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends records to the audit file and fsyncs it before returning. Cuts a torn last line first.
 * @param records - records in sequence, continuing the file's last record
 * @example appendAuditRecords('state/audit.jsonl', [record])
 */
export function appendAuditRecords(path: string, records: readonly AuditRecord[]): void {
  if (records.length === 0) return;
  const fd = openSync(path, 'a+');
  try {
    const size = fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) cutTornLine(fd, size);
    }
    const text = records.map((r) => `${formatAuditLine(r)}\n`).join('');
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function cutTornLine(fd: number, size: number): void {
  const len = Math.min(size, 1 << 20);
  const buf = Buffer.alloc(len);
  readSync(fd, buf, 0, len, size - len);
  const nl = buf.lastIndexOf(0x0a);
  const keep = nl < 0 ? size - len : size - len + nl + 1;
  ftruncateSync(fd, keep);
}

/** One line of the file with its number (from 1). */
export interface AuditLine {
  readonly lineNo: number;
  readonly text: string;
}

/** Every line of the audit file (a missing file has none; a torn last line is kept for the verifier). */
export function readAuditLines(path: string): AuditLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((t, i) => ({ lineNo: i + 1, text: t }));
}

/** Parses a whole audit file, stopping at the first bad line. @example readAuditRecords(path).records.length */
export function readAuditRecords(path: string): { records: AuditRecord[]; bad?: { lineNo: number; problem: string } } {
  const records: AuditRecord[] = [];
  let last: AuditRecord | undefined;
  for (const { lineNo, text } of readAuditLines(path)) {
    const c = checkAuditLine(text, last);
    if (!c.ok) return { records, bad: { lineNo, problem: c.problem } };
    records.push(c.record);
    last = c.record;
  }
  return { records };
}

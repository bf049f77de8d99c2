/**
 * Checks the rows handed to the dataset writer: types, required fields, formats, canonical
 * combinations, and the links between tables (unique keys, known races and runners).
 * Layer: data; pure (no I/O). Semantic checks (probabilities sum to 1, odds >= 1, finishing
 * order) belong to validate.ts, which runs on a written dataset.
 */
import { BET_TYPES, formatCombination, isBetType, parseCombination } from '../../themis/tickets.ts';
import { DataError } from '../errors.ts';
import { RUNNER_STATUSES, type DatasetRows } from '../rows.ts';

/** What is wrong with one row: the field (camelCase row key), its value and why. */
export interface RowIssue {
  field: string;
  value: unknown;
  reason: string;
}

/** Surfaces a race may have (null when unknown). */
export const SURFACES: readonly string[] = ['turf', 'dirt', 'awt', 'jump'];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const POST_TIME_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;
const AT_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const MODEL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const INT32_MAX = 2147483647;
const EDGE_SPACE_RE = /^\s|\s$/;
const STATUS_SET: ReadonlySet<string> = new Set(RUNNER_STATUSES);

type Row = Record<string, unknown>;

/**
 * True when `s` is a real calendar date written `YYYY-MM-DD`.
 * @example isIsoDate('2024-02-30') // false
 */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * True when `name` may name a prediction model (and so a file predictions/<name>.arrow).
 * @example isModelName('baseline-v1') // true; isModelName('../x') // false
 */
export function isModelName(name: string): boolean {
  return MODEL_RE.test(name) && !name.endsWith('.');
}

function text(r: Row, f: string, nullable = false): RowIssue | null {
  const v = r[f];
  if (v === null && nullable) return null;
  if (typeof v !== 'string') return { field: f, value: v, reason: nullable ? 'expected text or null' : 'expected text' };
  if (v.length === 0 || EDGE_SPACE_RE.test(v)) return { field: f, value: v, reason: 'expected non-empty text without surrounding spaces' };
  return null;
}

function int(r: Row, f: string, min: number, max = INT32_MAX, nullable = false): RowIssue | null {
  const v = r[f];
  if (v === null && nullable) return null;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return { field: f, value: v, reason: nullable ? 'expected an integer or null' : 'expected an integer' };
  }
  if (v < min || v > max) return { field: f, value: v, reason: `expected an integer from ${min} to ${max}` };
  return null;
}

function num(r: Row, f: string, nullable = false): RowIssue | null {
  const v = r[f];
  if (v === null && nullable) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return { field: f, value: v, reason: nullable ? 'expected a finite number or null' : 'expected a finite number' };
  }
  return null;
}

function combination(r: Row): RowIssue | null {
  const bt = r.betType;
  if (typeof bt !== 'string' || !isBetType(bt)) {
    return { field: 'betType', value: bt, reason: `expected one of ${BET_TYPES.join(', ')}` };
  }
  const c = r.combination;
  if (typeof c !== 'string') return { field: 'combination', value: c, reason: 'expected text' };
  let canonical: string;
  try {
    canonical = formatCombination(bt, parseCombination(bt, c));
  } catch (e) {
    return { field: 'combination', value: c, reason: (e as Error).message };
  }
  if (canonical !== c) return { field: 'combination', value: c, reason: `not canonical for ${bt} (write '${canonical}')` };
  return null;
}

/**
 * Checks one race row. @returns the first problem, or null.
 * @example checkRaceRow({ ...race, date: '2024-02-30' }) // { field: 'date', value: '2024-02-30', reason: ... }
 */
export function checkRaceRow(r: Row): RowIssue | null {
  const issue = text(r, 'raceId') || text(r, 'venue') || text(r, 'source');
  if (issue) return issue;
  if (!isIsoDate(r.date)) return { field: 'date', value: r.date, reason: 'expected a date YYYY-MM-DD' };
  const pt = r.postTime;
  if (pt !== null && (typeof pt !== 'string' || !POST_TIME_RE.test(pt) || !isIsoDate(pt.slice(0, 10)))) {
    return { field: 'postTime', value: pt, reason: 'expected local time YYYY-MM-DDTHH:MM or null' };
  }
  if (r.surface !== null && (typeof r.surface !== 'string' || !SURFACES.includes(r.surface))) {
    return { field: 'surface', value: r.surface, reason: `expected one of ${SURFACES.join(', ')} or null` };
  }
  return int(r, 'raceNo', 1) || int(r, 'distanceM', 1, INT32_MAX, true) || int(r, 'fieldSize', 0);
}

/** Checks one runner row. @returns the first problem, or null. @example checkRunnerRow({ ...runner, runner: 0 }) // { field: 'runner', ... } */
export function checkRunnerRow(r: Row): RowIssue | null {
  const issue = text(r, 'raceId') || int(r, 'runner', 1, 99) || int(r, 'bracket', 1, 8, true);
  if (issue) return issue;
  if (typeof r.status !== 'string' || !STATUS_SET.has(r.status)) {
    return { field: 'status', value: r.status, reason: `expected one of ${RUNNER_STATUSES.join(', ')}` };
  }
  return int(r, 'finishPos', 1, 99, true) || num(r, 'winOddsFinal', true) || int(r, 'popularity', 1, 99, true);
}

/** Checks one payout row (combination canonical for its bet type). @returns the first problem, or null. @example checkPayoutRow({ raceId: 'R1', betType: 'quinella', combination: '7-3', payoutPer100: 500 }) // { field: 'combination', ... } */
export function checkPayoutRow(r: Row): RowIssue | null {
  const issue = text(r, 'raceId') || combination(r);
  if (issue) return issue;
  const v = r.payoutPer100;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return { field: 'payoutPer100', value: v, reason: 'expected an integer' };
  return null;
}

/** Checks one odds snapshot row. @returns the first problem, or null. @example checkOddsSnapshotRow({ ...s, at: '10:00' }) // { field: 'at', ... } */
export function checkOddsSnapshotRow(r: Row): RowIssue | null {
  const issue = text(r, 'raceId') || combination(r);
  if (issue) return issue;
  const at = r.at;
  if (typeof at !== 'string' || !AT_RE.test(at) || !isIsoDate(at.slice(0, 10))) {
    return { field: 'at', value: at, reason: 'expected local time YYYY-MM-DDTHH:MM:SS' };
  }
  return num(r, 'odds');
}

/** Checks one prediction row. @returns the first problem, or null. @example checkPredictionRow({ raceId: 'R1', runner: 1, p: NaN }) // { field: 'p', ... } */
export function checkPredictionRow(r: Row): RowIssue | null {
  return text(r, 'raceId') || int(r, 'runner', 1, 99) || num(r, 'p');
}

/** Checks one truth row. @returns the first problem, or null. @example checkTruthRow({ raceId: 'R1', runner: 1, pTrue: 0.2 }) // null */
export function checkTruthRow(r: Row): RowIssue | null {
  return text(r, 'raceId') || int(r, 'runner', 1, 99) || num(r, 'pTrue');
}

function fail(table: string, row: number, issue: RowIssue): never {
  throw new DataError('DATA_BAD_ROW', issue.reason, { table, row, field: issue.field, value: issue.value });
}

function checkAll<T>(table: string, rows: readonly T[] | undefined, check: (r: Row) => RowIssue | null): void {
  if (rows === undefined) return;
  if (!Array.isArray(rows)) throw new DataError('DATA_BAD_ROW', 'expected an array of rows', { table });
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown;
    if (r === null || typeof r !== 'object') fail(table, i, { field: '(row)', value: r, reason: 'expected an object' });
    const issue = check(r as Row);
    if (issue) fail(table, i, issue);
  }
}

/**
 * Checks every row of a dataset and the links between tables: race ids unique; runners unique
 * per race; payouts, odds snapshots, predictions and truth unique per key; every row's race in
 * races; every prediction and truth row's runner among the race's runners.
 * Cost O(n) with hashing.
 * @throws DataError DATA_BAD_ROW (a malformed row) or DATA_INTEGRITY (a broken link), naming the
 * table, the row index (0-based, in the order given) and the field.
 * @example checkDatasetRows({ races: [], runners: [], payouts: [] }) // returns, nothing to check
 */
export function checkDatasetRows(rows: DatasetRows): void {
  if (rows === null || typeof rows !== 'object') throw new DataError('DATA_BAD_ROW', 'expected DatasetRows');
  for (const t of ['races', 'runners', 'payouts'] as const) {
    if (!Array.isArray(rows[t])) throw new DataError('DATA_BAD_ROW', 'required table missing (expected an array)', { table: t });
  }
  checkAll('races', rows.races, checkRaceRow);
  checkAll('runners', rows.runners, checkRunnerRow);
  checkAll('payouts', rows.payouts, checkPayoutRow);
  checkAll('odds_snapshots', rows.oddsSnapshots, checkOddsSnapshotRow);
  checkAll('truth', rows.truth, checkTruthRow);
  if (rows.predictions !== undefined) {
    if (rows.predictions === null || typeof rows.predictions !== 'object') {
      throw new DataError('DATA_BAD_ROW', 'expected an object of model name -> rows', { table: 'predictions' });
    }
    for (const [model, pr] of Object.entries(rows.predictions)) {
      if (!isModelName(model)) {
        throw new DataError('DATA_BAD_ROW', 'model name must be letters, digits, . _ - (it names a file)', {
          table: 'predictions',
          field: 'model',
          value: model,
        });
      }
      checkAll(`predictions/${model}`, pr, checkPredictionRow);
    }
  }

  const races = new Map<string, number>();
  rows.races.forEach((r, i) => {
    if (races.has(r.raceId)) integrity('races', i, 'raceId', r.raceId, 'duplicate race_id');
    races.set(r.raceId, i);
  });
  let lastId: string | undefined;
  let lastPos = -1;
  const racePos = (id: string): number => {
    // rows come in runs of one race: look the id up once per run
    if (id !== lastId) {
      lastId = id;
      lastPos = races.get(id) ?? -1;
    }
    return lastPos;
  };
  // runners seen: 128 bits per race (saddle numbers 1..99)
  const runnerBits = new Uint32Array(rows.races.length * 4);
  const hasRunner = (raceId: string, runner: number): boolean => {
    const p = racePos(raceId);
    return p >= 0 && (runnerBits[p * 4 + (runner >> 5)] & (1 << (runner & 31))) !== 0;
  };
  for (let i = 0; i < rows.runners.length; i++) {
    const r = rows.runners[i];
    const p = racePos(r.raceId);
    if (p < 0) integrity('runners', i, 'raceId', r.raceId, 'race_id not in races');
    const w = p * 4 + (r.runner >> 5);
    const bit = 1 << (r.runner & 31);
    if ((runnerBits[w] & bit) !== 0) integrity('runners', i, 'runner', r.runner, `duplicate runner in race ${r.raceId}`);
    runnerBits[w] |= bit;
  }
  const keyed = <T extends { raceId: string }>(table: string, list: readonly T[] | undefined, key: (r: T) => string, what: string, needRunner?: (r: T) => number) => {
    if (list === undefined) return;
    const seen = new Set<string>();
    const seenRunner = needRunner ? new Uint32Array(rows.races.length * 4) : undefined;
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      const p = racePos(r.raceId);
      if (p < 0) integrity(table, i, 'raceId', r.raceId, 'race_id not in races');
      if (needRunner && seenRunner) {
        const runner = needRunner(r);
        if (!hasRunner(r.raceId, runner)) integrity(table, i, 'runner', runner, `runner not among the runners of race ${r.raceId}`);
        const w = p * 4 + (runner >> 5);
        const bit = 1 << (runner & 31);
        if ((seenRunner[w] & bit) !== 0) integrity(table, i, what, key(r), `duplicate ${what} in race ${r.raceId}`);
        seenRunner[w] |= bit;
        continue;
      }
      const k = `${p}:${key(r)}`;
      if (seen.has(k)) integrity(table, i, what, key(r), `duplicate ${what} in race ${r.raceId}`);
      seen.add(k);
    }
  };
  keyed('payouts', rows.payouts, (r) => `${r.betType}:${r.combination}`, 'combination');
  keyed('odds_snapshots', rows.oddsSnapshots, (r) => `${r.betType}:${r.combination}@${r.at}`, 'combination');
  keyed('truth', rows.truth, (r) => String(r.runner), 'runner', (r) => r.runner);
  for (const [model, pr] of Object.entries(rows.predictions ?? {})) {
    keyed(`predictions/${model}`, pr, (r) => String(r.runner), 'runner', (r) => r.runner);
  }
}

function integrity(table: string, row: number, field: string, value: unknown, reason: string): never {
  throw new DataError('DATA_INTEGRITY', reason, { table, row, field, value });
}

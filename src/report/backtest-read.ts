/**
 * Reads the parts of a backtest output folder the report draws from: `summary.json` (shape
 * checked), `races.arrow` (one row per race: date, status, bankroll after) and `ledger.arrow`
 * (every money entry). Layer: report (reads results; the summary type comes from src/sim).
 * Units: integer yen (Int64 columns read as numbers). Reads the file system.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import type { EntryKind, LedgerEntry } from '../ledger/index.ts';
import { readRunJson, readRunTable, runColumn, type BacktestSummary, type RunFileProblem } from '../sim/backtest/index.ts';
import { ReportError } from './errors.ts';

/** One race of `races.arrow`, as the report reads it. */
export interface BacktestRaceRow {
  readonly raceId: string;
  readonly date: string;
  /** bet, no_bet, halted, no_candidates, pool_not_recorded, no_prediction, unsettleable. */
  readonly status: string;
  readonly stakeYen: number;
  readonly returnYen: number;
  /** Bankroll after the race. */
  readonly bankrollYen: number;
}

/** What a backtest folder holds for the report. */
export interface BacktestFolder {
  readonly summary: BacktestSummary;
  /** Races in replay order; empty when the folder has no races.arrow. */
  readonly races: readonly BacktestRaceRow[];
  /** Ledger entries in order; empty when the folder has no ledger.arrow. */
  readonly ledger: readonly LedgerEntry[];
  /** Files of the folder the report read, relative to it. */
  readonly files: readonly string[];
}

/**
 * Whether a parsed summary.json looks like a backtest's: the backtester writes no `format`
 * field, so its shape tells (strategy hash, races seen, totals, months).
 * @example looksLikeBacktestSummary({ strategyHash: 'ab', racesSeen: 3, totals: {}, byMonth: {} }) // true
 */
export function looksLikeBacktestSummary(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const s = json as Record<string, unknown>;
  return typeof s.strategyHash === 'string' && typeof s.racesSeen === 'number' && typeof s.totals === 'object' && typeof s.byMonth === 'object';
}

/** Throws REPORT_BAD_SUMMARY unless `cond`. */
function need(cond: boolean, path: string, what: string): void {
  if (!cond) throw new ReportError('REPORT_BAD_SUMMARY', `${path}: ${what}`, path);
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

/**
 * Checks the parts of a backtest summary the report reads (shape, not figures).
 * @throws ReportError REPORT_BAD_SUMMARY naming the first missing or malformed part
 * @example checkBacktestSummary(JSON.parse(text), 'bt/summary.json').racesSeen // 840
 */
export function checkBacktestSummary(json: unknown, path: string): BacktestSummary {
  need(isObject(json), path, 'not a JSON object');
  const s = json as Partial<Record<keyof BacktestSummary, unknown>>;
  need(isObject(s.strategy) && typeof (s.strategy as { name?: unknown }).name === 'string', path, 'missing "strategy.name"');
  need(isObject(s.totals) && typeof (s.totals as { stakeYen?: unknown }).stakeYen === 'number', path, 'missing "totals.stakeYen"');
  need(isObject(s.bankroll) && typeof (s.bankroll as { startYen?: unknown }).startYen === 'number', path, 'missing "bankroll.startYen"');
  need(isObject(s.byBetType), path, 'missing "byBetType"');
  need(isObject(s.byMonth), path, 'missing "byMonth"');
  need(isObject(s.range), path, 'missing "range"');
  need(isObject(s.dataset), path, 'missing "dataset"');
  const cal = s.calibration as { used?: { reliability?: unknown }; market?: { reliability?: unknown } } | undefined;
  need(isObject(cal) && Array.isArray(cal?.used?.reliability) && Array.isArray(cal?.market?.reliability), path, 'missing "calibration.used/market.reliability"');
  for (const k of ['racesSeen', 'racesBet', 'maxDrawdown', 'profitYen'] as const) need(typeof s[k] === 'number', path, `missing "${k}"`);
  return json as BacktestSummary;
}

/** The report's errors for a run file it cannot read (the shared reader: sim/backtest/run-folder.ts). */
function reportFail(problem: RunFileProblem, path: string, detail: string): never {
  if (problem === 'missing') throw new ReportError('REPORT_BAD_SUMMARY', `${path} does not exist`, path);
  if (problem === 'not-json') throw new ReportError('REPORT_BAD_SUMMARY', `${path} is not valid JSON: ${detail}`, path);
  if (problem === 'not-arrow') throw new ReportError('REPORT_BAD_SUMMARY', `${path} is not an Arrow IPC file: ${detail}`, path);
  throw new ReportError('REPORT_BAD_SUMMARY', `${path} has no column ${detail}`, path);
}

const readTable = (path: string): Table => readRunTable(path, reportFail).table;

/** A column as plain values; throws REPORT_BAD_SUMMARY when the table lacks it. */
function column(table: Table, name: string, path: string): unknown[] {
  return Array.from(runColumn(table, name, path, reportFail).toArray() as ArrayLike<unknown>);
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * Reads `races.arrow` of a backtest folder.
 * @throws ReportError REPORT_BAD_SUMMARY for a file that is not Arrow or lacks a column
 */
export function readBacktestRaces(path: string): BacktestRaceRow[] {
  const t = readTable(path);
  const id = column(t, 'race_id', path);
  const date = column(t, 'date', path);
  const status = column(t, 'status', path);
  const stake = column(t, 'stake_yen', path);
  const ret = column(t, 'return_yen', path);
  const bankroll = column(t, 'bankroll_yen', path);
  return id.map((_, i) => ({ raceId: str(id[i]), date: str(date[i]), status: str(status[i]), stakeYen: num(stake[i]), returnYen: num(ret[i]), bankrollYen: num(bankroll[i]) }));
}

/**
 * Reads `ledger.arrow` of a backtest folder as ledger entries.
 * @throws ReportError REPORT_BAD_SUMMARY for a file that is not Arrow or lacks a column
 */
export function readBacktestLedger(path: string): LedgerEntry[] {
  const t = readTable(path);
  const seq = column(t, 'seq', path);
  const kind = column(t, 'kind', path);
  const amount = column(t, 'amount_yen', path);
  const race = column(t, 'race_id', path);
  const ticket = column(t, 'ticket_id', path);
  const at = column(t, 'at', path);
  return seq.map((_, i) => {
    const e: { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] } = { seq: num(seq[i]), kind: str(kind[i]) as EntryKind, amountYen: num(amount[i]), raceId: race[i] === null ? null : str(race[i]) };
    if (ticket[i] !== null && ticket[i] !== undefined) e.ticketId = str(ticket[i]);
    if (at[i] !== null && at[i] !== undefined) e.at = str(at[i]);
    return e;
  });
}

/**
 * Reads a backtest output folder.
 * @throws ReportError REPORT_NO_SUMMARY without summary.json, REPORT_UNKNOWN_KIND for another
 *   kind of results, REPORT_BAD_SUMMARY for a summary or Arrow file the report cannot read
 * @example readBacktestFolder('results/bt-1').summary.racesSeen // 840
 */
export function readBacktestFolder(dir: string): BacktestFolder {
  const path = join(dir, 'summary.json');
  const { json } = readRunJson(path, (problem, file, detail) => {
    if (problem === 'missing') throw new ReportError('REPORT_NO_SUMMARY', `no summary.json in ${dir}: not a results folder`, file);
    return reportFail(problem, file, detail);
  });
  const format = isObject(json) ? (json as { format?: unknown }).format : undefined;
  if (format !== 'keiba-backtest-summary' && !looksLikeBacktestSummary(json)) {
    throw new ReportError('REPORT_UNKNOWN_KIND', `${path} is not a backtest summary (format ${JSON.stringify(format)})`, path);
  }
  const summary = checkBacktestSummary(json, path);
  const files = ['summary.json'];
  const racesPath = join(dir, 'races.arrow');
  const ledgerPath = join(dir, 'ledger.arrow');
  const races = existsSync(racesPath) ? readBacktestRaces(racesPath) : [];
  const ledger = existsSync(ledgerPath) ? readBacktestLedger(ledgerPath) : [];
  for (const f of ['bets.arrow', 'races.arrow', 'ledger.arrow', 'rejections.arrow']) if (existsSync(join(dir, f))) files.push(f);
  return { summary, races, ledger, files };
}

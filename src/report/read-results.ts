/**
 * Reads `summary.json` of a results folder and tells which kind of results it holds (a Monte
 * Carlo sweep or a backtest). Layer: report. Reads the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BacktestSummary } from '../sim/backtest/index.ts';
import type { SweepSummary } from '../sim/montecarlo/sweep-summary.ts';
import { checkBacktestSummary, looksLikeBacktestSummary } from './backtest-read.ts';
import { ReportError } from './errors.ts';

/** The `format` value of each kind of summary.json. */
export const SUMMARY_FORMATS = { sweep: 'keiba-sweep-summary', backtest: 'keiba-backtest-summary' } as const;

/** Kinds of results folder a report can be written for. */
export type ResultsKind = keyof typeof SUMMARY_FORMATS;

/** A results folder's summary, tagged by kind. */
export type ResultsSummary = { readonly kind: 'sweep'; readonly summary: SweepSummary } | { readonly kind: 'backtest'; readonly summary: BacktestSummary };

/**
 * The kind of results a parsed summary.json describes, from its `format` field; a summary
 * without one is a backtest's when it has a backtest summary's shape (the backtester writes no
 * `format`).
 * @throws ReportError REPORT_UNKNOWN_KIND for any other format
 * @example resultsKindOf({ format: 'keiba-sweep-summary' }, 'x/summary.json') // 'sweep'
 */
export function resultsKindOf(json: unknown, path: string): ResultsKind {
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format === SUMMARY_FORMATS.sweep) return 'sweep';
  if (format === SUMMARY_FORMATS.backtest || (format === undefined && looksLikeBacktestSummary(json))) return 'backtest';
  throw new ReportError(
    'REPORT_UNKNOWN_KIND',
    `${path} is not a results summary this report knows (format ${JSON.stringify(format)}; expected "${SUMMARY_FORMATS.sweep}" or a backtest summary)`,
    path,
  );
}

/** Throws REPORT_BAD_SUMMARY unless `cond`. */
function need(cond: boolean, path: string, what: string): void {
  if (!cond) throw new ReportError('REPORT_BAD_SUMMARY', `${path}: ${what}`, path);
}

/**
 * Checks the parts of a sweep summary the report reads (shape, not statistics).
 * @throws ReportError REPORT_BAD_SUMMARY naming the first missing or malformed part
 */
export function checkSweepSummary(json: unknown, path: string): SweepSummary {
  const s = json as Partial<SweepSummary>;
  need(s.version === 1, path, `unsupported sweep summary version ${JSON.stringify(s.version)} (expected 1)`);
  need(typeof s.inputs === 'object' && s.inputs !== null, path, 'missing "inputs"');
  need(typeof s.source === 'object' && s.source !== null, path, 'missing "source"');
  need(typeof s.recommendation === 'object' && s.recommendation !== null, path, 'missing "recommendation"');
  need(Array.isArray(s.configs) && s.configs.length > 0, path, '"configs" is missing or empty');
  need(Array.isArray(s.configHashes), path, 'missing "configHashes"');
  need(Array.isArray(s.drawdownHistogram?.edges), path, 'missing "drawdownHistogram.edges"');
  need(typeof s.fan === 'object' && s.fan !== null && Array.isArray(s.fan.series) && Array.isArray(s.fan.checkpoints), path, 'missing "fan"');
  for (const c of s.configs ?? []) {
    need(
      typeof c.safetyFactor === 'number' && typeof c.evThreshold === 'number' && typeof c.ruin?.value === 'number' && typeof c.logGrowthPerRace?.value === 'number',
      path,
      `config ${JSON.stringify(c.index)} lacks safetyFactor, evThreshold, ruin or logGrowthPerRace`,
    );
  }
  return json as SweepSummary;
}

/**
 * Reads and recognises `RESULTS_DIR/summary.json`.
 * @throws ReportError REPORT_NO_SUMMARY when the folder or file is missing, REPORT_BAD_SUMMARY
 *   when it is not JSON or lacks a part, REPORT_UNKNOWN_KIND for results of another kind
 */
export function readResultsSummary(resultsDir: string): ResultsSummary {
  const path = join(resultsDir, 'summary.json');
  if (!existsSync(path)) throw new ReportError('REPORT_NO_SUMMARY', `no summary.json in ${resultsDir}: not a results folder`, path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ReportError('REPORT_BAD_SUMMARY', `${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, path);
  }
  if (resultsKindOf(json, path) === 'backtest') return { kind: 'backtest', summary: checkBacktestSummary(json, path) };
  return { kind: 'sweep', summary: checkSweepSummary(json, path) };
}

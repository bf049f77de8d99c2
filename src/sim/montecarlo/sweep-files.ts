/**
 * The files of a sweep's output folder: `summary.json` (the SweepSummary, 2-space JSON, final
 * newline, non-finite numbers as null) and `sweep.arrow` (one row per configuration with every
 * statistic). Both are deterministic in the summary. Layer: sim (encoding; writing is atomic).
 */
import { Bool, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { writeFolderAtomic } from './atomic-write.ts';
import type { ConfigStatistics, Estimate, SweepSummary } from './sweep-summary.ts';

/**
 * The text of summary.json.
 * @throws nothing
 * @example formatSummaryJson(summary).endsWith('}\n') // true
 */
export function formatSummaryJson(summary: SweepSummary): string {
  return `${JSON.stringify(summary, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/**
 * sweep.arrow: one row per configuration. Columns: index, config_hash, params (JSON),
 * safety_factor, ev_threshold, recommended, then for each statistic its value, lo and hi
 * (probabilities also their count): ruin, dd20, dd30, dd50, final_q05 .. final_q95,
 * log_growth_total (+ _se), log_growth_per_race (+ _se), median_races_to_ruin (null when no ruin).
 * @throws nothing
 * @example summaryToArrow(summary).byteLength > 0 // true
 */
export function summaryToArrow(summary: SweepSummary): Uint8Array {
  const rows = summary.configs;
  const cols: Record<string, Vector> = {};
  const f64 = (name: string, get: (c: ConfigStatistics) => number | null): void => {
    cols[name] = vectorFromArray(rows.map((c) => { const v = get(c); return v === null || !Number.isFinite(v) ? null : v; }), new Float64());
  };
  const est = (name: string, get: (c: ConfigStatistics) => Estimate | null): void => {
    f64(name, (c) => get(c)?.value ?? null);
    f64(`${name}_lo`, (c) => get(c)?.lo ?? null);
    f64(`${name}_hi`, (c) => get(c)?.hi ?? null);
  };
  cols.index = vectorFromArray(rows.map((c) => c.index), new Int32());
  cols.config_hash = vectorFromArray(rows.map((c) => c.configHash), new Utf8());
  cols.params = vectorFromArray(rows.map((c) => JSON.stringify(c.params)), new Utf8());
  f64('safety_factor', (c) => c.safetyFactor);
  f64('ev_threshold', (c) => c.evThreshold);
  cols.recommended = vectorFromArray(rows.map((c) => c.index === summary.recommendation.index), new Bool());
  for (const [name, key] of [['ruin', 'ruin'], ['dd20', 'drawdown20'], ['dd30', 'drawdown30'], ['dd50', 'drawdown50']] as const) {
    est(name, (c) => c[key]);
    cols[`${name}_count`] = vectorFromArray(rows.map((c) => c[key].count), new Int32());
  }
  for (const q of ['q05', 'q25', 'q50', 'q75', 'q95'] as const) est(`final_${q}`, (c) => c.finalMultiple[q]);
  est('log_growth_total', (c) => c.logGrowthTotal);
  f64('log_growth_total_se', (c) => c.logGrowthTotal.se);
  est('log_growth_per_race', (c) => c.logGrowthPerRace);
  f64('log_growth_per_race_se', (c) => c.logGrowthPerRace.se);
  est('median_races_to_ruin', (c) => c.medianRacesToRuin);
  return tableToIPC(new Table(cols), 'file');
}

/**
 * Writes `summary.json` and `sweep.arrow` as the folder `dir`, atomically.
 * @throws SimError SIM_OUT_EXISTS (non-empty folder without overwrite), SIM_WRITE_FAILED
 * @example writeSweepFolder('results/sweep-x', summary, false)
 */
export function writeSweepFolder(dir: string, summary: SweepSummary, overwrite: boolean): void {
  writeFolderAtomic(dir, { 'summary.json': formatSummaryJson(summary), 'sweep.arrow': summaryToArrow(summary) }, overwrite);
}

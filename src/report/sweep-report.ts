/**
 * Writes the report of a Monte Carlo sweep results folder: `charts/` (spec, SVG and PNG of each
 * chart) and a self-contained `report.html`. Layer: report. Not pure (reads and writes files).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReportError } from './errors.ts';
import { fromSweepSummary } from './from-sweep-summary.ts';
import { sweepReportHtml } from './html.ts';
import { readResultsSummary } from './read-results.ts';
import { sweepCharts } from './sweep-charts.ts';
import type { SweepReportInput } from './sweep-report-input.ts';
import { writeCharts } from './write-charts.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** Paths written by a report: the HTML file and every chart file. */
export interface WrittenReport {
  readonly html: string;
  readonly charts: string[];
}

/**
 * Writes the charts and report.html of a sweep given as plain numbers into `resultsDir`.
 * @throws ReportError REPORT_RENDER_FAILED when a chart does not render
 */
export async function writeSweepReportFromInput(input: SweepReportInput, resultsDir: string): Promise<WrittenReport> {
  const written = await writeCharts(sweepCharts(input), join(resultsDir, 'charts'));
  const names = ['summary.json', 'sweep.arrow'].filter((f) => existsSync(join(resultsDir, f)));
  names.push('report.html', ...written.charts.map((c) => `charts/${c.name}.{vl.json,svg,png}`));
  const html = sweepReportHtml(input, written.charts, { resultsDir, files: names });
  const htmlPath = join(resultsDir, 'report.html');
  writeFileAtomic(htmlPath, html);
  return { html: htmlPath, charts: written.files };
}

/**
 * Writes `RESULTS_DIR/report.html` and `RESULTS_DIR/charts/*` for a sweep results folder (its
 * `summary.json` written by `keiba sim sweep`).
 * @throws ReportError REPORT_NO_SUMMARY, REPORT_BAD_SUMMARY or REPORT_UNKNOWN_KIND for a folder
 *   that is not a sweep's; REPORT_RENDER_FAILED when a chart does not render
 * @example await writeSweepReport('results/sweep-1') // { html: 'results/sweep-1/report.html', charts: [...] }
 */
export async function writeSweepReport(resultsDir: string): Promise<WrittenReport> {
  const results = readResultsSummary(resultsDir);
  if (results.kind !== 'sweep') throw new ReportError('REPORT_UNKNOWN_KIND', `${resultsDir} holds ${results.kind} results, not a sweep's`, join(resultsDir, 'summary.json'));
  return writeSweepReportFromInput(fromSweepSummary(results.summary), resultsDir);
}

/**
 * Writes the report of a backtest results folder (written by `keiba sim backtest`): `charts/`
 * (spec, SVG and PNG of each chart) and a self-contained `report.html`. Layer: report.
 * Not pure (reads and writes files).
 */
import { join } from 'node:path';
import { backtestChartInputs } from './backtest-chart-inputs.ts';
import { backtestCharts } from './backtest-charts.ts';
import { backtestReportHtml } from './backtest-html.ts';
import { readBacktestFolder } from './backtest-read.ts';
import { pnlByPeriod } from './pnl.ts';
import type { WrittenReport } from './sweep-report.ts';
import { writeCharts } from './write-charts.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/**
 * Writes `RESULTS_DIR/report.html` and `RESULTS_DIR/charts/*` for a backtest results folder
 * (its summary.json, races.arrow and ledger.arrow).
 * @throws ReportError REPORT_NO_SUMMARY, REPORT_BAD_SUMMARY for a folder that is not a
 *   backtest's or a file it cannot read; REPORT_RENDER_FAILED when a chart does not render
 * @example await writeBacktestReport('results/bt-1') // { html: 'results/bt-1/report.html', charts: ['results/bt-1/charts/equity-curve.vl.json', ...] }
 */
export async function writeBacktestReport(resultsDir: string): Promise<WrittenReport> {
  const folder = readBacktestFolder(resultsDir);
  const s = folder.summary;
  const weekly = folder.ledger.length > 0 ? pnlByPeriod(folder.ledger, 'week', s.drawdownLevels ?? undefined) : undefined;
  const written = await writeCharts(backtestCharts(backtestChartInputs(s, folder.races), weekly), join(resultsDir, 'charts'));
  const names = [...folder.files, 'report.html', ...written.charts.map((c) => `charts/${c.name}.{vl.json,svg,png}`)];
  const html = backtestReportHtml(s, written.charts, { resultsDir, files: names }, weekly);
  const htmlPath = join(resultsDir, 'report.html');
  writeFileAtomic(htmlPath, html);
  return { html: htmlPath, charts: written.files };
}

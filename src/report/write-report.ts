/**
 * Writes the report of any results folder, choosing by the kind its summary.json declares
 * (a Monte Carlo sweep or a backtest; other kinds are refused with a coded error). Layer: report.
 * Not pure (reads and writes files).
 */
import { writeBacktestReport } from './backtest-report.ts';
import { readResultsSummary, type ResultsKind } from './read-results.ts';
import { writeSweepReport, type WrittenReport } from './sweep-report.ts';

/** What `writeReport` wrote, with the kind of results it recognised. */
export interface WrittenReportOfKind extends WrittenReport {
  readonly kind: ResultsKind;
}

/**
 * Recognises the results folder and writes its report.html and charts.
 * @throws ReportError REPORT_NO_SUMMARY, REPORT_BAD_SUMMARY, REPORT_UNKNOWN_KIND, REPORT_RENDER_FAILED
 * @example await writeReport('results/sweep-1') // { kind: 'sweep', html: 'results/sweep-1/report.html', charts: [...] }
 */
export async function writeReport(resultsDir: string): Promise<WrittenReportOfKind> {
  const { kind } = readResultsSummary(resultsDir);
  switch (kind) {
    case 'sweep':
      return { kind, ...(await writeSweepReport(resultsDir)) };
    case 'backtest':
      return { kind, ...(await writeBacktestReport(resultsDir)) };
  }
}

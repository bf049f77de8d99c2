/**
 * `keiba report RESULTS_DIR`: writes report.html and charts/ for a results folder, recognised
 * by its summary.json (a Monte Carlo sweep or a backtest; other kinds are refused); and
 * `keiba report tax` (report-tax.ts). Layer: cli (no logic: calls writeReport and prints what
 * it wrote).
 */
import type { Argv, CommandModule } from 'yargs';
import { ReportError, writeReport } from '../../report/index.ts';
import { command } from '../command.ts';
import { reportTaxCommand } from './report-tax.ts';

interface ReportArgs {
  resultsDir?: string;
  json: boolean;
}

/** `keiba report RESULTS_DIR [--json]`: exit 0 when written, 2 for a folder that is not a sweep's or a backtest's. */
export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report [resultsDir]',
  describe: 'Write report.html and charts (Vega-Lite spec, SVG, PNG) for a results folder',
  builder: (y: Argv) =>
    y
      .command(command(reportTaxCommand))
      .positional('resultsDir', { type: 'string', describe: 'results folder holding summary.json (from keiba sim sweep or keiba sim backtest)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the written paths as JSON' }) as unknown as Argv<ReportArgs>,
  handler: async (argv) => {
    if (argv.resultsDir === undefined) throw new ReportError('REPORT_BAD_INPUT', 'keiba report: name a results folder (keiba report RESULTS_DIR) or a subcommand (keiba report tax)');
    const written = await writeReport(argv.resultsDir);
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(written, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${written.kind} report: ${written.html}\n`);
    process.stdout.write(`charts: ${written.charts.length} files in ${argv.resultsDir}/charts\n`);
  },
};

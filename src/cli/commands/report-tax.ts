/**
 * `keiba report tax --ledger STATE_DIR --year YYYY --out FILE`: the annual tax report of a live
 * book: every purchase of the year in Japan time (losing tickets included) and the totals, as
 * CSV (and as an HTML page with --html). Layer: cli (no logic: reads the book's ledger with the
 * live store, calls the report layer, prints what it wrote).
 */
import type { Argv, CommandModule } from 'yargs';
import type { LedgerEntry } from '../../ledger/index.ts';
import { openStore } from '../../live/index.ts';
import { formatYen, purchasesFromLedger, taxReport, writeTaxReportCsv, writeTaxReportHtml } from '../../report/index.ts';

interface ReportTaxArgs {
  ledger: string;
  year: number;
  out: string;
  html?: string;
  json: boolean;
}

/** `keiba report tax`: exit 0 when written, 2 for a folder without a live book or a bad year. */
export const reportTaxCommand: CommandModule<object, ReportTaxArgs> = {
  command: 'tax',
  describe: 'Write the annual tax report of a live book: every purchase of the year (JST) and the totals, as CSV',
  builder: (y: Argv) =>
    y
      .option('ledger', { type: 'string', demandOption: true, describe: 'state folder of the live book (holding live.sqlite)' })
      .option('year', { type: 'number', demandOption: true, describe: 'calendar year, Japan time (UTC+9)' })
      .option('out', { type: 'string', demandOption: true, describe: 'CSV file to write' })
      .option('html', { type: 'string', describe: 'also write the report as a self-contained HTML page' })
      .option('json', { type: 'boolean', default: false, describe: 'print the totals as JSON' })
      .example('$0 report tax --ledger state --year 2025 --out tax-2025.csv', 'every ticket bought in 2025 and the totals') as unknown as Argv<ReportTaxArgs>,
  handler: (argv) => {
    const store = openStore(argv.ledger, { readonly: true });
    let entries: LedgerEntry[];
    try {
      entries = store.ledgerEntries();
    } finally {
      store.close();
    }
    const report = taxReport(purchasesFromLedger(entries), argv.year);
    writeTaxReportCsv(argv.out, report);
    if (argv.html !== undefined) writeTaxReportHtml(argv.html, report);
    const t = report.totals;
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ year: report.year, timeZone: report.timeZone, csv: argv.out, html: argv.html ?? null, totals: t }, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `tax report ${report.year} (${report.timeZone}): ${t.tickets} tickets (paid ${t.winningTickets}, lost ${t.losingTickets}, refunded ${t.refundedTickets}${t.openTickets > 0 ? `, not settled ${t.openTickets}` : ''})\n` +
        `stakes ${formatYen(t.stakeYen)}, payouts ${formatYen(t.payoutYen)}, refunds ${formatYen(t.refundYen)}, net ${formatYen(t.netYen)}\n` +
        `wrote ${argv.out}${argv.html !== undefined ? ` and ${argv.html}` : ''}\n`,
    );
  },
};

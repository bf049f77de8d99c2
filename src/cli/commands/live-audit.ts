/**
 * `keiba live audit verify --state DIR [--json]`: checks the audit log's hash chain and its
 * agreement with the database; exit status 1 and the first bad record when it fails.
 * Layer: cli (calls verifyAudit).
 */
import type { Argv, CommandModule } from 'yargs';
import { openStore, verifyAudit } from '../../live/index.ts';
import { command } from '../command.ts';
import { CheckFailedError } from '../errors.ts';

interface VerifyArgs {
  state: string;
  json: boolean;
}

const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify',
  describe: 'Verify the audit log (hash chain, agreement with the database); exit 1 on the first bad record',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the book' })
      .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' }) as unknown as Argv<VerifyArgs>,
  handler: (argv) => {
    const store = openStore(argv.state, { readonly: true });
    let report;
    try {
      report = verifyAudit(store);
    } finally {
      store.close();
    }
    if (argv.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    if (report.ok) {
      if (!argv.json) process.stdout.write(`audit log ok: ${report.records} records, bankroll ${report.bankrollYen} yen\n`);
      return;
    }
    const b = report.firstBad;
    const where = b === null ? '' : b.lineNo === null ? 'state: ' : `line ${b.lineNo} (record ${b.seq}): `;
    throw new CheckFailedError(`audit log check failed: ${where}${b?.problem ?? ''}${report.problems.length > 1 ? ` (+${report.problems.length - 1} more problems)` : ''}`);
  },
};

export const liveAuditCommand: CommandModule = {
  command: 'audit <command>',
  describe: 'Audit log of a book: verify',
  builder: (y: Argv) => y.command(command(verifyCommand)).demandCommand(1, 'Name an audit command.'),
  handler: () => {},
};

/**
 * `keiba data check-payouts DIR [--terms jra|hkjc] [--json]`: derives the winning combinations
 * of every race and bet type of a dataset from its runners table and compares them with its
 * payouts table; prints every race that disagrees and a summary per bet type. Exit 1 when a pool
 * disagrees without being a named source anomaly. Layer: cli (the work is checkPayouts).
 */
import type { Argv, CommandModule } from 'yargs';
import { readDataset } from '../../data/index.ts';
import { checkPayouts, formatCheckPayouts, termsByName } from '../../ledger/index.ts';
import { CheckFailedError } from '../errors.ts';

interface CheckPayoutsArgs {
  dir: string;
  terms: string | undefined;
  json: boolean;
}

export const dataCheckPayoutsCommand: CommandModule<object, CheckPayoutsArgs> = {
  command: 'check-payouts <dir>',
  describe: "Compare a dataset's recorded payouts with the winning combinations its results imply",
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'dataset folder' })
      .option('terms', {
        type: 'string',
        choices: ['jra', 'hkjc'],
        describe: "jurisdiction terms (default: hkjc for a dataset whose source is 'hkjc', else jra)",
      })
      .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' }) as unknown as Argv<CheckPayoutsArgs>,
  handler: async (argv) => {
    const ds = await readDataset(argv.dir);
    const terms = termsByName(argv.terms ?? (ds.manifest.source === 'hkjc' ? 'hkjc' : 'jra'));
    const report = checkPayouts(ds.toRows(), terms);
    process.stdout.write(argv.json ? `${JSON.stringify(report)}\n` : `${formatCheckPayouts(report)}\n`);
    if (!report.ok) {
      const bad = report.findings.filter((f) => f.verdict === 'disagree').length;
      throw new CheckFailedError(`check-payouts: ${bad} pool(s) disagree with the results`);
    }
  },
};

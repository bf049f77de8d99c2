/**
 * `keiba data validate DIR [--json]`: reads a dataset (schema, hashes) and validates its content;
 * exit status 1 when problems are found, 2 when the dataset cannot be read. Layer: cli.
 */
import type { Argv, CommandModule } from 'yargs';
import { readDataset, validateDataset } from '../../data/index.ts';
import { CheckFailedError } from '../errors.ts';

interface ValidateArgs {
  dir: string;
  json: boolean;
}

const SHOWN = 50;

export const dataValidateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <dir>',
  describe: 'Validate a dataset folder (exit 1 when problems are found)',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'dataset folder' })
      .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' }) as unknown as Argv<ValidateArgs>,
  handler: async (argv) => {
    const report = validateDataset(await readDataset(argv.dir));
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ dir: argv.dir, ...report })}\n`);
      if (!report.ok) process.exitCode = 1;
      return;
    }
    const c = report.checked;
    process.stdout.write(
      `checked ${c.races} races, ${c.runners} runners, ${c.payouts} payouts, ${c.oddsSnapshots} odds snapshots, ` +
        `predictions: ${c.models.join(', ') || 'none'}${c.truth ? ', truth' : ''}\n`,
    );
    if (report.payoutsOnlyRaces > 0) {
      process.stdout.write(`note: ${report.payoutsOnlyRaces} payouts-only races (no runner rows, field_size 0): payouts not checked against runners\n`);
    }
    if (report.ok) {
      process.stdout.write('ok: no problems found\n');
      return;
    }
    for (const p of report.problems.slice(0, SHOWN)) {
      process.stdout.write(`  [${p.check}] table ${p.table}${p.race !== null ? ` race ${p.race}` : ''}${p.row !== null ? ` row ${p.row}` : ''} field ${p.field}: ${p.message}\n`);
    }
    if (report.problems.length > SHOWN) process.stdout.write(`  ... ${report.problems.length - SHOWN} more (use --json for all)\n`);
    throw new CheckFailedError(`${report.problems.length} problem(s) found in ${argv.dir}`);
  },
};

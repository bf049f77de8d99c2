/**
 * `keiba data ...`: dataset import, generation and inspection. Layer: cli.
 * Each subcommand lives in its own file `data-<name>.ts`.
 */
import type { Argv, CommandModule } from 'yargs';
import { command, type AnyCommand } from '../command.ts';
import { dataCheckPayoutsCommand } from './data-check-payouts.ts';
import { dataGenerateCommand } from './data-generate.ts';
import { dataImportCommand } from './data-import.ts';
import { dataInfoCommand } from './data-info.ts';
import { dataValidateCommand } from './data-validate.ts';

// Register a subcommand with command(module) from '../command.ts'.
const subcommands: AnyCommand[] = [command(dataGenerateCommand), command(dataImportCommand), command(dataCheckPayoutsCommand), command(dataInfoCommand), command(dataValidateCommand)];

export const dataCommand: CommandModule = {
  command: 'data <command>',
  describe: 'Import, generate, inspect and validate race datasets',
  builder: (y: Argv) => {
    let b = y;
    for (const c of subcommands) b = b.command(c);
    return b.demandCommand(1, 'Name a data command.');
  },
  handler: () => {},
};

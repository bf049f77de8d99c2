/**
 * `keiba report ...`: Write reports and charts from results folders. Layer: cli.
 * Each subcommand lives in its own file `report-<name>.ts`.
 */
import type { Argv, CommandModule } from 'yargs';
import type { AnyCommand } from '../command.ts';

// Register a subcommand with command(module) from '../command.ts'.
const subcommands: AnyCommand[] = [];

export const reportCommand: CommandModule = {
  command: 'report <command>',
  describe: 'Write reports and charts from results folders',
  builder: (y: Argv) => {
    let b = y;
    for (const c of subcommands) b = b.command(c);
    return b.demandCommand(1, 'Name a report command.');
  },
  handler: () => {},
};

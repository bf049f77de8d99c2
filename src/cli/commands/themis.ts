/**
 * `keiba themis ...`: inspect Themis decisions. Layer: cli.
 * Each subcommand lives in its own file `themis-<name>.ts`.
 */
import type { Argv, CommandModule } from 'yargs';
import { command, type AnyCommand } from '../command.ts';
import { themisConfigCommand } from './themis-config.ts';
import { themisDecideCommand } from './themis-decide.ts';

// Register a subcommand with command(module) from '../command.ts'.
const subcommands: AnyCommand[] = [command(themisDecideCommand), command(themisConfigCommand)];

export const themisCommand: CommandModule = {
  command: 'themis <command>',
  describe: 'Inspect the purchase decisions of Themis',
  builder: (y: Argv) => {
    let b = y;
    for (const c of subcommands) b = b.command(c);
    return b.demandCommand(1, 'Name a themis command.');
  },
  handler: () => {},
};

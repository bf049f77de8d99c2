/**
 * `keiba sim ...`: Simulate: Monte Carlo bankroll sweeps (and merging of shards). Layer: cli.
 * Each subcommand lives in its own file `sim-<name>.ts`.
 */
import type { Argv, CommandModule } from 'yargs';
import { command, type AnyCommand } from '../command.ts';
import { simBacktestCommand } from './sim-backtest.ts';
import { simMergeCommand } from './sim-merge.ts';
import { simSweepCommand } from './sim-sweep.ts';

// Register a subcommand with command(module) from '../command.ts'.
const subcommands: AnyCommand[] = [command(simSweepCommand), command(simMergeCommand), command(simBacktestCommand)];

export const simCommand: CommandModule = {
  command: 'sim <command>',
  describe: 'Simulate: Monte Carlo bankroll sweeps (and merging of shards)',
  builder: (y: Argv) => {
    let b = y;
    for (const c of subcommands) b = b.command(c);
    return b.demandCommand(1, 'Name a sim command.');
  },
  handler: () => {},
};

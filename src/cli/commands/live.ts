/**
 * `keiba live ...`: Live runner: run a race day (paper by default), status, halt/resume/skip/ack,
 * deposit, audit verify, dashboard. Layer: cli. Each subcommand lives in its own file `live-<name>.ts`.
 */
import type { Argv, CommandModule } from 'yargs';
import { command, type AnyCommand } from '../command.ts';
import { liveAuditCommand } from './live-audit.ts';
import { liveDashboardCommand } from './live-dashboard.ts';
import { liveDepositCommand } from './live-deposit.ts';
import { liveAckCommand, liveHaltCommand, liveResumeCommand, liveSkipCommand } from './live-control.ts';
import { liveRunCommand } from './live-run.ts';
import { liveStatusCommand } from './live-status.ts';

// Register a subcommand with command(module) from '../command.ts'.
const subcommands: AnyCommand[] = [
  command(liveRunCommand),
  command(liveStatusCommand),
  command(liveHaltCommand),
  command(liveResumeCommand),
  command(liveSkipCommand),
  command(liveAckCommand),
  command(liveDepositCommand),
  command(liveAuditCommand),
  command(liveDashboardCommand),
];

export const liveCommand: CommandModule = {
  command: 'live <command>',
  describe: 'Live runner: run a race day (paper by default), status, halt/resume/skip/ack, deposit, audit verify, dashboard',
  builder: (y: Argv) => {
    let b = y;
    for (const c of subcommands) b = b.command(c);
    return b.demandCommand(1, 'Name a live command.');
  },
  handler: () => {},
};

/**
 * `keiba promote ...`: Promote a config to live on evidence, with status, history and rollback.
 * `keiba promote CONFIG --evidence DIR...` is the group's default command; the others live in
 * their own files `promote-<name>.ts`. Layer: cli.
 */
import type { Argv, CommandModule } from 'yargs';
import { command, type AnyCommand } from '../command.ts';
import { promoteCanaryCommand } from './promote-canary.ts';
import { promoteHistoryCommand } from './promote-history.ts';
import { promoteRollbackCommand } from './promote-rollback.ts';
import { promoteRunCommand } from './promote-run.ts';
import { promoteStatusCommand } from './promote-status.ts';

// Register a subcommand with command(module) from '../command.ts'; the default ($0) one last.
const subcommands: AnyCommand[] = [command(promoteStatusCommand), command(promoteHistoryCommand), command(promoteRollbackCommand), command(promoteCanaryCommand), command(promoteRunCommand)];

export const promoteCommand: CommandModule = {
  command: 'promote',
  describe: 'Promote a config to live on evidence (gates, gradual steps, freeze, canary), with status, history and rollback',
  builder: (y: Argv) => {
    let b = y.usage('$0 promote CONFIG --evidence BACKTEST_DIR SWEEP_DIR --state DIR [options]\n$0 promote status|history|rollback|canary --state DIR');
    for (const c of subcommands) b = b.command(c);
    return b;
  },
  handler: () => {},
};

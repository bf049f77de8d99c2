/**
 * `keiba promote rollback --state DIR --reason TEXT`: aborts a running canary, else returns to
 * the previous accepted config; recorded in the history (and the book's audit log when the
 * folder holds a live book), promoted.json rewritten. Layer: cli (calls the same operator
 * action as the dashboard: OPERATOR_ACTIONS.rollback in src/live/operator-actions.ts).
 */
import type { Argv, CommandModule } from 'yargs';
import { OPERATOR_ACTIONS } from '../../live/index.ts';
import { operatorName } from './promote-run.ts';

interface RollbackArgs {
  state: string;
  reason: string;
  by?: string;
  json: boolean;
}

export const promoteRollbackCommand: CommandModule<object, RollbackArgs> = {
  command: 'rollback',
  describe: 'Abort a running canary, else return to the previous accepted config',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the live book' })
      .option('reason', { type: 'string', demandOption: true, describe: 'why (recorded in the history)' })
      .option('by', { type: 'string', describe: 'who rolls back (default $KEIBA_OPERATOR or the login name)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the record as JSON' }) as unknown as Argv<RollbackArgs>,
  handler: (argv) => {
    const out = OPERATOR_ACTIONS.rollback({ stateDir: argv.state, reason: argv.reason, actor: operatorName(argv.by), source: 'cli' });
    if (argv.json) process.stdout.write(`${JSON.stringify(out.historyRecord, null, 2)}\n`);
    else process.stdout.write(`${out.message}\n`);
  },
};

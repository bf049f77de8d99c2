/**
 * `keiba promote rollback --state DIR --reason TEXT`: aborts a running canary, else returns to
 * the previous accepted config; recorded in the history, promoted.json rewritten.
 * Layer: cli (calls rollbackPromotion).
 */
import type { Argv, CommandModule } from 'yargs';
import { rollbackPromotion } from '../../live/promote/index.ts';
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
    const r = rollbackPromotion(argv.state, { by: operatorName(argv.by), nowMs: Date.now(), reason: argv.reason });
    if (argv.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else if (r.abortedCanary) process.stdout.write(`aborted canary ${String(r.fromConfigHash).slice(0, 12)}; live config stays ${r.configHash.slice(0, 12)} (record ${r.seq})\n`);
    else process.stdout.write(`rolled back ${String(r.fromConfigHash).slice(0, 12)} -> ${r.configHash.slice(0, 12)} (record ${r.seq}); promoted.json updated\n`);
  },
};

/**
 * `keiba promote canary --state DIR [--races N --drawdown D]`: shows the running canary, or
 * feeds what was observed of it (races decided, maximum drawdown) to the canary state machine,
 * which lets it continue, take over (it becomes the promoted config) or aborts it.
 * Layer: cli (calls readPromotionState / observeCanary).
 */
import type { Argv, CommandModule } from 'yargs';
import { observeCanary, PromoteError, readPromotionState } from '../../live/promote/index.ts';
import { operatorName } from './promote-run.ts';

interface CanaryArgs {
  state: string;
  races?: number;
  drawdown?: number;
  by?: string;
  json: boolean;
}

export const promoteCanaryCommand: CommandModule<object, CanaryArgs> = {
  command: 'canary',
  describe: 'Show the running canary, or report its races and drawdown (continue, take over or abort)',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the live book' })
      .option('races', { type: 'number', describe: 'races the canary has decided and settled' })
      .option('drawdown', { type: 'number', describe: "the canary's maximum drawdown so far, a ratio in [0, 1]" })
      .option('by', { type: 'string', describe: 'who reports (default $KEIBA_OPERATOR or the login name)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }) as unknown as Argv<CanaryArgs>,
  handler: (argv) => {
    if ((argv.races === undefined) !== (argv.drawdown === undefined)) {
      throw new PromoteError('PROMOTE_BAD_OPTION', '--races and --drawdown go together (an observation has both)', { field: argv.races === undefined ? 'races' : 'drawdown' });
    }
    if (argv.races === undefined || argv.drawdown === undefined) {
      const c = readPromotionState(argv.state).canary;
      if (argv.json) process.stdout.write(`${JSON.stringify(c ?? null, null, 2)}\n`);
      else process.stdout.write(c === undefined ? 'no canary is running\n' : `canary ${c.configHash} since ${c.since}: one race in ${c.plan.everyKthRace} for ${c.plan.races} races, aborted above ${(c.plan.maxDrawdown * 100).toFixed(1)}% drawdown\n`);
      return;
    }
    const r = observeCanary(argv.state, { racesObserved: argv.races, maxDrawdown: argv.drawdown }, { by: operatorName(argv.by), nowMs: Date.now() });
    if (argv.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else process.stdout.write(`${r.decision.action}: ${r.decision.reason}${r.record !== undefined ? ` (record ${r.record.seq}; promoted.json updated)` : ''}\n`);
  },
};

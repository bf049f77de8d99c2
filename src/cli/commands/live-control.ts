/**
 * `keiba live halt|resume|skip --state DIR --reason TEXT [--race ID]` and `keiba live ack
 * --state DIR --alert ID [--reason TEXT]`: the operator's controls, recorded in the book and its
 * audit log; a running runner reads them before each race. Layer: cli (calls the same
 * operator actions as the dashboard: src/live/operator-actions.ts).
 */
import type { Argv, CommandModule } from 'yargs';
import { OPERATOR_ACTIONS } from '../../live/index.ts';

interface ControlArgs {
  state: string;
  reason: string;
  race?: string;
}

function control(kind: 'halt' | 'resume' | 'skip', describe: string): CommandModule<object, ControlArgs> {
  return {
    command: kind,
    describe,
    builder: (y: Argv) => {
      let b = y
        .option('state', { type: 'string', demandOption: true, describe: 'state folder of the book' })
        .option('reason', { type: 'string', demandOption: true, describe: 'why (recorded in the audit log)' });
      if (kind === 'skip') b = b.option('race', { type: 'string', describe: 'race id to skip (default: the next race decided)' });
      return b as unknown as Argv<ControlArgs>;
    },
    handler: (argv) => {
      const out = OPERATOR_ACTIONS[kind]({ stateDir: argv.state, reason: argv.reason, actor: 'operator', source: 'cli', raceId: argv.race ?? null });
      process.stdout.write(`${out.message}\n`);
    },
  };
}

export const liveHaltCommand = control('halt', 'Halt purchases of a book (recorded in the audit log)');
export const liveResumeCommand = control('resume', 'Resume purchases of a halted book (recorded in the audit log)');
export const liveSkipCommand = control('skip', 'Skip a race, or the next race (recorded in the audit log)');

interface AckArgs {
  state: string;
  alert: number;
  reason?: string;
}

export const liveAckCommand: CommandModule<object, AckArgs> = {
  command: 'ack',
  describe: 'Acknowledge an alert of a book (recorded in the audit log)',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the book' })
      .option('alert', { type: 'number', demandOption: true, describe: 'id of the alert (see the dashboard or GET /api/alerts)' })
      .option('reason', { type: 'string', describe: "why (recorded in the audit log; default 'acknowledged')" }) as unknown as Argv<AckArgs>,
  handler: (argv) => {
    const out = OPERATOR_ACTIONS.ack({ stateDir: argv.state, reason: argv.reason ?? '', actor: 'operator', source: 'cli', alertId: argv.alert });
    process.stdout.write(`${out.message}\n`);
  },
};

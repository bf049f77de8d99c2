/**
 * `keiba live halt|resume|skip --state DIR --reason TEXT [--race ID]`: the operator's controls,
 * recorded in the book and its audit log; a running runner reads them before each race.
 * Layer: cli (calls LiveStore.recordControl).
 */
import type { Argv, CommandModule } from 'yargs';
import { openStore } from '../../live/index.ts';

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
      const store = openStore(argv.state);
      try {
        const rec = store.recordControl(Date.now(), kind, argv.reason, 'operator', argv.race ?? null);
        process.stdout.write(`${kind} recorded (audit record ${rec.seq})${kind === 'skip' ? `: ${argv.race ?? 'the next race'}` : ''}\n`);
      } finally {
        store.close();
      }
    },
  };
}

export const liveHaltCommand = control('halt', 'Halt purchases of a book (recorded in the audit log)');
export const liveResumeCommand = control('resume', 'Resume purchases of a halted book (recorded in the audit log)');
export const liveSkipCommand = control('skip', 'Skip a race, or the next race (recorded in the audit log)');

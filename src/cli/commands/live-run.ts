/**
 * `keiba live run --config FILE --state DIR [--paper] [--replay DATASET --date YYYY-MM-DD --clock simulated]`:
 * runs a race day of a live book. Paper mode is the default; `--no-paper` needs the config to be
 * the promoted one. Layer: cli (calls runLive, prints the day's totals).
 */
import type { Argv, CommandModule } from 'yargs';
import { runLive } from '../../live/index.ts';

interface RunArgs {
  config: string;
  state: string;
  paper: boolean;
  replay?: string;
  date?: string;
  clock: string;
  credentials?: string;
  'inject-faults'?: number;
  seed?: string;
  json: boolean;
}

export const liveRunCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'Run a race day: decide, buy (paper by default), settle; replays a dataset on a simulated clock',
  builder: (y: Argv) =>
    y
      .option('config', { type: 'string', demandOption: true, describe: 'live config JSON ({ themis, accounts, ... } or a bare Themis config)' })
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the book (database, audit log, alerts)' })
      .option('paper', { type: 'boolean', default: true, describe: 'paper purchases (--no-paper: real money, promoted config only)' })
      .option('replay', { type: 'string', describe: 'dataset folder to replay' })
      .option('date', { type: 'string', describe: 'race day to run, YYYY-MM-DD' })
      .option('clock', { type: 'string', choices: ['simulated', 'system'], default: 'simulated', describe: 'clock (a replay runs on the simulated clock)' })
      .option('credentials', { type: 'string', describe: 'credentials JSON file, mode 600 (or KEIBA_LIVE_<ACCOUNT>_<FIELD> variables)' })
      .option('inject-faults', { type: 'number', describe: 'drill: share of purchase calls that fail (errors, timeouts, lost acknowledgements, slow answers)' })
      .option('seed', { type: 'string', describe: 'seed of retry jitter and injected faults (default the date)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' }) as unknown as Argv<RunArgs>,
  handler: async (argv) => {
    const r = await runLive({
      configPath: argv.config,
      stateDir: argv.state,
      paper: argv.paper,
      ...(argv.replay === undefined ? {} : { replayDir: argv.replay }),
      ...(argv.date === undefined ? {} : { date: argv.date }),
      clock: argv.clock as 'simulated' | 'system',
      ...(argv.credentials === undefined ? {} : { credentialsFile: argv.credentials }),
      env: process.env,
      ...(argv['inject-faults'] === undefined ? {} : { faultRate: argv['inject-faults'] }),
      ...(argv.seed === undefined ? {} : { seed: argv.seed }),
    });
    const s = r.summary;
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ note: r.note, configHash: r.configHash, ...s })}\n`);
      return;
    }
    process.stdout.write(
      `${r.note}\n` +
        `${s.date}: ${s.races} races, ${s.decided} decided, ${s.skipped.length} skipped; ` +
        `${s.tickets} tickets: ${s.bought} bought, ${s.failed} failed, ${s.unconfirmed} unconfirmed; ` +
        `staked ${s.stakeYen} yen, returned ${s.returnedYen} yen over ${s.settledRaces} settled races\n` +
        `bankroll ${s.bankrollStartYen} -> ${s.bankrollEndYen} yen${s.halted ? ' (purchases HALTED)' : ''}\n`,
    );
  },
};

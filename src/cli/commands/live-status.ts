/**
 * `keiba live status --state DIR [--date YYYY-MM-DD] [--json]`: bankroll, peak, drawdown state,
 * the day's stake and points by account, orders in flight, last alert. Layer: cli (calls liveStatus).
 */
import type { Argv, CommandModule } from 'yargs';
import { liveStatus, openStore } from '../../live/index.ts';

interface StatusArgs {
  state: string;
  date?: string;
  json: boolean;
}

export const liveStatusCommand: CommandModule<object, StatusArgs> = {
  command: 'status',
  describe: 'Show a book: bankroll, peak, drawdown, the day by account, orders in flight, last alert',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the book' })
      .option('date', { type: 'string', describe: 'day to report (default the last day with orders)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }) as unknown as Argv<StatusArgs>,
  handler: (argv) => {
    const store = openStore(argv.state, { readonly: true });
    try {
      const s = liveStatus(store, argv.date);
      if (argv.json) {
        process.stdout.write(`${JSON.stringify(s)}\n`);
        return;
      }
      const lines = [
        `bankroll ${s.bankrollYen} yen, peak ${s.peakYen} yen, drawdown ${(s.drawdown * 100).toFixed(1)}% (${s.drawdownState})`,
        s.halt.halted ? `purchases HALTED since ${s.halt.since} (${s.halt.source}): ${s.halt.reason}` : 'purchases allowed',
        `${s.date ?? 'no orders yet'}: staked ${s.today.stakeYen} yen, ${s.today.points} points`,
        ...s.today.accounts.map((a) => `  account ${a.account}: ${a.stakeYen} yen, ${a.points} points`),
        `orders in flight: ${s.ordersInFlight.length}; unsettled tickets: ${s.unsettledTickets}`,
        s.lastAlert === null ? 'no alert' : `last alert ${s.lastAlert.at} ${s.lastAlert.level} ${s.lastAlert.code}: ${s.lastAlert.message}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      store.close();
    }
  },
};

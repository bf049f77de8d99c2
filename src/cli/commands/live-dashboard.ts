/**
 * `keiba live dashboard --state DIR [--port 8080] [--host 127.0.0.1] [--stale-after 120]`: serves
 * the operations dashboard of a book until SIGINT or SIGTERM. Prints the URL with the access
 * token in its fragment once at start ($KEIBA_DASHBOARD_TOKEN, else a fresh random token).
 * Layer: cli (calls startDashboard).
 */
import type { Argv, CommandModule } from 'yargs';
import { DASHBOARD_TOKEN_ENV, startDashboard } from '../../live/dashboard/index.ts';

interface DashboardArgs {
  state: string;
  port: number;
  host: string;
  'stale-after': number;
}

export const liveDashboardCommand: CommandModule<object, DashboardArgs> = {
  command: 'dashboard',
  describe: 'Serve the operations dashboard of a book on 127.0.0.1 (status, races, orders, alerts, charts; halt, resume, skip, rollback, ack)',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the book' })
      .option('port', { type: 'number', default: 8080, describe: 'port (0 picks a free one)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'interface to listen on (anything but loopback is warned about)' })
      .option('stale-after', { type: 'number', default: 120, describe: 'seconds without activity of an open run before the runner is shown as stale' })
      .epilogue(`The access token comes from $${DASHBOARD_TOKEN_ENV}, else a random one is printed once. Every /api request needs "Authorization: Bearer <token>".`) as unknown as Argv<DashboardArgs>,
  handler: async (argv) => {
    const fromEnv = (process.env[DASHBOARD_TOKEN_ENV] ?? '') !== '';
    const d = await startDashboard({ stateDir: argv.state, port: argv.port, host: argv.host, staleAfterSeconds: argv['stale-after'] });
    process.stdout.write(`keiba live dashboard: serving ${argv.state} at ${fromEnv ? d.origin : d.url}\n`);
    process.stdout.write(fromEnv ? `access token: from $${DASHBOARD_TOKEN_ENV}\n` : 'access token: in the URL fragment above (printed once; set $KEIBA_DASHBOARD_TOKEN to choose it)\n');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await d.close();
    process.stdout.write('keiba live dashboard: closed\n');
  },
};

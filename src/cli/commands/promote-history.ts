/**
 * `keiba promote history --state DIR`: every promotion, canary outcome and rollback, oldest
 * first, after verifying the hash chain. Layer: cli (calls readPromotionHistory).
 */
import type { Argv, CommandModule } from 'yargs';
import { readPromotionHistory, type PromotionRecord } from '../../live/promote/index.ts';

interface HistoryArgs {
  state: string;
  json: boolean;
}

function line(r: PromotionRecord): string {
  const h = (x: string | null | undefined): string => (x ? x.slice(0, 12) : '-');
  const what =
    r.kind === 'promote'
      ? `promote ${h(r.configHash)} (from ${h(r.fromConfigHash)}${r.canary ? ', canary' : ''}${r.forced ? ', FORCED' : ''}; ${r.gates?.length ?? 0} gates passed; evidence ${(r.evidence ?? []).map((e) => `${e.kind} ${e.summarySha256.slice(0, 12)}`).join(', ')})`
      : r.kind === 'rollback'
        ? `rollback ${r.abortedCanary ? `aborts canary ${h(r.fromConfigHash)}` : `${h(r.fromConfigHash)} -> ${h(r.configHash)}`}`
        : `${r.kind} ${h(r.configHash)}`;
  return `#${r.seq} ${r.at} ${r.by}: ${what}${r.reason ? ` - ${r.reason}` : ''}`;
}

export const promoteHistoryCommand: CommandModule<object, HistoryArgs> = {
  command: 'history',
  describe: 'List the promotion history (verifies its hash chain first)',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the live book' })
      .option('json', { type: 'boolean', default: false, describe: 'print the records as JSON' }) as unknown as Argv<HistoryArgs>,
  handler: (argv) => {
    const records = readPromotionHistory(argv.state);
    if (argv.json) process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    else process.stdout.write(records.length === 0 ? 'no promotion recorded\n' : `${records.map(line).join('\n')}\n`);
  },
};

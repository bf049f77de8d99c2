/**
 * `keiba promote status --state DIR`: the live (accepted) config, a running canary, the configs
 * a rollback returns to, and whether promoted.json agrees with the history. Layer: cli (calls
 * promotionStatus).
 */
import type { Argv, CommandModule } from 'yargs';
import { promotionStatus } from '../../live/promote/index.ts';

interface StatusArgs {
  state: string;
  json: boolean;
}

export const promoteStatusCommand: CommandModule<object, StatusArgs> = {
  command: 'status',
  describe: 'Show the promoted config, a running canary and the rollback targets',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the live book' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }) as unknown as Argv<StatusArgs>,
  handler: (argv) => {
    const s = promotionStatus(argv.state);
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return;
    }
    const lines: string[] = [];
    if (s.current !== null) lines.push(`live config ${s.current.configHash} since ${s.current.since} (record ${s.current.seq})`);
    else if (s.unrecordedPromoted !== null) lines.push(`live config ${s.unrecordedPromoted} from promoted.json (written without history; adopted at the next promote or rollback)`);
    else lines.push('no config is promoted');
    if (s.canary !== null) lines.push(`canary ${s.canary.configHash} since ${s.canary.since}: one race in ${s.canary.everyKthRace} for ${s.canary.races} races, aborted above ${(s.canary.maxDrawdown * 100).toFixed(1)}% drawdown`);
    lines.push(s.previous.length === 0 ? 'no earlier accepted config (nothing to roll back to)' : `rollback returns to ${s.previous[0].configHash} (${s.previous.length} earlier accepted)`);
    lines.push(`${s.records} history records${s.last !== null ? `, last #${s.last.seq} ${s.last.kind} at ${s.last.at} by ${s.last.by}` : ''}; chain verified`);
    if (!s.promotedInSync) lines.push('WARNING: promoted.json does not match the history (run keiba promote rollback or promote again to rewrite it)');
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};

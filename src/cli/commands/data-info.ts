/**
 * `keiba data info DIR [--json]`: summarises a dataset (tables, dates, venues, field sizes,
 * overrounds, scratches, dead heats). Layer: cli.
 */
import type { Argv, CommandModule } from 'yargs';
import { datasetInfo, readDataset, type DatasetInfo } from '../../data/index.ts';

interface InfoArgs {
  dir: string;
  json: boolean;
}

function text(i: DatasetInfo): string {
  const c = i.counts;
  const spread = (s: DatasetInfo['fieldSizes']): string => (s ? `${s.min} / ${s.median} / ${s.max}` : '-');
  const lines = [
    `dataset ${i.dir}`,
    `  source            ${i.source}${i.description ? ` (${i.description})` : ''}`,
    `  created           ${i.created}`,
    `  money             ${i.currency}, payouts ${i.payoutUnit}`,
    `  dates             ${i.dateRange ? `${i.dateRange.from} .. ${i.dateRange.to}` : '-'}`,
    `  races             ${c.races}`,
    `  runners           ${c.runners} (scratched or excluded ${i.scratches})`,
    `  payouts           ${c.payouts}`,
    `  odds snapshots    ${c.oddsSnapshots ?? 'absent'}`,
    `  truth             ${c.truth ?? 'absent'}`,
    `  predictions       ${Object.entries(c.predictions).map(([m, n]) => `${m} (${n})`).join(', ') || 'none'}`,
    `  venues            ${i.venues.map((v) => `${v.venue} ${v.races}`).join(', ') || '-'}`,
    `  field size        min / median / max ${spread(i.fieldSizes)}`,
    `  runners per race  min / median / max ${spread(i.runnersPerRace)}`,
    `  dead heats        ${i.deadHeats} races`,
    `  win overround     ${i.overround.winFinalOdds ? `median ${i.overround.winFinalOdds.median.toFixed(4)} over ${i.overround.winFinalOdds.races} races (final win odds)` : '-'}`,
  ];
  for (const [bt, p] of Object.entries(i.overround.lastSnapshot)) {
    lines.push(`  ${`${bt} overround`.padEnd(18)}median ${p.median.toFixed(4)} over ${p.races} races (last odds snapshot)`);
  }
  lines.push(`  payout pools      ${Object.entries(i.payoutRaces).map(([b, n]) => `${b} ${n}`).join(', ') || '-'}`);
  if (i.missingTables.length > 0) lines.push(`  missing tables    ${i.missingTables.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export const dataInfoCommand: CommandModule<object, InfoArgs> = {
  command: 'info <dir>',
  describe: 'Summarise a dataset folder',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'dataset folder' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }) as unknown as Argv<InfoArgs>,
  handler: async (argv) => {
    const info = datasetInfo(await readDataset(argv.dir));
    process.stdout.write(argv.json ? `${JSON.stringify(info)}\n` : text(info));
  },
};
